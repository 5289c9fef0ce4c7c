const SEGMENT = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The dotted paths at which a document holds arrays, following nested objects but not arrays
 * (queries never look inside arrays of objects). Keys a query could not name are skipped.
 */
export function arrayPathsOf(document: Readonly<Record<string, unknown>>, prefix = ''): string[] {
  const paths: string[] = [];
  for (const [key, value] of Object.entries(document)) {
    if (typeof value !== 'object' || value === null || !SEGMENT.test(key)) continue;
    if (Array.isArray(value)) paths.push(prefix + key);
    else paths.push(...arrayPathsOf(value as Record<string, unknown>, `${prefix}${key}.`));
  }
  return paths;
}
