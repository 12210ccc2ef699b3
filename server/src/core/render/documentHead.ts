import type { Locale } from '../l10n/localize';
import { escapeHtml } from './escape';

/**
 * The start of a self-contained report document up to `<body>`: the Content-Security-Policy (built
 * by the caller only from validated parts), no referrer, the escaped title and the one nonce'd
 * stylesheet. Shared by the note report and the class grades page so both keep the same guards.
 * `lang` is the page's language (default `en`).
 */
export function documentHead(options: { policy: string; title: string; nonce: string; css: string; lang?: Locale }): string[] {
  return [
    '<!DOCTYPE html>',
    `<html lang="${options.lang ?? 'en'}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${options.policy}">`,
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    '<meta name="referrer" content="no-referrer">',
    `<title>${escapeHtml(options.title)}</title>`,
    `<style nonce="${options.nonce}">${options.css}</style>`,
    '</head>',
    '<body>',
  ];
}
