/**
 * Copying documents fast. On Node 20 (V8 11), `{ ...value, field }` measured 5-10 times slower than
 * the same object written as a literal, and adding fields after a spread (`{ ...core, id, title, … }`)
 * tens of microseconds per object. Projections copy their documents on every event, so hot paths copy
 * with literals, in the documents' field order. A literal only reproduces `{ ...value }` when `value`
 * has exactly the expected own keys in that order (a document written by older code may lack a
 * field); this tells, without allocating, so that callers fall back to the spread otherwise.
 */
export const hasKeysInOrder = (value: object, keys: readonly string[]): boolean => {
  let i = 0;
  // for-in also lists inherited enumerable keys: a document with any fails the check, as it should.
  for (const key in value) {
    if (key !== keys[i]) return false;
    i++;
  }
  return i === keys.length;
};
