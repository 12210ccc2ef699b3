import * as assert from 'node:assert/strict';
import { HEADER, testEngine } from '../features/helpers';

const engine = testEngine();
const AF = `${HEADER}health:\n  conditions:\n`;

/** The schema findings on a note, as `line: message`. */
function schemaFindings(text: string): string[] {
  return engine.check(text).filter((f) => f.ruleId === 'schema.invalid').map((f) => `${f.range.start.line + 1}: ${f.message}`);
}

describe('an unquoted comma in a {...} value: the message names the real mistake', () => {
  it('the issue\'s note: one finding, saying to quote the value, on the piece after the comma', () => {
    const text = `${AF}    - {condition: atrial fibrillation, note: stable, managed by cardiologist}\n`;
    assert.deepEqual(schemaFindings(text), [
      `7: A comma in a {...} value starts a new field ('managed by cardiologist' is read as one): put the value in quotes, as in note: "stable, managed by cardiologist".`,
    ]);
    const finding = engine.check(text).find((f) => f.ruleId === 'schema.invalid');
    assert.equal(text.split('\n')[6]?.slice(finding?.range.start.character, finding?.range.end.character), 'managed by cardiologist');
  });

  it('several commas: one finding for the whole value', () => {
    const text = `${AF}    - {condition: hypertension, note: controlled, on ramipril, BP checked}\n`;
    assert.deepEqual(schemaFindings(text), [`7: A comma in a {...} value starts a new field ('on ramipril' is read as one): put the value in quotes, as in note: "controlled, on ramipril, BP checked".`]);
  });

  // Shapes that are something else keep the plain message.
  const others: { name: string; text: string; expected: RegExp }[] = [
    { name: 'a misspelt key in block style', text: `${AF}    - condition: hypertension\n      nte: stable\n`, expected: /'nte' is not a field the note format knows/ },
    { name: 'an unknown key with its own value', text: `${AF}    - {condition: hypertension, nte: stable}\n`, expected: /'nte' is not a field the note format knows/ },
    { name: 'a quoted value before the piece', text: `${AF}    - {condition: hypertension, note: "stable", managed}\n`, expected: /'managed' is not a field the note format knows/ },
    { name: 'the piece on the next line', text: `${AF}    - {condition: hypertension, note: stable,\n       managed}\n`, expected: /'managed' is not a field the note format knows/ },
  ];
  for (const { name, text, expected } of others) {
    it(`not for ${name}`, () => {
      const found = schemaFindings(text);
      assert.equal(found.length, 1, found.join('\n'));
      assert.match(found[0] ?? '', expected);
    });
  }

  it('a comma in a block-style value is fine as it is', () => {
    assert.deepEqual(schemaFindings(`${AF}    - condition: hypertension\n      note: stable, managed by cardiologist\n`), []);
  });
});
