import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { historyHtml } from '../../../server/src/core/history/historyReport';
import { clientHistory } from '../../../server/src/core/history/progress';
import { ENGLISH } from '../../../server/src/core/l10n/english';
import { renderHtml } from '../../../server/src/core/render/html';
import { renderMarkdown } from '../../../server/src/core/render/markdown';
import { repoRoot } from '../repoRoot';
import { attr, elements, parseHtml, testEngine, textOf } from './renderHelpers';

const NONCE = 'ZnJlbmNoLXJlcG9ydC1ub25jZQ';
const read = (path: string): string => readFileSync(join(repoRoot(), path), 'utf8');
const PREGNANCY = read('examples/conflicts/pregnancy-no-clearance.soap.yaml');
const CLIENT = ['examples/clean/C-0142-2026-09-08.soap.yaml', 'examples/clean/C-0142-2026-09-15.soap.yaml', 'examples/clean/C-0142-2026-09-22.soap.yaml'];

const texts = (html: string, tag: string): string[] => elements(parseHtml(html)).filter((e) => e.tagName === tag).map((e) => textOf(e).replace(/\s+/g, ' ').trim());

/** The report's and the history page's fixed labels in French; the note's words and the findings as written. */
describe('render: the report and the history page in French', () => {
  const engine = testEngine();
  const analysis = engine.analyze(PREGNANCY);
  const html = renderHtml(analysis, engine.vocabulary, { nonce: NONCE, locale: 'fr' });

  it('declares the page French and titles it in French', () => {
    assert.match(html, /^<!DOCTYPE html>\n<html lang="fr">/);
    assert.equal(texts(html, 'title')[0], 'Note de séance · C-0620 · 2026-08-12');
    assert.deepEqual(texts(html, 'h1'), ['Note de séance · client C-0620']);
  });

  it('names every section in French', () => {
    assert.deepEqual(texts(html, 'h2'), ['Alertes santé (2)', 'Bilan de santé', 'Subjectif', 'Objectif', 'Traitement', 'Analyse', 'Plan de traitement', 'Schéma corporel']);
  });

  it('heads the tables in French, and says clearance is not on file where the condition needs it', () => {
    const heads = texts(html, 'th');
    assert.deepEqual(heads.slice(0, 7), ['Affection', 'Région', 'Côté', 'Statut', 'Autorisation médicale', 'Depuis', 'Remarque']);
    assert.ok(heads.join('|').includes('Technique|Zone|Côté|Pression|Minutes'), heads.join('|'));
    const clearance = elements(parseHtml(html)).find((e) => e.tagName === 'td' && attr(e, 'data-label') === 'Autorisation médicale');
    assert.equal(clearance && textOf(clearance), 'absente du dossier');
  });

  it('keeps the findings and the note in their own words', () => {
    const english = renderHtml(analysis, engine.vocabulary, { nonce: NONCE });
    const messages = (page: string): string[] => elements(parseHtml(page)).filter((e) => e.tagName === 'li' && attr(e, 'id')?.startsWith('alert-')).map((e) => textOf(e).replace(/^\S+ /, '').replace(/, (line|ligne) \d+$/, ''));
    assert.deepEqual(messages(html), messages(english));
    assert.ok(html.includes('Low back ache and calf cramps at night.'));
  });

  it('draws the body map with French captions, side letters and legend', () => {
    const svgText = texts(html, 'text');
    assert.deepEqual(svgText.filter((t) => ['Face', 'Dos', 'D', 'G'].includes(t)), ['Face', 'D', 'G', 'Dos', 'G', 'D']);
    assert.ok(svgText.includes('Traité : deux côtés') && svgText.includes('Affection notée') && svgText.includes('Conflit'), svgText.join('|'));
  });

  it('leaves no English heading, column or fixed sentence of the report', () => {
    const shown = new Set([...texts(html, 'h2'), ...texts(html, 'h3'), ...texts(html, 'th'), ...texts(html, 'p'), ...texts(html, 'dt')]);
    const english = Object.entries(ENGLISH).filter(([key]) => key.startsWith('report.')).map(([, value]) => value);
    // Words French writes the same way (Client, Date, Technique, Minutes, Posture, Total, Addenda) are not English left behind.
    const same = new Set(['Client', 'Date', 'Technique', 'Minutes', 'Posture', 'Total', 'Addenda', 'Allergies']);
    assert.deepEqual(english.filter((e) => shown.has(e) && !same.has(e)), []);
  });

  it('writes the Markdown report in French', () => {
    const md = renderMarkdown(analysis, engine.vocabulary, { locale: 'fr' });
    assert.match(md, /^# Note de séance · client C-0620\n/);
    assert.ok(md.includes('\n## Alertes santé\n'));
    assert.ok(md.includes('| Affection | Région | Côté | Statut | Autorisation médicale | Depuis | Remarque |'));
    assert.ok(md.includes('| pregnancy |   |   | active | **absente du dossier** |'), md);
    assert.ok(md.includes('\n- **Médicaments :** prenatal vitamins\n'));
    assert.ok(md.includes('| Minutes |\n| --- | --- | --- | --- | --- | ---: |'), 'the minutes column stays right-aligned');
    assert.ok(md.includes('_Rapport produit par soapnote'));
  });

  it('keeps English the default', () => {
    const english = renderHtml(analysis, engine.vocabulary, { nonce: NONCE });
    assert.match(english, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.deepEqual(texts(english, 'h2').slice(0, 2), ['Health alerts (2)', 'Health screening']);
    assert.match(renderMarkdown(analysis, engine.vocabulary), /^# Session note · client C-0620\n/);
  });

  it('writes the history page in French', () => {
    const notes = CLIENT.map((path) => ({ path, analysis: engine.analyze(read(path)) }));
    const page = historyHtml(clientHistory('C-0142', notes, '2026-11-21', engine.vocabulary), NONCE, 'fr');
    assert.match(page, /^<!DOCTYPE html>\n<html lang="fr">/);
    assert.deepEqual(texts(page, 'h1'), ['Évolution : C-0142']);
    assert.deepEqual(texts(page, 'th').slice(0, 8), ['Date', 'Visite', 'Douleur avant → après', 'Séance', 'par rapport à la 1re visite', 'Techniques', 'Régions', 'Suivi']);
    assert.match(page, /aria-label="Douleur sur 3 visites"/);
    assert.match(page, /<span>— douleur avant \(rouge\)<\/span>/);
    const english = historyHtml(clientHistory('C-0142', notes, '2026-11-21', engine.vocabulary), NONCE);
    assert.match(english, /^<!DOCTYPE html>\n<html lang="en">/);
    assert.deepEqual(texts(english, 'h1'), ['Progress: C-0142']);
  });
});
