/** mongod refuses messages above maxMessageSizeBytes. */
const MAX_MESSAGE_BYTES = 48_000_000;
const HEADER_BYTES = 16;

/**
 * Splits a TCP byte stream into whole wire protocol messages (each starts with its int32 length).
 * Chunks are kept apart until a message is complete, so large messages cost linear copying.
 */
export class MessageReader {
  private chunks: Buffer[] = [];
  private bytes = 0;

  /** Adds received bytes and returns the messages they complete. @throws Error on an impossible length. */
  push(chunk: Buffer): Buffer[] {
    this.chunks.push(chunk);
    this.bytes += chunk.length;
    const messages: Buffer[] = [];
    for (;;) {
      const length = this.nextLength();
      if (length === undefined || this.bytes < length) return messages;
      const all = this.chunks.length === 1 ? this.chunks[0] : Buffer.concat(this.chunks, this.bytes);
      messages.push(all.subarray(0, length));
      const rest = all.subarray(length);
      this.chunks = rest.length > 0 ? [rest] : [];
      this.bytes = rest.length;
    }
  }

  private nextLength(): number | undefined {
    if (this.bytes < 4) return undefined;
    if (this.chunks[0].length < 4) this.chunks = [Buffer.concat(this.chunks, this.bytes)];
    const length = this.chunks[0].readInt32LE(0);
    if (length < HEADER_BYTES || length > MAX_MESSAGE_BYTES) throw new Error(`invalid message length ${length}`);
    return length;
  }
}
