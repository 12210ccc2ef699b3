import * as assert from 'node:assert/strict';
import { createEngine } from '../../../server/src/core/engine';
import { complaintRegions } from '../../../server/src/core/grading/criteria';
import { csvCell } from '../../../server/src/core/grading/formats';
import { gradeNote } from '../../../server/src/core/grading/grade';
import { parseRubric, type Rubric } from '../../../server/src/core/grading/rubric';
import { anchorComments, reviewFindings, reviewPathFor } from '../../../server/src/core/review/review';
import { renderHtml } from '../../../server/src/core/render/html';
import { renderMarkdown } from '../../../server/src/core/render/markdown';
import { renderClassHtml } from '../../../server/src/core/grading/html';
import { HOSTILE } from '../render/hostile';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';

const engine = createEngine({ packs: builtinPackSources(), host: nodeHost() });

describe('grading: the pure pieces', () => {
  it('complaintRegions: the longest run of words naming a place, each word once', () => {
    const table: [string, string[]][] = [
      ['Low back pain after gardening', ['lower-back']],
      ['Right neck and shoulder pain', ['neck', 'shoulder']],
      ['Feels tired', []],
    ];
    for (const [complaint, regions] of table) {
      assert.deepEqual(complaintRegions(complaint, engine.vocabulary), regions, complaint);
    }
  });

  it('treatment-justified: by a finding in the same region (sides not opposite), or by the complaint', () => {
    const rubric: Rubric = { soapnote_rubric: 1, criteria: [{ id: 'j', check: 'treatment-justified', points: 1, message: 'm' }] };
    const note = (complaint: string, finding: string, treated: string): string =>
      `soapnote: 1\nclient: C-1\ndate: 2026-11-20\ntherapist: T\nsubjective:\n  complaint: ${complaint}\nobjective:\n  findings:\n    - ${finding}\ntreatment:\n  - ${treated}\n`;
    const table: [string, string, string, boolean][] = [
      ['Tired', '{target: upper trapezius, side: right, finding: hypertonic}', '{technique: effleurage, target: upper trapezius, side: right, pressure: light}', true],
      ['Tired', '{target: upper trapezius, side: left, finding: hypertonic}', '{technique: effleurage, target: upper trapezius, side: right, pressure: light}', false],
      ['Tired', '{target: upper trapezius, side: right, finding: hypertonic}', '{technique: effleurage, target: hamstrings, side: right, pressure: light}', false],
      ['Low back pain', '{target: upper trapezius, side: right, finding: hypertonic}', '{technique: effleurage, target: erector spinae, side: bilateral, pressure: light}', true],
      ['Low back pain', '{target: upper trapezius, side: right, finding: hypertonic}', '{technique: effleurage, target: no such muscle, side: right, pressure: light}', false],
    ];
    for (const [complaint, finding, treated, met] of table) {
      const grade = gradeNote(engine.analyze(note(complaint, finding, treated)), engine.vocabulary, rubric);
      assert.equal(grade.status === 'graded' && grade.criteria[0]?.met, met, `${complaint} / ${finding} / ${treated}`);
    }
  });

  it('parseRubric: a valid rubric, a check that does not exist, min on the wrong check', () => {
    assert.ok(parseRubric('soapnote_rubric: 1\ncriteria:\n  - {id: a, check: signed, points: 1, message: Sign.}\n').rubric);
    assert.equal(parseRubric('soapnote_rubric: 1\ncriteria:\n  - {id: a, check: sined, points: 1, message: Sign.}\n').rubric, undefined);
    assert.equal(parseRubric('soapnote_rubric: 1\ncriteria:\n  - {id: a, check: signed, min: 2, points: 1, message: Sign.}\n').rubric, undefined);
    assert.equal(parseRubric('criteria: []\n').rubric, undefined);
  });

  it('csvCell: quotes, and formula starts kept as text', () => {
    const table: [string | number, string][] = [
      ['plain', 'plain'],
      [3, '3'],
      ['a,b', '"a,b"'],
      ['say "hi"', '"say ""hi"""'],
      ['=1+1', "'=1+1"],
      ['-2', "'-2"],
      ['@SUM(A1)', "'@SUM(A1)"],
      ['line\nbreak', '"line\nbreak"'],
    ];
    for (const [value, cell] of table) {
      assert.equal(csvCell(value), cell, String(value));
    }
  });

  it('anchorComments: the line, the quoted line nearest when moved, or none', () => {
    const text = 'a: 1\nb: 2\nc: 3\nb: 2\n';
    const c = (line: number, quote?: string) => ({ author: 'K', date: '2026-11-22', line, text: 't', ...(quote ? { quote } : {}) });
    const anchored = anchorComments([c(2, 'b: 2'), c(1, '  c: 3 '), c(5), c(9), c(3, 'gone: 1')], text);
    assert.deepEqual(anchored.map((a) => [a.line, a.moved]), [[1, false], [2, true], [4, false], [undefined, false], [undefined, false]]);
    const findings = reviewFindings(anchored, text);
    assert.deepEqual(findings.map((f) => [f.ruleId, f.severity, f.range.start.line]), [
      ['review.comment', 'hint', 1],
      ['review.comment', 'hint', 2],
      ['review.comment', 'hint', 4],
      ['review.unanchored', 'information', 0],
      ['review.unanchored', 'information', 0],
    ]);
  });

  it('reviewPathFor: beside the note, for .soap.yaml and .soap.yml only', () => {
    assert.equal(reviewPathFor('/c/03-a.soap.yaml'), '/c/03-a.review.yaml');
    assert.equal(reviewPathFor('/c/03-a.SOAP.yml'), '/c/03-a.review.yaml');
    assert.equal(reviewPathFor('/c/03-a.review.yaml'), undefined);
  });

  it('the preview and the class summary escape every rubric, review and file value', () => {
    const analysis = engine.analyze('soapnote: 1\nclient: C-1\ndate: 2026-11-20\ntherapist: T\n');
    for (const payload of HOSTILE) {
      const grade = gradeNote(analysis, engine.vocabulary, { soapnote_rubric: 1, title: payload, criteria: [{ id: 'a', check: 'home-care', points: 1, message: payload }] });
      const comment = { author: payload, date: payload, line: 2, quote: payload, text: payload };
      const review = { comments: [{ comment, line: 1, moved: true }, { comment, moved: false }], problems: [payload] };
      const report = renderHtml(analysis, engine.vocabulary, { nonce: 'bm9uY2Utbm9uY2U=', grading: { grade }, review });
      const summary = renderClassHtml([{ file: payload, grade, review }, { file: payload, grade: { status: 'not-graded', reason: payload, max: 1 } }], { title: payload, notes: 2, graded: 1, notGraded: 1, max: 1, criteria: [{ id: payload, points: 1, message: payload, met: 0, graded: 1 }] }, { nonce: 'bm9uY2Utbm9uY2U=' });
      const markdown = renderMarkdown(analysis, engine.vocabulary, { grading: { grade }, review });
      assert.doesNotMatch(markdown.slice(markdown.indexOf('## Grade')), /<|javascript:|\u202E/i, payload);
      // The report's own body map is an SVG: only what grading and review add is looked at there.
      for (const body of [report.slice(report.indexOf('<section class="grade"'), report.indexOf('<footer')), summary.slice(summary.indexOf('<body>'))]) {
        assert.ok(body.length > 100);
        assert.doesNotMatch(body, /<(script|svg|img|iframe|a)\b|on\w+=|javascript:|\u202E/i, payload);
      }
    }
  });
});
