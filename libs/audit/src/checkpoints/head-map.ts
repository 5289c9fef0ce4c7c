import { createHash } from 'node:crypto';
import type { StreamHeadJson } from './checkpoint-format';

/** Where one stream's chain ends. Mutable: the verifier updates heads in place on its hot path. */
export type StreamHead = { revision: bigint; hash: string };

/** Bytes of root input gathered before each hash update: one update per line would be slow. */
const ROOT_CHUNK = 64 * 1024;

/**
 * The ledger root: hex SHA-256 over every stream's head, streams sorted by name (UTF-16 code-unit order,
 * as JCS sorts keys), one line each: the JCS array `["<stream>","<revision>","<hash>"]` followed by "\n".
 * The empty ledger's root is SHA-256 of nothing. The JSON encoding keeps odd stream names unambiguous.
 */
export const computeLedgerRoot = (heads: Iterable<StreamHeadJson>): string => {
  const sorted = [...heads].sort((a, b) => (a.stream < b.stream ? -1 : a.stream > b.stream ? 1 : 0));
  const digest = createHash('sha256');
  let chunk = '';
  for (const head of sorted) {
    chunk += `${JSON.stringify([head.stream, head.revision, head.hash])}\n`;
    if (chunk.length >= ROOT_CHUNK) {
      digest.update(chunk, 'utf8');
      chunk = '';
    }
  }
  digest.update(chunk, 'utf8');
  return digest.digest('hex');
};

/** Every stream's head, as one pass over the ledger in global order builds it. */
export class HeadMap {
  private readonly heads = new Map<string, StreamHead>();

  get size(): number {
    return this.heads.size;
  }

  get(stream: string): StreamHead | undefined {
    return this.heads.get(stream);
  }

  set(stream: string, revision: bigint, hash: string): void {
    const head = this.heads.get(stream);
    if (head) {
      head.revision = revision;
      head.hash = hash;
    } else {
      this.heads.set(stream, { revision, hash });
    }
  }

  /** The heads of the given streams (all when omitted) in JSON form, sorted by stream. */
  list(streams?: Iterable<string>): StreamHeadJson[] {
    const names = [...(streams ?? this.heads.keys())].sort();
    const out: StreamHeadJson[] = [];
    for (const stream of names) {
      const head = this.heads.get(stream);
      if (head) out.push({ stream, revision: head.revision.toString(), hash: head.hash });
    }
    return out;
  }

  /** computeLedgerRoot over all heads. */
  root(): string {
    return computeLedgerRoot(this.list());
  }
}
