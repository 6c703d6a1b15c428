import { fc, test } from '@fast-check/vitest';
import { expect } from 'vitest';
import { fromJson, toJson } from './json-column.js';

const jsonLike = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.boolean(),
    fc.integer(),
    fc.bigInt(),
    fc.constant(null),
    fc.array(tie('value'), { maxLength: 4 }),
    fc.dictionary(
      fc.string().filter((k) => k !== '__proto__' && k !== '$bigint'),
      tie('value'),
      { maxKeys: 4 },
    ),
  ),
})).value;

// The one value it cannot hold: an object whose only key is `$bigint` (no domain value has one).
test.prop([jsonLike])('a JSON column gives back the value stored, bigints included', (value) => {
  expect(fromJson(toJson(value), 'value')._unsafeUnwrap()).toEqual(value);
});
