import { connect, type Socket } from 'node:net';

/** An answer as read off the socket: nothing normalised, so tests see exactly what a client sees. */
export type RawResponse = Readonly<{
  status: number;
  headers: Readonly<Record<string, string>>;
  /** The body as text (UTF-8). */
  text: string;
  /** The body parsed as JSON, when it is JSON. */
  json: any;
}>;

export type RawRequest = Readonly<{
  method: string;
  /** Path and query exactly as sent (no encoding applied). */
  target: string;
  headers?: Readonly<Record<string, string>>;
  /** Sent as-is; Content-Length is added unless a transfer-encoding or content-length header is given. */
  body?: string | Buffer;
}>;

const dechunk = (data: Buffer): Buffer => {
  const parts: Buffer[] = [];
  let at = 0;
  for (;;) {
    const lineEnd = data.indexOf('\r\n', at);
    if (lineEnd === -1) break;
    const size = parseInt(data.subarray(at, lineEnd).toString('latin1'), 16);
    if (!Number.isFinite(size) || size === 0) break;
    parts.push(data.subarray(lineEnd + 2, lineEnd + 2 + size));
    at = lineEnd + 2 + size + 2;
  }
  return Buffer.concat(parts);
};

const parse = (data: Buffer): RawResponse => {
  const headEnd = data.indexOf('\r\n\r\n');
  const head = data.subarray(0, headEnd === -1 ? data.length : headEnd).toString('latin1');
  const [statusLine = '', ...lines] = head.split('\r\n');
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = headEnd === -1 ? Buffer.alloc(0) : data.subarray(headEnd + 4);
  if (/chunked/i.test(headers['transfer-encoding'] ?? '')) body = dechunk(body);
  const text = body.toString('utf8');
  let json: unknown;
  try {
    json = text === '' ? undefined : JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers, text, json };
};

/**
 * Sends one HTTP/1.1 request over a fresh TCP connection (Connection: close) and reads the answer.
 * No client-side validation: invalid bytes, huge headers and odd framing go out as given.
 */
export const rawRequest = (baseUrl: string, request: RawRequest, timeoutMs = 20_000): Promise<RawResponse> =>
  new Promise((resolve, reject) => {
    const url = new URL(baseUrl);
    const body = request.body === undefined ? undefined : Buffer.isBuffer(request.body) ? request.body : Buffer.from(request.body, 'utf8');
    const headers: Record<string, string> = { host: url.host, connection: 'close', ...request.headers };
    const names = Object.keys(headers).map((name) => name.toLowerCase());
    if (body !== undefined && !names.includes('content-length') && !names.includes('transfer-encoding')) {
      headers['content-length'] = String(body.length);
    }
    const head = `${request.method} ${request.target} HTTP/1.1\r\n${Object.entries(headers)
      .map(([name, value]) => `${name}: ${value}\r\n`)
      .join('')}\r\n`;
    const socket = connect(Number(url.port), url.hostname);
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer to ${request.method} ${request.target.slice(0, 80)} within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk: Buffer) => chunks.push(chunk));
    // The server may answer (413, 431…) and close before it has read all we send: that is an answer.
    socket.on('error', (error: NodeJS.ErrnoException) => {
      if (chunks.length > 0 && (error.code === 'ECONNRESET' || error.code === 'EPIPE')) return;
      clearTimeout(timer);
      reject(error);
    });
    socket.on('close', () => {
      clearTimeout(timer);
      if (chunks.length === 0) reject(new Error(`connection closed without an answer to ${request.method} ${request.target.slice(0, 80)}`));
      else resolve(parse(Buffer.concat(chunks)));
    });
    socket.write(Buffer.from(head, 'latin1'));
    if (body !== undefined) void sendBody(socket, body, () => chunks.length > 0);
  });

/**
 * Writes a body in pieces, stopping as soon as the server has answered: a server refusing a body
 * (413 on its Content-Length) answers and closes before reading it, and writing on would end in
 * EPIPE and lose the answer. A large body waits a moment for such an early answer first.
 */
const sendBody = async (socket: Socket, body: Buffer, answered: () => boolean): Promise<void> => {
  const piece = 64 * 1024;
  if (body.length > piece) await new Promise((resolve) => setTimeout(resolve, 50));
  for (let at = 0; at < body.length && !answered() && !socket.destroyed; at += piece) {
    if (!socket.write(body.subarray(at, at + piece))) {
      await new Promise((resolve) => {
        socket.once('drain', resolve);
        socket.once('close', resolve);
      });
    }
  }
};
