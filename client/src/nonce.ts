/** A fresh CSP nonce (18 random bytes, base64) from WebCrypto, which the desktop extension host (Node 20) and the browser both have. */
export function randomNonce(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(18));
  return btoa(String.fromCharCode(...bytes));
}
