import type { Document } from 'bson';
import { codeNameOf } from './error-codes';

/** Options of a {@link CommandError} beyond code and message. */
export interface CommandErrorOptions {
  /** Error labels the driver acts on, e.g. 'TransientTransactionError'. */
  readonly errorLabels?: readonly string[];
  /** Extra reply fields, e.g. keyPattern/keyValue of a duplicate key error. */
  readonly extra?: Document;
}

/**
 * A failure the server reports to the client, as a command error ({ ok: 0, code, codeName, errmsg })
 * or, inside a write batch, as one entry of writeErrors.
 */
export class CommandError extends Error {
  readonly codeName: string;
  readonly errorLabels: readonly string[];
  readonly extra: Document;

  constructor(
    readonly code: number,
    message: string,
    options: CommandErrorOptions = {},
  ) {
    super(message);
    this.name = 'CommandError';
    this.codeName = codeNameOf(code);
    this.errorLabels = options.errorLabels ?? [];
    this.extra = options.extra ?? {};
  }

  /** The error as a top-level command reply. */
  toReply(): Document {
    const reply: Document = { ok: 0, errmsg: this.message, code: this.code, codeName: this.codeName, ...this.extra };
    if (this.errorLabels.length > 0) reply.errorLabels = [...this.errorLabels];
    return reply;
  }

  /** The error as an element of a write command's writeErrors array. */
  toWriteError(index: number): Document {
    return { index, code: this.code, errmsg: this.message, ...this.extra };
  }

  /** A copy of this error carrying an extra label. */
  withLabel(label: string): CommandError {
    if (this.errorLabels.includes(label)) return this;
    return new CommandError(this.code, this.message, { errorLabels: [...this.errorLabels, label], extra: this.extra });
  }
}
