import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, type DefaultTreeAdapterMap } from 'parse5';
import { createEngine } from '../../../server/src/core/engine';
import { builtinPackSources } from '../../../server/src/node/builtinPacks';
import { nodeHost } from '../../../server/src/node/nodeHost';
import type { PackSource } from '../../../server/src/core/vocabulary/packs';
import { repoRoot } from '../repoRoot';

/** A parse5 element node. */
export type Element = DefaultTreeAdapterMap['element'];
type ParentNode = DefaultTreeAdapterMap['parentNode'];
type ChildNode = DefaultTreeAdapterMap['childNode'];

/** The engine over the built-in packs (plus any extra packs), with a fixed "today" so date checks are stable. */
export function testEngine(extraPacks: PackSource[] = []) {
  return createEngine({ packs: [...builtinPackSources(), ...extraPacks], host: { ...nodeHost(), today: () => '2026-11-21' } });
}

/** Every `*.soap.yaml` under `examples/`, as paths relative to the repository root, sorted. */
export function exampleNotes(): string[] {
  const root = repoRoot();
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) {
        walk(path);
      } else if (/\.soap\.ya?ml$/.test(name)) {
        out.push(relative(root, path));
      }
    }
  };
  walk(join(root, 'examples'));
  return out;
}

/** Parses an HTML document with a real HTML5 parser (the same tree a browser builds). */
export function parseHtml(html: string): ParentNode {
  return parse(html);
}

function isElement(node: ChildNode | ParentNode): node is Element {
  return 'tagName' in node;
}

/** All elements under a node, depth first, template contents included. */
export function elements(root: ParentNode): Element[] {
  const out: Element[] = [];
  const visit = (node: ParentNode): void => {
    for (const child of node.childNodes) {
      if (isElement(child)) {
        out.push(child);
        visit(child);
        if (child.tagName === 'template' && 'content' in child) {
          visit((child as DefaultTreeAdapterMap['template']).content);
        }
      }
    }
  };
  visit(root);
  return out;
}

/** The text content of a node, as a browser's `textContent` would give it. */
export function textOf(node: ParentNode): string {
  let text = '';
  for (const child of node.childNodes) {
    if (child.nodeName === '#text') {
      text += (child as DefaultTreeAdapterMap['textNode']).value;
    } else if (isElement(child)) {
      text += textOf(child);
    }
  }
  return text;
}

/** An attribute's value, or undefined. */
export function attr(element: Element, name: string): string | undefined {
  return element.attrs.find((a) => a.name === name)?.value;
}

/** Elements with a class. */
export function byClass(root: ParentNode, cls: string): Element[] {
  return elements(root).filter((e) => (attr(e, 'class') ?? '').split(/\s+/).includes(cls));
}
