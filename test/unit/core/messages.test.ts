import * as assert from 'node:assert/strict';
import { ENGLISH } from '../../../server/src/core/l10n/english';
import { FRENCH } from '../../../server/src/core/l10n/french';
import { localeOf, message, supportedLocale, translator, type Locale } from '../../../server/src/core/l10n/localize';

const placeholders = (s: string): string => (s.match(/\{\w+\}/g) ?? []).sort().join(',');

/** The server's message catalogue, kept in step as the extension's bundle is (test/unit/manifest.test.ts). */
describe('l10n: the server message catalogue', () => {
  const english = ENGLISH as Readonly<Record<string, string>>;
  const french = FRENCH as Readonly<Record<string, string>>;

  it('has a French entry for every key, with the same placeholders', () => {
    const keys = Object.keys(english);
    assert.ok(keys.length >= 150, `${keys.length} messages`);
    for (const key of keys) {
      const fr = french[key];
      assert.ok(fr, `no French for ${key}`);
      assert.equal(placeholders(fr), placeholders(english[key] ?? ''), key);
    }
  });

  it('has no French entry without an English key', () => {
    assert.deepEqual(Object.keys(french).filter((key) => !(key in english)), []);
  });

  it('gives every counted phrase both its singular and its plural, in both languages', () => {
    const keys = Object.keys(english);
    for (const key of keys.filter((k) => k.endsWith('.one'))) {
      assert.ok(keys.includes(key.replace(/\.one$/, '.other')), `${key} has no .other`);
    }
    for (const key of keys.filter((k) => k.endsWith('.other'))) {
      assert.ok(keys.includes(key.replace(/\.other$/, '.one')), `${key} has no .one`);
      assert.match(english[key] ?? '', /\{count\}/, key);
    }
  });

  it('holds plain text only: nothing HTML or Markdown would read as markup (the renderers insert messages as they are)', () => {
    for (const [key, value] of [...Object.entries(english), ...Object.entries(french)]) {
      assert.doesNotMatch(value, /[<>&"`*_|\\[\]#]/, `${key}: ${JSON.stringify(value)}`);
    }
  });

  const tags: [string | undefined, Locale | undefined, Locale][] = [
    ['fr', 'fr', 'fr'],
    ['fr-CA', 'fr', 'fr'],
    ['fr_FR', 'fr', 'fr'],
    ['FR-ch', 'fr', 'fr'],
    ['en', 'en', 'en'],
    ['en-GB', 'en', 'en'],
    ['de', undefined, 'en'],
    ['pt-BR', undefined, 'en'],
    ['french', undefined, 'en'],
    ['', undefined, 'en'],
    [undefined, undefined, 'en'],
  ];
  for (const [tag, supported, locale] of tags) {
    it(`reads the tag ${JSON.stringify(tag)} as ${String(supported)} (labels in ${locale})`, () => {
      assert.equal(supportedLocale(tag), supported);
      assert.equal(localeOf(tag), locale);
    });
  }

  it('fills placeholders, counts the French way (0 and 1 singular) and writes French decimals with a comma', () => {
    const fr = translator('fr');
    const en = translator('en');
    assert.equal(fr('lens.preview'), 'Aperçu');
    assert.deepEqual([0, 1, 2, 3].map((n) => fr.count('lens.history', n)), ['Historique : 0 visite', 'Historique : 1 visite', 'Historique : 2 visites', 'Historique : 3 visites']);
    assert.deepEqual([0, 1, 2].map((n) => en.count('lens.history', n)), ['History: 0 visits', 'History: 1 visit', 'History: 2 visits']);
    assert.equal(fr('inlay.minutes', { total: 12.5, duration: 30 }), 'traitement 12,5 sur 30 min');
    assert.equal(en('inlay.minutes', { total: 12.5, duration: 30 }), 'treatment 12.5 of 30 min');
    assert.equal(message('fr', 'report.signedBy', { by: 'A. Moreau' }), 'Signée par A. Moreau');
    // A placeholder with no value is left visible rather than dropped.
    assert.equal(message('en', 'report.signedBy'), 'Signed by {by}');
  });
});
