import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Analysis, Engine } from '../core/engine';

interface Entry {
  version: number;
  engine: Engine;
  analysis: Analysis;
}

/**
 * One analysis per (uri, version, engine): diagnostics, completion, hover, code actions and the
 * preview of the same version share it, and a reloaded workspace (new engine) invalidates it.
 */
export class AnalysisCache {
  private readonly entries = new Map<string, Entry>();

  /** The analysis of this document version, computed on first use. */
  get(document: TextDocument, engine: Engine): Analysis {
    const entry = this.entries.get(document.uri);
    if (entry && entry.version === document.version && entry.engine === engine) {
      return entry.analysis;
    }
    const analysis = engine.analyze(document.getText());
    this.entries.set(document.uri, { version: document.version, engine, analysis });
    return analysis;
  }

  /**
   * The latest analysis of this document, even of an older version, computing one only if there is
   * none. For completion, which reads the cursor's context from the current text and uses the
   * analysis only to rank (conditions and findings recorded): a keystroke must not wait for a full
   * check of the note; the debounced diagnostics bring the fresh analysis moments later.
   */
  latest(document: TextDocument, engine: Engine): Analysis {
    const entry = this.entries.get(document.uri);
    return entry && entry.engine === engine && entry.version <= document.version ? entry.analysis : this.get(document, engine);
  }

  /** Forgets a closed document. */
  delete(uri: string): void {
    this.entries.delete(uri);
  }
}
