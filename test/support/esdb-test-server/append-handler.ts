import type { sendUnaryData, ServerReadableStream, ServiceError } from '@grpc/grpc-js';
import { AppendReq, AppendResp } from '@eventstore/db-client/generated/streams_pb';
import { Empty } from '@eventstore/db-client/generated/shared_pb';
import type { ExpectedState, ProposedEvent, WriteOutcome } from './log-types';
import { isServiceError, toProposedEvent } from './proposed-event';
import type { ServerContext } from './server-context';
import { expectedStateOf, rpcErrors, streamNameOf } from './wire';

const wrongExpectedVersion = (expected: ExpectedState, current: bigint | 'no_stream') => {
  const wrong = new AppendResp.WrongExpectedVersion();
  if (current === 'no_stream') wrong.setCurrentNoStream(new Empty());
  else wrong.setCurrentRevision(current.toString());
  if (expected.kind === 'any') wrong.setExpectedAny(new Empty());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new Empty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new Empty());
  else wrong.setExpectedRevision(expected.revision.toString());
  return new AppendResp().setWrongExpectedVersion(wrong);
};

const success = (outcome: Extract<WriteOutcome, { kind: 'success' }>) => {
  const result = new AppendResp.Success();
  if (outcome.currentRevision === 'no_stream') result.setNoStream(new Empty());
  else result.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position) {
    result.setPosition(
      new AppendResp.Position()
        .setCommitPosition(outcome.position.commit.toString())
        .setPreparePosition(outcome.position.prepare.toString()),
    );
  } else {
    result.setNoPosition(new Empty());
  }
  return new AppendResp().setSuccess(result);
};

/**
 * Streams.Append (client streaming: options, then one message per event).
 * A wrong expected version is a normal response, as in EventStoreDB; a deleted stream or an oversized
 * append is an error status with the trailers the client turns into typed errors.
 */
export class AppendHandler {
  constructor(private readonly context: ServerContext) {}

  readonly handle = (call: ServerReadableStream<AppendReq, AppendResp>, callback: sendUnaryData<AppendResp>): void => {
    let options: AppendReq.Options | undefined;
    const proposed: ProposedEvent[] = [];
    let failure: ServiceError | undefined;
    call.on('data', (request: AppendReq) => {
      if (request.hasOptions()) options = request.getOptions();
      if (!request.hasProposedMessage() || failure) return;
      const event = toProposedEvent(request.getProposedMessage()!);
      if (isServiceError(event)) failure = event;
      else proposed.push(event);
    });
    call.on('error', () => undefined);
    call.on('end', () => {
      if (failure) return callback(failure);
      if (!options) return callback(rpcErrors.invalidArgument("'options' is a required argument"));
      const stream = streamNameOf(options.getStreamIdentifier());
      const expected = expectedStateOf(options, options.hasRevision() ? options.getRevision() : undefined);
      this.context.stats.appends += 1;
      const outcome = this.context.log.append(stream, expected, proposed);
      switch (outcome.kind) {
        case 'success':
          return callback(null, success(outcome));
        case 'wrong-expected-version':
          return callback(null, wrongExpectedVersion(outcome.expected, outcome.current));
        case 'stream-deleted':
          return callback(rpcErrors.streamDeleted(stream));
        case 'maximum-append-size-exceeded':
          return callback(rpcErrors.maximumAppendSizeExceeded(outcome.maxAppendSize));
      }
    });
  };
}
