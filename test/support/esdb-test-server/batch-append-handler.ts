import type { ServerDuplexStream } from '@grpc/grpc-js';
import { Any } from 'google-protobuf/google/protobuf/any_pb';
import { Empty as GoogleEmpty } from 'google-protobuf/google/protobuf/empty_pb';
import { BatchAppendReq, BatchAppendResp } from '@eventstore/db-client/generated/streams_pb';
import {
  AllStreamPosition,
  BadRequest,
  MaximumAppendSizeExceeded,
  StreamDeleted,
  WrongExpectedVersion,
} from '@eventstore/db-client/generated/shared_pb';
import { Code } from '@eventstore/db-client/generated/code_pb';
import { Status } from '@eventstore/db-client/generated/status_pb';
import type { ExpectedState, ProposedEvent, WriteOutcome } from './log-types';
import { isServiceError, toProposedEvent } from './proposed-event';
import { ResponseWriter } from './response-writer';
import type { ServerContext } from './server-context';
import { expectedStateOf, streamIdentifier, streamNameOf, uuidToString } from './wire';

type Call = ServerDuplexStream<BatchAppendReq, BatchAppendResp>;

type Pending = { options?: BatchAppendReq.Options; events: ProposedEvent[]; invalid?: string };

const packed = (code: Code, message: string, detail: { serializeBinary(): Uint8Array }, typeName: string) => {
  const details = new Any();
  details.pack(detail.serializeBinary(), `event_store.client.${typeName}`);
  return new Status().setCode(code).setMessage(message).setDetails(details);
};

const badRequest = (message: string) =>
  packed(Code.INVALID_ARGUMENT, message, new BadRequest().setMessage(message), 'BadRequest');

const wrongExpectedVersion = (expected: ExpectedState, current: bigint | 'no_stream') => {
  const wrong = new WrongExpectedVersion();
  if (current === 'no_stream') wrong.setCurrentNoStream(new GoogleEmpty());
  else wrong.setCurrentStreamRevision(current.toString());
  if (expected.kind === 'any') wrong.setExpectedAny(new GoogleEmpty());
  else if (expected.kind === 'no_stream') wrong.setExpectedNoStream(new GoogleEmpty());
  else if (expected.kind === 'stream_exists') wrong.setExpectedStreamExists(new GoogleEmpty());
  else wrong.setExpectedStreamPosition(expected.revision.toString());
  return packed(Code.FAILED_PRECONDITION, 'WrongExpectedVersion', wrong, 'WrongExpectedVersion');
};

const errorStatus = (outcome: Exclude<WriteOutcome, { kind: 'success' }>, stream: string): Status => {
  switch (outcome.kind) {
    case 'wrong-expected-version':
      return wrongExpectedVersion(outcome.expected, outcome.current);
    case 'stream-deleted':
      return packed(
        Code.FAILED_PRECONDITION,
        `Event stream '${stream}' is deleted.`,
        new StreamDeleted().setStreamIdentifier(streamIdentifier(stream)),
        'StreamDeleted',
      );
    case 'maximum-append-size-exceeded':
      return packed(
        Code.INVALID_ARGUMENT,
        `Maximum Append Size of ${outcome.maxAppendSize} Exceeded.`,
        new MaximumAppendSizeExceeded().setMaxappendsize(outcome.maxAppendSize),
        'MaximumAppendSizeExceeded',
      );
  }
};

const successOf = (outcome: Extract<WriteOutcome, { kind: 'success' }>): BatchAppendResp.Success => {
  const success = new BatchAppendResp.Success();
  if (outcome.currentRevision === 'no_stream') success.setNoStream(new GoogleEmpty());
  else success.setCurrentRevision(outcome.currentRevision.toString());
  if (outcome.position) {
    success.setPosition(
      new AllStreamPosition()
        .setCommitPosition(outcome.position.commit.toString())
        .setPreparePosition(outcome.position.prepare.toString()),
    );
  } else {
    success.setNoPosition(new GoogleEmpty());
  }
  return success;
};

/**
 * Streams.BatchAppend: one long-lived bidirectional call carrying many appends, each a run of requests
 * with one correlation id (options on the first, is_final on the last), answered by one response with
 * the same correlation id. Failures are a google.rpc.Status whose details pack the typed error.
 * The request's deadline option is not enforced.
 */
export class BatchAppendHandler {
  constructor(private readonly context: ServerContext) {}

  readonly handle = (call: Call): void => {
    const writer = new ResponseWriter<BatchAppendResp>(call, this.context.signal);
    const pending = new Map<string, Pending>();
    let replies = Promise.resolve(true);
    call.on('data', (request: BatchAppendReq) => {
      const correlation = uuidToString(request.getCorrelationId());
      const batch = pending.get(correlation) ?? { events: [] };
      pending.set(correlation, batch);
      if (request.hasOptions()) batch.options = request.getOptions();
      for (const message of request.getProposedMessagesList()) {
        const event = toProposedEvent(message);
        if (isServiceError(event)) batch.invalid = event.details;
        else batch.events.push(event);
      }
      if (!request.getIsFinal()) return;
      pending.delete(correlation);
      const response = this.complete(batch).setCorrelationId(request.getCorrelationId());
      replies = replies.then((open) => open && writer.write(response));
    });
    call.on('end', () => void replies.then(() => writer.end()));
    call.on('error', () => undefined);
  };

  private complete(batch: Pending): BatchAppendResp {
    const options = batch.options;
    const response = new BatchAppendResp();
    if (!options) return response.setError(badRequest("'options' is a required argument"));
    const stream = streamNameOf(options.getStreamIdentifier());
    const expected = expectedStateOf(options, options.hasStreamPosition() ? options.getStreamPosition() : undefined);
    response.setStreamIdentifier(streamIdentifier(stream));
    if (expected.kind === 'any') response.setAny(new GoogleEmpty());
    else if (expected.kind === 'no_stream') response.setNoStream(new GoogleEmpty());
    else if (expected.kind === 'stream_exists') response.setStreamExists(new GoogleEmpty());
    else response.setStreamPosition(expected.revision.toString());
    if (batch.invalid) return response.setError(badRequest(batch.invalid));
    this.context.stats.batchAppends += 1;
    const outcome = this.context.log.append(stream, expected, batch.events);
    return outcome.kind === 'success'
      ? response.setSuccess(successOf(outcome))
      : response.setError(errorStatus(outcome, stream));
  }
}
