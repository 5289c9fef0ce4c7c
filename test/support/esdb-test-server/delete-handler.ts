import type { sendUnaryData, ServerUnaryCall } from '@grpc/grpc-js';
import { DeleteReq, DeleteResp, TombstoneReq, TombstoneResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import type { WriteOutcome } from './log-types';
import type { ServerContext } from './server-context';
import { expectedStateOf, rpcErrors, streamNameOf } from './wire';

type Response = DeleteResp | TombstoneResp;
type PositionMessage = DeleteResp.Position | TombstoneResp.Position;

/**
 * Streams.Delete (soft delete: the stream reads as not found, its events stay in $all, it can be
 * written again with its numbering continued) and Streams.Tombstone (hard delete: gone for good).
 * Unlike Append, a wrong expected version here is a FAILED_PRECONDITION status with trailers.
 */
export class DeleteHandler {
  constructor(private readonly context: ServerContext) {}

  readonly delete = (call: ServerUnaryCall<DeleteReq, DeleteResp>, callback: sendUnaryData<DeleteResp>): void => {
    const options = call.request.getOptions();
    if (!options) return callback(rpcErrors.invalidArgument("'options' is a required argument"));
    const stream = streamNameOf(options.getStreamIdentifier());
    const expected = expectedStateOf(options, options.hasRevision() ? options.getRevision() : undefined);
    const outcome = this.context.log.softDelete(stream, expected);
    this.reply('Delete', stream, outcome, new DeleteResp(), new DeleteResp.Position(), callback);
  };

  readonly tombstone = (
    call: ServerUnaryCall<TombstoneReq, TombstoneResp>,
    callback: sendUnaryData<TombstoneResp>,
  ): void => {
    const options = call.request.getOptions();
    if (!options) return callback(rpcErrors.invalidArgument("'options' is a required argument"));
    const stream = streamNameOf(options.getStreamIdentifier());
    const expected = expectedStateOf(options, options.hasRevision() ? options.getRevision() : undefined);
    const outcome = this.context.log.tombstone(stream, expected);
    this.reply('Tombstone', stream, outcome, new TombstoneResp(), new TombstoneResp.Position(), callback);
  };

  private reply<R extends Response>(
    operation: string,
    stream: string,
    outcome: WriteOutcome,
    response: R,
    position: PositionMessage,
    callback: sendUnaryData<R>,
  ): void {
    switch (outcome.kind) {
      case 'success': {
        const target = response as unknown as {
          setPosition(value: PositionMessage): unknown;
          setNoPosition(value: Empty): unknown;
        };
        if (outcome.position) {
          position.setCommitPosition(outcome.position.commit.toString());
          position.setPreparePosition(outcome.position.prepare.toString());
          target.setPosition(position);
        } else {
          target.setNoPosition(new Empty());
        }
        return callback(null, response);
      }
      case 'wrong-expected-version':
        return callback(rpcErrors.wrongExpectedVersion(operation, stream, outcome.expected, outcome.current));
      case 'stream-deleted':
        return callback(rpcErrors.streamDeleted(stream));
      case 'maximum-append-size-exceeded':
        return callback(rpcErrors.maximumAppendSizeExceeded(outcome.maxAppendSize));
    }
  }
}
