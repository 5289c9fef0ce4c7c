import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { BsonTypeNames } from './bson-type-names';

/** A verdict on one document: matches, does not, or only mingo can tell. */
export const Verdict = { No: 0, Yes: 1, Unknown: 2 } as const;
export type Verdict = (typeof Verdict)[keyof typeof Verdict];

export type ScalarPredicate = (doc: Document) => Verdict;

/** What a path read found when it crossed an array: matching then needs mingo's array rules. */
const CROSSED_ARRAY = Symbol('crossed array');

type Reader = (doc: Document) => unknown;
type Test = (value: unknown) => Verdict;

const REGEX_OPTIONS = /^[ims]*$/;

const isScalarArgument = (v: unknown): boolean =>
  v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v));

/** A scalar value as stored: missing, null, string, boolean or a number that is not NaN. */
const isScalarValue = (v: unknown): boolean =>
  v === undefined || v === null || typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && !Number.isNaN(v));

const not = (verdict: Verdict): Verdict => (verdict === Verdict.Unknown ? verdict : verdict === Verdict.Yes ? Verdict.No : Verdict.Yes);

/**
 * A fast path for the common filters (equality, $in, ranges, $exists, $type, $regex, combined
 * with $and/$or/$nor/$not) on documents whose filtered fields hold scalars. It answers exactly as
 * mingo does for those; for anything else (arrays on the path, objects, dates, NaN) it answers
 * Unknown and the caller asks mingo. Filters using other operators get no fast path (null).
 */
export class ScalarFilter {
  static compile(filter: Document): ScalarPredicate | null {
    const clauses: ScalarPredicate[] = [];
    for (const [key, value] of Object.entries(filter)) {
      if (key === '$and' || key === '$or' || key === '$nor') {
        if (!Array.isArray(value) || value.length === 0) return null;
        const parts: ScalarPredicate[] = [];
        for (const clause of value) {
          if (!BsonValues.isDocument(clause)) return null;
          const compiled = ScalarFilter.compile(clause);
          if (!compiled) return null;
          parts.push(compiled);
        }
        clauses.push(key === '$and' ? all(parts) : key === '$or' ? any(parts) : (doc) => not(any(parts)(doc)));
        continue;
      }
      if (key.startsWith('$')) return null;
      const reader = ScalarFilter.reader(key);
      const test = reader && ScalarFilter.condition(value);
      if (!reader || !test) return null;
      clauses.push((doc) => test(reader(doc)));
    }
    return clauses.length === 1 ? clauses[0] : all(clauses);
  }

  /** Reads a dotted path through embedded documents; CROSSED_ARRAY when an array is in the way. */
  private static reader(path: string): Reader | null {
    const parts = path.split('.');
    // inherited names would read Object.prototype where mingo and mongod see a missing field
    if (parts.some((part) => part === '' || part in Object.prototype)) return null;
    if (parts.length === 1) {
      const [field] = parts;
      return (doc) => doc[field];
    }
    return (doc) => {
      let current: unknown = doc;
      for (const part of parts) {
        if (current === undefined || current === null) return undefined;
        if (Array.isArray(current)) return CROSSED_ARRAY;
        if (typeof current !== 'object') return undefined;
        if (!BsonValues.isDocument(current)) return CROSSED_ARRAY;
        current = (current as Document)[part];
      }
      return current;
    };
  }

  /** The test for one field's condition: a scalar (implicit $eq) or an operator document. */
  private static condition(condition: unknown): Test | null {
    if (isScalarArgument(condition)) return ScalarFilter.operator('$eq', condition);
    if (!BsonValues.isOperatorDocument(condition)) return null;
    const entries = Object.entries(condition);
    if ('$options' in condition && !('$regex' in condition)) return null;
    const tests: Test[] = [];
    for (const [operator, argument] of entries) {
      if (operator === '$options') continue;
      const test =
        operator === '$regex' ? ScalarFilter.regex(argument, condition.$options) : ScalarFilter.operator(operator, argument);
      if (!test) return null;
      tests.push(test);
    }
    if (tests.length === 1) return tests[0];
    return (value) => {
      let unknown = false;
      for (const test of tests) {
        const verdict = test(value);
        if (verdict === Verdict.No) return verdict;
        if (verdict === Verdict.Unknown) unknown = true;
      }
      return unknown ? Verdict.Unknown : Verdict.Yes;
    };
  }

  private static operator(operator: string, argument: unknown): Test | null {
    switch (operator) {
      case '$eq':
      case '$ne': {
        if (!isScalarArgument(argument)) return null;
        const eq = scalarEquals(argument);
        return operator === '$eq' ? scalarTest(eq) : scalarTest((v) => !eq(v));
      }
      case '$in':
      case '$nin': {
        if (!Array.isArray(argument) || !argument.every(isScalarArgument)) return null;
        const tests = argument.map(scalarEquals);
        const has = (v: unknown): boolean => tests.some((eq) => eq(v));
        return operator === '$in' ? scalarTest(has) : scalarTest((v) => !has(v));
      }
      case '$gt':
      case '$gte':
      case '$lt':
      case '$lte': {
        // same-type comparison only (type bracketing), strings in UTF-16 order like mingo
        if (typeof argument !== 'string' && !(typeof argument === 'number' && !Number.isNaN(argument))) return null;
        const type = typeof argument;
        const bound = argument as string | number;
        const compare =
          operator === '$gt'
            ? (v: string | number) => v > bound
            : operator === '$gte'
              ? (v: string | number) => v >= bound
              : operator === '$lt'
                ? (v: string | number) => v < bound
                : (v: string | number) => v <= bound;
        return scalarTest((v) => typeof v === type && compare(v as string | number));
      }
      case '$exists': {
        const wanted = BsonValues.isNumber(argument) ? BsonValues.toNumber(argument) !== 0 : Boolean(argument);
        return (value) => (value === CROSSED_ARRAY ? Verdict.Unknown : (value !== undefined) === wanted ? Verdict.Yes : Verdict.No);
      }
      case '$type': {
        const designators = Array.isArray(argument) ? argument : [argument];
        const aliases = designators.map((d) => BsonTypeNames.alias(d));
        if (aliases.length === 0 || aliases.some((a) => a === undefined)) return null;
        return scalarTest((v) => v !== undefined && aliases.some((alias) => BsonTypeNames.matches(v, alias!)));
      }
      case '$not': {
        if (!BsonValues.isOperatorDocument(argument)) return null;
        const inner = ScalarFilter.condition(argument);
        return inner && ((value) => not(inner(value)));
      }
      default:
        return null;
    }
  }

  private static regex(pattern: unknown, options: unknown): Test | null {
    let regex: RegExp;
    if (pattern instanceof RegExp) {
      if (options !== undefined || pattern.global || pattern.sticky) return null;
      regex = pattern;
    } else {
      if (typeof pattern !== 'string') return null;
      const flags = options ?? '';
      if (typeof flags !== 'string' || !REGEX_OPTIONS.test(flags)) return null;
      try {
        regex = new RegExp(pattern, flags);
      } catch {
        return null;
      }
    }
    return scalarTest((v) => typeof v === 'string' && regex.test(v));
  }
}

/** Equality with a scalar argument as mingo's $eq sees scalars: null also matches missing. */
function scalarEquals(argument: unknown): (value: unknown) => boolean {
  return argument === null ? (v) => v === null || v === undefined : (v) => v === argument;
}

/** A test on scalar values; anything else is left to mingo. */
function scalarTest(test: (value: unknown) => boolean): Test {
  return (value) => (isScalarValue(value) ? (test(value) ? Verdict.Yes : Verdict.No) : Verdict.Unknown);
}

/** Every part holds: the first No decides, else any Unknown leaves it to mingo. */
const all = (parts: readonly ScalarPredicate[]): ScalarPredicate => firstDecisive(parts, Verdict.No, Verdict.Yes);

/** Some part holds: the first Yes decides, else any Unknown leaves it to mingo. */
const any = (parts: readonly ScalarPredicate[]): ScalarPredicate => firstDecisive(parts, Verdict.Yes, Verdict.No);

function firstDecisive(parts: readonly ScalarPredicate[], decisive: Verdict, otherwise: Verdict): ScalarPredicate {
  return (doc) => {
    let unknown = false;
    for (const part of parts) {
      const verdict = part(doc);
      if (verdict === decisive) return verdict;
      if (verdict === Verdict.Unknown) unknown = true;
    }
    return unknown ? Verdict.Unknown : otherwise;
  };
}
