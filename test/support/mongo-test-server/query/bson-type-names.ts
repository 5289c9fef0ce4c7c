import { BsonValues } from '../bson/bson-values';

const aliasesByNumber: Readonly<Record<number, string>> = {
  1: 'double',
  2: 'string',
  3: 'object',
  4: 'array',
  5: 'binData',
  6: 'undefined',
  7: 'objectId',
  8: 'bool',
  9: 'date',
  10: 'null',
  11: 'regex',
  12: 'dbPointer',
  13: 'javascript',
  14: 'symbol',
  15: 'javascriptWithScope',
  16: 'int',
  17: 'timestamp',
  18: 'long',
  19: 'decimal',
  [-1]: 'minKey',
  127: 'maxKey',
};

const aliases = new Set([...Object.values(aliasesByNumber), 'number']);
const numeric = new Set(['double', 'int', 'long', 'decimal']);

/** The $type query operator's type designators (aliases like 'objectId' and BSON type numbers). */
export class BsonTypeNames {
  /** The alias for a $type argument, or undefined when mongod would reject it. */
  static alias(designator: unknown): string | undefined {
    if (typeof designator === 'string') return aliases.has(designator) ? designator : undefined;
    if (typeof designator === 'number') return aliasesByNumber[designator];
    return undefined;
  }

  /** Whether a stored value has the type an alias names ('number' covers all numeric types). */
  static matches(value: unknown, alias: string): boolean {
    const actual = BsonValues.typeName(value);
    return alias === 'number' ? numeric.has(actual) : actual === alias;
  }
}
