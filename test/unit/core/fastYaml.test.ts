import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parsePlainBlockYaml } from '../../../server/src/core/fastYaml';
import { PARSE_OPTIONS } from '../../../server/src/core/parse';
import { generateClientNotes, generateLongNote, generateNote } from '../../../scripts/generateNotes';
import { repoRoot } from '../repoRoot';
import { fastReaderOutcome } from './yamlTreeDiff';

/** 'fast' when the fast reader read the text to the very tree parseDocument builds, 'declined' when it declined; fails otherwise. */
function outcome(text: string): 'fast' | 'declined' {
  const result = fastReaderOutcome(text);
  if (result instanceof Error) {
    assert.fail(result.message);
  }
  return result;
}

/** Every YAML file in the repository outside node_modules, out and .git. */
function repositoryYamlFiles(dir = repoRoot()): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (['node_modules', 'out', 'dist', '.git', '.cache'].includes(entry.name)) {
      continue;
    }
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      out.push(...repositoryYamlFiles(path));
    } else if (entry.isFile() && /\.ya?ml$/.test(entry.name)) {
      out.push(path);
    }
  }
  return out.sort();
}

describe('the fast YAML reader: the tree parseDocument builds, or it declines', () => {
  it('every YAML file in the repository: the same tree or declined, most notes on the fast path', () => {
    const files = repositoryYamlFiles();
    assert.ok(files.length > 100, `only ${files.length} YAML files found`);
    const outcomes = files.map((file) => outcome(readFileSync(file, 'utf8')));
    const fast = outcomes.filter((o) => o === 'fast').length;
    // Most files are plain block YAML; the rest hold comments, block scalars or deliberately broken YAML.
    assert.ok(fast > files.length / 2, `only ${fast} of ${files.length} files took the fast path`);
    // The example notes, comments and all, are the kind of note the reader is for; so are the same with Windows line ends.
    const examples = files.filter((f) => relative(repoRoot(), f).startsWith('examples/') && f.endsWith('.soap.yaml'));
    assert.deepEqual(examples.filter((f) => outcome(readFileSync(f, 'utf8')) !== 'fast').map((f) => relative(repoRoot(), f)), []);
    assert.deepEqual(examples.filter((f) => outcome(readFileSync(f, 'utf8').replace(/\n/g, '\r\n')) !== 'fast').map((f) => `${relative(repoRoot(), f)} (CRLF)`), []);
  });

  it('generated notes (the benchmark corpus, long notes, client histories) and notes from the templates all take the fast path', () => {
    const templatesDir = join(repoRoot(), 'server', 'templates');
    const fromTemplates = readdirSync(templatesDir).map((name) => readFileSync(join(templatesDir, name), 'utf8').replace(/\{\{[^}]*\}\}/g, 'x'));
    const texts = [...Array.from({ length: 300 }, (_, i) => generateNote(i, 1 + (i % 6))), generateLongNote(2_000), ...generateClientNotes(5, 4).map((n) => n.text), ...fromTemplates];
    for (const text of texts) {
      assert.equal(outcome(text), 'fast', text.slice(0, 200));
    }
  });

  const accepted: { name: string; text: string }[] = [
    { name: 'scalar types of the core schema', text: 'a: ~\nb: null\nc: true\nd: False\ne: 0x1F\nf: 0o17\ng: 1.50\nh: .inf\ni: .NaN\nj: .nan\nk: 1e3\nl: -12\nm: +7\n' },
    { name: 'strings that look like other things', text: 'date: 2026-11-20\ntime: 10:30\nurl: x:y\ntext: client\'s "quoted" words\nid: C-0142\nsign: -x\n' },
    { name: 'quoted scalars, empty and not', text: 'a: ""\nb: \'\'\nc: "with: colon, comma # not a comment here"\nd: \'single "double" inside\'\n'.replace(' # not a comment here', '') },
    { name: 'extra spaces before a value and trailing spaces', text: 'a:    value   \nb: 1  \n' },
    { name: 'empty values: before a dedent, at the end, with and without a final newline', text: 'a:\n  b:\nc:\nd:' },
    { name: 'empty value at the very end with a newline', text: 'a: 1\nb:\n' },
    { name: 'blank lines between entries and at the end', text: 'a: 1\n\n\nb:\n  c: 2\n\n  d: 3\n\n\n' },
    { name: 'block sequences, plain and of compact maps, with blank lines', text: 'list:\n  - one\n  - 2\n\n  - {x: 1, y: two}\n  - [a, b , c]\n  - key: v\n    other: w\n\n  - key:\n    other: 3\n' },
    { name: 'a sequence at the top', text: '- a\n- b: 1\n  c: 2\n' },
    { name: 'a nested sequence under a compact map', text: 'treatment:\n  - technique: effleurage\n    targets:\n      - gastroc\n      - soleus\n' },
    { name: 'quoted scalars in flow collections', text: 'rom:\n  - {movement: lumbar flexion, note: "tightness, no sharp pain"}\n  - {note: \'a: b\' , x: "[y]"}\n  - ["a, b", \'\', ""]\n' },
    { name: 'flow collections with odd spacing', text: 'a: [ x ,y,  z ]\nb: {k: v,  l:  w }\nc: []\nd: [ ]\n' },
    { name: 'no final newline', text: 'soapnote: 1\nclient: C-1' },
    { name: 'a key of 1024 characters', text: `${'k'.repeat(1024)}: v\n` },
    { name: 'non-ASCII values', text: 'a: café, naïve — 💆 pain\nb: "é"\n' },
    { name: 'duplicate keys (reported later by the engine, not the parser)', text: 'a: 1\na: 2\n' },
    { name: 'quotes inside plain scalars in flow collections', text: "home_care: [Follow the physician's advice, a \"b\" c]\n" },
    { name: 'a header comment on the first key', text: '# Follow-up visit\n#\nsoapnote: 1\n' },
    { name: 'a header comment on the document (a blank line after it)', text: '# Follow-up visit\n\n\nsoapnote: 1\n' },
    { name: 'comments at the end of scalar and flow lines', text: 'a: 1  # c  \nb: "x # y" # z\nc: x#y #\nd: [x] # c\ne:\n  - x # c\n  - k: v # c\n' },
    { name: 'comments after empty values, before a key, a dedent, blank lines and the end', text: 'a:\n  pain:      # NPRS 0-10\n  notes:  # c\n\nb:\n  x:  # c\n\n\nc:   # end' },
    { name: 'comment lines between entries, with blank lines before, among and after them', text: 'a: 1\n# c\nb: 2\n\n# d\n\n# e\n\nc:\n  x: 1\n  # f\n  y: 2\n# g\nd: 3\n' },
    { name: 'blank lines after an empty value before a dedent and at the end', text: 'a:\n  x:\n\nb:\n  y:\n\n' },
    { name: 'CRLF line ends, with comments and blank lines', text: '# h\r\n# i\r\nsoapnote: 1\r\n\r\n# c\r\n\r\n# d\r\na:\r\n  pain:   # NPRS\r\n\r\n\r\nb: [x, y] # e\r\nc: "q"' },
  ];
  for (const { name, text } of accepted) {
    it(`reads ${name} to the same tree`, () => assert.equal(outcome(text), 'fast'));
  }

  const declined: { name: string; text: string }[] = [
    { name: 'a comment line before a sequence entry', text: 'a:\n  - x\n  # c\n  - y\n' },
    { name: 'a comment line after a key with no value', text: 'a:\n  # c\n  x: 1\n' },
    { name: 'a comment line at the end', text: 'a: 1\n# c\n' },
    { name: 'a comment line at another column than the next key', text: 'a:\n  x: 1\n  # c\nb: 2\n' },
    { name: 'a comment after an empty value with a nested block', text: 'a:  # c\n  x: 1\n' },
    { name: 'a header comment, a blank line and another comment', text: '# h\n\n# c\na: 1\n' },
    { name: 'a comment-only text', text: '# c\n' },
    { name: 'a # right after a closing quote', text: 'a: "x"#c\n' },
    { name: 'a comment inside or after a flow collection with quotes', text: 'a: ["x # y"] # c\n' },
    { name: 'a # inside a flow collection', text: 'a: [x #y]\n' },
    { name: 'a tab', text: 'a:\tb\n' },
    { name: 'mixed line ends', text: 'a: 1\r\nb: 2\n' },
    { name: 'a CR alone', text: 'a: 1\rb: 2\n' },
    { name: 'a byte-order mark', text: '\ufeffa: 1\n' },
    { name: 'a NEL or line separator', text: 'a: x\u0085y\nb: x\u2028y\n' },
    { name: 'a literal block scalar', text: 'a: |\n  text\n' },
    { name: 'a folded block scalar', text: 'a: >-\n  text\n' },
    { name: 'an anchor and alias', text: 'a: &x 1\nb: *x\n' },
    { name: 'a tag', text: 'a: !!str 1\n' },
    { name: 'an explicit key', text: '? a\n: 1\n' },
    { name: 'a multi-line plain scalar', text: 'a: one\n  two\n' },
    { name: 'a multi-line flow collection', text: 'a: [x,\n  y]\n' },
    { name: 'a document start marker', text: '---\na: 1\n' },
    { name: 'a document end marker', text: 'a: 1\n...\n' },
    { name: 'a line of spaces only', text: 'a: 1\n  \nb: 2\n' },
    { name: 'a key of 1025 characters (an error for the yaml package)', text: `${'k'.repeat(1025)}: v\n` },
    { name: 'a key with no space after the colon', text: 'a:b\n' },
    { name: 'a key and value with a colon-space in the value', text: 'a: b: c\n' },
    { name: 'a value ending in a colon', text: 'a: b:\n' },
    { name: 'an escape in a double-quoted scalar', text: 'a: "x\\ny"\n' },
    { name: 'a doubled quote in a single-quoted scalar', text: "a: 'it''s'\n" },
    { name: 'an unterminated quote', text: 'a: "x\n' },
    { name: 'a trailing comma in a flow sequence', text: 'a: [x, y,]\n' },
    { name: 'a doubled comma', text: 'a: [x,, y]\n' },
    { name: 'an empty flow map', text: 'a: {}\n' },
    { name: 'a nested flow collection', text: 'a: [[x]]\n' },
    { name: 'an escaped quote inside a flow collection', text: "a: ['it''s']\nb: [\"x\\\"y\"]\n" },
    { name: 'text after a quoted scalar in a flow collection', text: 'a: ["x" y]\nb: {k: "v": w}\n' },
    { name: 'a quoted key in a flow map', text: 'a: {"k": v}\n' },
    { name: 'a value starting with a dash and a non-key character', text: 'a: -.inf\n' },
    { name: 'a sequence at its key\'s own indent', text: 'a:\n- x\n' },
    { name: 'a leading blank line', text: '\na: 1\n' },
    { name: 'an indented first line', text: '  a: 1\n' },
    { name: 'a blank line before the first nested entry', text: 'a:\n\n  b: 1\n' },
    { name: 'a top-level scalar', text: 'just text\n' },
    { name: 'an empty text', text: '' },
    { name: 'an over-indented entry', text: 'a: 1\n  b: 2\n' },
    { name: 'inconsistent indents in a map', text: 'a:\n    b: 1\n  c: 2\n' },
    { name: 'a dash with no space', text: 'a:\n  -x\n' },
    { name: 'an empty sequence entry', text: 'a:\n  -\n' },
    { name: 'a quoted key', text: '"a": 1\n' },
    { name: 'a key starting with a dash', text: '-a: 1\n' },
    { name: 'a key with a space', text: 'a b: 1\n' },
    { name: 'a directive', text: '%YAML 1.2\n---\na: 1\n' },
    { name: 'a value starting with an indicator', text: 'a: @x\nb: `y`\nc: %z\n' },
    { name: 'a flow map with a key but no value', text: 'a: {k}\n' },
  ];
  for (const { name, text } of declined) {
    it(`declines ${name}`, () => assert.equal(parsePlainBlockYaml(text, PARSE_OPTIONS), undefined));
  }

  it('deep nesting (as deep as a note within the size limit can go) reads to the same tree', () => {
    // Nesting costs indentation, so 1,000 levels is already ~500 KB of spaces.
    const text = Array.from({ length: 1_000 }, (_, i) => `${' '.repeat(i)}k:`).join('\n');
    assert.equal(outcome(text), 'fast');
  });
});
