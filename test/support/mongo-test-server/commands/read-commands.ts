import { Long, type Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { DocumentMatcher } from '../query/document-matcher';
import { DocumentSorter } from '../query/document-sorter';
import { FieldPaths } from '../query/field-paths';
import { Projector } from '../query/projector';
import { Namespace } from '../storage/namespace';
import { Aggregation } from './aggregation';
import type { CommandContext, CommandDefinition } from './command-context';

const rejectUnmodelled = (body: Document): void => {
  if (body.collation !== undefined) throw new CommandError(ErrorCode.NotImplemented, 'collation is not supported by MongoTestServer');
  if (body.explain !== undefined) throw new CommandError(ErrorCode.NotImplemented, 'explain is not supported by MongoTestServer');
  if (body.tailable === true || body.awaitData === true) {
    throw new CommandError(ErrorCode.NotImplemented, 'tailable cursors are not supported by MongoTestServer');
  }
};

const cursorId = (value: unknown): number => {
  if (BsonValues.isNumber(value)) return BsonValues.toNumber(value);
  throw new CommandError(ErrorCode.TypeMismatch, `BSON field 'getMore.getMore' is the wrong type '${BsonValues.typeName(value)}', expected type 'long'`);
};

/** find, getMore, killCursors, count, distinct and aggregate over materialized results. */
export class ReadCommands {
  static definitions(): CommandDefinition[] {
    return [
      { names: ['find'], run: (c) => ReadCommands.find(c), inTransaction: true },
      { names: ['getMore'], run: (c) => ReadCommands.getMore(c), inTransaction: true },
      { names: ['killCursors'], run: (c) => ReadCommands.killCursors(c), inTransaction: true },
      { names: ['count'], run: (c) => ReadCommands.count(c) },
      { names: ['distinct'], run: (c) => ReadCommands.distinct(c), inTransaction: true },
      { names: ['aggregate'], run: (c) => ReadCommands.aggregate(c), inTransaction: true },
    ];
  }

  private static find(context: CommandContext): Document {
    const { args, body } = context;
    const ns = Namespace.of(context.db, args.collection());
    rejectUnmodelled(body);
    const matcher = DocumentMatcher.compile(args.optionalDocument('filter'));
    const sorter = DocumentSorter.compile(args.optionalDocument('sort'));
    const projector = Projector.compile(args.optionalDocument('projection'));
    const skip = args.optionalCount('skip') ?? 0;
    const limit = args.optionalCount('limit') ?? 0;
    const batchSize = args.optionalCount('batchSize');
    const singleBatch = args.optionalBoolean('singleBatch') ?? false;
    const documents = context.view.collection(ns.toString())?.candidates(matcher.ids) ?? [];
    let results = documents.filter((d) => matcher.testCandidate(d));
    if (sorter) results = limit > 0 ? sorter.sortTop(results, skip + limit) : sorter.sort(results);
    results = results.slice(skip, limit > 0 ? skip + limit : undefined);
    if (projector) results = results.map((d) => projector.apply(d));
    return { cursor: context.state.cursors.open(ns.toString(), results, batchSize, singleBatch), ok: 1 };
  }

  private static getMore(context: CommandContext): Document {
    const { args, body } = context;
    const id = cursorId(body.getMore);
    // not Namespace.of: listCollections/listIndexes cursors live on '$cmd...' namespaces
    const ns = `${context.db}.${args.string('collection')}`;
    // a getMore batchSize of 0 means no limit, unlike find's
    const batchSize = args.optionalCount('batchSize') || undefined;
    return { cursor: context.state.cursors.getMore(id, ns, batchSize), ok: 1 };
  }

  private static killCursors(context: CommandContext): Document {
    const { args } = context;
    args.collection();
    const ids = args.array('cursors').map((v) => cursorId(v));
    const { killed, notFound } = context.state.cursors.kill(ids);
    const longs = (values: number[]): Long[] => values.map((v) => Long.fromNumber(v));
    return { cursorsKilled: longs(killed), cursorsNotFound: longs(notFound), cursorsAlive: [], cursorsUnknown: [], ok: 1 };
  }

  private static count(context: CommandContext): Document {
    const { args, body } = context;
    const ns = Namespace.of(context.db, args.collection());
    rejectUnmodelled(body);
    const matcher = DocumentMatcher.compile(args.optionalDocument('query'));
    const skip = args.optionalCount('skip') ?? 0;
    const limit = args.optionalCount('limit') ?? 0;
    const documents = context.view.collection(ns.toString())?.candidates(matcher.ids) ?? [];
    let n = Math.max(0, documents.filter((d) => matcher.testCandidate(d)).length - skip);
    if (limit > 0) n = Math.min(n, limit);
    return { n, ok: 1 };
  }

  private static distinct(context: CommandContext): Document {
    const { args, body } = context;
    const ns = Namespace.of(context.db, args.collection());
    rejectUnmodelled(body);
    const key = args.string('key');
    const matcher = DocumentMatcher.compile(args.optionalDocument('query'));
    const seen = new Map<string, unknown>();
    for (const doc of context.view.collection(ns.toString())?.candidates(matcher.ids) ?? []) {
      if (!matcher.testCandidate(doc)) continue;
      for (const value of FieldPaths.reachSpread(doc, key)) {
        const k = BsonValues.key(value);
        if (!seen.has(k)) seen.set(k, value);
      }
    }
    return { values: [...seen.values()], ok: 1 };
  }

  private static aggregate(context: CommandContext): Document {
    const { args, body } = context;
    rejectUnmodelled(body);
    const pipeline = args.array('pipeline');
    const cursorOptions = args.optionalDocument('cursor');
    if (!cursorOptions) {
      throw new CommandError(ErrorCode.FailedToParse, "The 'cursor' option is required, except for aggregate with the explain argument");
    }
    const aggregation = Aggregation.parse(pipeline);
    const dbLevel = BsonValues.isNumber(body.aggregate) && BsonValues.toNumber(body.aggregate) === 1;
    const first = BsonValues.isDocument(pipeline[0]) ? Object.keys(pipeline[0])[0] : undefined;
    if (dbLevel && first !== '$documents') {
      throw new CommandError(ErrorCode.NotImplemented, 'database-level aggregate is supported by MongoTestServer with $documents only');
    }
    const ns = dbLevel ? `${context.db}.$cmd.aggregate` : Namespace.of(context.db, args.collection()).toString();
    const documents = dbLevel ? [] : context.view.collection(ns)?.documents() ?? [];
    // copies: stages after $lookup may modify the joined documents in place
    const resolver = (name: string): Document[] =>
      (context.view.collection(Namespace.of(context.db, name).toString())?.documents() ?? []).map((d) => BsonValues.clone(d));
    const results = aggregation.run(documents, resolver, args.optionalDocument('let'));
    const batchSize = cursorOptions.batchSize === undefined ? undefined : Math.max(0, BsonValues.toNumber(cursorOptions.batchSize));
    return { cursor: context.state.cursors.open(ns, results, batchSize), ok: 1 };
  }
}
