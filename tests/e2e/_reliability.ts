/**
 * Shared by the attack, fault and load tests (and bench/load.ts): a generated
 * project running its production server against private services, an HTTP
 * client that counts what it sends and checks the error envelope, a load
 * generator, and a cached virtual environment with schemathesis and bandit.
 */
import { join } from "node:path";
import { assert } from "../_assert.ts";
import {
  Background,
  CACHE,
  type Combo,
  comboFlags,
  comboName,
  databaseUrl,
  freePort,
  freshDatabase,
  generate,
  ok,
  type PG,
  run,
  sha,
  tempDir,
  venvEnv,
  venvFor,
  waitForHttp,
} from "./_harness.ts";

export interface RunningProject {
  combo: Combo;
  dir: string;
  base: string;
  db: string;
  env: Record<string, string>;
  serverEnv: Record<string, string>;
  server: Background;
  stop(): Promise<string>;
}

/**
 * Generates `combo`, migrates a fresh database and starts `make run` (the
 * production server config) with production settings. `options.prepare` runs
 * in the project after `new` (e.g. `add` a module); `options.label` names the
 * project and its database apart from other runs of the same combination.
 */
export async function startProject(
  combo: Combo,
  services: { pg: typeof PG; redisUrl: string },
  extraEnv: Record<string, string> = {},
  options: { prepare?: (dir: string) => Promise<void>; label?: string } = {},
): Promise<RunningProject> {
  const name = options.label ? `${options.label}-${comboName(combo)}` : comboName(combo);
  const parent = await tempDir(`rel-${name}`);
  const dir = join(parent, `rel-${name}`);
  await generate(dir, comboFlags(combo));
  await options.prepare?.(dir);
  const venv = await venvFor(dir);
  await Deno.symlink(venv, join(dir, ".venv"));
  const env = venvEnv(venv);
  const db = await freshDatabase(`rel_${name}`, services.pg);
  const serverEnv = {
    ...env,
    APP_ENV: "production",
    DATABASE_URL: await databaseUrl(dir, db, services.pg),
    REDIS_URL: services.redisUrl,
    SECRET_KEY: crypto.randomUUID() + crypto.randomUUID(),
    JWT_SECRET_KEY: crypto.randomUUID() + crypto.randomUUID(),
    CORS_ORIGINS: "https://app.example.com",
    LOG_LEVEL: "WARNING",
    ...extraEnv,
  };
  await ok(["alembic", "upgrade", "head"], { cwd: dir, env: serverEnv });
  const port = freePort();
  const server = new Background(await serverCommand(dir, port, serverEnv), {
    cwd: dir,
    env: { ...serverEnv, PORT: String(port) },
  });
  const base = `http://127.0.0.1:${port}`;
  try {
    const live = await waitForHttp(`${base}/health/live`, 60_000);
    await live.body?.cancel();
  } catch (error) {
    throw new Error(`${error}\n--- server ---\n${await server.stop()}`);
  }
  return {
    combo,
    dir,
    base,
    db,
    env,
    serverEnv,
    server,
    stop: async () => {
      const log = await server.stop();
      await run(["rm", "-rf", parent]);
      return log;
    },
  };
}

/**
 * The command `make run` runs (the production server config), exec'd by the
 * shell so that stopping it signals the server itself: a signal to `make`
 * would leave the server running and holding its output pipes.
 */
export async function serverCommand(
  dir: string,
  port: number,
  env: Record<string, string>,
): Promise<string[]> {
  const dry = await ok(["make", "-n", "run", `PORT=${port}`], { cwd: dir, env });
  const lines = dry.stdout.trim().split("\n");
  assert(lines.length === 1, `make run is more than one command:\n${dry.stdout}`);
  // The recipe ends in `exec ...` (after loading .env, if there is one): sh runs it, so the
  // server replaces the shell and a signal reaches it.
  assert(/\bexec\s/.test(lines[0]), `make run does not exec the server:\n${lines[0]}`);
  return ["sh", "-c", lines[0]];
}

export interface Answer {
  status: number;
  headers: Headers;
  text: string;
  // deno-lint-ignore no-explicit-any
  json: any;
}

/** An HTTP client that counts requests and answers by status class. */
export class Client {
  readonly base: string;
  token?: string;
  sent = 0;
  byClass: Record<string, number> = {};

  constructor(base: string) {
    this.base = base;
  }

  async call(
    method: string,
    path: string,
    options: { body?: unknown; raw?: BodyInit; headers?: Record<string, string> } = {},
  ): Promise<Answer> {
    const headers: Record<string, string> = { ...options.headers };
    if (this.token && headers.authorization === undefined) {
      headers.authorization = `Bearer ${this.token}`;
    }
    let body: BodyInit | undefined = options.raw;
    if (options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers["content-type"] ??= "application/json";
    }
    this.sent++;
    const res = await fetch(this.base + path, { method, headers, body });
    const text = await res.text();
    const klass = `${String(res.status)[0]}xx`;
    this.byClass[klass] = (this.byClass[klass] ?? 0) + 1;
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = undefined;
    }
    return { status: res.status, headers: res.headers, text, json };
  }
}

/** A 4xx answer in the error envelope: never a 5xx, never HTML, never a stack trace. */
export function assertClientError(answer: Answer, what: string, statuses?: number[]): void {
  const context = `${what}: ${answer.status} ${answer.text.slice(0, 300)}`;
  assert(answer.status >= 400 && answer.status < 500, `expected a 4xx — ${context}`);
  if (statuses) assert(statuses.includes(answer.status), `expected ${statuses} — ${context}`);
  assertEnvelopeError(answer, context);
}

export function assertEnvelopeError(answer: Answer, context: string): void {
  const body = answer.json;
  assert(body && typeof body === "object", `not JSON — ${context}`);
  assert(body.success === false, `success is not false — ${context}`);
  assert(typeof body.error === "string" && body.error.length > 0, `no error message — ${context}`);
  assert(!/Traceback|File "\//.test(answer.text), `stack trace leaked — ${context}`);
}

/** Any answer but a server error; errors must be in the envelope. */
export function assertNotServerError(answer: Answer, what: string): void {
  const context = `${what}: ${answer.status} ${answer.text.slice(0, 300)}`;
  assert(answer.status < 500, `server error — ${context}`);
  if (answer.status >= 400) assertEnvelopeError(answer, context);
}

/**
 * One request written as raw bytes on a new connection (what `fetch` will not send: chunked
 * bodies, malformed request lines), and the answer read until the server closes.
 */
export async function rawExchange(
  base: string,
  request: Uint8Array | string,
  options: { closeWrite?: boolean } = {},
): Promise<Answer> {
  const { hostname, port } = new URL(base);
  const conn = await Deno.connect({ hostname, port: Number(port) });
  const timer = setTimeout(() => conn.close(), 15_000);
  const chunks: Uint8Array[] = [];
  try {
    const bytes = typeof request === "string" ? new TextEncoder().encode(request) : request;
    // The server may answer and close before reading everything (a 413, a 431).
    await conn.writable.getWriter().write(bytes).catch(() => {});
    // The client's side closed after the request (a body that ends before its Content-Length).
    if (options.closeWrite) await conn.closeWrite().catch(() => {});
    for await (const chunk of conn.readable) chunks.push(chunk);
  } catch {
    // a reset after the answer was read
  } finally {
    clearTimeout(timer);
    try {
      conn.close();
    } catch {
      // already closed by the stream or the timer
    }
  }
  // The head is ASCII; the body is framed in bytes (chunk sizes count bytes), then UTF-8.
  const answer = concat(...chunks);
  const split = indexOf(answer, CRLF2);
  const head = new TextDecoder().decode(split < 0 ? answer : answer.subarray(0, split));
  let body = split < 0 ? new Uint8Array(0) : answer.subarray(split + CRLF2.length);
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(head)?.[1] ?? 0);
  const headers = new Headers();
  for (const line of head.split("\r\n").slice(1)) {
    const at = line.indexOf(":");
    if (at > 0) headers.append(line.slice(0, at).trim(), line.slice(at + 1).trim());
  }
  if (headers.get("transfer-encoding") === "chunked") body = dechunk(body);
  const text = new TextDecoder().decode(body);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    json = undefined;
  }
  return { status, headers, text, json };
}

const CRLF = new TextEncoder().encode("\r\n");
const CRLF2 = new TextEncoder().encode("\r\n\r\n");

/** The bytes of `chunks`, one after the other. */
export function concat(...chunks: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

function indexOf(bytes: Uint8Array, needle: Uint8Array, from = 0): number {
  for (let i = from; i + needle.length <= bytes.length; i++) {
    if (needle.every((b, j) => bytes[i + j] === b)) return i;
  }
  return -1;
}

/** A chunked body's content: each `<hex size>\r\n<bytes>\r\n` until the size 0. */
function dechunk(body: Uint8Array): Uint8Array {
  const parts: Uint8Array[] = [];
  let at = 0;
  while (at < body.length) {
    const end = indexOf(body, CRLF, at);
    const size = end < 0 ? 0 : parseInt(new TextDecoder().decode(body.subarray(at, end)), 16);
    if (!size) break;
    parts.push(body.subarray(end + 2, end + 2 + size));
    at = end + 2 + size + 2;
  }
  return concat(...parts);
}

// --- load --------------------------------------------------------------------

export interface LoadFigures {
  tool: string;
  seconds: number;
  connections: number;
  requests: number;
  /** Answers other than 2xx/3xx. */
  bad: number;
  socketErrors: number;
  rps: number;
  latency: string;
}

/** `wrk` when installed (Debian: `apt-get install wrk`), else a Deno fetch loop with the same counts. */
export async function load(
  url: string,
  options: { seconds: number; connections: number; headers?: Record<string, string> },
): Promise<LoadFigures> {
  const hasWrk = (await run(["sh", "-c", "command -v wrk"])).code === 0;
  if (hasWrk) {
    const args = [
      "wrk",
      "-t",
      "2",
      "-c",
      String(options.connections),
      "-d",
      `${options.seconds}s`,
      "--timeout",
      "10s",
      "--latency",
    ];
    for (const [k, v] of Object.entries(options.headers ?? {})) args.push("-H", `${k}: ${v}`);
    const out = (await ok([...args, url], { timeoutMs: (options.seconds + 60) * 1000 })).stdout;
    const num = (re: RegExp) => Number(re.exec(out)?.[1] ?? 0);
    const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
    return {
      tool: "wrk",
      seconds: options.seconds,
      connections: options.connections,
      requests: num(/(\d+) requests in/),
      bad: num(/Non-2xx or 3xx responses: (\d+)/),
      socketErrors: socket ? socket.slice(1).map(Number).reduce((a, b) => a + b, 0) : 0,
      rps: num(/Requests\/sec:\s+([\d.]+)/),
      latency: `p50 ${/50%\s+(\S+)/.exec(out)?.[1]}, p99 ${/99%\s+(\S+)/.exec(out)?.[1]}`,
    };
  }
  const end = Date.now() + options.seconds * 1000;
  const figures = { requests: 0, bad: 0, socketErrors: 0 };
  const latencies: number[] = [];
  const worker = async () => {
    while (Date.now() < end) {
      const started = performance.now();
      try {
        const res = await fetch(url, { headers: options.headers });
        await res.arrayBuffer();
        if (res.status >= 400) figures.bad++;
      } catch {
        figures.socketErrors++;
      }
      figures.requests++;
      latencies.push(performance.now() - started);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => `${latencies[Math.floor(latencies.length * p)]?.toFixed(1)}ms`;
  return {
    tool: "deno fetch (wrk not installed)",
    seconds: options.seconds,
    connections: options.connections,
    ...figures,
    rps: figures.requests / options.seconds,
    latency: `p50 ${pct(0.5)}, p99 ${pct(0.99)}`,
  };
}

export function formatLoad(label: string, f: LoadFigures): string {
  return `${label}: ${f.requests} requests in ${f.seconds}s at ${f.connections} connections ` +
    `(${f.rps.toFixed(0)}/s, ${f.latency}, ${f.tool}): ${f.bad} non-2xx/3xx, ` +
    `${f.socketErrors} socket errors`;
}

// --- tools -------------------------------------------------------------------

const TOOLS = [
  "schemathesis==4.32.5",
  "bandit==1.9.4",
  "openapi-spec-validator==0.9.0",
  "openapi-python-client==0.29.1",
];

/**
 * A cached virtual environment with the outside tools (schemathesis, bandit,
 * openapi-spec-validator, openapi-python-client); returns its bin directory.
 */
export async function toolsBin(): Promise<string> {
  const venv = join(CACHE, "venvs", `tools-${sha(TOOLS.join(" "))}`);
  const marker = join(venv, ".complete");
  const lock = `${venv}.lock`;
  await Deno.mkdir(join(CACHE, "venvs"), { recursive: true });
  for (let i = 0;; i++) {
    try {
      await Deno.stat(marker);
      return join(venv, "bin");
    } catch {
      // not built yet
    }
    try {
      await Deno.mkdir(lock);
      break;
    } catch {
      if (i > 1200) throw new Error(`${lock} held too long`);
      await new Promise((r) => setTimeout(r, 500));
    }
  }
  try {
    await Deno.remove(venv, { recursive: true }).catch(() => {});
    await ok(["uv", "venv", "--quiet", "--python", "python3", venv]);
    await ok(
      ["uv", "pip", "install", "--quiet", "--python", join(venv, "bin", "python"), ...TOOLS],
      {
        timeoutMs: 900_000,
      },
    );
    await Deno.writeTextFile(marker, new Date().toISOString());
  } finally {
    await Deno.remove(lock).catch(() => {});
  }
  return join(venv, "bin");
}

// --- tokens ------------------------------------------------------------------

function b64url(data: Uint8Array | string): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let text = "";
  for (const b of bytes) text += String.fromCharCode(b);
  return btoa(text).replaceAll("+", "-").replaceAll("/", "_").replace(/=+$/, "");
}

/** A JWT with any header and claims, signed HS256 with `key` (or unsigned). */
export async function forgeJwt(
  claims: Record<string, unknown>,
  key: string | undefined,
  header: Record<string, unknown> = { alg: "HS256", typ: "JWT" },
): Promise<string> {
  const signingInput = `${b64url(JSON.stringify(header))}.${b64url(JSON.stringify(claims))}`;
  if (key === undefined) return `${signingInput}.`;
  const cryptoKey = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(key),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = await crypto.subtle.sign(
    "HMAC",
    cryptoKey,
    new TextEncoder().encode(signingInput),
  );
  return `${signingInput}.${b64url(new Uint8Array(signature))}`;
}

/** The claims the generated apps issue (flask-jwt-extended's shape). */
export function accessClaims(sub: unknown, overrides: Record<string, unknown> = {}) {
  const now = Math.floor(Date.now() / 1000);
  return {
    fresh: false,
    iat: now,
    jti: crypto.randomUUID().replaceAll("-", ""),
    type: "access",
    sub,
    nbf: now,
    exp: now + 600,
    ...overrides,
  };
}
