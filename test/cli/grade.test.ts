import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { repoRoot } from '../unit/repoRoot';
import { soapnote, tempDir } from './run';

/** The class folder: twelve students' notes of varied quality, a rubric, and the expected grades beside them. */
const CLASS = join(repoRoot(), 'test', 'fixtures', 'grading');

type Expected = Record<string, { score: number; missed: string[] } | 'not graded'>;

interface JsonNote {
  file: string;
  status: 'graded' | 'not-graded';
  score?: number;
  max: number;
  reason?: string;
  criteria?: { id: string; met: boolean }[];
  review?: { comments: { text: string; at?: number; moved?: boolean; lost?: string }[]; problems: string[] };
}
interface JsonGrades {
  summary: { notes: number; graded: number; notGraded: number; max: number; mean: number; criteria: { id: string; met: number; graded: number }[] };
  notes: JsonNote[];
}

/** Every file under `dir` with its bytes (the class must be exactly as it was after grading). */
function snapshot(dir: string): Map<string, string> {
  const out = new Map<string, string>();
  const walk = (d: string): void => {
    for (const name of readdirSync(d)) {
      const path = join(d, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else {
        out.set(path, readFileSync(path).toString('base64'));
      }
    }
  };
  walk(dir);
  return out;
}

/** A copy of the class folder in a temp dir, to spoil. */
function classCopy(): string {
  const dir = join(tempDir(), 'class');
  cpSync(CLASS, dir, { recursive: true });
  return dir;
}

describe('soapnote grade: a class of students\' notes', () => {
  it('gives every note of the class the score and misses written in expected.yaml', () => {
    const expected = parse(readFileSync(join(CLASS, 'expected.yaml'), 'utf8')) as Expected;
    const result = soapnote(['grade', '--format', 'json'], CLASS);
    // One note does not parse: it is listed as not graded, and the run says so (exit 1).
    assert.equal(result.code, 1, result.stderr);
    const grades = JSON.parse(result.stdout) as JsonGrades;
    assert.ok(grades.notes.length >= 10);
    const actual: Expected = Object.fromEntries(grades.notes.map((n) => [n.file, n.status === 'graded' ? { score: n.score ?? -1, missed: (n.criteria ?? []).filter((c) => !c.met).map((c) => c.id) } : 'not graded']));
    assert.deepEqual(actual, expected);
    assert.equal(grades.summary.max, 13);
    assert.deepEqual(
      grades.summary.criteria.map((c) => [c.id, c.met, c.graded]),
      [['sections', 9, 11], ['findings', 9, 11], ['justified', 9, 11], ['pain', 8, 11], ['home-care', 8, 11], ['terms', 10, 11], ['safe', 9, 11], ['signed', 1, 11]],
    );
    assert.equal(grades.summary.notGraded, 1);
    assert.match(grades.notes.find((n) => n.file === '10-broken-yaml.soap.yaml')?.reason ?? '', /YAML syntax error/);
  });

  it('reads the notes only: every byte of the class folder is unchanged after every format', () => {
    const before = snapshot(CLASS);
    for (const format of ['text', 'json', 'csv', 'html']) {
      soapnote(['grade', '--format', format], CLASS);
    }
    assert.deepEqual(snapshot(CLASS), before);
  });

  it('text: each score, the criteria missed with their message, review comments, and the class summary', () => {
    const result = soapnote(['grade', '01-complete.soap.yaml', '03-no-home-care.soap.yaml', '10-broken-yaml.soap.yaml'], CLASS);
    assert.equal(result.code, 1);
    assert.equal(result.stdout, [
      'Rubric: Clinical practicum, term 2 (13 points)',
      '',
      '01-complete.soap.yaml  13/13',
      '03-no-home-care.soap.yaml  11/13',
      '  missed home-care (1 point): Give home care. [plan.home_care is missing or empty]',
      '  missed signed (1 point): Sign the note. [the note is not signed]',
      '  review (Dr. K. Moss, 2026-11-22) line 14: Good. Say where in the muscle the trigger point is.',
      '  review (Dr. K. Moss, 2026-11-22) line 21 (was 18): Did the client report this, or did you estimate it?',
      '  review (Dr. K. Moss, 2026-11-22), place gone (line 27 no longer exists): What stretch will the client do at home?',
      '  review (Dr. K. Moss, 2026-11-22), place gone (line 12 no longer reads "posture: Forward head", and no line does): Describe the posture more fully.',
      '10-broken-yaml.soap.yaml  not graded: YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]',
      '',
      'Class: 3 notes, 2 graded, 1 not graded; mean 12/13',
      '  sections   2/2 met  Fill in every SOAP section.',
      '  findings   2/2 met  Record at least two objective findings.',
      '  justified  2/2 met  Treat only where a finding or the complaint puts the problem.',
      '  pain       2/2 met  Record pain before and after treatment.',
      '  home-care  1/2 met  Give home care.',
      '  terms      2/2 met  Use known terms.',
      '  safe       2/2 met  No treatment that conflicts with the client\'s health.',
      '  signed     1/2 met  Sign the note.',
      '',
    ].join('\n'));
    assert.equal(soapnote(['grade', '01-complete.soap.yaml'], CLASS).code, 0);
  });

  it('json: review comments with where they sit now, moved, or lost (never dropped)', () => {
    const grades = JSON.parse(soapnote(['grade', '03-no-home-care.soap.yaml', '--format', 'json'], CLASS).stdout) as JsonGrades;
    const comments = grades.notes[0]?.review?.comments ?? [];
    assert.deepEqual(comments.map((c) => [c.at, c.moved, c.lost]), [
      [14, false, undefined],
      [21, true, undefined],
      [undefined, undefined, 'line 27 no longer exists'],
      [undefined, undefined, 'line 12 no longer reads "posture: Forward head", and no line does'],
    ]);
  });

  it('csv: a header of criterion ids and one row per note, 1 met / 0 missed, empty cells when not graded', () => {
    const result = soapnote(['grade', '--format', 'csv', '01-complete.soap.yaml', '03-no-home-care.soap.yaml', '10-broken-yaml.soap.yaml'], CLASS);
    const rows = result.stdout.split('\r\n');
    assert.equal(rows[0], 'file,status,score,max,sections,findings,justified,pain,home-care,terms,safe,signed,review_comments,reason');
    assert.equal(rows[1], '01-complete.soap.yaml,graded,13,13,1,1,1,1,1,1,1,1,0,');
    assert.equal(rows[2], '03-no-home-care.soap.yaml,graded,11,13,1,1,1,1,0,1,1,0,4,');
    assert.equal(rows[3], '10-broken-yaml.soap.yaml,not-graded,,13,,,,,,,,,0,YAML syntax error: Flow sequence in block collection must be sufficiently indented and end with a ]');
    assert.equal(rows[4], '');
    assert.equal(rows.length, 5);
  });

  it('csv: a file name a spreadsheet would run as a formula stays text', () => {
    const dir = classCopy();
    cpSync(join(dir, '02-unsigned.soap.yaml'), join(dir, '=HYPERLINK("x"),1.soap.yaml'));
    const rows = soapnote(['grade', '--format', 'csv', '=HYPERLINK("x"),1.soap.yaml'], dir).stdout.split('\r\n');
    assert.match(rows[1] ?? '', /^"'=HYPERLINK\(""x""\),1\.soap\.yaml",graded,12,/);
  });

  it('without a rubric: exit 2 and a message that says where it goes', () => {
    const dir = classCopy();
    rmSync(join(dir, '.soapnote', 'rubric.yaml'));
    const result = soapnote(['grade'], dir);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /^soapnote grade: no rubric: grading needs \.soapnote\/rubric\.yaml in the workspace/);
  });

  it('a rubric with errors: exit 2, each error on its line, no grade given', () => {
    const dir = classCopy();
    writeFileSync(join(dir, '.soapnote', 'rubric.yaml'), 'soapnote_rubric: 1\ncriteria:\n  - {id: pain, check: pain-reasessed, points: 1, message: Record pain.}\n  - {id: pain, check: home-care, points: 1, message: Give home care.}\n');
    const result = soapnote(['grade'], dir);
    assert.equal(result.code, 2);
    assert.equal(result.stdout, '');
    assert.match(result.stderr, /\.soapnote\/rubric\.yaml:3:\d+: .*check/);
    writeFileSync(join(dir, '.soapnote', 'rubric.yaml'), 'soapnote_rubric: 1\ncriteria:\n  - {id: pain, check: pain-reassessed, points: 1, message: Record pain.}\n  - {id: pain, check: home-care, points: 1, message: Give home care.}\n');
    const twice = soapnote(['grade'], dir);
    assert.equal(twice.code, 2);
    assert.match(twice.stderr, /rubric\.yaml:4:5: The criterion id 'pain' is used twice/);
  });

  it('a note that cannot be read is listed as not graded, never skipped', () => {
    const dir = classCopy();
    symlinkSync(join(dir, 'nowhere.soap.yaml'), join(dir, '13-dangling.soap.yaml'));
    const grades = JSON.parse(soapnote(['grade', '--format', 'json'], dir).stdout) as JsonGrades;
    const dangling = grades.notes.find((n) => n.file === '13-dangling.soap.yaml');
    assert.equal(dangling?.status, 'not-graded');
    assert.match(dangling?.reason ?? '', /could not be read/);
    assert.equal(grades.summary.notGraded, 2);
  });

  it('a review file that cannot be used is reported with its note', () => {
    const dir = classCopy();
    writeFileSync(join(dir, '02-unsigned.review.yaml'), 'soapnote_review: 1\ncomments:\n  - {author: Dr. K. Moss, line: 3, text: No date.}\n');
    const result = soapnote(['grade', '02-unsigned.soap.yaml'], dir);
    assert.match(result.stdout, /02-unsigned\.soap\.yaml {2}12\/13\n {2}missed signed.*\n {2}review file not used: line 3: .*date/);
  });

  it('soapnote check does not take review files for notes', () => {
    const result = soapnote(['check', '03-no-home-care.soap.yaml', '.', '--format', 'json'], CLASS);
    const files = (JSON.parse(result.stdout) as { files: { path: string }[] }).files.map((f) => f.path);
    assert.ok(files.includes('03-no-home-care.soap.yaml'));
    assert.ok(!files.some((f) => f.includes('review')), files.join(', '));
    for (const command of ['check', 'grade']) {
      const named = soapnote([command, '03-no-home-care.review.yaml'], CLASS);
      assert.equal(named.code, 2);
      assert.match(named.stderr, /'03-no-home-care\.review\.yaml' is a review file \(an educator's comments beside a note\), not a note/);
    }
  });

  it('soapnote render shows the grade and the review comments in the report, as the preview does', () => {
    const html = soapnote(['render', '03-no-home-care.soap.yaml'], CLASS).stdout;
    assert.match(html, /<h2>Grade: 11 \/ 13<\/h2>/);
    assert.match(html, /<section class="review">/);
    const markdown = soapnote(['render', '03-no-home-care.soap.yaml', '--format', 'md'], CLASS).stdout;
    assert.match(markdown, /## Grade: 11 \/ 13\n/);
    assert.match(markdown, /## Review comments\n/);
  });

  it('the HTML class summary escapes every value from the rubric and notes', () => {
    const dir = classCopy();
    mkdirSync(join(dir, 'extra'));
    writeFileSync(join(dir, '.soapnote', 'rubric.yaml'), 'soapnote_rubric: 1\ntitle: "<script>window.__pwned=1</script>"\ncriteria:\n  - {id: pain, check: pain-reassessed, points: 1, message: "<img src=x onerror=alert(1)>"}\n');
    const html = soapnote(['grade', '--format', 'html'], dir).stdout;
    assert.match(html, /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; base-uri 'none'; form-action 'none'; style-src 'nonce-[A-Za-z0-9+/=]+'">/);
    assert.doesNotMatch(html, /<script|<img|onerror=/);
    assert.match(html, /&lt;img src&#61;x onerror&#61;alert\(1\)&gt;/);
  });
});
