/**
 * Note templates for "New Note": the built-in skeleton (from the snippet file) and a clinic's own
 * `.soapnote/templates/*.soap.yaml`. The language server fills them (`soapnote/fillTemplate`, the
 * core's one filler). Pure text functions (no `vscode`), so the unit tests run them directly.
 */

/** A client id as the note format wants it: pseudonymous, no spaces, e.g. `C-0142`. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;

/** A VS Code snippet as stored in `snippets/soapnote.json`. */
export interface Snippet {
  prefix: string | string[];
  description?: string;
  body: string | string[];
}

/** Why `value` is not a usable client id, or undefined when it is (for the input box's validation). */
export function validateClientId(value: string): string | undefined {
  if (CLIENT_ID_PATTERN.test(value)) {
    return undefined;
  }
  if (/\s/.test(value)) {
    return 'No spaces: a pseudonymous id such as C-0142 (never the client\'s name).';
  }
  return 'Letters, digits, ".", "_" or "-", starting with a letter or digit, at most 64 characters (e.g. C-0142).';
}

const DATE_VARIABLES = /\$\{CURRENT_YEAR\}-\$\{CURRENT_MONTH\}-\$\{CURRENT_DATE\}/g;

/**
 * Turns a snippet body into template text: today's date becomes `{{date}}`, each placeholder its
 * default (a choice its first option), tab stops vanish, and the header's `client:` / `therapist:`
 * become `{{client}}` / `{{therapist}}` so "New Note" can fill them like any template.
 */
export function snippetToTemplate(snippet: Snippet): string {
  // A brace-free stand-in for the date while placeholders are resolved (a default may hold the date).
  const DATE = '\u0000date\u0000';
  let text = (Array.isArray(snippet.body) ? snippet.body.join('\n') : snippet.body).replace(DATE_VARIABLES, DATE);
  // Innermost first, so a placeholder whose default holds another placeholder resolves too.
  for (let previous = ''; previous !== text;) {
    previous = text;
    text = text
      .replace(/\$\{\d+:([^${}]*)\}/g, '$1')
      .replace(/\$\{\d+\|([^,|]*)[^|]*\|\}/g, '$1')
      .replace(/\$\{\d+\}|\$\d+/g, '');
  }
  text = text.replace(/\\([$}\\])/g, '$1').split(DATE).join('{{date}}');
  return text
    .replace(/^client:.*$/m, 'client: {{client}}')
    .replace(/^therapist:.*$/m, 'therapist: {{therapist}}')
    .replace(/\n+$/, '\n');
}

/** The file name of a new note: `CLIENT-DATE.soap.yaml`, with `-2`, `-3`... when `taken` says so. */
export function noteFileName(client: string, date: string, taken: (name: string) => boolean = () => false): string {
  for (let n = 1; ; n++) {
    const name = `${client}-${date}${n === 1 ? '' : `-${n}`}.soap.yaml`;
    if (!taken(name)) {
      return name;
    }
  }
}

/**
 * The top-level `templates:` folder of a `.soapnote/config.yaml` text (e.g. `templates: clinic/templates`),
 * unquoted and without a trailing slash; undefined when absent, empty, absolute or climbing out with `..`.
 */
export function templatesSetting(configText: string): string | undefined {
  const m = /^templates:[ \t]*(.*?)[ \t]*(?:[ \t]#.*)?$/m.exec(configText);
  const raw = m?.[1]?.replace(/^(["'])(.*)\1$/, '$2').trim().replace(/[\\/]+$/, '');
  if (!raw || /^([\\/]|[A-Za-z]:)/.test(raw) || raw.split(/[\\/]/).includes('..')) {
    return undefined;
  }
  return raw;
}
