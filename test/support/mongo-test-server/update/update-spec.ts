import { serialize, type Document, type Timestamp } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { DocumentMatcher } from '../query/document-matcher';
import { FieldPaths } from '../query/field-paths';
import { FilterValidator } from '../query/filter-validator';
import { MingoRuntime } from '../query/mingo-runtime';
import { ModifierApplier, type ModifierOperation } from './modifier-applier';
import { TargetResolver } from './target-resolver';

const MODIFIERS = new Set([
  '$set', '$unset', '$inc', '$mul', '$max', '$min', '$push', '$addToSet', '$pull', '$pullAll', '$pop', '$rename',
  '$setOnInsert', '$currentDate', '$bit',
]);
const PIPELINE_STAGES = new Set(['$addFields', '$set', '$project', '$unset', '$replaceRoot', '$replaceWith']);
const IDENTIFIER = /^[a-z][A-Za-z0-9]*$/;

const failedToParse = (message: string): CommandError => new CommandError(ErrorCode.FailedToParse, message);
const badValue = (message: string): CommandError => new CommandError(ErrorCode.BadValue, message);
const isInteger = (v: unknown): boolean => BsonValues.isNumber(v) && Number.isInteger(BsonValues.toNumber(v));

/** Inputs of one application of an update to one document. */
export interface UpdateApplication {
  /** True when an upsert is creating the document (the argument is the seed built from the query). */
  readonly isInsert: boolean;
  /** The update's query, for the positional '$' operator. */
  readonly query?: Document;
  readonly timestamp: () => Timestamp;
}

/**
 * An update argument (the 'u' of an update statement, or findAndModify's 'update'), validated
 * once like mongod's update parser and then applied to any number of documents: operator
 * updates, replacement documents and aggregation-pipeline updates.
 */
export class UpdateSpec {
  private constructor(
    readonly kind: 'modifiers' | 'replacement' | 'pipeline',
    private readonly update: Document | Document[],
    private readonly operations: readonly ModifierOperation[],
    private readonly arrayFilters: ReadonlyMap<string, DocumentMatcher>,
  ) {}

  /** @throws CommandError for an update mongod would refuse to parse. */
  static parse(update: unknown, arrayFilters?: unknown): UpdateSpec {
    if (Array.isArray(update)) return UpdateSpec.parsePipeline(update, arrayFilters);
    if (!BsonValues.isDocument(update)) {
      throw new CommandError(ErrorCode.TypeMismatch, 'Update argument must be either an object or an array');
    }
    if (!BsonValues.isOperatorDocument(update)) {
      if (arrayFilters !== undefined && (!Array.isArray(arrayFilters) || arrayFilters.length > 0)) {
        throw failedToParse('arrayFilters may not be specified for replacement-style updates');
      }
      for (const field of Object.keys(update)) {
        if (field.startsWith('$')) {
          throw new CommandError(
            ErrorCode.DollarPrefixedFieldName,
            `The dollar ($) prefixed field '${field}' in '${field}' is not allowed in the context of an update's replacement document. Consider using an aggregation pipeline with $replaceWith.`,
          );
        }
      }
      return new UpdateSpec('replacement', update, [], new Map());
    }
    const operations = UpdateSpec.parseModifiers(update);
    const filters = UpdateSpec.parseArrayFilters(arrayFilters, operations, update);
    return new UpdateSpec('modifiers', update, operations, filters);
  }

  /** Whether two versions of a document differ byte for byte (what nModified counts). */
  static changed(before: Document, after: Document): boolean {
    return Buffer.compare(serialize(before), serialize(after)) !== 0;
  }

  /** The updated copy of `doc` (which is left untouched). */
  apply(doc: Document, application: UpdateApplication): Document {
    const result = this.compute(doc, application);
    if (!application.isInsert && !BsonValues.equals(result._id, doc._id)) {
      if (this.kind === 'replacement') {
        throw new CommandError(
          ErrorCode.ImmutableField,
          `After applying the update, the (immutable) field '_id' was found to have been altered to _id: ${BsonValues.format(result._id)}`,
        );
      }
      throw new CommandError(ErrorCode.ImmutableField, "Performing an update on the path '_id' would modify the immutable field '_id'");
    }
    if (result._id === undefined) return result;
    // mongod keeps _id as the first field
    const { _id, ...rest } = result;
    return { _id, ...rest };
  }

  private compute(doc: Document, application: UpdateApplication): Document {
    if (this.kind === 'replacement') {
      const replacement = BsonValues.clone(this.update as Document);
      return doc._id === undefined || '_id' in replacement ? replacement : { _id: doc._id, ...replacement };
    }
    if (this.kind === 'pipeline') {
      try {
        const [result] = MingoRuntime.aggregator(this.update as Document[], () => []).run([doc]);
        return BsonValues.clone(result as Document);
      } catch (error) {
        throw MingoRuntime.translate(error);
      }
    }
    const working = BsonValues.clone(doc);
    const query = application.query;
    const resolver = new TargetResolver(doc, {
      query: query ? { matcher: DocumentMatcher.compile(query), paths: FieldPaths.queryPaths(query) } : undefined,
      arrayFilters: this.arrayFilters,
    });
    ModifierApplier.apply(working, this.operations, {
      isInsert: application.isInsert,
      original: doc,
      resolver,
      timestamp: application.timestamp,
    });
    return working;
  }

  private static parseModifiers(update: Document): ModifierOperation[] {
    const operations: ModifierOperation[] = [];
    for (const [operator, operand] of Object.entries(update)) {
      if (!MODIFIERS.has(operator)) {
        throw failedToParse(
          `Unknown modifier: ${operator}. Expected a valid update modifier or pipeline-style update specified as an array`,
        );
      }
      if (!BsonValues.isDocument(operand)) {
        throw failedToParse(
          `Modifiers operate on fields but we found type ${BsonValues.typeName(operand)} instead. For example: {$mod: {<field>: ...}} not {${operator}: ${BsonValues.format(operand)}}`,
        );
      }
      for (const [path, argument] of Object.entries(operand)) {
        if (path.split('.').some((part) => part === '')) {
          throw new CommandError(ErrorCode.EmptyFieldName, `The update path '${path}' contains an empty field name, which is not allowed.`);
        }
        UpdateSpec.validateArgument(operator, path, argument);
        operations.push({ operator, path, argument, removes: UpdateSpec.pullPredicate(operator, argument) });
      }
    }
    UpdateSpec.checkConflicts(operations);
    // mongod applies the fields of an update in field-name order, whatever their operator
    return operations.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  private static validateArgument(operator: string, path: string, argument: unknown): void {
    switch (operator) {
      case '$inc':
      case '$mul':
        if (!BsonValues.isNumber(argument)) {
          throw new CommandError(
            ErrorCode.TypeMismatch,
            `Cannot ${operator === '$inc' ? 'increment' : 'multiply'} with non-numeric argument: {${path}: ${BsonValues.format(argument)}}`,
          );
        }
        return;
      case '$currentDate':
        if (typeof argument === 'boolean') return;
        if (BsonValues.isDocument(argument) && (argument.$type === 'date' || argument.$type === 'timestamp')) return;
        throw badValue(
          `${BsonValues.format(argument)} is not valid type for $currentDate. Please use a boolean ('true') or a $type expression ({$type: 'timestamp/date'}).`,
        );
      case '$rename':
        if (typeof argument !== 'string') throw badValue(`The 'to' field for $rename must be a string: ${path}: ${BsonValues.format(argument)}`);
        if (argument === path) throw badValue(`The source and target field for $rename must differ: ${path}: "${argument}"`);
        if ([path, argument].some((p) => p.split('.').some((part) => part.startsWith('$')))) {
          throw badValue(`The source field for $rename may not be dynamic: ${path}`);
        }
        return;
      case '$pop':
        if (!BsonValues.isNumber(argument) || Math.abs(BsonValues.toNumber(argument)) !== 1) {
          throw failedToParse(`$pop expects 1 or -1, found: ${BsonValues.format(argument)}`);
        }
        return;
      case '$pullAll':
        if (!Array.isArray(argument)) {
          throw badValue(`$pullAll requires an array argument but was given a ${BsonValues.typeName(argument)}`);
        }
        return;
      case '$push':
      case '$addToSet':
        if (BsonValues.isDocument(argument) && '$each' in argument) UpdateSpec.validateEach(operator, argument);
        return;
      case '$bit':
        if (!BsonValues.isDocument(argument) || Object.entries(argument).some(([k, v]) => !['and', 'or', 'xor'].includes(k) || !isInteger(v))) {
          throw badValue(`The $bit modifier only supports 'and', 'or', and 'xor' with integer operands, not ${BsonValues.format(argument)}`);
        }
        return;
      default:
        return;
    }
  }

  private static validateEach(operator: string, modifiers: Document): void {
    if (!Array.isArray(modifiers.$each)) {
      throw badValue(`The argument to $each in ${operator} must be an array but it was of type: ${BsonValues.typeName(modifiers.$each)}`);
    }
    for (const [key, value] of Object.entries(modifiers)) {
      if (key === '$each') continue;
      if (operator === '$addToSet') throw badValue(`Found unexpected fields after $each in $addToSet: ${BsonValues.format(modifiers)}`);
      if (key === '$slice' && !isInteger(value)) {
        throw badValue(`The value for $slice must be an integer value but was given type: ${BsonValues.typeName(value)}`);
      } else if (key === '$position' && !isInteger(value)) {
        throw badValue(`The value for $position must be an integer value, not of type: ${BsonValues.typeName(value)}`);
      } else if (key === '$sort') {
        const ok = (v: unknown): boolean => BsonValues.isNumber(v) && Math.abs(BsonValues.toNumber(v)) === 1;
        if (!(ok(value) || (BsonValues.isDocument(value) && Object.keys(value).length > 0 && Object.values(value).every(ok)))) {
          throw badValue('The $sort is invalid: use 1/-1 to sort the whole element, or {field:1/-1} to sort embedded fields');
        }
      } else if (!['$slice', '$position', '$sort'].includes(key)) {
        throw badValue(`Unrecognized clause in $push: ${key}`);
      }
    }
  }

  private static pullPredicate(operator: string, argument: unknown): ((element: unknown) => boolean) | undefined {
    if (operator !== '$pull') return undefined;
    if (BsonValues.isOperatorDocument(argument)) {
      const matcher = DocumentMatcher.compile({ element: argument });
      return (e) => matcher.test({ element: e });
    }
    if (BsonValues.isDocument(argument)) {
      const matcher = DocumentMatcher.compile(argument);
      return (e) => BsonValues.isDocument(e) && matcher.test(e);
    }
    if (argument instanceof RegExp) return (e) => typeof e === 'string' && new RegExp(argument.source, argument.flags).test(e);
    return (e) => BsonValues.equals(e, argument);
  }

  private static checkConflicts(operations: readonly ModifierOperation[]): void {
    const paths = operations
      .flatMap((o) => (o.operator === '$rename' ? [o.path, String(o.argument)] : [o.path]))
      .sort();
    for (let i = 0; i < paths.length; i++) {
      for (let j = i + 1; j < paths.length; j++) {
        if (paths[j] === paths[i] || paths[j].startsWith(`${paths[i]}.`)) {
          throw new CommandError(
            ErrorCode.ConflictingUpdateOperators,
            `Updating the path '${paths[j]}' would create a conflict at '${paths[i]}'`,
          );
        }
      }
    }
  }

  private static parseArrayFilters(
    arrayFilters: unknown,
    operations: readonly ModifierOperation[],
    update: Document,
  ): Map<string, DocumentMatcher> {
    const filters = new Map<string, DocumentMatcher>();
    if (arrayFilters === undefined || arrayFilters === null) return filters;
    if (!Array.isArray(arrayFilters)) throw new CommandError(ErrorCode.TypeMismatch, 'arrayFilters must be an array');
    for (const filter of arrayFilters) {
      if (!BsonValues.isDocument(filter)) throw new CommandError(ErrorCode.TypeMismatch, 'arrayFilters entries must be objects');
      const identifiers = new Set(Object.keys(filter).map((k) => k.split('.')[0]));
      if (identifiers.size === 0) throw failedToParse('Cannot use an expression without a top-level field name in arrayFilters');
      if (identifiers.size > 1) {
        const [a, b] = [...identifiers];
        throw failedToParse(`Error parsing array filter :: caused by :: Expected a single top-level field name, found '${a}' and '${b}'`);
      }
      const [identifier] = identifiers;
      if (!IDENTIFIER.test(identifier)) {
        throw badValue(
          `Error parsing array filter :: caused by :: The top-level field name must be an alphanumeric string beginning with a lowercase letter, found '${identifier}'`,
        );
      }
      if (filters.has(identifier)) throw failedToParse(`Found multiple array filters with the same top-level field name ${identifier}`);
      filters.set(identifier, DocumentMatcher.compile(filter));
    }
    const used = operations.map((o) => o.path).join('.');
    for (const identifier of filters.keys()) {
      if (!used.includes(`$[${identifier}]`)) {
        throw failedToParse(`The array filter for identifier '${identifier}' was not used in the update ${BsonValues.format(update)}`);
      }
    }
    return filters;
  }

  private static parsePipeline(stages: unknown[], arrayFilters: unknown): UpdateSpec {
    if (arrayFilters !== undefined && (!Array.isArray(arrayFilters) || arrayFilters.length > 0)) {
      throw failedToParse('arrayFilters may not be specified for pipeline-style updates');
    }
    for (const stage of stages) {
      if (!BsonValues.isDocument(stage) || Object.keys(stage).length !== 1) {
        throw new CommandError(ErrorCode.Location40323, 'A pipeline stage specification object must contain exactly one field.');
      }
      const name = Object.keys(stage)[0];
      if (!PIPELINE_STAGES.has(name)) {
        throw new CommandError(ErrorCode.InvalidOptions, `${name} is not allowed to be used within an update`);
      }
      FilterValidator.validateExpression(stage[name]);
    }
    return new UpdateSpec('pipeline', stages as Document[], [], new Map());
  }
}
