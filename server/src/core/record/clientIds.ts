/**
 * The comparison form of a client id: lower case, punctuation and spaces dropped, leading zeros of
 * each number dropped. `C-0142`, `c 142` and `C142` compare alike; the record still needs the
 * exact id (a different id is a different client), this only finds likely typing slips.
 */
export function clientIdKey(id: string): string {
  return id.toLowerCase().replace(/[^a-z0-9]+/g, '').replace(/(^|[^0-9])0+(?=[0-9])/g, '$1');
}
