import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { FilterValidator } from '../query/filter-validator';
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

  run(documents: readonly Document[], resolver: CollectionResolver, variables?: Document): Document[] {
    try {
      return MingoRuntime.aggregator(this.stages, resolver, variables).run([...documents]) as Document[];
    } catch (error) {
      throw MingoRuntime.translate(error);
    }
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
