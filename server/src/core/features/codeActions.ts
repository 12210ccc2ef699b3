import { CodeActionKind, TextEdit, type CodeAction, type Range } from 'vscode-languageserver-types';
import type { Analysis } from '../engine';
import type { ConditionEntry, TreatmentEntry } from '../model';
import type { ConditionFieldsFix, Finding } from '../types';
import { nodeRange, pairOf, seqAt } from '../yamlNodes';

/** The line a clearance request adds to a condition. It never claims clearance: only the therapist sets `clearance: true`. */
export const CLEARANCE_REQUEST_NOTE = "Written medical clearance requested from the client's physician; not yet on file.";

/**
 * Quick fixes for the findings that touch `range`, from the fix data the checker put on them:
 * replace a value (unknown term -> suggestion, pressure -> cap), remove a treatment entry,
 * or add a note asking for medical clearance. Never sets `clearance: true`, never signs.
 */
export function codeActions(uri: string, text: string, range: Range, analysis: Analysis): CodeAction[] {
  const lines = text.split(/\r?\n/);
  const eol = text.includes('\r\n') ? '\r\n' : '\n';
  const out: CodeAction[] = [];
  const seen = new Set<string>();
  const add = (key: string, action: CodeAction): void => {
    if (!seen.has(key)) {
      seen.add(key);
      out.push(action);
    }
  };
  const edit = (edits: TextEdit[]): CodeAction['edit'] => ({ changes: { [uri]: edits } });
  for (const finding of analysis.findings) {
    const fix = finding.fix;
    const replacements = fix?.replace ?? [];
    // The lightbulb shows on the finding (the entry's first line) and on the value a replacement would change.
    if (!fix || !(intersects(finding.range, range) || replacements.some((r) => intersects(r.range, range)))) {
      continue;
    }
    for (const r of replacements) {
      add(`replace:${r.title}:${JSON.stringify(r.range)}`, {
        title: r.title,
        kind: CodeActionKind.QuickFix,
        isPreferred: replacements.length === 1,
        edit: edit([TextEdit.replace(r.range, r.text)]),
        data: data(finding),
      });
    }
    const entry = fix.removeTreatmentIndex === undefined ? undefined : analysis.note.treatment.find((e) => e.index === fix.removeTreatmentIndex);
    if (entry) {
      add(`remove:${entry.index}`, {
        title: 'Remove this treatment entry',
        kind: CodeActionKind.QuickFix,
        edit: edit(removeEntry(entry, lines, analysis)),
        data: data(finding),
      });
    }
    const condition = fix.requestClearanceIndex === undefined ? undefined : analysis.note.conditions.find((c) => c.index === fix.requestClearanceIndex);
    // A note already written may say something else the therapist wants kept: only add one where there is none.
    if (condition && !condition.note && !hasKey(condition, 'note', analysis)) {
      add(`clearance:${condition.index}`, {
        title: 'Add a note asking for medical clearance',
        kind: CodeActionKind.QuickFix,
        edit: edit([requestClearance(condition, lines, eol)]),
        data: data(finding),
      });
    }
    for (const f of fix.conditionFields ?? []) {
      const target = analysis.note.conditions.find((c) => c.index === f.index);
      if (target) {
        add(`fields:${f.index}:${f.title}`, {
          title: f.title,
          kind: CodeActionKind.QuickFix,
          edit: edit(writeConditionFields(target, f.fields, lines, eol, analysis)),
          data: data(finding),
        });
      }
    }
  }
  return out;
}

/** Replaces the condition's fields that exist and adds the missing ones (a `note` already written is kept). */
function writeConditionFields(condition: ConditionEntry, fields: ConditionFieldsFix['fields'], lines: string[], eol: string, analysis: Analysis): TextEdit[] {
  const nodes: Record<ConditionFieldsFix['fields'][number]['key'], { range: Range } | undefined> = {
    condition: condition.condition,
    region: condition.region,
    status: condition.statusNode,
    since: condition.since,
    note: condition.note,
  };
  const edits: TextEdit[] = [];
  const missing: string[] = [];
  for (const { key, value } of fields) {
    const node = nodes[key];
    if (node) {
      if (key !== 'note') {
        edits.push(TextEdit.replace(node.range, yamlScalar(value)));
      }
    } else if (!(key === 'note' && hasKey(condition, 'note', analysis))) {
      missing.push(`${key}: ${yamlScalar(value)}`);
    }
  }
  if (missing.length > 0) {
    edits.push(addFields(condition, missing, lines, eol));
  }
  return edits;
}

/** A value as a YAML scalar: plain where that reads back the same, else double-quoted. */
function yamlScalar(value: string): string {
  return /^[A-Za-z0-9][A-Za-z0-9 .'/()-]*$/.test(value) && !/^(true|false|null|yes|no|on|off|~)$/i.test(value) ? value : JSON.stringify(value);
}

/** The rule id travels with the action so the adapter can match it to its diagnostic. */
function data(finding: Finding): { ruleId: string } {
  return { ruleId: finding.ruleId };
}

/** True when two ranges share a position (touching counts: a cursor at the end of a finding still gets its fix). */
function intersects(a: Range, b: Range): boolean {
  const before = (p: Range['start'], q: Range['start']): boolean => p.line < q.line || (p.line === q.line && p.character < q.character);
  return !before(a.end, b.start) && !before(b.end, a.start);
}

/** Deletes a treatment entry: its whole lines with the `- ` in block style, the item and its comma in flow style. */
function removeEntry(entry: TreatmentEntry, lines: string[], analysis: Analysis): TextEdit[] {
  const { start, end } = entry.fullRange;
  const before = (lines[start.line] ?? '').slice(0, start.character);
  const after = (lines[end.line] ?? '').slice(end.character);
  const lastLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  if (/^\s*(-\s+)+$/.test(before) && /^\s*(#.*)?$/.test(lastLine === end.line ? after : '')) {
    const edits: TextEdit[] = [];
    const endPos = lastLine + 1 < lines.length ? { line: lastLine + 1, character: 0 } : { line: lastLine, character: (lines[lastLine] ?? '').length };
    const startPos = endPos.character > 0 && start.line > 0 ? { line: start.line - 1, character: (lines[start.line - 1] ?? '').length } : { line: start.line, character: 0 };
    edits.push(TextEdit.del({ start: startPos, end: endPos }));
    // `treatment:` with nothing under it reads as null; keep it a list.
    const items = analysis.note.root ? seqAt(analysis.note.root, 'treatment')?.items.length : undefined;
    const key = analysis.note.root ? pairOf(analysis.note.root, 'treatment')?.key : undefined;
    const keyRange = key ? nodeRange(analysis.parsed.lineCounter, key) : undefined;
    if (items === 1 && keyRange && keyRange.end.line < start.line) {
      edits.push(TextEdit.insert({ line: keyRange.end.line, character: keyRange.end.character + 1 }, ' []'));
    }
    return edits;
  }
  // Flow style (`treatment: [{...}, {...}]`): remove the item and one neighbouring comma.
  const line = lines[end.line] ?? '';
  const trailing = /^\s*,\s*/.exec(line.slice(end.character));
  if (trailing) {
    return [TextEdit.del({ start, end: { line: end.line, character: end.character + trailing[0].length } })];
  }
  const leading = /,\s*$/.exec((lines[start.line] ?? '').slice(0, start.character));
  return [TextEdit.del({ start: leading ? { line: start.line, character: leading.index } : start, end })];
}

/** Whether the condition's mapping has the key at all (an empty `note:` is still the therapist's). */
function hasKey(condition: ConditionEntry, key: string, analysis: Analysis): boolean {
  const health = analysis.note.root ? pairOf(analysis.note.root, 'health')?.value : undefined;
  const item = seqAt(health, 'conditions')?.items[condition.index];
  return pairOf(item, key) !== undefined;
}

/** Inserts `note: <request>` as the condition's last field, in its own style (block or flow). */
function requestClearance(condition: ConditionEntry, lines: string[], eol: string): TextEdit {
  return addFields(condition, [`note: ${CLEARANCE_REQUEST_NOTE}`], lines, eol);
}

/** Inserts `key: value` fields after the condition's last field, in its own style (block or flow). */
function addFields(condition: ConditionEntry, fields: string[], lines: string[], eol: string): TextEdit {
  const { start, end } = condition.fullRange;
  const first = lines[start.line] ?? '';
  if (first[start.character] === '{') {
    const line = lines[end.line] ?? '';
    const close = line.lastIndexOf('}', end.character);
    const inner = line.slice(start.line === end.line ? start.character + 1 : 0, close).trim();
    return TextEdit.insert({ line: end.line, character: close }, `${inner === '' ? '' : ', '}${fields.join(', ')}`);
  }
  const lastLine = end.character === 0 && end.line > start.line ? end.line - 1 : end.line;
  return TextEdit.insert({ line: lastLine, character: (lines[lastLine] ?? '').length }, fields.map((f) => `${eol}${' '.repeat(start.character)}${f}`).join(''));
}
