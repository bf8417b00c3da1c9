/**
 * The common machinery of the fake provider servers: a node:http server on
 * 127.0.0.1 (port 0) that records every request (credentials removed), parses
 * JSON and form bodies, and injects faults (status codes with Retry-After,
 * hangs, connection resets, malformed replies) and a fixed answer delay.
 * Each provider's fake (deepl.ts, google-v2.ts, ...) only declares its routes,
 * its auth check and its error body format, so the engine's tests and the
 * benchmark can drive any fake through the same `FakeServer` interface.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Socket } from 'node:net';

/** What a fake received. Credentials (Authorization header, `key`/`api_key` fields) are never recorded. */
export interface RecordedRequest {
  method: string;
  /** URL path without the query string. */
  path: string;
  query: Record<string, string>;
  /** Lower-case header names; authorization and API-key headers removed. */
  headers: Record<string, string>;
  /** Parsed body: JSON value, or for forms an object whose repeated keys become arrays. */
  body: unknown;
  /** Size of the body in bytes, as sent. */
  bytes: number;
  /** Name of the route that matched ("translate", "glossary.create", ...), or "unknown". */
  route: string;
  /** Whether any credential was presented (its value is never recorded). */
  hadCredential: boolean;
  /** Whether the credential matched the fake's key; undefined when the route checks none. */
  authorized: boolean | undefined;
  /** Date.now() when the request arrived, and when its reply was written (unset while in flight or never answered). */
  receivedAt: number;
  repliedAt?: number;
  /** Characters this request had translated (as billed), once answered with translations. */
  billed?: number;
}

export type Fault =
  /** Answer with this status in the provider's own error format. */
  | { kind: 'status'; status: number; retryAfter?: number | string; reason?: string; message?: string; times?: number; route?: string }
  /** Never answer (until close()). */
  | { kind: 'hang'; times?: number; route?: string }
  /** Destroy the socket without answering (ECONNRESET / "socket hang up" on the client). */
  | { kind: 'reset'; times?: number; route?: string }
  /** Answer 200 with a well-formed but wrong reply (e.g. one translation too few). */
  | { kind: 'malformed'; times?: number; route?: string };

export interface FakeStats {
  requests: number;
  /** Requests being handled now, and the most at once: for concurrency assertions and benchmarks. */
  inFlight: number;
  maxInFlight: number;
  /** Texts and characters translated successfully (characters as the provider bills them: code points). */
  texts: number;
  characters: number;
}

export interface FakeServer {
  readonly provider: string;
  /** Base URL, e.g. http://127.0.0.1:40123 (no trailing slash). */
  readonly url: string;
  readonly requests: RecordedRequest[];
  readonly stats: FakeStats;
  /** Milliseconds to wait before answering any request (benchmarks). */
  delayMs: number;
  /** Queue a fault; it applies to the next `times` (default 1) requests of `route` (default "translate"). */
  inject(fault: Fault): void;
  /** Recorded requests of one route (default "translate"). */
  requestsTo(route?: string): RecordedRequest[];
  /** Forget requests, faults and stats (keeps server state such as created glossaries). */
  clear(): void;
  close(): Promise<void>;
}

export interface FakeOptions {
  /** Fixed answer delay in ms (default 0). */
  delayMs?: number;
  /** The credential the fake accepts; a different one gets the provider's 401/403. Default: any non-empty one. */
  key?: string;
}

/** The deterministic "translation" every fake performs: `[<target>] <text>`. */
export function fakeTranslate(text: string, target: string): string {
  return `[${target}] ${text}`;
}

export interface Reply {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface IncomingRequest extends RecordedRequest {
  /** The raw credential, for the fake's auth check only (never recorded). */
  credential: string | undefined;
}

export interface Route {
  name: string;
  method: string;
  /** Returns path parameters when the path matches. */
  match: (path: string) => Record<string, string> | undefined;
  /** Whether the route needs a valid credential. */
  auth: boolean;
  handle: (req: IncomingRequest, params: Record<string, string>, fake: FakeCore) => Reply;
  /** A 200 reply that is wrong in the provider's format (for the "malformed" fault). */
  malformed?: (req: IncomingRequest, params: Record<string, string>) => Reply;
}

export interface ProviderSpec {
  provider: string;
  routes: Route[];
  /** Extract and remove the credential: from headers, query or body. */
  credential: (headers: Record<string, string>, query: Record<string, string>, body: unknown) => string | undefined;
  /** The provider's error reply for a status (and reason/message). */
  errorReply: (status: number, fault: { reason?: string; message?: string }) => Reply;
  /** The provider's reply to a wrong or missing credential (default: errorReply(403)). */
  authFailure?: (credential: string | undefined) => Reply;
}

/** Internal handle passed to route handlers. */
export interface FakeCore {
  stats: FakeStats;
  countTranslated(texts: readonly string[]): void;
}

function parseBody(raw: string, contentType: string): unknown {
  if (raw === '') return undefined;
  if (contentType.includes('application/x-www-form-urlencoded')) {
    const out: Record<string, string | string[]> = {};
    for (const [k, v] of new URLSearchParams(raw)) {
      const prev = out[k];
      out[k] = prev === undefined ? v : Array.isArray(prev) ? [...prev, v] : [prev, v];
    }
    return out;
  }
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

const SECRET_HEADERS = new Set(['authorization', 'x-goog-api-key', 'api-key', 'x-api-key']);

export async function startFake(spec: ProviderSpec, opts: FakeOptions = {}): Promise<FakeServer> {
  const requests: RecordedRequest[] = [];
  const faults: (Fault & { left: number; route: string })[] = [];
  const sockets = new Set<Socket>();
  const stats: FakeStats = { requests: 0, inFlight: 0, maxInFlight: 0, texts: 0, characters: 0 };
  const core: FakeCore = {
    stats,
    countTranslated(texts) {
      stats.texts += texts.length;
      for (const t of texts) stats.characters += [...t].length;
    },
  };

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => void handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });

  async function handle(req: http.IncomingMessage, res: http.ServerResponse, raw: string): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const query = Object.fromEntries(url.searchParams);
    const headers: Record<string, string> = {};
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers[k] = v;
    const body = parseBody(raw, headers['content-type'] ?? '');
    const credential = spec.credential(headers, query, body); // also strips it from query/body
    for (const h of SECRET_HEADERS) delete headers[h];
    let route: Route | undefined;
    let params: Record<string, string> = {};
    for (const r of spec.routes) {
      const p = r.method === req.method ? r.match(url.pathname) : undefined;
      if (p) {
        route = r;
        params = p;
        break;
      }
    }
    const authorized = route?.auth ? credential !== undefined && credential !== '' && (opts.key === undefined || credential === opts.key) : undefined;
    const rec: IncomingRequest = {
      method: req.method ?? 'GET',
      path: url.pathname,
      query,
      headers,
      body,
      bytes: Buffer.byteLength(raw),
      route: route?.name ?? 'unknown',
      hadCredential: credential !== undefined && credential !== '',
      authorized,
      receivedAt: Date.now(),
      credential,
    };
    const { credential: _drop, ...recorded } = rec;
    const billedBefore = stats.characters;
    requests.push(recorded);
    stats.requests++;
    stats.inFlight++;
    stats.maxInFlight = Math.max(stats.maxInFlight, stats.inFlight);
    let counted = true;
    const done = (): void => {
      if (counted) stats.inFlight--;
      counted = false;
    };
    res.on('close', done);

    const fault = faults.find((f) => f.route === rec.route && f.left > 0);
    if (fault) fault.left--;
    if (fault?.kind === 'hang') return; // keep the socket open until close()
    if (fault?.kind === 'reset') {
      req.socket.destroy();
      return;
    }
    if (fake.delayMs > 0) await new Promise((r) => setTimeout(r, fake.delayMs));

    let reply: Reply;
    if (fault?.kind === 'status') {
      reply = spec.errorReply(fault.status, fault);
      if (fault.retryAfter !== undefined) reply.headers = { ...reply.headers, 'retry-after': String(fault.retryAfter) };
    } else if (!route) {
      reply = spec.errorReply(404, { message: `no route for ${req.method} ${url.pathname}` });
    } else if (authorized === false) {
      reply = spec.authFailure ? spec.authFailure(rec.credential) : spec.errorReply(403, { message: 'invalid credentials' });
    } else if (fault?.kind === 'malformed' && route.malformed) {
      reply = route.malformed(rec, params);
    } else {
      reply = route.handle(rec, params, core);
    }
    const isText = typeof reply.body === 'string';
    const payload = reply.body === undefined ? '' : isText ? (reply.body as string) : JSON.stringify(reply.body);
    res.writeHead(reply.status, {
      'content-type': isText ? 'text/plain; charset=utf-8' : 'application/json; charset=utf-8',
      ...reply.headers,
    });
    recorded.billed = stats.characters - billedBefore;
    res.end(payload);
    recorded.repliedAt = Date.now();
  }

  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  const fake: FakeServer = {
    provider: spec.provider,
    url: `http://127.0.0.1:${port}`,
    requests,
    stats,
    delayMs: opts.delayMs ?? 0,
    inject(f) {
      faults.push({ ...f, left: f.times ?? 1, route: f.route ?? 'translate' });
    },
    requestsTo(route = 'translate') {
      return requests.filter((r) => r.route === route);
    },
    clear() {
      requests.length = 0;
      faults.length = 0;
      Object.assign(stats, { requests: 0, inFlight: stats.inFlight, maxInFlight: stats.inFlight, texts: 0, characters: 0 });
    },
    async close() {
      // Hanging requests keep sockets open; end them so close() returns and clients see a reset.
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return fake;
}

/** A path matcher from a pattern like "/v2/glossaries/:id". */
export function pathPattern(pattern: string): (path: string) => Record<string, string> | undefined {
  const names: string[] = [];
  const re = new RegExp(
    `^${pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/:(\w+)/g, (_m, n: string) => {
      names.push(n);
      return '([^/:]+)';
    })}$`,
  );
  return (path) => {
    const m = re.exec(path);
    if (!m) return undefined;
    return Object.fromEntries(names.map((n, i) => [n, decodeURIComponent(m[i + 1] ?? '')]));
  };
}

/** A form or JSON field as a list (forms repeat keys, JSON uses arrays). */
export function asList(v: unknown): string[] {
  if (v === undefined) return [];
  return Array.isArray(v) ? v.map(String) : [asText(v)];
}

/** A request value as text: as String() shows it, except that plain objects show as JSON, not "[object Object]". */
export function asText(v: unknown): string {
  if (v instanceof Error) return String(v);
  return typeof v === 'object' && v !== null ? JSON.stringify(v) : String(v);
}
