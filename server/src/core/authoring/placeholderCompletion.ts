import { CompletionItemKind, type CompletionItem, type Position } from 'vscode-languageserver-types';
import { KNOWN_PLACEHOLDERS } from '../templates/placeholders';

/** What each placeholder is filled with when a note is made from the template. */
const PLACEHOLDER_WORDS: Record<string, string> = {
  client: "the client's id",
  date: "the session date (today's, YYYY-MM-DD)",
  therapist: "the therapist's name",
  visit: "the visit number (one more than the client's last note)",
};

/**
 * Placeholder completion in a template: after `{{` (and the start of a name), the placeholders
 * soapnote fills (`client`, `date`, `therapist`, `visit`), written with the closing `}}` unless
 * it is already there. Undefined when the cursor is not inside an open `{{`, so the note's own
 * completion runs instead.
 */
export function placeholderItems(text: string, position: Position): CompletionItem[] | undefined {
  const line = text.split(/\r?\n/)[position.line] ?? '';
  const before = line.slice(0, position.character);
  const open = /\{\{\s*([a-z_]*)$/.exec(before);
  if (!open) {
    return undefined;
  }
  const start = position.character - (open[1] ?? '').length;
  const after = line.slice(position.character);
  const close = /^[a-z_]*\s*\}\}/.exec(after);
  const end = position.character + (close ? close[0].length : (/^[a-z_]*/.exec(after)?.[0].length ?? 0));
  const range = { start: { line: position.line, character: start }, end: { line: position.line, character: end } };
  return Object.keys(KNOWN_PLACEHOLDERS).map((name, i) => ({
    label: name,
    kind: CompletionItemKind.Variable,
    detail: `{{${name}}} · ${PLACEHOLDER_WORDS[name] ?? 'filled when a note is made'}`,
    sortText: String(i),
    textEdit: { range, newText: `${name}}}` },
  }));
}
