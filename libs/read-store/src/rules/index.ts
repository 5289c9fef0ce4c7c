export * from './read-store-errors';
export { MAX_PAGE_LIMIT, MAX_SORT_KEYS, INDEX_NAME } from './query-rules';
export { MAX_DOCUMENT_DEPTH, normalizeDocument } from './document-rules';
