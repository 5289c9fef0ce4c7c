import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { DocumentMatcher } from '../query/document-matcher';
import { IndexDefinition } from '../storage/index-definition';
import { Namespace } from '../storage/namespace';
import type { CollectionData } from '../storage/stored-collection';
import type { CommandContext, CommandDefinition } from './command-context';

/** create options this server does not model: it refuses them rather than ignoring them. */
const UNMODELLED_CREATE_OPTIONS = [
  'capped', 'validator', 'viewOn', 'pipeline', 'timeseries', 'clusteredIndex', 'collation', 'encryptedFields',
  'changeStreamPreAndPostImages', 'expireAfterSeconds',
];
/** create fields that are not collection options. */
const COMMAND_FIELDS = new Set(['create', '$db', 'lsid', 'txnNumber', 'autocommit', 'startTransaction', '$clusterTime',
  'writeConcern', 'comment', '$readPreference', 'apiVersion', 'apiStrict', 'apiDeprecationErrors', 'maxTimeMS']);

const ID_INDEX = { v: 2, key: { _id: 1 }, name: '_id_' };

/** Collection and index management: list, create, drop, rename. */
export class CatalogCommands {
  static definitions(): CommandDefinition[] {
    return [
      { names: ['listDatabases'], run: (c) => CatalogCommands.listDatabases(c), adminOnly: true },
      { names: ['listCollections'], run: (c) => CatalogCommands.listCollections(c) },
      { names: ['create'], run: (c) => CatalogCommands.create(c), inTransaction: true },
      { names: ['drop'], run: (c) => CatalogCommands.drop(c) },
      { names: ['dropDatabase'], run: (c) => CatalogCommands.dropDatabase(c) },
      { names: ['renameCollection'], run: (c) => CatalogCommands.renameCollection(c), adminOnly: true },
      { names: ['listIndexes'], run: (c) => CatalogCommands.listIndexes(c) },
      { names: ['createIndexes'], run: (c) => CatalogCommands.createIndexes(c), inTransaction: true },
      { names: ['dropIndexes', 'deleteIndexes'], run: (c) => CatalogCommands.dropIndexes(c) },
    ];
  }

  private static listDatabases(context: CommandContext): Document {
    const { args } = context;
    const nameOnly = args.optionalBoolean('nameOnly') ?? false;
    const matcher = DocumentMatcher.compile(args.optionalDocument('filter'));
    const catalog = context.state.catalog;
    const databases = catalog
      .databases()
      .map((name) => {
        const collections = catalog.collectionsOf(name);
        const size = collections.reduce((sum, c) => sum + c.size * 64, 0);
        return { name, sizeOnDisk: size + (collections.length > 0 ? 4096 : 0), empty: collections.length === 0 };
      })
      .filter((d) => matcher.test(d));
    if (nameOnly) return { databases: databases.map((d) => ({ name: d.name })), ok: 1 };
    const totalSize = databases.reduce((sum, d) => sum + d.sizeOnDisk, 0);
    return { databases, totalSize, totalSizeMb: Math.floor(totalSize / (1024 * 1024)), ok: 1 };
  }

  private static listCollections(context: CommandContext): Document {
    const { args } = context;
    const nameOnly = args.optionalBoolean('nameOnly') ?? false;
    const matcher = DocumentMatcher.compile(args.optionalDocument('filter'));
    const prefix = `${context.db}.`;
    const entries = context.view
      .namespaces()
      .filter((ns) => ns.startsWith(prefix))
      .sort()
      .map((ns) => context.view.collection(ns)!)
      .map((c) => ({
        name: c.name,
        type: 'collection',
        options: BsonValues.clone(c.options),
        info: { readOnly: false, uuid: c.uuid },
        idIndex: ID_INDEX,
      }))
      .filter((entry) => matcher.test(entry))
      .map((entry) => (nameOnly ? { name: entry.name, type: entry.type } : entry));
    const batchSize = args.optionalDocument('cursor')?.batchSize;
    const size = batchSize === undefined ? undefined : BsonValues.toNumber(batchSize);
    return { cursor: context.state.cursors.open(`${context.db}.$cmd.listCollections`, entries, size), ok: 1 };
  }

  private static create(context: CommandContext): Document {
    const { args, body } = context;
    const ns = Namespace.of(context.db, args.collection());
    const options: Document = {};
    for (const [field, value] of Object.entries(body)) {
      if (COMMAND_FIELDS.has(field)) continue;
      if (UNMODELLED_CREATE_OPTIONS.includes(field)) {
        throw new CommandError(ErrorCode.NotImplemented, `create option '${field}' is not supported by MongoTestServer`);
      }
      options[field] = BsonValues.clone(value);
    }
    const existing = context.view.collection(ns.toString());
    if (existing) {
      // since MongoDB 7.0 create is idempotent when the options match
      if (BsonValues.key(existing.options) === BsonValues.key(options)) return { ok: 1 };
      throw new CommandError(ErrorCode.NamespaceExists, `Collection ${ns} already exists.`);
    }
    context.view.create(ns.db, ns.collection, options);
    context.state.clock.tick();
    return { ok: 1 };
  }

  private static drop(context: CommandContext): Document {
    const ns = Namespace.of(context.db, context.args.collection());
    const dropped = context.state.catalog.drop(ns.toString());
    // since MongoDB 7.0 dropping a missing collection succeeds
    if (!dropped) return { ok: 1 };
    context.state.clock.tick();
    return { nIndexesWas: dropped.indexes().length, ns: ns.toString(), ok: 1 };
  }

  private static dropDatabase(context: CommandContext): Document {
    Namespace.validateDb(context.db);
    for (const collection of context.state.catalog.collectionsOf(context.db)) context.state.catalog.drop(collection.ns);
    context.state.clock.tick();
    return { dropped: context.db, ok: 1 };
  }

  private static renameCollection(context: CommandContext): Document {
    const { args } = context;
    const source = Namespace.parse(args.string('renameCollection'));
    const target = Namespace.parse(args.string('to'));
    const dropTarget = args.optionalBoolean('dropTarget') ?? false;
    const catalog = context.state.catalog;
    const collection = catalog.get(source.toString());
    if (!collection) throw new CommandError(ErrorCode.NamespaceNotFound, `Source collection ${source} does not exist`);
    if (source.toString() === target.toString()) {
      throw new CommandError(ErrorCode.IllegalOperation, "Can't rename a collection to itself");
    }
    if (catalog.get(target.toString())) {
      if (!dropTarget) throw new CommandError(ErrorCode.NamespaceExists, 'target namespace exists');
      catalog.drop(target.toString());
    }
    catalog.drop(source.toString());
    catalog.put(collection.copy(target.db, target.collection));
    context.state.clock.tick();
    return { ok: 1 };
  }

  private static listIndexes(context: CommandContext): Document {
    const ns = Namespace.of(context.db, context.args.collection());
    const collection = context.view.collection(ns.toString());
    if (!collection) throw new CommandError(ErrorCode.NamespaceNotFound, `ns does not exist: ${ns}`);
    const specs = collection.indexes().map((i) => BsonValues.clone(i.spec));
    const batchSize = context.args.optionalDocument('cursor')?.batchSize;
    const size = batchSize === undefined ? undefined : BsonValues.toNumber(batchSize);
    return { cursor: context.state.cursors.open(`${context.db}.$cmd.listIndexes.${ns.collection}`, specs, size), ok: 1 };
  }

  private static createIndexes(context: CommandContext): Document {
    const { args, view } = context;
    const ns = Namespace.of(context.db, args.collection());
    const requested = args.array('indexes').map((raw) => IndexDefinition.fromRequest(raw));
    if (requested.length === 0) throw new CommandError(ErrorCode.BadValue, 'Must specify at least one index to create');
    if (view.transaction && view.collection(ns.toString()) && !view.transaction.created.has(ns.toString())) {
      throw new CommandError(
        ErrorCode.OperationNotSupportedInTransaction,
        `Cannot create new indexes on existing collection ${ns} in a multi-document transaction.`,
      );
    }
    let collection = view.writable(ns.toString());
    const createdCollectionAutomatically = collection === undefined;
    collection ??= view.create(ns.db, ns.collection);
    const before = collection.indexes().length;
    const toBuild = requested.filter((index) => !CatalogCommands.alreadyExists(collection, index));
    const built: string[] = [];
    try {
      for (const index of toBuild) {
        collection.addIndex(index);
        built.push(index.name);
      }
    } catch (error) {
      // createIndexes is all or nothing
      for (const name of built) collection.dropIndex(name);
      throw error;
    }
    if (built.length > 0) context.state.clock.tick();
    const reply: Document = { numIndexesBefore: before, numIndexesAfter: collection.indexes().length };
    if (built.length === 0) reply.note = 'all indexes already exist';
    return { ...reply, createdCollectionAutomatically, commitQuorum: 'votingMembers', ok: 1 };
  }

  /** @throws CommandError when the request conflicts with an existing index by name or key. */
  private static alreadyExists(collection: CollectionData, index: IndexDefinition): boolean {
    const byName = collection.indexes().find((i) => i.name === index.name);
    if (byName) {
      if (byName.sameKeyAs(index) && byName.sameOptionsAs(index)) return true;
      if (byName.sameKeyAs(index)) {
        throw new CommandError(
          ErrorCode.IndexOptionsConflict,
          `An equivalent index already exists with the same name but different options. Requested index: ${BsonValues.format(index.spec)}, existing index: ${BsonValues.format(byName.spec)}`,
        );
      }
      throw new CommandError(
        ErrorCode.IndexKeySpecsConflict,
        `An existing index has the same name as the requested index. When index names are not specified, they are auto generated and can cause conflicts. Please refer to our documentation. Requested index: ${BsonValues.format(index.spec)}, existing index: ${BsonValues.format(byName.spec)}`,
      );
    }
    const byKey = collection.indexes().find((i) => i.sameKeyAs(index));
    if (byKey) {
      if (byKey.sameOptionsAs(index)) {
        throw new CommandError(ErrorCode.IndexOptionsConflict, `Index already exists with a different name: ${byKey.name}`);
      }
      throw new CommandError(
        ErrorCode.IndexOptionsConflict,
        `An equivalent index already exists with a different name and options. Requested index: ${BsonValues.format(index.spec)}, existing index: ${BsonValues.format(byKey.spec)}`,
      );
    }
    return false;
  }

  private static dropIndexes(context: CommandContext): Document {
    const { args, body } = context;
    const ns = Namespace.of(context.db, args.collection());
    const collection = context.state.catalog.writable(ns.toString());
    if (!collection) throw new CommandError(ErrorCode.NamespaceNotFound, `ns not found ${ns}`);
    const before = collection.indexes().length;
    const spec = body.index;
    let names: string[];
    if (spec === '*') {
      names = collection.indexes().filter((i) => i.name !== '_id_').map((i) => i.name);
    } else if (typeof spec === 'string' || Array.isArray(spec)) {
      names = (Array.isArray(spec) ? spec : [spec]).map(String);
      for (const name of names) {
        if (name === '_id_') throw new CommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
        if (!collection.indexes().some((i) => i.name === name)) {
          throw new CommandError(ErrorCode.IndexNotFound, `index not found with name [${name}]`);
        }
      }
    } else if (BsonValues.isDocument(spec)) {
      const match = collection.indexes().find((i) => BsonValues.key(i.key) === BsonValues.key(spec));
      if (!match) throw new CommandError(ErrorCode.IndexNotFound, `can't find index with key: ${BsonValues.format(spec)}`);
      if (match.name === '_id_') throw new CommandError(ErrorCode.InvalidOptions, 'cannot drop _id index');
      names = [match.name];
    } else {
      throw new CommandError(ErrorCode.IDLFailedToParse, "BSON field 'dropIndexes.index' is missing but a required field");
    }
    for (const name of names) collection.dropIndex(name);
    context.state.clock.tick();
    return { nIndexesWas: before, ok: 1 };
  }
}
