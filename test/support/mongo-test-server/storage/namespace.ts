import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';

const INVALID_DB = /[/\\. "$\0]/;

/** A 'database.collection' name, validated like mongod's NamespaceString. */
export class Namespace {
  private constructor(
    readonly db: string,
    readonly collection: string,
  ) {}

  /** @throws CommandError InvalidNamespace (73) for names mongod rejects. */
  static of(db: string, collection: string): Namespace {
    Namespace.validateDb(db);
    if (collection === '' || collection.includes('\0')) {
      throw new CommandError(ErrorCode.InvalidNamespace, `Invalid namespace specified '${db}.${collection}'`);
    }
    if (collection.includes('$')) throw new CommandError(ErrorCode.InvalidNamespace, `Invalid collection name: ${collection}`);
    return new Namespace(db, collection);
  }

  /** Parses 'db.collection' (the database part ends at the first dot). */
  static parse(full: string): Namespace {
    const dot = full.indexOf('.');
    if (dot <= 0) throw new CommandError(ErrorCode.InvalidNamespace, `Invalid namespace specified '${full}'`);
    return Namespace.of(full.slice(0, dot), full.slice(dot + 1));
  }

  static validateDb(db: string): void {
    if (db === '' || db.length >= 64 || INVALID_DB.test(db)) {
      throw new CommandError(ErrorCode.InvalidNamespace, `Invalid database name: '${db}'`);
    }
  }

  toString(): string {
    return `${this.db}.${this.collection}`;
  }
}
