import type { PublishDiagnosticsParams } from 'vscode-languageserver';
import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/types';
import type { FindingCounts } from '../protocol';
import { countFindings, toDiagnostic } from './diagnostics';

/** Where published diagnostics go (the connection in the server, a recorder in tests). */
export interface DiagnosticsSink {
  diagnostics(params: PublishDiagnosticsParams): void;
  counts(counts: FindingCounts): void;
}

/**
 * Publishes a document's findings, debounced per document. Before sending, it re-checks that the
 * version analysed is still the document's current one and newer than the last one published,
 * so the client never sees results for text that is already gone.
 */
export class DiagnosticsPublisher {
  private readonly timers = new Map<string, NodeJS.Timeout>();
  private readonly published = new Map<string, number>();

  constructor(
    private readonly current: (uri: string) => TextDocument | undefined,
    private readonly findingsFor: (document: TextDocument) => Finding[] | undefined,
    private readonly sink: DiagnosticsSink,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Schedules a publish for `uri` after `delayMs` (0: on the next turn), replacing any pending one. */
  schedule(uri: string, delayMs: number): void {
    this.cancel(uri);
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      try {
        this.publish(uri);
      } catch (error) {
        this.onError(error);
      }
    }, delayMs));
  }

  /** Drops a pending publish. */
  cancel(uri: string): void {
    const timer = this.timers.get(uri);
    if (timer) {
      clearTimeout(timer);
      this.timers.delete(uri);
    }
  }

  /** Clears the diagnostics of a closed document. */
  clear(uri: string): void {
    this.cancel(uri);
    this.published.delete(uri);
    this.sink.diagnostics({ uri, diagnostics: [] });
  }

  /** Publishes findings that are not tied to an open document version (config and pack files on disk). */
  publishFile(uri: string, findings: readonly Finding[], version?: number): void {
    this.sink.diagnostics({ uri, version, diagnostics: findings.map((f) => toDiagnostic(f, uri)) });
  }

  /** Analyses and publishes the document's current version now. */
  publish(uri: string): void {
    const document = this.current(uri);
    if (!document) {
      return;
    }
    const version = document.version;
    const findings = this.findingsFor(document);
    const last = this.published.get(uri);
    if (!findings || this.current(uri)?.version !== version || (last !== undefined && last > version)) {
      return;
    }
    this.published.set(uri, version);
    this.sink.diagnostics({ uri, version, diagnostics: findings.map((f) => toDiagnostic(f, uri)) });
    this.sink.counts(countFindings(uri, findings));
  }

  /** Stops all timers (shutdown). */
  dispose(): void {
    for (const timer of this.timers.values()) {
      clearTimeout(timer);
    }
    this.timers.clear();
  }
}
