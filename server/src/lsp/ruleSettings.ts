import type { SeveritySetting } from '../core/config';

/** Severity per rule id from the editor's `soapnote.rules` setting. */
export type RuleSettings = Readonly<Record<string, SeveritySetting>>;

const SEVERITY_SETTINGS: ReadonlySet<string> = new Set<SeveritySetting>(['error', 'warning', 'information', 'hint', 'off']);

/** Reads `soapnote.rules` as the client sends it: entries whose value is not a severity (or `off`) are ignored, as is anything not an object. */
export function parseRuleSettings(value: unknown): RuleSettings {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return {};
  }
  const out: Record<string, SeveritySetting> = {};
  for (const [ruleId, severity] of Object.entries(value)) {
    if (typeof severity === 'string' && SEVERITY_SETTINGS.has(severity)) {
      out[ruleId] = severity as SeveritySetting;
    }
  }
  return out;
}

/** True when two settings name the same severities. */
export function sameRuleSettings(a: RuleSettings, b: RuleSettings): boolean {
  const keys = Object.keys(a);
  return keys.length === Object.keys(b).length && keys.every((k) => a[k] === b[k]);
}
