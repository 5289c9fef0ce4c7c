import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { UpdateTarget } from './update-target';

const isRegex = (v: unknown): boolean => v instanceof RegExp || (v as { _bsontype?: string } | null)?._bsontype === 'BSONRegExp';

/**
 * The document an upsert starts from when nothing matched: the query's equality conditions
 * (field: value, field: { $eq: value }, also inside $and), as mongod seeds it.
 */
export class UpsertSeed {
  static fromQuery(query: Document | undefined): Document {
    const seed: Document = {};
    if (query) UpsertSeed.collect(query, seed);
    return seed;
  }

  /** The seed a replacement upsert uses: only the query's _id equality, if any. */
  static idOnly(query: Document | undefined): Document {
    const seed = UpsertSeed.fromQuery(query);
    return seed._id === undefined ? {} : { _id: seed._id };
  }

  private static collect(query: Document, seed: Document): void {
    for (const [field, condition] of Object.entries(query)) {
      if (field === '$and' && Array.isArray(condition)) {
        for (const clause of condition) if (BsonValues.isDocument(clause)) UpsertSeed.collect(clause, seed);
        continue;
      }
      if (field.startsWith('$')) continue;
      let value: unknown;
      if (BsonValues.isOperatorDocument(condition)) {
        if (!('$eq' in condition) || BsonValues.isOperatorDocument(condition.$eq)) continue;
        value = condition.$eq;
      } else {
        value = condition;
      }
      if (isRegex(value)) continue;
      new UpdateTarget(seed, field.split('.')).set(BsonValues.clone(value));
    }
  }
}
