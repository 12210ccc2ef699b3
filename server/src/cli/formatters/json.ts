import type { Finding } from '../../core/types';
import type { FileReport, Formatter } from '../report';
import { JsonItems, jsonPieces } from './pieces';

/**
 * A finding as the JSON output has it: 1-based lines and columns. A field left undefined is not
 * printed (JSON.stringify skips it), so every entry has one shape: faster than spreads over 200,000 findings.
 */
function findingEntry(f: Finding): unknown {
  return {
    ruleId: f.ruleId,
    severity: f.severity,
    message: f.message,
    line: f.range.start.line + 1,
    column: f.range.start.character + 1,
    endLine: f.range.end.line + 1,
    endColumn: f.range.end.character + 1,
    // The list entry it is about (0-based), so a tool can join findings to entries sharing a line.
    subject: f.subject ? f.subject : undefined,
    related: f.related ? f.related.map((x) => ({ message: x.message, uri: x.uri ? x.uri : undefined, line: x.range.start.line + 1, column: x.range.start.character + 1, subject: x.subject ? x.subject : undefined })) : undefined,
    source: f.source ? f.source : undefined,
  };
}

/** Each file's entry in the JSON output, made as it is printed (not all at once). */
function* fileEntries(reports: readonly FileReport[]): Generator<unknown> {
  for (const r of reports) {
    yield { path: r.path, findings: r.findings.map(findingEntry) };
  }
}

/**
 * Machine output: `{tool, version, weakenings: [{kind, id, detail, file, line}], files: [{path, findings: [...]}], summary}`
 * with 1-based lines and columns and 0-based subject indexes. `weakenings` is always present (empty when the checks are as shipped).
 */
export const json: Formatter = function* (reports, summary, toolVersion, run) {
  const files = new JsonItems(fileEntries(reports));
  yield* jsonPieces(
    {
      tool: 'soapnote',
      version: toolVersion,
      weakenings: run.weakenings.map((w) => ({ kind: w.kind, id: w.id, detail: w.detail, file: w.file, line: w.line })),
      files,
      summary,
    },
    files,
  );
  yield '\n';
};
