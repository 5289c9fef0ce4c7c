import { Binary } from 'bson';

/**
 * A generic (non-UUID) BSON binary whose default string form is hex, not lossy UTF-8.
 * mingo compares opaque values through toString(); with Binary's UTF-8 default two different
 * byte strings that are not valid UTF-8 would compare equal.
 */
export class ComparableBinary extends Binary {
  /** Rewraps a deserialized Binary, keeping bytes and subtype. */
  static from(binary: Binary): ComparableBinary {
    return new ComparableBinary(binary.buffer.subarray(0, binary.position), binary.sub_type);
  }

  override toString(encoding?: 'hex' | 'base64' | 'utf8' | 'utf-8'): string {
    return super.toString(encoding ?? 'hex');
  }
}
