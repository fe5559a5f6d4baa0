import type { RunningServer } from '../../../server/server';

export interface ApiResponse<T = unknown> {
  status: number;
  headers: Headers;
  body: T;
}

export interface ErrorResponseBody {
  error: { code: string; message: string; details?: Record<string, unknown> };
}

/** Real HTTP against a running server; `body` is parsed JSON (or the raw text when it is not JSON). */
export class ApiClient {
  constructor(
    private readonly server: Pick<RunningServer, 'url'>,
    public token?: string,
  ) {}

  withToken(token: string | undefined): ApiClient {
    return new ApiClient(this.server, token);
  }

  get<T = unknown>(path: string): Promise<ApiResponse<T>> {
    return this.request<T>('GET', path);
  }

  post<T = unknown>(path: string, body: unknown): Promise<ApiResponse<T>> {
    return this.request<T>('POST', path, JSON.stringify(body), 'application/json');
  }

  async request<T>(method: string, path: string, body?: string, contentType?: string): Promise<ApiResponse<T>> {
    const headers: Record<string, string> = {};
    if (contentType) headers['content-type'] = contentType;
    if (this.token) headers['authorization'] = `Bearer ${this.token}`;
    const res = await fetch(`${this.server.url}/api/v1${path}`, { method, headers, body });
    const text = await res.text();
    let parsed: unknown = text;
    try {
      parsed = JSON.parse(text);
    } catch {
      // Left as text: the test asserts on it.
    }
    return { status: res.status, headers: res.headers, body: parsed as T };
  }
}

export function errorCode(res: ApiResponse): string | undefined {
  return (res.body as Partial<ErrorResponseBody>).error?.code;
}
