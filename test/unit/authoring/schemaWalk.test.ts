import * as assert from 'node:assert/strict';
import { CONFIG_SCHEMA, PACK_SCHEMA } from '../../../server/src/core/authoring/completion';
import { alternatives, descriptionAt, isArrayAt, isObjectAt, keysAt, schemasAt, valuesAt, type JsonSchema } from '../../../server/src/core/authoring/schemaWalk';

/** A schema with every construct the walker reads: refs, oneOf, anyOf, additionalProperties, items, a self-reference. */
const TOY: JsonSchema = {
  type: 'object',
  required: ['kind'],
  definitions: {
    level: { type: 'string', enum: ['low', 'high'], description: 'How much.' },
    node: { type: 'object', properties: { child: { $ref: '#/definitions/node' }, name: { type: 'string' } } },
    loop: { $ref: '#/definitions/loop' },
  },
  properties: {
    kind: { type: 'string', enum: ['a', 'b'], description: 'The kind.' },
    level: { $ref: '#/definitions/level', description: 'Level of this thing.' },
    after: { description: 'A list or a word.', oneOf: [{ type: 'array', items: { type: 'object', properties: { x: { type: 'integer' } } } }, { const: 'done' }] },
    either: { anyOf: [{ type: 'boolean' }, { type: 'string', enum: ['auto'] }] },
    words: { type: 'object', additionalProperties: { type: 'array', items: { type: 'string', enum: ['w1', 'w2'] } } },
    tree: { $ref: '#/definitions/node' },
    loop: { $ref: '#/definitions/loop' },
  },
};

describe('schema walker', () => {
  // [path, keys at the path]
  const keyCases: [string[], string[]][] = [
    [[], ['kind', 'level', 'after', 'either', 'words', 'tree', 'loop']],
    [['after', '[]'], ['x']],
    [['tree'], ['child', 'name']],
    [['tree', 'child', 'child'], ['child', 'name']],
    [['kind'], []],
    [['nowhere'], []],
    [['loop'], []],
  ];
  for (const [path, keys] of keyCases) {
    it(`keys at /${path.join('/')}`, () => {
      assert.deepEqual(keysAt(TOY, path).map((k) => k.key), keys);
    });
  }

  // [path, fixed values]
  const valueCases: [string[], string[]][] = [
    [['kind'], ['a', 'b']],
    [['level'], ['low', 'high']],
    [['after'], ['done']],
    [['either'], ['true', 'false', 'auto']],
    [['words', 'anything', '[]'], ['w1', 'w2']],
    [['tree', 'name'], []],
  ];
  for (const [path, values] of valueCases) {
    it(`values at /${path.join('/')}`, () => {
      assert.deepEqual(valuesAt(TOY, path).map((v) => v.value), values);
    });
  }

  it('a ref keeps the referring description; a oneOf branch takes the parent one', () => {
    assert.equal(descriptionAt(TOY, [], 'level'), 'Level of this thing.');
    assert.equal(descriptionAt(TOY, ['level']), 'Level of this thing.');
    assert.equal(descriptionAt(TOY, ['after']), 'A list or a word.');
    assert.equal(keysAt(TOY, []).find((k) => k.key === 'kind')?.required, true);
  });

  it('a oneOf of a list and a word is both an array and a value', () => {
    assert.equal(isArrayAt(TOY, ['after']), true);
    assert.equal(isObjectAt(TOY, ['after', '[]']), true);
    assert.equal(schemasAt(TOY, ['after']).length, 2);
  });

  it('a reference to itself ends instead of looping', () => {
    assert.deepEqual(alternatives(TOY, { $ref: '#/definitions/loop' }), []);
  });

  // The real schemas: [schema, path, a key there, a value there]
  const realCases: [string, JsonSchema, string[], string | undefined, string | undefined][] = [
    ['pack rule', PACK_SCHEMA, ['conditions', '[]', 'rules', '[]'], 'techniques', undefined],
    ['pack rule type', PACK_SCHEMA, ['conditions', '[]', 'rules', '[]', 'type'], undefined, 'pressure-cap'],
    ['pack rule status item', PACK_SCHEMA, ['conditions', '[]', 'rules', '[]', 'status', '[]'], undefined, 'controlled'],
    ['pack period after rule', PACK_SCHEMA, ['conditions', '[]', 'period', 'after', '[]'], 'max', undefined],
    ['pack period after word', PACK_SCHEMA, ['conditions', '[]', 'period', 'after'], undefined, 'resolved'],
    ['pack target tissue', PACK_SCHEMA, ['targets', '[]', 'tissue'], undefined, 'muscle-group'],
    ['pack synonyms', PACK_SCHEMA, ['synonyms'], 'endangerment_sites', undefined],
    ['config rules', CONFIG_SCHEMA, ['rules'], 'contraindication.local', undefined],
    ['config severity', CONFIG_SCHEMA, ['rules', 'contraindication.local'], undefined, 'off'],
    ['config integrity rule', CONFIG_SCHEMA, ['rules', 'note.encoding'], undefined, 'error'],
    ['config pressures entry', CONFIG_SCHEMA, ['pressures', '[]'], 'level', undefined],
  ];
  for (const [name, schema, path, key, value] of realCases) {
    it(`reads the shipped schema: ${name}`, () => {
      if (key) {
        assert.ok(keysAt(schema, path).some((k) => k.key === key && k.description), `${key} with its description at ${path.join('/')}`);
      }
      if (value) {
        assert.ok(valuesAt(schema, path).some((v) => v.value === value), `${value} at ${path.join('/')}`);
      }
    });
  }
});
