import { describeSource } from './carry';
import { describeCarriedCondition } from './apply';
import type { Carried } from './types';

/** The comment lines a new note gets for what it carries: "# carried from 2026-09-08, visit 1: deep vein thrombosis, left calf, active". */
export function carriedCommentLines(carried: Carried): string[] {
  return [
    ...carried.conditions.map((c) => `# carried from ${describeSource(c.from)}: ${describeCarriedCondition(c)}`),
    ...carried.medications.map((m) => `# carried from ${describeSource(m.from)}: medication ${m.medication}`),
  ].map((line) => line.replace(/[\r\n]+/g, ' '));
}

/**
 * A new note's text with what it carries written as YAML comments under its top-level `health:`
 * line, so the therapist reviews the record at the visit (carrying itself needs no copy). Comments
 * change no value: the note means the same with or without them. Without a `health:` line they go
 * above the first section after the header, under a `health:` comment heading.
 */
export function withCarriedComments(text: string, carried: Carried): string {
  const lines = carriedCommentLines(carried);
  if (lines.length === 0) {
    return text;
  }
  const all = text.split('\n');
  const at = all.findIndex((line) => /^health:\s*(#.*)?$/.test(line));
  if (at >= 0) {
    const child = all.slice(at + 1).find((line) => /^\s+\S/.test(line) && !/^\s+#/.test(line));
    const indent = child ? (/^\s+/.exec(child)?.[0] ?? '  ') : '  ';
    all.splice(at + 1, 0, `${indent}# Health history carried from this client's earlier notes (checked as if written here; record a change to end one):`, ...lines.map((l) => indent + l));
    return all.join('\n');
  }
  const section = all.findIndex((line) => /^(subjective|objective|treatment|assessment|plan):/.test(line));
  const block = ["# Health history carried from this client's earlier notes (checked as if written here; record a change under health: to end one):", ...lines];
  if (section < 0) {
    return `${text.replace(/\n*$/, '\n')}${block.join('\n')}\n`;
  }
  all.splice(section, 0, ...block, '');
  return all.join('\n');
}
