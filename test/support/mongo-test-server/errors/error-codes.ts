/**
 * The MongoDB server error codes this test server can answer with, by their server-side names
 * (src/mongo/base/error_codes.yml). Drivers and callers rely on the numbers, so they must match.
 */
export const ErrorCode = {
  InternalError: 1,
  BadValue: 2,
  FailedToParse: 9,
  Unauthorized: 13,
  TypeMismatch: 14,
  IllegalOperation: 20,
  InvalidBSON: 22,
  NamespaceNotFound: 26,
  IndexNotFound: 27,
  PathNotViable: 28,
  ConflictingUpdateOperators: 40,
  CursorNotFound: 43,
  NamespaceExists: 48,
  DollarPrefixedFieldName: 52,
  InvalidIdField: 53,
  EmptyFieldName: 56,
  CommandNotFound: 59,
  ImmutableField: 66,
  CannotCreateIndex: 67,
  InvalidOptions: 72,
  InvalidNamespace: 73,
  IndexOptionsConflict: 85,
  IndexKeySpecsConflict: 86,
  WriteConflict: 112,
  InvalidPipelineOperator: 168,
  ConflictingOperationInProgress: 117,
  TransactionTooOld: 225,
  NotImplemented: 238,
  NoSuchTransaction: 251,
  TransactionCommitted: 256,
  OperationNotSupportedInTransaction: 263,
  UnsupportedOpQueryCommand: 352,
  DuplicateKey: 11000,
  Location15955: 15955,
  Location15959: 15959,
  Location15975: 15975,
  Location31253: 31253,
  Location31254: 31254,
  Location40323: 40323,
  Location40324: 40324,
  Location40571: 40571,
  IDLFailedToParse: 40414,
  Location51024: 51024,
  Location6108304: 6108304,
} as const;

export type ErrorCodeName = keyof typeof ErrorCode;

const namesByCode = new Map<number, string>(Object.entries(ErrorCode).map(([name, code]) => [code, name]));

/** The codeName the server puts next to a code ('Location<code>' for codes without a name, as mongod does). */
export const codeNameOf = (code: number): string => namesByCode.get(code) ?? `Location${code}`;
