/** A response with its JSON body already read. */
export type JsonResponse<T = any> = Readonly<{ status: number; headers: Headers; body: T }>;

export type RequestOptions = Readonly<{
  headers?: Record<string, string>;
  /** Sent as-is (for malformed JSON tests) instead of JSON-encoding `body`. */
  rawBody?: string;
  token?: string | null;
}>;

/** Minimal HTTP client for e2e tests, over the global fetch. */
export class LedgerHttpClient {
  constructor(
    readonly baseUrl: string,
    readonly token: string | null,
  ) {}

  as(token: string | null): LedgerHttpClient {
    return new LedgerHttpClient(this.baseUrl, token);
  }

  async request<T = any>(method: string, path: string, body?: unknown, options: RequestOptions = {}): Promise<JsonResponse<T>> {
    const token = options.token === undefined ? this.token : options.token;
    const headers: Record<string, string> = { ...options.headers };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    let payload: string | undefined = options.rawBody;
    if (payload === undefined && body !== undefined) payload = JSON.stringify(body);
    if (payload !== undefined && headers['content-type'] === undefined) headers['content-type'] = 'application/json';
    const response = await fetch(`${this.baseUrl}${path}`, { method, headers, body: payload });
    const text = await response.text();
    let parsed: unknown = text;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      // Non-JSON answers (e.g. the docs page) stay text.
    }
    return { status: response.status, headers: response.headers, body: parsed as T };
  }

  get<T = any>(path: string, options?: RequestOptions): Promise<JsonResponse<T>> {
    return this.request<T>('GET', path, undefined, options);
  }

  post<T = any>(path: string, body?: unknown, options?: RequestOptions): Promise<JsonResponse<T>> {
    return this.request<T>('POST', path, body, options);
  }
}
