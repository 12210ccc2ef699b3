import { pathToFileURL } from 'node:url';
import { RuleId } from '../../core/ruleIds';
import type { Range } from '../../core/types';
import type { FileReport, Formatter } from '../report';
import { JsonItems, jsonPieces } from './pieces';

const LEVEL = { error: 'error', warning: 'warning', information: 'note', hint: 'note' } as const;

function region(range: Range): Record<string, number> {
  return { startLine: range.start.line + 1, startColumn: range.start.character + 1, endLine: range.end.line + 1, endColumn: range.end.character + 1 };
}

/** One SARIF result per finding, made as it is printed. */
function* sarifResults(reports: readonly FileReport[], ruleIndex: ReadonlyMap<string, number>): Generator<unknown> {
  for (const report of reports) {
    const uri = pathToFileURL(report.absolutePath).toString();
    for (const f of report.findings) {
      yield {
        ruleId: f.ruleId,
        ...(ruleIndex.has(f.ruleId) ? { ruleIndex: ruleIndex.get(f.ruleId) } : {}),
        level: LEVEL[f.severity],
        message: { text: f.message },
        locations: [{ physicalLocation: { artifactLocation: { uri }, region: region(f.range) } }],
        ...(f.related ? { relatedLocations: f.related.map((x, id) => ({ id, message: { text: x.message }, physicalLocation: { artifactLocation: { uri: x.uri ?? uri }, region: region(x.range) } })) } : {}),
        ...(f.source ? { properties: { source: f.source } } : {}),
      };
    }
  }
}

/**
 * SARIF 2.1.0: one run, the rule catalogue in `tool.driver.rules`, one result per finding. Each
 * weakening of the checks is a `toolConfigurationNotification` of the run's invocation, located
 * on the file that made it, and the list is in the run's `properties.weakenings` too.
 */
export const sarif: Formatter = function* (reports, _summary, toolVersion, run) {
  const rules = Object.values(RuleId).map((id) => ({ id, name: id, shortDescription: { text: id } }));
  const ruleIndex = new Map<string, number>(rules.map((r, i) => [r.id, i]));
  const results = new JsonItems(sarifResults(reports, ruleIndex));
  const notifications = run.weakenings.map((w) => ({
    level: 'warning',
    descriptor: { id: RuleId.configWeakened },
    ...(ruleIndex.has(w.id) ? { associatedRule: { id: w.id, index: ruleIndex.get(w.id) } } : {}),
    message: { text: `Checks weakened: ${w.detail}` },
    locations: [{ physicalLocation: { artifactLocation: { uri: pathToFileURL(w.absolutePath).toString() }, region: { startLine: w.line } } }],
    properties: { kind: w.kind, id: w.id },
  }));
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: { driver: { name: 'soapnote', version: toolVersion, semanticVersion: toolVersion, rules } },
        ...(run.automationId ? { automationDetails: { id: run.automationId } } : {}),
        invocations: [{ executionSuccessful: true, toolConfigurationNotifications: notifications }],
        results,
        properties: { weakenings: run.weakenings.map((w) => ({ kind: w.kind, id: w.id, detail: w.detail, file: w.file, line: w.line })) },
      },
    ],
  };
  yield* jsonPieces(log, results);
  yield '\n';
};
