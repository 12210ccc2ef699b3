import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Engine, NoteRecord } from '../core/engine';

interface Entry {
  version: number;
  engine: Engine;
  /** The record's state the analysis was made with (see `ServerRecords.stampFor`). */
  stamp: string;
  analysis: Analysis;
}

/**
 * One analysis per (uri, version, engine): diagnostics, completion, hover, code actions and the
 * preview of the same version share it, and a reloaded workspace (new engine) invalidates it.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  /** The analysis of this document version, computed on first use. */
  get(document: TextDocument, engine: Engine, record?: { stamp: string; record?: NoteRecord }): Analysis {
    const entry = this.entries.get(document.uri);
    const stamp = record?.stamp ?? '';
    if (entry && entry.version === document.version && entry.engine === engine && entry.stamp === stamp) {
      return entry.analysis;
    }
    const analysis = engine.analyze(document.getText(), record?.record);
    this.entries.set(document.uri, { version: document.version, engine, stamp, analysis });
    return analysis;
  }

  /**
   * The latest analysis of this document, even of an older version, computing one only if there is
   * none. For completion, which reads the cursor's context from the current text and uses the
   * analysis only to rank (conditions and findings recorded): a keystroke must not wait for a full
   * check of the note; the debounced diagnostics bring the fresh analysis moments later.
   */
  latest(document: TextDocument, engine: Engine, record?: { stamp: string; record?: NoteRecord }): Analysis {
    const entry = this.entries.get(document.uri);
    return entry && entry.engine === engine && entry.version <= document.version ? entry.analysis : this.get(document, engine, record);
  }

  /** Forgets a closed document. */
  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
