import { once } from 'node:events';
import type { ServiceError } from '@grpc/grpc-js';
import type { Writable } from 'node:stream';

/** The writable half of a server-streaming or bidirectional call. */
type ResponseCall = Writable & { readonly cancelled: boolean; on(event: 'cancelled', listener: () => void): unknown };

/**
 * Writes responses of one call with back-pressure: when grpc's write buffer is full it waits for 'drain'
 * (grpc only drains once HTTP/2 flow control lets the data out, so a slow client slows the server down).
 * `signal` aborts when the client cancels, the call ends or the server stops.
 */
export class ResponseWriter<T> {
  private readonly controller = new AbortController();

  constructor(
    private readonly call: ResponseCall,
    serverSignal: AbortSignal,
  ) {
    const abort = () => this.controller.abort();
    call.on('cancelled', abort);
    call.on('close', abort);
    call.on('error', abort);
    serverSignal.addEventListener('abort', abort, { once: true, signal: this.controller.signal });
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  get closed(): boolean {
    return this.controller.signal.aborted || this.call.cancelled || this.call.writableEnded;
  }

  /** Resolves false when the call is gone (nothing more should be written). */
  async write(message: T): Promise<boolean> {
    if (this.closed) return false;
    if (this.call.write(message)) return true;
    try {
      await once(this.call, 'drain', { signal: this.controller.signal });
      return true;
    } catch {
      return false;
    }
  }

  end(): void {
    if (!this.closed) this.call.end();
    this.controller.abort();
  }

  /** Ends the call with an error status (and its trailers). */
  fail(error: ServiceError): void {
    if (!this.closed) this.call.emit('error', error);
    this.controller.abort();
  }
}
