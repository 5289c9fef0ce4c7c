import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';
import { DocumentMatcher } from '../query/document-matcher';
import { DocumentSorter } from '../query/document-sorter';
import { Projector } from '../query/projector';
import { DocumentWriter, type UpdateStatement } from '../storage/document-writer';
import { Namespace } from '../storage/namespace';
import { UpdateSpec } from '../update/update-spec';
import type { CommandContext, CommandDefinition } from './command-context';

const rejectCollation = (holder: Document): void => {
  if (holder.collation !== undefined) throw new CommandError(ErrorCode.NotImplemented, 'collation is not supported by MongoTestServer');
};

/** insert, update, delete and findAndModify, with per-statement writeErrors like mongod. */
export class WriteCommands {
  static definitions(): CommandDefinition[] {
    const common = { inTransaction: true, retryableWrite: true };
    return [
      { names: ['insert'], run: (c) => WriteCommands.insert(c), ...common },
      { names: ['update'], run: (c) => WriteCommands.update(c), ...common },
      { names: ['delete'], run: (c) => WriteCommands.delete(c), ...common },
      { names: ['findAndModify', 'findandmodify'], run: (c) => WriteCommands.findAndModify(c), ...common },
    ];
  }

  private static async insert(context: CommandContext): Promise<Document> {
    const { args } = context;
    const ns = Namespace.of(context.db, args.collection());
    const documents = args.array('documents');
    const ordered = args.optionalBoolean('ordered') ?? true;
    const writer = new DocumentWriter(context.state.clock);
    return WriteCommands.batch(documents, ordered, async (raw) => {
      if (!BsonValues.isDocument(raw)) throw new CommandError(ErrorCode.TypeMismatch, 'insert documents must be objects');
      await writer.insert(context.view, ns, DocumentWriter.prepareInsert(raw));
      return 1;
    });
  }

  private static async update(context: CommandContext): Promise<Document> {
    const { args } = context;
    const ns = Namespace.of(context.db, args.collection());
    const updates = args.array('updates');
    const ordered = args.optionalBoolean('ordered') ?? true;
    const writer = new DocumentWriter(context.state.clock);
    let modified = 0;
    const upserted: Document[] = [];
    for (const raw of updates) WriteCommands.checkUpdateShape(raw);
    const reply = await WriteCommands.batch(updates, ordered, async (raw, index) => {
      const statement = WriteCommands.updateStatement(raw as Document);
      const outcome = await writer.update(context.view, ns, statement);
      modified += outcome.modified;
      if (outcome.upserted) {
        upserted.push({ index, _id: outcome.upserted._id });
        return 1;
      }
      return outcome.matched;
    });
    const { writeErrors } = reply;
    return {
      n: reply.n,
      nModified: modified,
      ...(upserted.length > 0 && { upserted }),
      ...(writeErrors && { writeErrors }),
      ok: 1,
    };
  }

  private static async delete(context: CommandContext): Promise<Document> {
    const { args } = context;
    const ns = Namespace.of(context.db, args.collection());
    const deletes = args.array('deletes');
    const ordered = args.optionalBoolean('ordered') ?? true;
    // malformed statements fail the whole command, as mongod's command parser does
    const statements = deletes.map((raw) => {
      if (!BsonValues.isDocument(raw)) throw new CommandError(ErrorCode.TypeMismatch, 'delete statements must be objects');
      if (!BsonValues.isDocument(raw.q)) {
        throw new CommandError(ErrorCode.IDLFailedToParse, "BSON field 'delete.deletes.q' is missing but a required field");
      }
      const limit = BsonValues.isNumber(raw.limit) ? BsonValues.toNumber(raw.limit) : NaN;
      if (limit !== 0 && limit !== 1) {
        throw new CommandError(ErrorCode.FailedToParse, `The limit field in delete objects must be 0 or 1. Got ${BsonValues.format(raw.limit)}`);
      }
      rejectCollation(raw);
      return { q: raw.q as Document, single: limit === 1 };
    });
    const writer = new DocumentWriter(context.state.clock);
    return WriteCommands.batch(statements, ordered, async (statement) => {
      const { q, single } = statement as { q: Document; single: boolean };
      const removed = await writer.remove(context.view, ns, DocumentMatcher.compile(q), single);
      return removed.length;
    });
  }

  private static async findAndModify(context: CommandContext): Promise<Document> {
    const { args, body } = context;
    const ns = Namespace.of(context.db, args.collection());
    const query = args.optionalDocument('query') ?? {};
    const remove = args.optionalBoolean('remove') ?? false;
    const returnNew = args.optionalBoolean('new') ?? false;
    const upsert = args.optionalBoolean('upsert') ?? false;
    const hasUpdate = body.update !== undefined;
    if (remove && hasUpdate) throw new CommandError(ErrorCode.FailedToParse, 'Cannot specify both an update and remove=true');
    if (!remove && !hasUpdate) throw new CommandError(ErrorCode.FailedToParse, 'Either an update or remove=true must be specified');
    if (remove && upsert) throw new CommandError(ErrorCode.FailedToParse, 'Cannot specify both upsert=true and remove=true ');
    if (remove && returnNew) {
      throw new CommandError(ErrorCode.FailedToParse, "Cannot specify both new=true and remove=true; 'remove' always returns the deleted document");
    }
    rejectCollation(body);
    const matcher = DocumentMatcher.compile(query);
    const sort = DocumentSorter.compile(args.optionalDocument('sort'));
    const projector = Projector.compile(args.optionalDocument('fields'));
    const project = (doc: Document | undefined): Document | null => (doc ? (projector ? projector.apply(doc) : doc) : null);
    const writer = new DocumentWriter(context.state.clock);

    if (remove) {
      const [removed] = await writer.remove(context.view, ns, matcher, true, sort);
      return { lastErrorObject: { n: removed ? 1 : 0 }, value: project(removed), ok: 1 };
    }
    const spec = UpdateSpec.parse(body.update, body.arrayFilters);
    if (spec.kind === 'replacement' && body.arrayFilters !== undefined) {
      throw new CommandError(ErrorCode.FailedToParse, 'arrayFilters may not be specified for replacement-style updates');
    }
    let outcome;
    try {
      outcome = await writer.update(context.view, ns, { query, matcher, spec, multi: false, upsert, sort });
    } catch (error) {
      if (error instanceof CommandError && error.code === ErrorCode.DuplicateKey) {
        throw new CommandError(error.code, `Plan executor error during findAndModify :: caused by :: ${error.message}`, {
          extra: error.extra,
        });
      }
      throw error;
    }
    const lastErrorObject: Document = { n: outcome.upserted ? 1 : outcome.matched, updatedExisting: outcome.matched > 0 };
    if (outcome.upserted) lastErrorObject.upserted = outcome.upserted._id;
    const value = returnNew ? project(outcome.after) : outcome.upserted ? null : project(outcome.before);
    return { lastErrorObject, value, ok: 1 };
  }

  private static checkUpdateShape(raw: unknown): void {
    if (!BsonValues.isDocument(raw)) throw new CommandError(ErrorCode.TypeMismatch, 'update statements must be objects');
    if (!BsonValues.isDocument(raw.q)) {
      throw new CommandError(ErrorCode.IDLFailedToParse, "BSON field 'update.updates.q' is missing but a required field");
    }
    if (raw.u === undefined) {
      throw new CommandError(ErrorCode.IDLFailedToParse, "BSON field 'update.updates.u' is missing but a required field");
    }
    rejectCollation(raw);
  }

  /** Parses a statement; filter and update errors become the statement's writeError. */
  private static updateStatement(raw: Document): UpdateStatement {
    const spec = UpdateSpec.parse(raw.u, raw.arrayFilters);
    const multi = raw.multi === true;
    if (multi && spec.kind === 'replacement') {
      throw new CommandError(ErrorCode.FailedToParse, 'multi update is not supported for replacement-style update');
    }
    return { query: raw.q, matcher: DocumentMatcher.compile(raw.q), spec, multi, upsert: raw.upsert === true };
  }

  /**
   * Runs statements in order, collecting writeErrors; an ordered batch stops at the first error.
   * `apply` returns the statement's contribution to n.
   */
  private static async batch(
    statements: readonly unknown[],
    ordered: boolean,
    apply: (statement: unknown, index: number) => Promise<number>,
  ): Promise<Document> {
    let n = 0;
    const writeErrors: Document[] = [];
    for (const [index, statement] of statements.entries()) {
      try {
        n += await apply(statement, index);
      } catch (error) {
        // a transaction-level failure (WriteConflict) fails the whole command, labelled
        if (!(error instanceof CommandError) || error.errorLabels.includes('TransientTransactionError')) throw error;
        writeErrors.push(error.toWriteError(index));
        if (ordered) break;
      }
    }
    const reply: Document = { n };
    if (writeErrors.length > 0) reply.writeErrors = writeErrors;
    reply.ok = 1;
    return reply;
  }
}
