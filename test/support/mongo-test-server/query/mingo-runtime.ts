import type { Document } from 'bson';
import { Aggregator, Context, ProcessingMode, Query } from 'mingo';
import { OpType, type Options } from 'mingo/core';
import fullContext from 'mingo/init/context';
import type { Iterator } from 'mingo/lazy';
import { $project } from 'mingo/operators/pipeline';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { BsonTypeNames } from './bson-type-names';
import { DocumentSorter } from './document-sorter';
import { FieldPaths } from './field-paths';

/** mingo's $type knows JavaScript types only; this one knows BSON aliases such as 'objectId'. */
const bsonTypeOperator =
  (selector: string, value: unknown) =>
  (doc: object): boolean => {
    const designators = Array.isArray(value) ? value : [value];
    const wanted = designators.map((d) => BsonTypeNames.alias(d)).filter((a): a is string => a !== undefined);
    return FieldPaths.reach(doc, selector).some(
      (v) =>
        wanted.some((alias) => BsonTypeNames.matches(v, alias)) ||
        (Array.isArray(v) && v.some((element) => wanted.some((alias) => BsonTypeNames.matches(element, alias)))),
    );
  };

/** mingo's $project puts computed fields before _id; mongod always leads with _id. */
const idFirstProject = (collection: Iterator, expr: unknown, options: Options): Iterator =>
  $project(collection, expr, options).map((doc: unknown) => {
    const out = doc as Document;
    if (!('_id' in out) || Object.keys(out)[0] === '_id') return out;
    const { _id, ...rest } = out;
    return { _id, ...rest };
  });

/** $sort with mongod's BSON order and array semantics, the same as find's sort. */
const bsonSort = (collection: Iterator, expr: unknown): Iterator => {
  const sorter = DocumentSorter.compile(expr);
  return sorter ? collection.transform((docs) => sorter.sort(docs as Document[])) : collection;
};

/** Resolves a collection name for $lookup/$unionWith/$graphLookup to its documents. */
export type CollectionResolver = (name: string) => Document[];

/**
 * The one place mingo is configured: strict MongoDB semantics, server-side JavaScript off
 * (as mongod with security.javascriptEnabled=false), and BSON-aware $type.
 */
export class MingoRuntime {
  private static readonly context: Context = Context.merge(
    Context.init({ query: { $type: bsonTypeOperator }, pipeline: { $project: idFirstProject, $sort: bsonSort } }),
    fullContext(),
  );

  static options(extra: Partial<Options> = {}): Partial<Options> {
    return {
      context: MingoRuntime.context,
      useStrictMode: true,
      scriptEnabled: false,
      idKey: '_id',
      processingMode: ProcessingMode.CLONE_OFF,
      ...extra,
    };
  }

  static query(filter: Document): Query {
    return new Query(filter, MingoRuntime.options());
  }

  /** `cloneInput` false: the caller passes documents the stages may modify (copies). */
  static aggregator(pipeline: Document[], resolver: CollectionResolver, variables?: Document, cloneInput = true): Aggregator {
    return new Aggregator(
      pipeline,
      MingoRuntime.options({
        // inputs are stored documents, which must never be mutated by a stage
        processingMode: cloneInput ? ProcessingMode.CLONE_INPUT : ProcessingMode.CLONE_OFF,
        collectionResolver: resolver,
        variables,
      }),
    );
  }

  static hasExpressionOperator(name: string): boolean {
    return (
      MingoRuntime.context.getOperator(OpType.EXPRESSION, name) !== null ||
      MingoRuntime.context.getOperator(OpType.ACCUMULATOR, name) !== null
    );
  }

  static hasPipelineStage(name: string): boolean {
    return MingoRuntime.context.getOperator(OpType.PIPELINE, name) !== null;
  }

  /** Maps an error thrown inside mingo to the error mongod gives for the same input. */
  static translate(error: unknown, stage?: string): CommandError {
    if (error instanceof CommandError) return error;
    const message = error instanceof Error ? error.message : String(error);
    const operator = /\$[A-Za-z_][A-Za-z0-9_]*/.exec(message)?.[0];
    if (/requires 'scriptEnabled'/.test(message)) {
      return new CommandError(ErrorCode.BadValue, `${operator ?? 'JavaScript'} is not allowed: server-side JavaScript is disabled`);
    }
    if (operator && /not registered|unregistered|unknown/i.test(message)) {
      const prefix = stage ? `Invalid ${stage} :: caused by :: ` : '';
      return new CommandError(ErrorCode.InvalidPipelineOperator, `${prefix}Unrecognized expression '${operator}'`);
    }
    return new CommandError(ErrorCode.BadValue, message);
  }
}
