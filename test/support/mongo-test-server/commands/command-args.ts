import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';
import { CommandError } from '../errors/command-error';
import { ErrorCode } from '../errors/error-codes';

/**
 * Typed access to a command's fields, failing with the errors mongod's IDL parser gives:
 * IDLFailedToParse (40414) for a missing required field, TypeMismatch (14) for a wrong type.
 */
export class CommandArgs {
  constructor(
    private readonly command: string,
    private readonly body: Document,
  ) {}

  /** The collection named by the command's first field. @throws CommandError InvalidNamespace */
  collection(): string {
    const name = this.body[this.command];
    if (typeof name !== 'string') {
      throw new CommandError(ErrorCode.InvalidNamespace, `collection name has invalid type ${BsonValues.typeName(name)}`);
    }
    return name;
  }

  has(field: string): boolean {
    return this.body[field] !== undefined && this.body[field] !== null;
  }

  raw(field: string): unknown {
    return this.body[field];
  }

  string(field: string): string {
    return this.required(field, this.optionalString(field));
  }

  optionalString(field: string): string | undefined {
    return this.typed(field, 'string', (v) => typeof v === 'string') as string | undefined;
  }

  document(field: string): Document {
    return this.required(field, this.optionalDocument(field));
  }

  optionalDocument(field: string): Document | undefined {
    return this.typed(field, 'object', (v) => BsonValues.isDocument(v)) as Document | undefined;
  }

  array(field: string): unknown[] {
    return this.required(field, this.optionalArray(field));
  }

  optionalArray(field: string): unknown[] | undefined {
    return this.typed(field, 'array', (v) => Array.isArray(v)) as unknown[] | undefined;
  }

  optionalBoolean(field: string): boolean | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    // IDL 'safeBool' fields also take numbers
    if (typeof value === 'boolean') return value;
    if (BsonValues.isNumber(value)) return BsonValues.toNumber(value) !== 0;
    throw this.wrongType(field, value, 'bool');
  }

  /** An optional non-negative integer (skip, limit, batchSize). */
  optionalCount(field: string): number | undefined {
    const value = this.body[field];
    if (value === undefined || value === null) return undefined;
    if (!BsonValues.isNumber(value)) throw this.wrongType(field, value, '[long, int, decimal, double]');
    const n = Math.trunc(BsonValues.toNumber(value));
    if (n < 0) {
      throw new CommandError(ErrorCode.Location51024, `BSON field '${field}' value must be >= 0, actual value '${n}'`);
    }
    return n;
  }

  private typed(field: string, expected: string, accepts: (v: unknown) => boolean): unknown {
    const value = this.body[field];
    if (value === undefined) return undefined;
    if (!accepts(value)) throw this.wrongType(field, value, expected);
    return value;
  }

  private required<T>(field: string, value: T | undefined): T {
    if (value === undefined) {
      throw new CommandError(ErrorCode.IDLFailedToParse, `BSON field '${this.command}.${field}' is missing but a required field`);
    }
    return value;
  }

  private wrongType(field: string, value: unknown, expected: string): CommandError {
    const plural = expected.startsWith('[') ? 'types' : 'type';
    return new CommandError(
      ErrorCode.TypeMismatch,
      `BSON field '${this.command}.${field}' is the wrong type '${BsonValues.typeName(value)}', expected ${plural} '${expected.replace(/^'|'$/g, '')}'`,
    );
  }
}
