import type { Document } from 'mongodb';
import type { FieldCondition, Filter } from '../read-store';
import { fieldDocument } from './mongo-fields';

/**
 * Translates a filter into a MongoDB query. Every value sits under an explicit operator ($eq, $in,
 * $gt, …), so no value, whatever it holds, is read as an operator or a nested query; conditions
 * are combined with $and so several on one field never overwrite each other.
 */
export function toMongoFilter(filter: Filter): Document {
  const clauses = filter.map((condition) => fieldDocument(condition.field, operatorOf(condition)));
  if (clauses.length === 0) return {};
  return clauses.length === 1 ? clauses[0] : { $and: clauses };
}

/** Combines query parts with $and, leaving out empty ones. */
export function allOf(...parts: Document[]): Document {
  const kept = parts.filter((part) => Object.keys(part).length > 0);
  if (kept.length === 0) return {};
  return kept.length === 1 ? kept[0] : { $and: kept };
}

function operatorOf(condition: FieldCondition): Document {
  switch (condition.op) {
    case 'eq':
      return { $eq: condition.value };
    case 'ne':
      return { $ne: condition.value };
    case 'in':
      return { $in: [...condition.values] };
    case 'gt':
      return { $gt: condition.value };
    case 'gte':
      return { $gte: condition.value };
    case 'lt':
      return { $lt: condition.value };
    case 'lte':
      return { $lte: condition.value };
    case 'contains':
      return { $regex: escapeRegex(condition.value), $options: 'i' };
  }
}

/**
 * Escapes every regex metacharacter so the needle is matched literally (PCRE on the server, JS
 * RegExp in the test server); NUL, which a pattern may not contain raw, becomes \x00.
 */
export function escapeRegex(text: string): string {
  return text.replace(/[\\^$.|?*+()[\]{}]/g, '\\$&').replaceAll('\0', '\\x00');
}
