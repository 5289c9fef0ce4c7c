/**
 * The framework-free principals code (libs/ledger/src/principals). Imported through this one file so that
 * switching to `@ledger/ledger` is a one-line change once that barrel re-exports it.
 */
export * from '../../../../libs/ledger/src/principals';
