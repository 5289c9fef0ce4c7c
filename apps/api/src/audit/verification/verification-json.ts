/** A verification result as JSON: bigints (revisions, positions) become decimal strings, like everywhere else. */
export const toVerificationJson = (value: unknown): Record<string, unknown> =>
  JSON.parse(JSON.stringify(value, (_key, field: unknown) => (typeof field === 'bigint' ? field.toString() : field))) as Record<
    string,
    unknown
  >;
