import * as assert from 'node:assert/strict';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { bigSuggestCase } from '../../scripts/generateSuggestCase';
import { soapnote, tempDir } from '../cli/run';

describe('reliability: bounded suggestions', () => {
  // Was: every unknown term compared with every vocabulary term of similar length (minutes of CPU).
  // The time limit is generous on purpose (a loaded CI machine); `npm run bench` measures it.
  it('checks a ~1 MB note of 3,390 long unknown terms against a ~1 MB pack of 3,270 long names, through the real CLI', function () {
    this.timeout(120_000);
    const { pack, note } = bigSuggestCase();
    assert.ok(pack.length > 950_000 && pack.length < 1_000_000, `pack ${pack.length}`);
    assert.ok(note.length > 900_000 && note.length < 1_000_000, `note ${note.length}`);
    const dir = tempDir();
    mkdirSync(join(dir, '.soapnote'));
    writeFileSync(join(dir, '.soapnote', 'long.yaml'), pack);
    writeFileSync(join(dir, '.soapnote', 'config.yaml'), 'packs: [.soapnote/long.yaml]\n');
    writeFileSync(join(dir, 'big.soap.yaml'), note);
    const r = soapnote(['check', '--format', 'json'], dir);
    assert.equal(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { files: { path: string; findings: { ruleId: string }[] }[] };
    assert.deepEqual(out.files.map((f) => f.path), ['big.soap.yaml'], 'the pack itself is valid');
    const findings = out.files[0]?.findings ?? [];
    assert.equal(findings.length, 3390);
    assert.ok(findings.every((f) => f.ruleId === 'vocabulary.unknown-term'));
  });
});
