import type { Position } from 'vscode-languageserver-types';
import { createEngine, type Engine } from '../../../server/src/core/engine';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';

let engine: Engine | undefined;

/** One engine over the real built-in knowledge, shared by the feature tests. */
export function testEngine(): Engine {
  engine ??= createEngine({ packs: builtinPackSources(), host: { ...nodeHost(), today: () => '2026-11-20' } });
  return engine;
}

/** Splits a document written with a `|` cursor marker into its text and the cursor position. */
export function withCursor(doc: string): { text: string; position: Position } {
  const at = doc.indexOf('|');
  if (at < 0) {
    throw new Error('test document has no | cursor marker');
  }
  const text = doc.slice(0, at) + doc.slice(at + 1);
  const before = doc.slice(0, at).split('\n');
  return { text, position: { line: before.length - 1, character: (before[before.length - 1] ?? '').length } };
}

/** A small valid note header, to put sections under. */
export const HEADER = 'soapnote: 1\nclient: C-0142\ndate: 2026-11-20\ntherapist: J. Lee, RMT\n';
