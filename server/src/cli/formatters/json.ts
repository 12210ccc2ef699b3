import type { Formatter } from '../report';

/** Machine output: `{version, files: [{path, findings: [...]}], summary}` with 1-based lines and columns. */
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
          ...(f.related ? { related: f.related.map((x) => ({ message: x.message, ...(x.uri ? { uri: x.uri } : {}), line: x.range.start.line + 1, column: x.range.start.character + 1 })) } : {}),
          ...(f.source ? { source: f.source } : {}),
        })),
      })),
      summary,
    },
    null,
    2,
  ) + '\n';
