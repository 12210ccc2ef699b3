/**
 * The comparison form of a client id: lower case, punctuation and spaces dropped, leading zeros of
 * each number dropped. `C-0142`, `c 142` and `C142` compare alike; the record still needs the
 * exact id (a different id is a different client), this only finds likely typing slips.
 */
export function clientIdKey(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, '').replace(/(^|[^0-9])0+(?=[0-9])/g, '$1');
}

/** {@link clientIdKey}, remembered: for a loop over thousands of notes of far fewer clients. */
export function clientIdKeyMemo(): (id: string) => string {
  const keys = new Map<string, string>();
  return (id) => {
    let key = keys.get(id);
    if (key === undefined) {
      key = clientIdKey(id);
      keys.set(id, key);
    }
    return key;
  };
}

/** The `client:` value of a note's text as a line scan reads it, or undefined when the line is not plain (then the note is parsed). */
export function quickClientId(text: string): string | undefined {
  const match = /^client:[ \t]*(?:"([^"\n]*)"|'([^'\n]*)'|([^#\n]*?))[ \t]*(?:#.*)?$/m.exec(text);
  const value = match ? (match[1] ?? match[2] ?? match[3]) : undefined;
  return value ? value.trim() : undefined;
}
