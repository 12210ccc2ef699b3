import type { ConditionStatus, Range, Side } from '../types';

/** Where a carried item was recorded: the earlier note's uri, the entry's line, and that note's date and visit. */
export interface RecordSource {
  uri: string;
  date: string;
  visit?: number;
  range: Range;
  /** The recorded line as written (trimmed), so the editor can show it without reading the file. */
  line: string;
}

/** A condition as one note records it, with the key that says "the same condition" across notes. */
export interface RecordedCondition {
  /** Condition, region and side, resolved through the vocabulary: two recordings with the same key are one condition. */
  key: string;
  /** The condition as written. */
  condition: string;
  region?: string;
  side?: Side;
  status: ConditionStatus;
  clearance: boolean;
  since?: string;
  range: Range;
  /** The entry's first line as written (trimmed). */
  line: string;
}

/** A medication as one note records it. */
export interface RecordedMedication {
  /** The known drug's id, else the normalised text. */
  key: string;
  medication: string;
  status: 'current' | 'stopped';
  range: Range;
  /** The entry's line as written (trimmed). */
  line: string;
}

/** What the record needs of one note: who, when, and its health screening. */
export interface NoteSummary {
  uri: string;
  client?: string;
  /** The session date, only when it is a valid ISO date (a note without one is not a source). */
  date?: string;
  visit?: number;
  /** The note's `therapist`, as written (workspace symbols find notes by it). */
  therapist?: string;
  conditions: RecordedCondition[];
  medications: RecordedMedication[];
}

/** A condition in force on a later note because an earlier note recorded it. */
export interface CarriedCondition extends RecordedCondition {
  from: RecordSource;
}

/** A medication current on a later note because an earlier note recorded it. */
export interface CarriedMedication extends RecordedMedication {
  from: RecordSource;
}

/** What a note carries from the client's earlier notes. */
export interface Carried {
  conditions: CarriedCondition[];
  medications: CarriedMedication[];
}

/** The empty record: nothing carried. */
export const NOTHING_CARRIED: Carried = { conditions: [], medications: [] };

/** What the engine asks of the record while checking a note (the node hosts and the server implement it with {@link RecordIndex}). */
export interface RecordLookup {
  /** What the note described by `summary` carries from the earlier notes of its client (its own uri excluded). */
  carriedFor(summary: NoteSummary): Carried;
  /** Client ids used in other notes that differ from `client` only in case, punctuation or leading zeros. */
  nearIds(client: string): string[];
}
