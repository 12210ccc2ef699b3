/**
 * URI arithmetic for hosts without `node:path`: folders, joins and containment on hierarchical URIs
 * (`file:///home/a/notes/x.soap.yaml`, `vscode-vfs://github/clinic/notes/x.soap.yaml`). Query and
 * fragment are dropped; path segments are compared decoded, since editors and file systems encode
 * the same name differently (`%20` / space, `%3A` / `:`).
 */

/** The scheme and authority (`file://`, `vscode-vfs://github`) and the path of a URI; undefined when it has no hierarchical path (`untitled:Untitled-1`). */
export function splitUri(uri: string): { head: string; segments: string[] } | undefined {
  const match = /^([a-zA-Z][a-zA-Z0-9+.-]*:\/\/[^/?#]*)(\/[^?#]*)?/.exec(uri);
  if (!match) {
    return undefined;
  }
  const segments = (match[2] ?? '/').split('/').slice(1).map(decodeSegment);
  return { head: match[1] ?? '', segments: segments.length === 1 && segments[0] === '' ? [] : segments };
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** A URI made of a head and decoded path segments, each segment percent-encoded. */
export function formatUri(head: string, segments: readonly string[]): string {
  return `${head}/${segments.map((s) => encodeURIComponent(s)).join('/')}`;
}

/** One spelling per resource, for map keys and comparisons: the head lower-cased, the path decoded. */
export function uriKey(uri: string): string {
  const split = splitUri(uri);
  return split ? `${split.head.toLowerCase()}/${split.segments.join('/')}` : uri;
}

/** The folder holding `uri`, or undefined at the root (or for a URI without a path). */
export function parentUri(uri: string): string | undefined {
  const split = splitUri(uri);
  const segments = split ? split.segments.filter((s) => s !== '') : [];
  if (!split || segments.length === 0) {
    return undefined;
  }
  return formatUri(split.head, segments.slice(0, -1));
}

/**
 * `relative` (written with `/`, as in `.soapnote/config.yaml`: `packs/clinic.yaml`, `../shared.yaml`,
 * `/abs/pack.yaml`) resolved against the folder `folder`. `..` never climbs above the URI's root.
 */
export function joinUri(folder: string, relative: string): string {
  const split = splitUri(folder);
  if (!split) {
    return relative;
  }
  const segments = relative.startsWith('/') ? [] : split.segments.filter((s) => s !== '');
  for (const part of relative.split(/[\\/]/)) {
    if (part === '' || part === '.') {
      continue;
    }
    if (part === '..') {
      segments.pop();
    } else {
      segments.push(part);
    }
  }
  return formatUri(split.head, segments);
}

/** True when `uri` is `folder` or inside it. */
export function isInsideUri(uri: string, folder: string): boolean {
  const a = splitUri(uri);
  const b = splitUri(folder);
  if (!a || !b || a.head.toLowerCase() !== b.head.toLowerCase()) {
    return false;
  }
  const base = b.segments.filter((s) => s !== '');
  return base.length <= a.segments.length && base.every((s, i) => a.segments[i] === s);
}

/** The path of `uri` below `folder`, with `/` (`notes/C-0142-2026-09-08.soap.yaml`), or undefined when it is not inside. */
export function relativeUriPath(folder: string, uri: string): string | undefined {
  if (!isInsideUri(uri, folder)) {
    return undefined;
  }
  const base = (splitUri(folder)?.segments ?? []).filter((s) => s !== '');
  return (splitUri(uri)?.segments ?? []).slice(base.length).join('/');
}
