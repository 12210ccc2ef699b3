import type { Formatter } from '../report';

/** Machine output: `{version, files: [{path, findings: [...]}], summary}` with 1-based lines and columns and 0-based subject indexes. */
export const json: Formatter = (reports, summary, toolVersion) =>
  JSON.stringify(
    {
      tool: 'soapnote',
      version: toolVersion,
      files: reports.map((r) => ({
        path: r.path,
        findings: r.findings.map((f) => ({
          ruleId: f.ruleId,
          severity: f.severity,
          message: f.message,
          line: f.range.start.line + 1,
          column: f.range.start.character + 1,
          endLine: f.range.end.line + 1,
          endColumn: f.range.end.character + 1,
          // The list entry it is about (0-based), so a tool can join findings to entries sharing a line.
          ...(f.subject ? { subject: f.subject } : {}),
          ...(f.related ? { related: f.related.map((x) => ({ message: x.message, line: x.range.start.line + 1, column: x.range.start.character + 1, ...(x.subject ? { subject: x.subject } : {}) })) } : {}),
          ...(f.source ? { source: f.source } : {}),
        })),
      })),
      summary,
    },
    null,
    2,
  ) + '\n';
