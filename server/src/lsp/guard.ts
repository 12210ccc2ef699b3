import { LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/** A request handler as the connection calls it. */
export type Handler<P, R> = (params: P, token: CancellationToken) => R | ResponseError<void>;

/**
 * Keeps the server alive: a handler that throws is logged once per kind and answered with its
 * empty result, and a cancelled request is answered RequestCancelled before any work is done.
 */
export class Guard {
  private readonly logged = new Set<string>();

  constructor(private readonly log: (message: string) => void) {}

  /** Logs an error the first time a kind of failure happens; later ones of the same kind stay quiet. */
  logOnce(kind: string, error: unknown): void {
    if (this.logged.has(kind)) {
      return;
    }
    this.logged.add(kind);
    const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.log(`soapnote: ${kind} failed (further failures of this kind are not logged): ${detail}`);
  }

  /** Wraps a request handler with the cancellation check and the catch-all. */
  request<P, R>(kind: string, empty: R, work: (params: P, token: CancellationToken) => R): Handler<P, R> {
    return (params, token) => {
      if (token.isCancellationRequested) {
        return new ResponseError(LSPErrorCodes.RequestCancelled, 'cancelled');
      }
      try {
        return work(params, token);
      } catch (error) {
        this.logOnce(kind, error);
        return empty;
      }
    };
  }

  /** Runs a notification handler; a failure is logged once and otherwise ignored. */
  run(kind: string, work: () => void): void {
    try {
      work();
    } catch (error) {
      this.logOnce(kind, error);
    }
  }
}
