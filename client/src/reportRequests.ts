// The base client: the desktop extension's (Node) and the web extension's (browser) alike.
import type { BaseLanguageClient as LanguageClient } from 'vscode-languageclient';
import { HistoryRequestMethod, RenderRequestMethod, type HistoryParams, type HistoryResult, type RenderParams, type RenderResult } from '../../server/src/protocol';

/** How many times a request is retried when the server does not have the note yet (it answers null). */
const NOT_OPEN_RETRIES = 5;

/**
 * Sends a request about an open note. The server answers null for a note it has not opened yet (its
 * open notification may still be on its way): try again shortly.
 */
async function requestOnOpenNote<P, R>(client: LanguageClient, method: string, params: P): Promise<R | undefined> {
  for (let attempt = 0; ; attempt++) {
    const result = await client.sendRequest<R | null>(method, params);
    if (result || attempt >= NOT_OPEN_RETRIES) {
      return result ?? undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
  }
}

/** Asks the server for the report of an open note (`soapnote/render`). */
export function requestRender(client: LanguageClient, params: RenderParams): Promise<RenderResult | undefined> {
  return requestOnOpenNote(client, RenderRequestMethod, params);
}

/** Asks the server for the progress across visits of an open note's client (`soapnote/history`). */
export function requestHistory(client: LanguageClient, params: HistoryParams): Promise<HistoryResult | undefined> {
  return requestOnOpenNote(client, HistoryRequestMethod, params);
}
