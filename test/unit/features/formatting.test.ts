import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { addendNote } from '../../../server/src/core/addend';
import { formatNote } from '../../../server/src/core/features/formatting';
import { signNote } from '../../../server/src/core/sign';
import { nodeHost } from '../../../server/src/node/nodeHost';
import { canonicalJson } from '../../../server/src/core/integrity';
import { repoRoot } from '../repoRoot';
import { HEADER, testEngine } from './helpers';

/** The text with every column of block structure doubled: `  - a` -> `    -   a` (four-space style, wide dashes). */
function doubled4(text: string): string {
  return text.replace(/^( *)((?:- +)*)/gm, (_, indent: string, dashes: string) => {
    let out = ' '.repeat(indent.length * 2);
    let column = indent.length;
    for (const dash of dashes.match(/- +/g) ?? []) {
      out += `-${' '.repeat(2 * (column + dash.length) - 2 * column - 1)}`;
      column += dash.length;
    }
    return out;
  });
}

/** Every note file under `dir`. */
function notesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? notesUnder(path) : name.endsWith('.soap.yaml') ? [path] : [];
  });
}

/** The text after the formatter's edits. */
function format(text: string): string {
  const doc = TextDocument.create('file:///n.soap.yaml', 'soapnote', 1, text);
  return TextDocument.applyEdits(doc, formatNote(text));
}

interface Case {
  name: string;
  input: string;
  /** The formatted text; `null`: no edits at all. */
  output: string | null;
}

const cases: Case[] = [
  {
    name: 'four-space indentation becomes two, at every level',
    input: `${HEADER}health:\n    conditions:\n        - condition: varicose veins\n          region: lower leg\nsubjective:\n    complaint: low back pain\n`,
    output: `${HEADER}health:\n  conditions:\n    - condition: varicose veins\n      region: lower leg\nsubjective:\n  complaint: low back pain\n`,
  },
  {
    name: 'trailing white space goes, blank lines become empty',
    input: `${HEADER}subjective:  \n  complaint: neck pain\t \n   \nplan:\n  frequency: weekly \n`,
    output: `${HEADER}subjective:\n  complaint: neck pain\n\nplan:\n  frequency: weekly\n`,
  },
  {
    name: 'a dash with extra spaces: one space, the entry\'s keys under its first',
    input: `${HEADER}treatment:\n  -   technique: effleurage\n      target: erector spinae\n  -    technique: petrissage\n       minutes: 10\n`,
    output: `${HEADER}treatment:\n  - technique: effleurage\n    target: erector spinae\n  - technique: petrissage\n    minutes: 10\n`,
  },
  {
    name: 'comments kept, each with the line it comments or in its block',
    input: `# intake note\n${HEADER}health:\n      # the client's own words\n      conditions:\n          - condition: varicose veins # left more than right\n            # seen by GP\n            region: lower leg\n        # end of conditions\n# closing remark\n`,
    output: `# intake note\n${HEADER}health:\n  # the client's own words\n  conditions:\n    - condition: varicose veins # left more than right\n      # seen by GP\n      region: lower leg\n    # end of conditions\n# closing remark\n`,
  },
  {
    name: 'key order and a compact list (dash under the key) kept as written',
    input: `${HEADER}plan:\n   next_visit: 2026-11-27\n   frequency: weekly\nallergies_note: none\ntreatment:\n- technique: effleurage\n  target: calf\n`,
    output: `${HEADER}plan:\n  next_visit: 2026-11-27\n  frequency: weekly\nallergies_note: none\ntreatment:\n- technique: effleurage\n  target: calf\n`,
  },
  {
    name: 'a flow list kept as written; its lines move with its start',
    input: `${HEADER}objective:\n    findings: [{target: upper trapezius,   finding: hypertonic},\n               {target: levator scapulae, finding: trigger point}]\n`,
    output: `${HEADER}objective:\n  findings: [{target: upper trapezius,   finding: hypertonic},\n             {target: levator scapulae, finding: trigger point}]\n`,
  },
  {
    name: 'a block scalar moves with its key, its own indentation and trailing spaces kept',
    input: `${HEADER}subjective:\n    complaint: |\n        Pain since Monday.  \n          Worse on waking.\n\n        Better with heat.\n    pain: 6\n`,
    output: `${HEADER}subjective:\n  complaint: |\n    Pain since Monday.  \n      Worse on waking.\n\n    Better with heat.\n  pain: 6\n`,
  },
  {
    name: 'a block scalar with an indentation indicator',
    input: `${HEADER}subjective:\n    complaint: |2\n          indented two more\n    pain: 6\n`,
    output: `${HEADER}subjective:\n  complaint: |2\n        indented two more\n  pain: 6\n`,
  },
  {
    name: 'a plain scalar over several lines moves with its start',
    input: `${HEADER}subjective:\n    complaint: pain in the low back that\n      radiates to the left buttock   \n    pain: 6\n`,
    output: `${HEADER}subjective:\n  complaint: pain in the low back that\n    radiates to the left buttock\n  pain: 6\n`,
  },
  {
    name: 'a quoted scalar over several lines, with a colon and a hash inside',
    input: `${HEADER}subjective:\n    complaint: "pain: sharp # not a comment\n       and constant"\n`,
    output: `${HEADER}subjective:\n  complaint: "pain: sharp # not a comment\n     and constant"\n`,
  },
  {
    name: 'a final newline is added',
    input: `${HEADER}plan:\n    frequency: weekly`,
    output: `${HEADER}plan:\n  frequency: weekly\n`,
  },
  {
    name: 'CRLF line ends are kept',
    input: 'soapnote: 1\r\nclient: C-0142\r\nplan:\r\n    frequency: weekly  \r\n',
    output: 'soapnote: 1\r\nclient: C-0142\r\nplan:\r\n  frequency: weekly\r\n',
  },
  {
    name: 'a block scalar as a list item',
    input: `${HEADER}extra:\n    -   |\n          text\n            more\n`,
    output: `${HEADER}extra:\n  - |\n    text\n      more\n`,
  },
  {
    name: 'nested lists in lists',
    input: `${HEADER}extra:\n    -   - a\n        - b\n    - c\n`,
    output: `${HEADER}extra:\n  - - a\n    - b\n  - c\n`,
  },
  { name: 'an already formatted note: no edits', input: `${HEADER}treatment:\n  - {technique: effleurage, target: calf} # flow entry\n  - technique: petrissage\n    minutes: 10\n`, output: null },
  { name: 'a YAML syntax error: no edits', input: `${HEADER}subjective:\n    complaint: [neck pain\n    pain: 6\n`, output: null },
  { name: 'a duplicate key: no edits', input: `${HEADER}plan:\n    frequency: weekly\n    frequency: monthly\n`, output: null },
  { name: 'an alias: no edits', input: `${HEADER}plan: &p\n    frequency: weekly\nnext: *p\n`, output: null },
  { name: 'an empty file: no edits', input: '', output: null },
  { name: 'a lone CR (a line break to the editor): no edits', input: 'soapnote: 1\rplan:\n    frequency: weekly\n', output: null },
];

describe('features/formatting', () => {
  for (const c of cases) {
    it(c.name, () => {
      if (c.output === null) {
        assert.deepEqual(formatNote(c.input), []);
      } else {
        assert.equal(format(c.input), c.output);
        assert.deepEqual(formatNote(c.output), [], 'formatting twice changes nothing');
      }
    });
  }

  describe('signed notes: the signature still holds', () => {
    const engine = testEngine();
    const sha256 = nodeHost().sha256;
    const messy = `${HEADER}subjective:\n    complaint: |\n        Pain since Monday.  \n    pain: 6   \ntreatment:\n    -   technique: effleurage  # warm-up\n        target: erector spinae\n        minutes: 10\n`;
    const signed = (): string => {
      const outcome = signNote(messy, engine.analyze(messy), 'J. Lee, RMT', '2026-11-20T18:05:00Z', sha256);
      assert.ok('text' in outcome, JSON.stringify(outcome));
      return outcome.text;
    };
    const signatureFindings = (text: string): string[] => engine.analyze(text).findings.filter((f) => f.ruleId.startsWith('signature.')).map((f) => f.message);

    it('a signed note is formatted and its hash is still valid', () => {
      const before = signed();
      assert.deepEqual(signatureFindings(before), []);
      const after = format(before);
      assert.notEqual(after, before, 'something was formatted');
      assert.match(after, /\ntreatment:\n  - technique: effleurage {2}# warm-up\n {4}target: erector spinae\n/);
      assert.match(after, /\n {4}Pain since Monday\. {2}\n/);
      assert.equal(engine.analyze(after).note.signed?.sha256?.value, engine.analyze(before).note.signed?.sha256?.value);
      assert.deepEqual(signatureFindings(after), []);
    });

    it('a signed note with addenda: the chain still holds', () => {
      const outcome = addendNote(signed(), engine.analyze(signed()), { by: 'J. Lee, RMT', at: '2026-11-21T09:00:00Z', text: 'Client called: soreness gone.' }, sha256);
      assert.ok('text' in outcome, JSON.stringify(outcome));
      const after = format(outcome.text.replace('\n  - by:', '\n  -   by:'));
      assert.deepEqual(engine.analyze(after).findings.filter((f) => f.severity === 'error'), []);
    });
  });

  it('every example, clean-corpus and rule-fixture note, as written and with its indentation doubled: same data and findings, formatting twice changes nothing', () => {
    const engine = testEngine();
    const root = repoRoot();
    const files = [...notesUnder(join(root, 'examples')), ...notesUnder(join(root, 'test', 'fixtures', 'clean-corpus')), ...notesUnder(join(root, 'test', 'fixtures', 'rules'))];
    assert.ok(files.length > 50, `${files.length} notes`);
    const summary = (text: string): string => {
      const a = engine.analyze(text);
      return canonicalJson({ data: a.note.data, findings: a.findings.map((f) => [f.ruleId, f.severity, f.message, f.range.start.line]) });
    };
    let doubled = 0;
    let restored = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const messy = doubled4(text);
      for (const input of summary(messy) === summary(text) ? [text, messy] : [text]) {
        doubled += input === messy && messy !== text ? 1 : 0;
        const once = format(input);
        restored += input === messy && messy !== text && once === format(text) ? 1 : 0;
        assert.equal(summary(once), summary(input), file);
        assert.equal(format(once), once, `${file}: formatting twice`);
      }
    }
    assert.ok(doubled > 20, `${doubled} notes with doubled indentation`);
    // The doubled note formats back as the original formats (all but the notes with YAML errors, which are never formatted).
    assert.ok(restored > doubled * 0.9, `${restored} of ${doubled} doubled notes formatted back`);
  });
});
