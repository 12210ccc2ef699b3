import { LineCounter, parseDocument, type Document } from 'yaml';
import { offsetsToRange, DOCUMENT_START } from './ranges';
import { RuleId } from './ruleIds';
import type { Finding } from './types';

/** Limits that keep a hostile or huge file from stalling the editor or CI. */
export interface ParseLimits {
  /** Notes larger than this (in UTF-16 code units, close to bytes for clinical text) are not parsed. */
  maxNoteBytes: number;
  /** Alias expansions allowed before a document is treated as an alias bomb. */
  maxAliasCount: number;
}

/** Defaults for {@link ParseLimits}; `maxNoteBytes` can be changed in `.soapnote/config.yaml`. */
export const DEFAULT_LIMITS: ParseLimits = { maxNoteBytes: 1_000_000, maxAliasCount: 50 };

/** A YAML text parsed with positions kept, plus the syntax findings it produced. */
export interface ParsedYaml {
  text: string;
  doc: Document.Parsed | undefined;
  lineCounter: LineCounter;
  findings: Finding[];
}

/**
 * Parses YAML text keeping source ranges. Never throws: syntax errors, duplicate keys and
 * over-size input become findings. Uses the YAML 1.2 core schema so `2026-11-20` stays a string.
 */
export function parseYaml(text: string, limits: ParseLimits = DEFAULT_LIMITS): ParsedYaml {
  const lineCounter = new LineCounter();
  if (text.length > limits.maxNoteBytes) {
    return {
      text,
      doc: undefined,
      lineCounter,
      findings: [
        {
          ruleId: RuleId.noteTooLarge,
          severity: 'error',
          message: `This file is ${Math.round(text.length / 1024)} KB, over the ${Math.round(limits.maxNoteBytes / 1024)} KB limit (maxNoteBytes in .soapnote/config.yaml), so it was not checked. A note this large is probably not a single session note.`,
          range: DOCUMENT_START,
        },
      ],
    };
  }
  const doc = parseDocument(text, {
    lineCounter,
    prettyErrors: false,
    uniqueKeys: true,
    schema: 'core',
    strict: true,
    // Warnings are findings or nothing: never text on a language server's stderr.
    logLevel: 'error',
  });
  const findings: Finding[] = [];
  for (const error of doc.errors) {
    const duplicate = error.code === 'DUPLICATE_KEY';
    findings.push({
      ruleId: duplicate ? RuleId.yamlDuplicateKey : RuleId.yamlSyntax,
      severity: 'error',
      message: duplicate ? `Duplicate key: ${firstLine(error.message)}. Each field may appear once; merge the two.` : `YAML syntax error: ${firstLine(error.message)}`,
      range: offsetsToRange(lineCounter, error.pos[0], error.pos[1]),
    });
  }
  return { text, doc, lineCounter, findings };
}

/** The yaml package appends a code excerpt to some messages; a diagnostic wants one line. */
function firstLine(message: string): string {
  const line = message.split('\n')[0] ?? message;
  return line.replace(/ at line \d+, column \d+:?$/, '').trim();
}
