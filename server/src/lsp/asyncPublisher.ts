import type { TextDocument } from 'vscode-languageserver-textdocument';
import type { Finding } from '../core/types';

/** Where findings go: the connection's publishDiagnostics and `soapnote/findingCounts`. */
export type PublishFindings = (document: TextDocument, findings: readonly Finding[]) => void;

/**
 * Debounced, version-checked diagnostics for the worker: an analysis is asynchronous there (files
 * come from the extension), so after it the document must still be at the version analysed and newer
 * than the last one published, or the result is dropped: the client never sees findings of text that is gone.
 */
export class AsyncPublisher {
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly published = new Map<string, number>();

  constructor(
    private readonly current: (uri: string) => TextDocument | undefined,
    private readonly findingsFor: (document: TextDocument) => Promise<Finding[]>,
    private readonly publish: PublishFindings,
    private readonly onError: (error: unknown) => void,
  ) {}

  /** Publishes `uri` after `delayMs`, replacing a pending publish. */
  schedule(uri: string, delayMs: number): void {
    clearTimeout(this.timers.get(uri));
    this.timers.set(uri, setTimeout(() => {
      this.timers.delete(uri);
      this.run(uri).catch((error: unknown) => this.onError(error));
    }, delayMs));
  }

  /** Forgets a closed document (its diagnostics are cleared by the caller). */
  forget(uri: string): void {
    clearTimeout(this.timers.get(uri));
    this.timers.delete(uri);
    this.published.delete(uri);
  }

  /** Stops every timer (shutdown). */
  dispose(): void {
    this.timers.forEach((t) => clearTimeout(t));
    this.timers.clear();
  }

  private async run(uri: string): Promise<void> {
    const document = this.current(uri);
    if (!document) {
      return;
    }
    const version = document.version;
    const findings = await this.findingsFor(document);
    const last = this.published.get(uri);
    if (this.current(uri)?.version !== version || (last !== undefined && last > version)) {
      return;
    }
    this.published.set(uri, version);
    this.publish(document, findings);
  }
}
