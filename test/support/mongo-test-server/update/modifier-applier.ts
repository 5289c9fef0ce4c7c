import { Long, type Document, type Timestamp } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import type { TargetResolver } from './target-resolver';
import { UpdateTarget } from './update-target';

/** One field of one update operator, e.g. { $inc: { n: 1 } } gives ('$inc', 'n', 1). */
export interface ModifierOperation {
  readonly operator: string;
  readonly path: string;
  readonly argument: unknown;
  /** For $pull: which array elements to remove, compiled once per update. */
  readonly removes?: (element: unknown) => boolean;
}

/** What applying operators to one document needs besides the operators. */
export interface ModifierContext {
  /** True when the document is being created by an upsert ($setOnInsert applies, '$' names allowed). */
  readonly isInsert: boolean;
  /** The document before the update, for error messages. */
  readonly original: Document;
  readonly resolver: TargetResolver;
  /** A fresh timestamp for $currentDate { $type: 'timestamp' }. */
  readonly timestamp: () => Timestamp;
}

const badValue = (message: string): CommandError => new CommandError(ErrorCode.BadValue, message);

/** Applies update operators in place to a private copy of a document, with mongod's errors. */
export class ModifierApplier {
  static apply(doc: Document, operations: readonly ModifierOperation[], context: ModifierContext): void {
    for (const operation of operations) {
      if (operation.operator === '$setOnInsert' && !context.isInsert) continue;
      if (operation.operator === '$rename') {
        ModifierApplier.rename(doc, operation, context);
        continue;
      }
      for (const target of context.resolver.resolve(doc, operation.path)) {
        if (!context.isInsert && target.parts[0].startsWith('$')) {
          throw new CommandError(
            ErrorCode.DollarPrefixedFieldName,
            `The dollar ($) prefixed field '${target.parts[0]}' in '${target.path}' is not valid for storage.`,
          );
        }
        ModifierApplier.applyOne(target, operation, context);
      }
    }
  }

  private static applyOne(target: UpdateTarget, operation: ModifierOperation, context: ModifierContext): void {
    const { operator, argument } = operation;
    const current = target.get();
    switch (operator) {
      case '$set':
      case '$setOnInsert':
        target.set(BsonValues.clone(argument));
        return;
      case '$unset':
        target.unset();
        return;
      case '$inc':
      case '$mul':
        if (current === undefined) {
          target.set(operator === '$inc' ? argument : ModifierApplier.arithmetic(argument, 0, '$mul'));
          return;
        }
        if (!BsonValues.isNumber(current)) {
          throw new CommandError(
            ErrorCode.TypeMismatch,
            `Cannot apply ${operator} to a value of non-numeric type. ${BsonValues.formatId(context.original)} has the field '${target.field}' of non-numeric type ${BsonValues.typeName(current)}`,
          );
        }
        target.set(ModifierApplier.arithmetic(current, argument, operator));
        return;
      case '$max':
      case '$min': {
        const replaces =
          current === undefined ||
          (operator === '$max' ? BsonValues.compare(argument, current) > 0 : BsonValues.compare(argument, current) < 0);
        if (replaces) target.set(BsonValues.clone(argument));
        return;
      }
      case '$currentDate': {
        const asTimestamp = BsonValues.isDocument(argument) && argument.$type === 'timestamp';
        target.set(asTimestamp ? context.timestamp() : new Date());
        return;
      }
      case '$push':
        target.set(ModifierApplier.push(ModifierApplier.arrayAt(target, current, context), argument));
        return;
      case '$addToSet': {
        const array = [...ModifierApplier.arrayAt(target, current, context)];
        const values = BsonValues.isDocument(argument) && '$each' in argument ? (argument.$each as unknown[]) : [argument];
        for (const value of values) {
          if (!array.some((e) => BsonValues.equals(e, value))) array.push(BsonValues.clone(value));
        }
        target.set(array);
        return;
      }
      case '$pull':
      case '$pullAll': {
        if (current === undefined) return;
        if (!Array.isArray(current)) throw badValue('Cannot apply $pull to a non-array value');
        const removes =
          operation.removes ?? ((e: unknown) => (argument as unknown[]).some((v) => BsonValues.equals(e, v)));
        target.set(current.filter((e) => !removes(e)));
        return;
      }
      case '$pop':
        if (current === undefined) return;
        if (!Array.isArray(current)) {
          throw new CommandError(
            ErrorCode.TypeMismatch,
            `Path '${target.path}' contains an element of non-array type '${BsonValues.typeName(current)}'`,
          );
        }
        target.set(BsonValues.toNumber(argument) === 1 ? current.slice(0, -1) : current.slice(1));
        return;
      case '$bit':
        target.set(ModifierApplier.bit(current, argument as Document, target, context));
        return;
      default:
        throw new CommandError(ErrorCode.FailedToParse, `Unknown modifier: ${operator}`);
    }
  }

  private static arrayAt(target: UpdateTarget, current: unknown, context: ModifierContext): unknown[] {
    if (current === undefined) return [];
    if (Array.isArray(current)) return current;
    throw badValue(
      `The field '${target.field}' must be an array but is of type ${BsonValues.typeName(current)} in document ${BsonValues.formatId(context.original)}`,
    );
  }

  private static push(existing: unknown[], argument: unknown): unknown[] {
    const modifiers: Document = BsonValues.isDocument(argument) && '$each' in argument ? argument : { $each: [argument] };
    const array = [...existing];
    const each = BsonValues.clone(modifiers.$each as unknown[]);
    let position = modifiers.$position === undefined ? array.length : BsonValues.toNumber(modifiers.$position);
    if (position < 0) position = Math.max(0, array.length + position);
    array.splice(Math.min(position, array.length), 0, ...each);
    const sort = modifiers.$sort;
    if (sort !== undefined) {
      if (BsonValues.isDocument(sort)) {
        const keys = Object.entries(sort).map(([field, dir]) => [field.split('.'), BsonValues.toNumber(dir)] as const);
        array.sort((a, b) => {
          for (const [parts, dir] of keys) {
            const field = (element: unknown): unknown => new UpdateTarget({ element }, ['element', ...parts]).get();
            const c = BsonValues.compare(field(a), field(b));
            if (c !== 0) return c * dir;
          }
          return 0;
        });
      } else {
        const dir = BsonValues.toNumber(sort);
        array.sort((a, b) => BsonValues.compare(a, b) * dir);
      }
    }
    if (modifiers.$slice !== undefined) {
      const n = BsonValues.toNumber(modifiers.$slice);
      return n >= 0 ? array.slice(0, n) : array.slice(n);
    }
    return array;
  }

  private static rename(doc: Document, operation: ModifierOperation, context: ModifierContext): void {
    const source = new UpdateTarget(doc, operation.path.split('.'));
    const destination = new UpdateTarget(doc, String(operation.argument).split('.'));
    const sourceArray = source.arrayOnPath();
    if (sourceArray !== undefined) {
      throw badValue(
        `The source field cannot be an array element, '${operation.path}' in doc with ${BsonValues.formatId(context.original)} has an array field called '${sourceArray}'`,
      );
    }
    const value = source.get();
    if (value === undefined) return;
    const destinationArray = destination.arrayOnPath();
    if (destinationArray !== undefined) {
      throw badValue(
        `The destination field cannot be an array element, '${destination.path}' in doc with ${BsonValues.formatId(context.original)} has an array field called '${destinationArray}'`,
      );
    }
    source.unset();
    destination.set(value);
  }

  private static arithmetic(a: unknown, b: unknown, operator: string): unknown {
    const isLong = (v: unknown): boolean => (v as { _bsontype?: string })?._bsontype === 'Long';
    if (isLong(a) || isLong(b)) {
      const x = isLong(a) ? (a as Long) : Long.fromNumber(BsonValues.toNumber(a));
      const y = isLong(b) ? (b as Long) : Long.fromNumber(BsonValues.toNumber(b));
      return operator === '$inc' ? x.add(y) : x.multiply(y);
    }
    const x = BsonValues.toNumber(a);
    const y = BsonValues.toNumber(b);
    return operator === '$inc' ? x + y : x * y;
  }

  private static bit(current: unknown, argument: Document, target: UpdateTarget, context: ModifierContext): number {
    const base = current === undefined ? 0 : current;
    if (!BsonValues.isNumber(base) || !Number.isInteger(BsonValues.toNumber(base))) {
      throw badValue(
        `Cannot apply $bit to a value of non-integral type.${BsonValues.formatId(context.original)} has the field ${target.field} of non-integer type ${BsonValues.typeName(base)}`,
      );
    }
    let result = BigInt(BsonValues.toNumber(base));
    for (const [op, value] of Object.entries(argument)) {
      const operand = BigInt(BsonValues.toNumber(value));
      result = op === 'and' ? result & operand : op === 'or' ? result | operand : result ^ operand;
    }
    return Number(result);
  }
}
