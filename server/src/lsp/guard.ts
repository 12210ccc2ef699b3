import { ErrorCodes, LSPErrorCodes, ResponseError, type CancellationToken } from 'vscode-languageserver';

/** A request handler as the connection calls it. */
export type Handler<P, R> = (params: P, token: CancellationToken) => R | ResponseError<void>;

/**
 * Keeps the server alive: a handler that throws is logged once per kind and answered with its
 * empty result, and a cancelled request is answered RequestCancelled before any work is done.
 * After `shutdown`, requests are answered InvalidRequest and notifications are ignored (LSP 3.17).
 */
export class Guard {
  private readonly logged = new Set<string>();
  private stopped = false;

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

  /** The client sent `shutdown`: from now on only `exit` is answered. */
  shutDown(): void {
    this.stopped = true;
  }

  /** Wraps a request handler with the shutdown and cancellation checks and the catch-all. */
  request<P, R>(kind: string, empty: R, work: (params: P, token: CancellationToken) => R): Handler<P, R> {
    return (params, token) => {
      if (this.stopped) {
        return new ResponseError(ErrorCodes.InvalidRequest, `soapnote: '${kind}' after shutdown: the server only accepts 'exit' now`);
      }
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

  /** Runs a notification handler (not after shutdown); a failure is logged once and otherwise ignored. */
  run(kind: string, work: () => void): void {
    if (this.stopped) {
      return;
    }
    try {
      work();
    } catch (error) {
      this.logOnce(kind, error);
    }
  }
}
