import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { DEFAULT_SEVERITY, isIntegrityRule } from '../server/src/core/ruleDefaults';
import { RuleId } from '../server/src/core/ruleIds';

/** One rule id as the `soapnote.rules` setting describes it (completion and hover in settings.json). */
export interface RuleSetting {
  type: 'string';
  enum: string[];
  markdownDescription: string;
}

const SEVERITIES = ['error', 'warning', 'information', 'hint', 'off'];

/** The doc comment above each `name: 'rule.id'` in ruleIds.ts, by rule id. */
function ruleDocs(source: string): Map<string, string> {
  const docs = new Map<string, string>();
  for (const m of source.matchAll(/\/\*\*\s*([\s\S]*?)\s*\*\/\s*\n\s*\w+: '([^']+)'/g)) {
    docs.set(m[2] as string, (m[1] as string).replace(/\s*\n\s*\*\s*/g, ' '));
  }
  return docs;
}

/** Every rule id with its description, default severity and whether it can be lowered: the settings schema of `soapnote.rules`. */
export function ruleSettings(root: string): Record<string, RuleSetting> {
  const docs = ruleDocs(readFileSync(join(root, 'server', 'src', 'core', 'ruleIds.ts'), 'utf8'));
  const out: Record<string, RuleSetting> = {};
  for (const id of Object.values(RuleId)) {
    const base = DEFAULT_SEVERITY[id] ?? 'error';
    const integrity = isIntegrityRule(id);
    const doc = (docs.get(id) ?? '').replace(/ Integrity: cannot be lowered\./, '');
    out[id] = {
      type: 'string',
      // An integrity rule offers only what it may be set to: its default or louder.
      enum: integrity ? SEVERITIES.slice(0, SEVERITIES.indexOf(base) + 1) : SEVERITIES,
      markdownDescription: `${doc} Default \`${base}\`.${integrity ? ' An integrity rule: it cannot be lowered.' : ''}`,
    };
  }
  return out;
}

// `node out/scripts/manifestRules.js`: writes the list into package.json (test/unit/manifest.test.ts checks it is current).
if (require.main === module) {
  const root = join(__dirname, '..', '..');
  const path = join(root, 'package.json');
  const manifest = JSON.parse(readFileSync(path, 'utf8')) as { contributes: { configuration: { properties: Record<string, { properties?: unknown }> } } };
  const rules = manifest.contributes.configuration.properties['soapnote.rules'];
  if (!rules) {
    throw new Error('package.json has no soapnote.rules setting');
  }
  rules.properties = ruleSettings(root);
  writeFileSync(path, JSON.stringify(manifest, null, 2) + '\n');
  console.log(`package.json: soapnote.rules lists ${Object.keys(rules.properties as object).length} rule ids`);
}
