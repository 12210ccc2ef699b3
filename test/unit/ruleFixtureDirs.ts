import { join } from 'node:path';
import { repoRoot } from './repoRoot';

/** The folders of rule fixture pairs: the test suite's own, and the ones the knowledge base ships for `soapnote test --builtin`. */
export function ruleFixtureDirs(): string[] {
  return [join(repoRoot(), 'test', 'fixtures', 'rules'), join(repoRoot(), 'server', 'knowledge', 'fixtures')];
}
