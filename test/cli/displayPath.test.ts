import * as assert from 'node:assert/strict';
import { relative, sep } from 'node:path';
import { displayPath } from '../../server/src/cli/context';

/** What displayPath gave before its fast path: `relative`, when inside the working directory. */
function viaRelative(cwd: string, absolute: string): string {
  const rel = relative(cwd, absolute);
  return rel && !rel.startsWith('..') ? rel : absolute;
}

describe('displayPath: the fast path for paths inside the working directory says what `relative` says', () => {
  const CASES: [cwd: string, absolute: string][] = [
    ['/w', '/w/a/b.soap.yaml'],
    ['/w/', '/w/a.soap.yaml'],
    ['/w', '/w/.hidden.soap.yaml'],
    ['/w', '/w/./a.soap.yaml'],
    ['/w', '/w/a/../b.soap.yaml'],
    ['/w', '/w//a.soap.yaml'],
    ['/w', '/w/a/'],
    ['/w', '/w/a/..'],
    ['/w', '/w/..a/b.soap.yaml'],
    ['/w', '/w'],
    ['/w', '/wx/a.soap.yaml'],
    ['/w', '/other/a.soap.yaml'],
    ['/w/x/..', '/w/a.soap.yaml'],
    ['/', '/a/b.soap.yaml'],
  ];
  for (const [cwd, absolute] of CASES) {
    it(`${cwd} + ${absolute}`, function () {
      if (sep !== '/') {
        this.skip();
      }
      assert.equal(displayPath({ cwd, stdout: () => undefined, stderr: () => undefined, isTTY: false }, absolute), viaRelative(cwd, absolute));
    });
  }
});
