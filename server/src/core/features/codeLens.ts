import type { CodeLens, Range } from 'vscode-languageserver-types';
import type { Analysis } from '../engine';
import { translator, type Locale } from '../l10n/localize';
import { RuleId } from '../ruleIds';

/** What a lens producer may read: the note's uri and analysis, and what the host knows of the workspace. */
export interface LensContext {
  uri: string;
  analysis: Analysis;
  /** How many notes of the note's client the workspace holds, this one included (undefined: not known, or no client). */
  visits?: number;
  /** The editor's language for the titles (default English). */
  locale?: Locale;
}

/** One kind of lens: the lenses it puts on a note (often one, sometimes none). */
export type LensProducer = (context: LensContext) => CodeLens[];

/**
 * Command ids the lenses run: the VS Code extension registers them (`package.json`
 * `contributes.commands`); other editors see the titles and may bind the ids themselves.
 * Each takes the note's uri as its first argument.
 */
export const LensCommand = {
  preview: 'soapnote.openPreviewToSide',
  sign: 'soapnote.signNote',
  history: 'soapnote.showHistory',
} as const;

/** Where the note's lenses sit: its first line, so they show above the note. */
const FIRST_LINE: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };

/** A lens above the note; `command: ''` shows the title as plain text (nothing to run). */
function lens(title: string, command: string, uri: string | undefined): CodeLens {
  return { range: FIRST_LINE, command: { title, command, ...(uri !== undefined ? { arguments: [uri] } : {}) } };
}

/** "Preview": opens the report beside the note. */
export const previewLens: LensProducer = ({ uri, locale }) => [lens(translator(locale)('lens.preview'), LensCommand.preview, uri)];

/**
 * "Sign" on an unsigned note without errors (signing refuses one with errors, so the lens is not
 * offered); a signed note says who signed it, as plain text, unless its signature no longer matches,
 * which it says instead: a lens never calls a broken signature good.
 */
export const signLens: LensProducer = ({ uri, analysis, locale }) => {
  const t = translator(locale);
  const signed = analysis.note.signed;
  if (signed) {
    if (analysis.findings.some((f) => f.ruleId === RuleId.signatureMismatch)) {
      return [lens(t('lens.signatureMismatch'), '', undefined)];
    }
    return signed.by ? [lens(t('lens.signedBy', { name: signed.by.value }), '', undefined)] : [];
  }
  const readable = analysis.note.root !== undefined && analysis.parsed.doc !== undefined;
  return readable && !analysis.findings.some((f) => f.severity === 'error') ? [lens(t('lens.sign'), LensCommand.sign, uri)] : [];
};

/** "History: N visits": the client's progress across the workspace's notes; none without a client. */
export const historyLens: LensProducer = ({ uri, analysis, visits, locale }) => {
  if (!analysis.note.client || visits === undefined || visits < 1) {
    return [];
  }
  return [lens(translator(locale).count('lens.history', visits), LensCommand.history, uri)];
};

/** The lens kinds shown above every note, in order; another kind is appended here. */
export const NOTE_LENSES: readonly LensProducer[] = [previewLens, signLens, historyLens];

/** The code lenses of a note: every producer's, in the producers' order. */
export function codeLenses(context: LensContext, producers: readonly LensProducer[] = NOTE_LENSES): CodeLens[] {
  return producers.flatMap((produce) => produce(context));
}
