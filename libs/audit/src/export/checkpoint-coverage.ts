import type { EventStore } from '@ledger/event-store';
import { verifyStream } from '../verification/incident-verifier';
import type { CoverageFacts } from './export-report';

/**
 * Where the newest signed checkpoint that lists `stream` puts its head, and whether the stream still
 * holds that head (the verifier's per-stream check). A chain break is reported by the chain check, so
 * only checkpoint problems are kept here.
 */
export const checkpointCoverage = async (
  store: EventStore,
  stream: string,
  options: Readonly<{ trustedKeyFingerprints?: readonly string[] }> = {},
): Promise<CoverageFacts> => {
  const result = await verifyStream(store, stream, options);
  const { coverage } = result;
  const chainKinds = ['hash-mismatch', 'prev-hash-mismatch', 'revision-gap', 'wrong-stream'];
  const problem = result.firstBreak !== null && !chainKinds.includes(result.firstBreak.kind) ? result.firstBreak.message : undefined;
  return {
    checkpoint:
      coverage === null
        ? null
        : {
            sequence: coverage.checkpoint.sequence,
            position: coverage.checkpoint.position.toString(),
            signedAt: coverage.signedAt,
            keyFingerprint: coverage.keyFingerprint,
          },
    signedRevision: coverage?.revision.toString() ?? null,
    signedHash: coverage?.hash ?? null,
    eventsAfter: result.eventsAfterCoverage,
    ok: problem === undefined,
    ...(problem !== undefined && { problem }),
  };
};
