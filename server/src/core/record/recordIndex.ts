import { carriedFrom, compareNotes } from './carry';
import { clientIdKey } from './clientIds';
import type { Carried, NoteSummary, RecordLookup } from './types';

/**
 * The workspace's notes by client, kept current one note at a time: setting or deleting a note
 * touches only its client's list, and what a note carries is worked out from that list alone.
 * Pure (no files): the CLI fills it from the disk, the language server from disk and open editors.
 */
export class RecordIndex implements RecordLookup {
  private readonly byUri = new Map<string, NoteSummary>();
  private readonly byClient = new Map<string, Map<string, NoteSummary>>();
  private readonly byIdKey = new Map<string, Map<string, number>>();
  private readonly sorted = new Map<string, NoteSummary[]>();

  /** Adds or replaces a note's summary. */
  set(summary: NoteSummary): void {
    this.delete(summary.uri);
    this.byUri.set(summary.uri, summary);
    if (summary.client !== undefined) {
      const notes = this.byClient.get(summary.client) ?? new Map<string, NoteSummary>();
      notes.set(summary.uri, summary);
      this.byClient.set(summary.client, notes);
      this.sorted.delete(summary.client);
      const key = clientIdKey(summary.client);
      const ids = this.byIdKey.get(key) ?? new Map<string, number>();
      ids.set(summary.client, (ids.get(summary.client) ?? 0) + 1);
      this.byIdKey.set(key, ids);
    }
  }

  /** Forgets a note (deleted or moved out of the workspace). */
  delete(uri: string): void {
    const old = this.byUri.get(uri);
    if (!old) {
      return;
    }
    this.byUri.delete(uri);
    if (old.client !== undefined) {
      this.byClient.get(old.client)?.delete(uri);
      if (this.byClient.get(old.client)?.size === 0) {
        this.byClient.delete(old.client);
      }
      this.sorted.delete(old.client);
      const key = clientIdKey(old.client);
      const ids = this.byIdKey.get(key);
      const count = (ids?.get(old.client) ?? 1) - 1;
      if (count > 0) {
        ids?.set(old.client, count);
      } else {
        ids?.delete(old.client);
      }
    }
  }

  /** The summary stored for a note. */
  get(uri: string): NoteSummary | undefined {
    return this.byUri.get(uri);
  }

  /** Every note indexed, in no particular order. */
  all(): NoteSummary[] {
    return [...this.byUri.values()];
  }

  /** Number of notes indexed. */
  get size(): number {
    return this.byUri.size;
  }

  /** A client's notes in time order. */
  notesOf(client: string): NoteSummary[] {
    let list = this.sorted.get(client);
    if (!list) {
      list = [...(this.byClient.get(client)?.values() ?? [])].sort(compareNotes);
      this.sorted.set(client, list);
    }
    return list;
  }

  /** What the note described by `summary` carries from its client's other notes. */
  carriedFor(summary: NoteSummary): Carried {
    return summary.client === undefined ? { conditions: [], medications: [] } : carriedFrom(summary, this.notesOf(summary.client));
  }

  /** The other notes of the client of `uri` (whose checks may change when it changes). */
  clientNotes(uri: string, client = this.byUri.get(uri)?.client): string[] {
    return client === undefined ? [] : this.notesOf(client).map((n) => n.uri).filter((u) => u !== uri);
  }

  /** Client ids in the index that differ from `client` only in case, punctuation or leading zeros. */
  nearIds(client: string): string[] {
    return [...(this.byIdKey.get(clientIdKey(client))?.keys() ?? [])].filter((id) => id !== client).sort();
  }
}
