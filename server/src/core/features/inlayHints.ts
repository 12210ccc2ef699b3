import type { InlayHint, Position, Range } from 'vscode-languageserver-types';
import type { Analysis } from '../engine';
import { translator, type Locale, type Translator } from '../l10n/localize';
import type { TreatmentEntry } from '../model';
import type { Vocabulary } from '../vocabulary/vocabulary';

/**
 * Inlay hints of a note, only those whose position lies in `range`:
 * - after a treatment entry's pressure, its Walton level (`pressure: moderate` -> `Walton 3`) or,
 *   for a written level, its word (`pressure: 3` -> `moderate`), from the workspace's vocabulary
 *   (a clinic's config may redefine pressure words);
 * - after `duration:`, the treatment minutes against it (`treatment 40 of 45 min`, `..., over by 5`).
 * Positions come from the model, so a flow list (`treatment: [{...}, {...}]`) gets one hint per entry.
 * Labels are in `locale` (default English); pressure words come from the vocabulary as written.
 */
export function inlayHints(analysis: Analysis, vocabulary: Vocabulary, range: Range, locale?: Locale): InlayHint[] {
  const t = translator(locale);
  const hints: InlayHint[] = [];
  for (const entry of analysis.note.treatment) {
    const hint = pressureHint(entry, vocabulary, t);
    if (hint) {
      hints.push(hint);
    }
  }
  const minutes = minutesHint(analysis, t);
  if (minutes) {
    hints.push(minutes);
  }
  return hints.filter((h) => within(h.position, range)).sort((a, b) => a.position.line - b.position.line || a.position.character - b.position.character);
}

/** The word the vocabulary uses for a Walton level: the contract's word if the workspace kept it at that level, else the first word defined for it. */
export function pressureWordFor(level: number, vocabulary: Vocabulary): string | undefined {
  const contract = vocabulary.pressureWord(level);
  if (contract !== String(level) && vocabulary.pressureLevel(contract) === level) {
    return contract;
  }
  return vocabulary.pressures().find((p) => p.level === level && vocabulary.pressureLevel(p.word) === level)?.word;
}

/** `Walton N` after a pressure word, the word after a written level; nothing for a pressure the vocabulary does not know (a diagnostic says so). */
function pressureHint(entry: TreatmentEntry, vocabulary: Vocabulary, t: Translator): InlayHint | undefined {
  const pressure = entry.pressure;
  if (!pressure) {
    return undefined;
  }
  const written = typeof pressure.value === 'number' ? String(pressure.value) : pressure.value.trim();
  const level = vocabulary.pressureLevel(pressure.value);
  if (level === undefined) {
    return undefined;
  }
  const label = /^[0-5]$/.test(written) ? pressureWordFor(level, vocabulary) : t('inlay.walton', { level });
  if (label === undefined) {
    return undefined;
  }
  const description = vocabulary.pressures().find((p) => p.level === level && vocabulary.pressureLevel(p.word) === level)?.description;
  return { position: pressure.range.end, label, paddingLeft: true, ...(description ? { tooltip: description } : {}) };
}

/** `treatment T of D min` after `duration:` (with `, over by N` past it, and the entries without minutes counted); nothing without treatment entries. */
function minutesHint(analysis: Analysis, t: Translator): InlayHint | undefined {
  const duration = analysis.note.duration;
  const entries = analysis.note.treatment;
  if (!duration || entries.length === 0) {
    return undefined;
  }
  const timed = entries.filter((e) => e.minutes !== undefined && Number.isFinite(e.minutes.value));
  const total = timed.reduce((sum, e) => sum + (e.minutes?.value ?? 0), 0);
  const parts = [t('inlay.minutes', { total: formatMinutes(total), duration: formatMinutes(duration.value) })];
  if (total > duration.value) {
    parts.push(t('inlay.over', { minutes: formatMinutes(total - duration.value) }));
  }
  const untimed = entries.length - timed.length;
  if (untimed > 0) {
    parts.push(t.count('inlay.untimed', untimed));
  }
  return { position: duration.range.end, label: parts.join(', '), paddingLeft: true };
}

/** Minutes as written: whole numbers plain, fractions to one decimal place at most (a number, so the locale writes its decimal mark). */
function formatMinutes(value: number): number {
  return Number.isInteger(value) ? value : Math.round(value * 10) / 10;
}

/** True when `p` lies in `range`, ends included (a hint at the end of the visible lines is still shown). */
function within(p: Position, range: Range): boolean {
  const afterStart = p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character);
  const beforeEnd = p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character);
  return afterStart && beforeEnd;
}
