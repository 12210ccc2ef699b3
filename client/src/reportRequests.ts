import type { LanguageClient } from 'vscode-languageclient/node';
import { RenderRequestMethod, type RenderParams, type RenderResult } from '../../server/src/protocol';

/** How many times a render is retried when the server does not have the note yet (it answers null). */
const NOT_OPEN_RETRIES = 5;

/**
 * Asks the server for the report of an open note (`soapnote/render`). The server answers null for a
 * note it has not opened yet (its open notification may still be on its way): try again shortly.
 */
export async function requestRender(client: LanguageClient, params: RenderParams): Promise<RenderResult | undefined> {
  for (let attempt = 0; ; attempt++) {
    const result = await client.sendRequest<RenderResult | null>(RenderRequestMethod, params);
    if (result || attempt >= NOT_OPEN_RETRIES) {
      return result ?? undefined;
    }
    await new Promise((resolve) => setTimeout(resolve, 100 * (attempt + 1)));
  }
}
