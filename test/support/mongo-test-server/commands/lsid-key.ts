import type { Document } from 'bson';
import { BsonValues } from '../bson/bson-values';

/** Turns a logical session id ({ id: UUID }) into a map key. */
export class LsidKey {
  static of(lsid: unknown): string | undefined {
    if (!BsonValues.isDocument(lsid)) return undefined;
    const id = (lsid as Document).id;
    return id === undefined ? undefined : BsonValues.key(id);
  }
}
