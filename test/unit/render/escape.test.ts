import * as assert from 'node:assert/strict';
import { cleanText, escapeHtml, escapeMarkdown } from '../../../server/src/core/render/escape';

describe('render/escape', () => {
  const html: [string, string][] = [
    ['plain text', 'plain text'],
    ['<b>&"\'', '&lt;b&gt;&amp;&quot;&#39;'],
    ['" onmouseover="x', '&quot; onmouseover&#61;&quot;x'],
    ['javascript:alert(1)', 'javascript&#58;alert(1)'],
    ['JAVA script :x', 'JAVA script &#58;x'],
    ['a\u202Eb', 'a[U+202E]b'],
    ['x\u2066y\u2069', 'x[U+2066]y[U+2069]'],
    ['nul\u0000bell\u0007', 'nul\uFFFDbell\uFFFD'],
    ['line\r\nbreak', 'line\nbreak'],
  ];
  for (const [input, expected] of html) {
    it(`escapeHtml ${JSON.stringify(input)}`, () => assert.equal(escapeHtml(input), expected));
  }

  const markdown: [string, string][] = [
    ['J. Lee, RMT', 'J. Lee, RMT'],
    ['*bold* _it_ `code`', '\\*bold\\* \\_it\\_ \\`code\\`'],
    ['[x](javascript:alert(1))', '\\[x\\](javascript\\:alert(1))'],
    ['a | b', 'a \\| b'],
    ['<script>&amp;', '&lt;script&gt;&amp;amp;'],
    ['- item', '\\- item'],
    ['1. first', '1\\. first'],
    ['two\nlines\n# heading', 'two lines \\# heading'],
    ['see https://example.com or www.example.com', 'see https\\://example.com or www\\.example.com'],
    ['mail a@b.c', 'mail a\\@b.c'],
    ['~~strike~~ $x$', '\\~\\~strike\\~\\~ \\$x\\$'],
    ['a\u202Eb', 'a\\[U+202E\\]b'],
  ];
  for (const [input, expected] of markdown) {
    it(`escapeMarkdown ${JSON.stringify(input)}`, () => assert.equal(escapeMarkdown(input), expected));
  }

  it('cleanText keeps tabs and newlines and ordinary Unicode', () => {
    assert.equal(cleanText('a\tb\nc é 中 \u200D'), 'a\tb\nc é 中 \u200D');
  });
});
