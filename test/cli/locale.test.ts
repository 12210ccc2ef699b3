import * as assert from 'node:assert/strict';
import { join } from 'node:path';
import { repoRoot } from '../unit/repoRoot';
import { soapnote } from './run';

const EXAMPLE = join(repoRoot(), 'examples', 'conflicts', 'pregnancy-no-clearance.soap.yaml');

/** `--locale`: the report's and the history page's labels in French, the findings as they are. */
describe('soapnote render --locale, history --locale', () => {
  it('render --locale fr: a French HTML report (<html lang="fr">), the findings in English', () => {
    const r = soapnote(['render', EXAMPLE, '--locale', 'fr']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<!DOCTYPE html>\n<html lang="fr">/);
    assert.match(r.stdout, /<h2>Alertes santé \(2\)<\/h2>/);
    assert.match(r.stdout, /<th>Autorisation médicale<\/th>/);
    assert.match(r.stdout, /<strong>absente du dossier<\/strong>/);
    assert.match(r.stdout, /Trigger point therapy on the right gastrocnemius/);
  });

  const markdown: [string, string][] = [
    ['fr', '# Note de séance · client C-0620'],
    ['fr-CA', '# Note de séance · client C-0620'],
    ['en', '# Session note · client C-0620'],
  ];
  for (const [locale, heading] of markdown) {
    it(`render --format md --locale ${locale}`, () => {
      const r = soapnote(['render', EXAMPLE, '--format', 'md', '--locale', locale]);
      assert.equal(r.code, 0, r.stderr);
      assert.equal(r.stdout.split('\n')[0], heading);
    });
  }

  it('render without --locale stays English', () => {
    const r = soapnote(['render', EXAMPLE]);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.match(r.stdout, /<h2>Health alerts \(2\)<\/h2>/);
  });

  it('render --locale de: a usage error (exit 2), not a report in a language nobody asked for', () => {
    const r = soapnote(['render', EXAMPLE, '--locale', 'de']);
    assert.equal(r.code, 2);
    assert.equal(r.stdout, '');
    assert.match(r.stderr, /unknown --locale 'de': use en or fr/);
  });

  it('history --format html --locale fr: the progress page in French', () => {
    const r = soapnote(['history', 'C-0142', 'examples/clean', '--format', 'html', '--locale', 'fr']);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /<html lang="fr">/);
    assert.match(r.stdout, /<h1>Évolution : C-0142<\/h1>/);
  });
});
