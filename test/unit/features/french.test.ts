import * as assert from 'node:assert/strict';
import type { CompletionItem } from 'vscode-languageserver-types';
import { codeLenses } from '../../../server/src/core/features/codeLens';
import { complete } from '../../../server/src/core/features/completion';
import { inlayHints } from '../../../server/src/core/features/inlayHints';
import type { NoteGrade } from '../../../server/src/core/grading/grade';
import { gradeLensTitle } from '../../../server/src/core/grading/gradeLens';
import type { Locale } from '../../../server/src/core/l10n/localize';
import { signNote } from '../../../server/src/core/sign';
import { nodeHost } from '../../../server/src/node/nodeHost';
import { HEADER, testEngine, withCursor } from './helpers';

const URI = 'file:///notes/C-0142-2026-11-20.soap.yaml';
const WHOLE = { start: { line: 0, character: 0 }, end: { line: 10_000, character: 0 } };
const CLEAN = `${HEADER}duration: 30\ntreatment:\n  - {technique: effleurage, target: erector spinae, side: bilateral, pressure: moderate, minutes: 20}\n  - {technique: petrissage, target: upper trapezius, pressure: 4, minutes: 15}\n  - {technique: effleurage, target: gastrocnemius}\n`;

function signed(text: string): string {
  const outcome = signNote(text, testEngine().analyze(text), 'J. Lee, RMT', '2026-11-20T18:05:00Z', nodeHost().sha256);
  if ('refused' in outcome) {
    throw new Error(outcome.refused);
  }
  return outcome.text;
}

const titles = (doc: string, locale: Locale | undefined, visits: number): string[] =>
  codeLenses({ uri: URI, analysis: testEngine().analyze(doc), visits, ...(locale ? { locale } : {}) }).map((l) => l.command?.title ?? '?');

/** The editor features' labels in French (`locale: 'fr'`); English stays the default (the other feature tests pin it). */
describe('features in French', () => {
  const lensCases: [string, string, number, string[]][] = [
    ['an unsigned note', CLEAN, 3, ['Aperçu', 'Signer', 'Historique : 3 visites']],
    ['one visit (and French counts 1 as singular)', CLEAN, 1, ['Aperçu', 'Signer', 'Historique : 1 visite']],
    ['a signed note', signed(CLEAN), 2, ['Aperçu', 'Signée par J. Lee, RMT', 'Historique : 2 visites']],
    ['a signed note edited since', signed(CLEAN).replace('minutes: 20', 'minutes: 25'), 2, ['Aperçu', 'La signature ne correspond plus : voir Problèmes', 'Historique : 2 visites']],
  ];
  for (const [name, doc, visits, expected] of lensCases) {
    it(`code lens titles: ${name}`, () => {
      assert.deepEqual(titles(doc, 'fr', visits), expected);
    });
  }

  it('code lens titles default to English', () => {
    assert.deepEqual(titles(CLEAN, undefined, 3), ['Preview', 'Sign', 'History: 3 visits']);
  });

  it('inlay hints: the Walton level, the pack word after a written level, minutes against duration', () => {
    const hints = inlayHints(testEngine().analyze(CLEAN), testEngine().vocabulary, WHOLE, 'fr');
    assert.deepEqual(hints.map((h) => [h.position.line, h.label]), [
      [4, 'traitement 35 sur 30 min, dépassement de 5, 1 entrée sans minutes'],
      [6, 'niveau de Walton 3'],
      [7, 'firm'],
    ]);
  });

  it('inlay hints: fractions of minutes with a decimal comma, several entries without minutes in the plural', () => {
    const doc = `${HEADER}duration: 30\ntreatment:\n  - {technique: effleurage, minutes: 12.5}\n  - {technique: petrissage}\n  - {technique: effleurage}\n`;
    const hints = inlayHints(testEngine().analyze(doc), testEngine().vocabulary, WHOLE, 'fr');
    assert.deepEqual(hints.map((h) => h.label), ['traitement 12,5 sur 30 min, 2 entrées sans minutes']);
  });

  const detail = (marked: string, label: string): CompletionItem | undefined => {
    const { text, position } = withCursor(marked);
    return complete(text, position, testEngine().analyze(text), testEngine().vocabulary, { today: '2026-11-20', locale: 'fr' }).items.find((i) => i.label === label);
  };
  const detailCases: [string, string, string, string][] = [
    ['a pressure word', `${HEADER}treatment:\n  - technique: effleurage\n    pressure: |\n`, 'light', 'niveau de Walton 2'],
    ['a pressure level', `${HEADER}treatment:\n  - technique: effleurage\n    pressure: |\n`, '3', 'moderate (niveau de Walton 3)'],
    ['a pressure over an anticoagulant cap', `${HEADER}health:\n  medications: [warfarin]\ntreatment:\n  - technique: effleurage\n    pressure: |\n`, 'deep', '⚠ au-delà de la pression maximale (moderate) : warfarin (anticoagulant, vitamin K antagonist)'],
    ['a technique barred by an anticoagulant', `${HEADER}health:\n  medications: [warfarin]\ntreatment:\n  - technique: |\n    target: erector spinae\n`, 'deep tissue massage', '⚠ contre-indiqué : warfarin (anticoagulant, vitamin K antagonist)'],
    ['a technique', `${HEADER}treatment:\n  - technique: effl|\n`, 'effleurage', 'technique · pression habituelle light (niveau de Walton 2)'],
    ['a required key', `${HEADER.replace('date: 2026-11-20\n', '')}|`, 'date', 'obligatoire · texte'],
    ['a section key', `${HEADER}|`, 'treatment', 'liste'],
    ['a condition status', `${HEADER}health:\n  conditions:\n    - condition: asthma\n      status: |\n`, 'active', 'statut de l’affection (par défaut)'],
    ['clearance', `${HEADER}health:\n  conditions:\n    - condition: asthma\n      clearance: |\n`, 'true', 'autorisation médicale au dossier'],
    ['the next visit', `${HEADER}plan:\n  next_visit: |\n`, '2026-11-27', '1 semaine après la séance'],
    ['the next visit in two weeks', `${HEADER}plan:\n  next_visit: |\n`, '2026-12-04', '2 semaines après la séance'],
    ['today', `${HEADER.replace('date: 2026-11-20\n', '')}date: |\n`, '2026-11-20', 'aujourd’hui'],
  ];
  for (const [name, doc, label, expected] of detailCases) {
    it(`completion detail: ${name}`, () => {
      const item = detail(doc, label);
      assert.ok(item, `no item ${label}`);
      assert.equal(item.detail, expected);
    });
  }

  it('completion: a snippet has a French name and is still found by its English words', () => {
    const { text, position } = withCursor(`${HEADER}treatment:\n  |`);
    const items = complete(text, position, testEngine().analyze(text), testEngine().vocabulary, { locale: 'fr' }).items;
    const snippet = items.find((i) => i.label === 'nouvelle entrée de traitement');
    assert.ok(snippet, items.map((i) => i.label).join(', '));
    assert.match(snippet.filterText ?? '', /^technique treatment entry nouvelle /);
  });

  it('the grade lens title', () => {
    const grade: NoteGrade = {
      status: 'graded',
      score: 12,
      max: 13,
      criteria: [
        { id: 'signed', check: 'signed', points: 1, met: false, message: 'Sign the note.' },
        { id: 'home-care', check: 'home-care', points: 1, met: true, message: 'Give home care.' },
      ],
    };
    assert.equal(gradeLensTitle({ grade }, 'fr'), 'Évaluation 12/13 · critères manqués : signed');
    assert.equal(gradeLensTitle({ grade }), 'Grade 12/13 · missed: signed');
    assert.equal(gradeLensTitle({ grade: { status: 'not-graded', reason: 'YAML syntax error', max: 13 } }, 'fr'), 'Évaluation : non évaluée (YAML syntax error)');
    assert.equal(gradeLensTitle({ problem: 'no checks' }, 'fr'), 'Évaluation : la grille est inutilisable (no checks)');
    assert.equal(gradeLensTitle({}, 'fr'), undefined);
  });
});
