import { CloseAction, ErrorAction, type CloseHandlerResult, type ErrorHandler, type ErrorHandlerResult } from 'vscode-languageclient/node';

/** Restarts allowed within {@link RESTART_WINDOW_MS} before the client gives up (the library's default, made explicit). */
export const MAX_RESTARTS = 4;
/** The window over which crashes are counted: 3 minutes. */
export const RESTART_WINDOW_MS = 3 * 60 * 1000;

/**
 * The language client's error handler: a crashed server restarts, at most {@link MAX_RESTARTS} times
 * in {@link RESTART_WINDOW_MS}; the next crash in that window stops it and calls `onGiveUp` (which
 * tells the user and offers a restart) instead of restarting a server that crashes on every start.
 */
export class BoundedRestartHandler implements ErrorHandler {
  private crashes: number[] = [];

  constructor(private readonly onGiveUp: () => void, private readonly now: () => number = Date.now) {}

  /** Transport errors: tolerate a few in a row (the count resets on the next good message), then shut down. */
  error(_error: Error, _message: unknown, count: number | undefined): ErrorHandlerResult {
    return { action: count !== undefined && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown };
  }

  /** The connection closed: restart unless this is crash number MAX_RESTARTS + 1 within the window. */
  closed(): CloseHandlerResult {
    const t = this.now();
    this.crashes = [...this.crashes.filter((c) => t - c < RESTART_WINDOW_MS), t];
    if (this.crashes.length <= MAX_RESTARTS) {
      return { action: CloseAction.Restart, handled: true };
    }
    this.crashes = [];
    this.onGiveUp();
    return { action: CloseAction.DoNotRestart, handled: true };
  }

  /** Forgets earlier crashes, e.g. after the user restarts the server by hand. */
  reset(): void {
    this.crashes = [];
  }
}
