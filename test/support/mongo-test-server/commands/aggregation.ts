import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { FilterValidator } from '../query/filter-validator';
import { DocumentMatcher } from '../query/document-matcher';
import { MingoRuntime, type CollectionResolver } from '../query/mingo-runtime';

/** Stages mongod has that this server does not model. */
const UNMODELLED = new Set([
  '$out', '$merge', '$changeStream', '$changeStreamSplitLargeEvent', '$geoNear', '$search', '$searchMeta',
  '$vectorSearch', '$collStats', '$indexStats', '$currentOp', '$listSessions', '$listLocalSessions',
  '$planCacheStats', '$listSearchIndexes', '$shardedDataDistribution', '$querySettings', '$queryStats',
  '$listSampledQueries', '$listClusterCatalog', '$rankFusion', '$scoreFusion',
]);
/** Stages whose argument is made of aggregation expressions worth checking up front. */
const EXPRESSION_STAGES = new Set(['$project', '$addFields', '$set', '$group', '$replaceRoot', '$replaceWith', '$bucket', '$sortByCount']);

/** An aggregation pipeline validated like mongod's pipeline parser, run by mingo. */
export class Aggregation {
  private constructor(private readonly stages: Document[]) {}

  /** @throws CommandError for unknown, unmodelled or malformed stages and bad $match filters. */
  static parse(pipeline: unknown[]): Aggregation {
    Aggregation.validate(pipeline);
    return new Aggregation(pipeline as Document[]);
  }

  /**
   * Runs the pipeline over stored documents. Leading $match/$skip/$limit stages run here, without
   * copying anything; mingo gets copies of only the documents that pass them (its stages may
   * modify their input), and a counting $group (what countDocuments sends) needs no mingo at all.
   */
  run(documents: readonly Document[], resolver: CollectionResolver, variables?: Document): Document[] {
    let input = documents;
    let next = 0;
    // $expr may read the pipeline's 'let' variables, which only mingo's $match knows
    if (variables === undefined) {
      for (; next < this.stages.length; next++) {
        const narrowed = Aggregation.narrow(this.stages[next], input);
        if (narrowed === undefined) break;
        input = narrowed;
      }
    }
    const rest = this.stages.slice(next);
    if (rest.length === 0) return [...input];
    const counted = rest.length === 1 ? Aggregation.countGroup(rest[0], input.length) : undefined;
    if (counted !== undefined) return counted;
    try {
      const copies = input.map((doc) => BsonValues.clone(doc));
      return MingoRuntime.aggregator(rest, resolver, variables, false).run(copies) as Document[];
    } catch (error) {
      throw MingoRuntime.translate(error);
    }
  }

  /** The documents a leading $match, $skip or $limit lets through; undefined for any other stage. */
  private static narrow(stage: Document, input: readonly Document[]): readonly Document[] | undefined {
    const [name] = Object.keys(stage);
    const argument = stage[name];
    if (name === '$match') {
      const matcher = DocumentMatcher.compile(argument as Document);
      return input.filter((doc) => matcher.test(doc));
    }
    // anything unusual (non-integers, zero limits) is left to mingo and its errors
    if (typeof argument !== 'number' || !Number.isInteger(argument)) return undefined;
    if (name === '$skip' && argument >= 0) return input.slice(argument);
    if (name === '$limit' && argument > 0) return input.slice(0, argument);
    return undefined;
  }

  /** The result of { $group: { _id: <constant>, f: { $sum: <number> }, ... } } over `count` documents. */
  private static countGroup(stage: Document, count: number): Document[] | undefined {
    const group = stage.$group;
    if (!BsonValues.isDocument(group) || Object.keys(stage).length !== 1) return undefined;
    const id = group._id;
    const constant = id === null || typeof id === 'number' || typeof id === 'boolean' || (typeof id === 'string' && !id.startsWith('$'));
    if (!constant) return undefined;
    const out: Document = { _id: id };
    for (const [field, accumulator] of Object.entries(group)) {
      if (field === '_id') continue;
      if (!BsonValues.isDocument(accumulator) || Object.keys(accumulator).length !== 1) return undefined;
      const addend = accumulator.$sum;
      if (typeof addend !== 'number' || !Number.isFinite(addend)) return undefined;
      out[field] = addend * count;
    }
    return count === 0 ? [] : [out];
  }

  private static validate(pipeline: unknown[]): void {
    for (const stage of pipeline) {
      if (!BsonValues.isDocument(stage) || Object.keys(stage).length !== 1) {
        throw new CommandError(ErrorCode.Location40323, 'A pipeline stage specification object must contain exactly one field.');
      }
      const [name] = Object.keys(stage);
      const argument = stage[name];
      if (UNMODELLED.has(name)) throw new CommandError(ErrorCode.NotImplemented, `${name} is not supported by MongoTestServer`);
      if (!MingoRuntime.hasPipelineStage(name)) {
        throw new CommandError(ErrorCode.Location40324, `Unrecognized pipeline stage name: '${name}'`);
      }
      if (name === '$match') {
        if (!BsonValues.isDocument(argument)) throw new CommandError(ErrorCode.Location15959, 'the match filter must be an expression in an object');
        FilterValidator.validate(argument);
      } else if (name === '$facet' && BsonValues.isDocument(argument)) {
        for (const sub of Object.values(argument)) if (Array.isArray(sub)) Aggregation.validate(sub);
      } else if ((name === '$lookup' || name === '$unionWith') && BsonValues.isDocument(argument) && Array.isArray(argument.pipeline)) {
        Aggregation.validate(argument.pipeline);
      } else if (name === '$group' && BsonValues.isDocument(argument) && !('_id' in argument)) {
        throw new CommandError(ErrorCode.Location15955, 'a group specification must include an _id');
      } else if (EXPRESSION_STAGES.has(name)) {
        FilterValidator.validateExpression(argument);
      }
    }
  }
}
