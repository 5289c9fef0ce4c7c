import type { Document } from 'bson';
import type { ServerState } from '../server-state';
import type { StorageView } from '../storage/storage-view';
import type { Transaction } from '../txn/transaction';
import type { CommandArgs } from './command-args';

/** Everything a command handler gets. */
export interface CommandContext {
  /** The command name as sent (the body's first field). */
  readonly name: string;
  /** The target database ($db). */
  readonly db: string;
  readonly body: Document;
  readonly args: CommandArgs;
  readonly state: ServerState;
  /** Committed data, or the transaction's snapshot and writes. */
  readonly view: StorageView;
  readonly transaction: Transaction | undefined;
  /** Hex of lsid.id, when the command carries a session. */
  readonly lsidKey: string | undefined;
  /** The connection's id as reported in hello.connectionId. */
  readonly connectionId: number;
}

/** One command: its handler and where it may run. */
export interface CommandDefinition {
  /** The name and its aliases (e.g. isMaster, ismaster). */
  readonly names: readonly string[];
  readonly run: (context: CommandContext) => Document | Promise<Document>;
  /** Whether it may run inside a multi-document transaction. */
  readonly inTransaction?: boolean;
  /** Whether it is a retryable write (its reply is replayed when the driver retries). */
  readonly retryableWrite?: boolean;
  /** Whether it must be sent to the admin database. */
  readonly adminOnly?: boolean;
}
