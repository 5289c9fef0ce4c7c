import type { LedgerHttpClient } from '../../../../../test/support/ledger-http-client';

export type CreatedPrincipal = Readonly<{ id: string; name: string; token: string; tokenId: string; client: LedgerHttpClient }>;

/** Registers a principal as the given (admin) client and returns it with a client that uses its token. */
export const createPrincipal = async (
  admin: LedgerHttpClient,
  name: string,
  roles: string[],
  extra: Readonly<{ teams?: string[]; expiresInDays?: number }> = {},
): Promise<CreatedPrincipal> => {
  const response = await admin.post('/principals', { name, roles, ...extra });
  if (response.status !== 201) throw new Error(`create ${name} failed: ${response.status} ${JSON.stringify(response.body)}`);
  const { id, token, tokenId } = response.body as { id: string; token: string; tokenId: string };
  return { id, name, token, tokenId, client: admin.as(token) };
};
