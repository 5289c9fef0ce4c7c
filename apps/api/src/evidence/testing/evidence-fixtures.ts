import type { LedgerHttpClient } from '../../../../../test/support/ledger-http-client';

/** Test data for the evidence e2e specs: request bodies a client would send. */
export const SHA256 = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';

export const evidenceBody = (overrides: Record<string, unknown> = {}) => ({
  description: 'Disk image of WS-042',
  kind: 'disk-image',
  sha256: SHA256,
  size: 256_060_514_304,
  source: 'WS-042 internal SSD',
  collectedBy: 'alice',
  collectedAt: '2026-01-02T08:30:00Z',
  storageLocation: 'Evidence locker A-3, shelf 2',
  ...overrides,
});

/** Registers an item on the incident and returns its evidence id. */
export const registerEvidence = async (
  client: LedgerHttpClient,
  incidentId: string,
  overrides: Record<string, unknown> = {},
): Promise<string> => {
  const response = await client.post(`/incidents/${incidentId}/evidence`, evidenceBody(overrides));
  if (response.status !== 201) throw new Error(`register failed: ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.evidenceId as string;
};
