import type { EventStore } from '@ledger/event-store';
import { verifyIncident, verifyStream, type StreamVerification } from './incident-verifier';
import { verifyLedger } from './ledger-verifier';
import type { LedgerVerification, LedgerVerificationOptions } from './verification-result';

export type LedgerVerifierOptions = Readonly<{
  /** When given, every checkpoint must be signed by one of these keys. */
  trustedKeyFingerprints?: readonly string[];
  pageSize?: number;
}>;

/** verifyLedger / verifyIncident bound to one store and one trust policy (handy for dependency injection). */
export class LedgerVerifier {
  constructor(
    private readonly store: EventStore,
    private readonly options: LedgerVerifierOptions = {},
  ) {}

  /** The whole ledger, in one pass. */
  verifyLedger(options: Omit<LedgerVerificationOptions, 'trustedKeyFingerprints'> = {}): Promise<LedgerVerification> {
    return verifyLedger(this.store, { ...this.options, ...options });
  }

  /** One incident's stream and its latest checkpoint coverage. */
  verifyIncident(incidentId: string): Promise<StreamVerification> {
    return verifyIncident(this.store, incidentId, this.options);
  }

  /** Any one ledger stream. */
  verifyStream(stream: string): Promise<StreamVerification> {
    return verifyStream(this.store, stream, this.options);
  }
}
