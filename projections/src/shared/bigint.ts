/**
 * Read-model documents are JSON. Stream revisions and global positions are bigints in the ledger,
 * and JSON numbers lose precision above 2^53, so documents store them as base-10 strings.
 */
export type DecimalString = string;

const DECIMAL = /^(0|-?[1-9]\d*)$/;

export const encodeBigint = (value: bigint): DecimalString => value.toString(10);

/** @throws TypeError when `value` is not a canonical base-10 integer. */
export const decodeBigint = (value: DecimalString): bigint => {
  if (!DECIMAL.test(value)) throw new TypeError(`Not a base-10 integer: ${JSON.stringify(value)}`);
  return BigInt(value);
};

/** Numeric order of two decimal strings ("9" before "10"), for sorting documents. */
export const compareDecimal = (a: DecimalString, b: DecimalString): number => {
  const x = decodeBigint(a);
  const y = decodeBigint(b);
  return x < y ? -1 : x > y ? 1 : 0;
};
