/**
 * The contract test (issue 5, docs/GENERATED_API.md): a Flask and a Quart
 * project generated with the same answers, both production servers started
 * with `make run`, the same HTTP scenario against both, and every answer
 * compared: status code, JSON content type, request id, and the envelope's
 * shape (keys and value types, recursively). Values that are the contract
 * itself (`success`, `error`, validation `field`/`type`, pagination numbers,
 * the fields sent) are compared too; ids, tokens and dates only by type.
 *
 * One server pair per answer set: auth, cache and celery on (with a Celery
 * worker each), and all off. With auth, each project also gets a module per
 * access policy (`add --access ...`, issue 14) and the scenario covers them
 * and the admin API.
 */
import { assert, assertEquals } from "../_assert.ts";
import { join } from "node:path";
import {
  Background,
  type Combo,
  comboFlags,
  comboName,
  databaseUrl,
  freePort,
  FRESH_CONNECTIONS,
  freshDatabase,
  generate,
  ok,
  ROOT,
  run,
  servicesAvailable,
  sql,
  supported,
  tempDir,
  venvEnv,
  venvFor,
  waitForHttp,
} from "./_harness.ts";

type Answers = Pick<Combo, "auth" | "cache" | "celery">;

const ANSWER_SETS: Answers[] = [
  { auth: true, cache: true, celery: true },
  { auth: false, cache: false, celery: false },
];

/** Redis databases of this test: Flask's server and worker use 5, Quart's 6. */
const REDIS_DB = { flask: 5, quart: 6 } as const;
const LOGIN_RATE_LIMIT = 12;
const REGISTER_RATE_LIMIT = 24;
const REQUEST_TIMEOUT_MS = 20_000;
/** CONTRACT_DUMP=prefix writes both runs to prefix-<answers>.json and logs each step. */
const DUMP = Deno.env.get("CONTRACT_DUMP");
const VERBOSE = Boolean(DUMP);

/** Keys whose values are part of the contract (compared as values, not only types). */
const VALUE_KEYS = new Set([
  "success",
  "error",
  "field",
  "type",
  "token_type",
  "revoked",
  "deleted",
  "page",
  "per_page",
  "total",
  "pages",
  "email",
  "is_active",
  "name",
  "description",
  "quantity",
  "status",
  "result",
  "database",
  "redis",
  "role",
  "title",
]);

/**
 * Modules added with auth, one per policy besides the first module's owner (`items`):
 * `pyscaffold add <name> --access <policy> --field title:str(80):required`.
 */
const POLICY_MODULES = [
  ["note", "authenticated"],
  ["product", "public-read"],
  ["setting", "admin"],
] as const;

// deno-lint-ignore no-explicit-any
type Json = any;

/** Statuses fixed by docs/GENERATED_API.md, checked for the steps a run has. */
const EXPECTED: Record<string, number> = {
  "health live": 200,
  "unknown route": 404,
  "method not allowed": 405,
  register: 201,
  "register duplicate": 409,
  "register invalid fields": 422,
  "register malformed JSON": 400,
  "login wrong password": 401,
  login: 200,
  "me without token": 401,
  "me with tampered token": 401,
  "refresh token used as access": 401,
  "me with expired token": 401,
  refresh: 200,
  "access token used as refresh": 401,
  "inactive: me": 403,
  "inactive: refresh": 403,
  "password change: wrong current password": 403,
  "password change: the email as new password": 422,
  "password change: extra field": 422,
  "password change": 200,
  "after the change: earlier access token": 401,
  "after the change: the other login's refresh": 401,
  "after the change: the new pair": 200,
  "log out everywhere": 200,
  "after logging out everywhere": 401,
  "password reset: an unknown address": 202,
  "password reset: a request": 202,
  "password reset: an access token": 401,
  "password reset": 200,
  "password reset: the link again": 401,
  "create item": 201,
  "create invalid fields": 422,
  "create malformed JSON": 400,
  "create body too large": 413,
  "list per_page 0": 422,
  "list per_page 101": 422,
  "list page out of range": 200,
  "list by 100 values of a filter": 200,
  "get unknown item": 404,
  "patch item": 200,
  "put item": 200,
  "delete item": 200,
  "get soft-deleted item": 404,
  "task enqueue": 202,
  "task enqueue invalid": 422,
  "task status": 200,
  logout: 200,
  "revoked access token: me": 401,
  "revoked refresh token": 401,
  "login rate limited": 429,
  "register rate limited": 429,
  "admin api: list as a user": 403,
  "admin api: list": 200,
  "admin api: get user": 200,
  "admin api: get unknown user": 404,
  "admin api: promote": 200,
  "admin api: demote": 200,
  "admin api: invalid role": 422,
  "admin api: last admin deactivates themselves": 409,
  "admin api: reactivated user's earlier token": 401,
  "admin api: deactivate": 200,
  "admin api: deactivated user's next request": 403,
  "admin api: reactivate": 200,
  "owner: another user's item": 404,
  "owner: another user's list": 200,
  "owner: another user's patch": 404,
  "owner: another user's delete": 404,
  "owner: admin reads the item": 200,
  "authenticated: create": 201,
  "authenticated: another user reads": 200,
  "authenticated: another user patches": 200,
  "authenticated: without token": 401,
  "public-read: create": 201,
  "public-read: list without token": 200,
  "public-read: get without token": 200,
  "public-read: create without token": 401,
  "public-read: patch without token": 401,
  "public-read: another user deletes": 200,
  "admin: list as a user": 403,
  "admin: create as a user": 403,
  "admin: create as an admin": 201,
  "admin: list as an admin": 200,
  "admin: without token": 401,
};

/** One request and its answer, reduced to what the contract fixes. */
export interface Exchange {
  step: string;
  status: number;
  json: boolean;
  requestId: boolean;
  shape: unknown;
  /** The contract's headers, normalised (see `contractHeaders`). */
  headers?: Record<string, string>;
}

const SENT_REQUEST_ID = "contract-request-0001";
const ALLOWED_ORIGIN = "https://app.example.com";

/** Security, CORS and request-id headers, with comma lists sorted and lowercased. */
function contractHeaders(response: Response, sentRequestId?: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (
    const name of [
      "x-content-type-options",
      "x-frame-options",
      "referrer-policy",
      "content-security-policy",
      "strict-transport-security",
      "access-control-allow-origin",
      "access-control-allow-credentials",
      "access-control-allow-methods",
      "access-control-allow-headers",
      "allow",
    ]
  ) {
    const value = response.headers.get(name);
    if (value === null) continue;
    out[name] = name.startsWith("access-control-allow-") || name === "allow"
      ? value.toLowerCase().split(",").map((v) => v.trim()).filter(Boolean).sort().join(",")
      : value;
  }
  const id = response.headers.get("x-request-id");
  out["x-request-id"] = id === null
    ? "missing"
    : sentRequestId
    ? (id === sentRequestId ? "echoed" : "replaced")
    : "generated";
  return out;
}

/** The shape of a JSON value: keys and types recursively, contract values kept. */
export function shape(value: unknown, key?: string): unknown {
  if (value === null) return key && VALUE_KEYS.has(key) ? "null:null" : "null";
  if (Array.isArray(value)) return value.map((item) => shape(item));
  if (typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([k, v]) => [k, shape(v, k)]);
    return Object.fromEntries(entries);
  }
  if (key && VALUE_KEYS.has(key)) return `${typeof value}:${JSON.stringify(value)}`;
  return typeof value;
}

function b64url(data: Uint8Array | string): string {
  const bytes = typeof data === "string" ? new TextEncoder().encode(data) : data;
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** An HS256 JWT signed with the server's key: for expired tokens and unknown users. */
async function signJwt(secret: string, claims: Record<string, unknown>): Promise<string> {
  const head = b64url(JSON.stringify({ alg: "HS256", typ: "JWT" }));
  const body = b64url(JSON.stringify(claims));
  const key = await crypto.subtle.importKey(
    "raw",
    new TextEncoder().encode(secret),
    { name: "HMAC", hash: "SHA-256" },
    false,
    ["sign"],
  );
  const signature = await crypto.subtle.sign(
    "HMAC",
    key,
    new TextEncoder().encode(`${head}.${body}`),
  );
  return `${head}.${body}.${b64url(new Uint8Array(signature))}`;
}

interface Server {
  base: string;
  jwtSecret: string;
  /** Marks a user inactive directly in the server's database. */
  deactivate(email: string): Promise<void>;
  /** Makes a user an admin directly in the server's database (as `make create-admin`). */
  promote(email: string): Promise<void>;
  /** The token of the last password reset mail to `email` the SMTP server received. */
  resetToken(email: string): Promise<string>;
  /** The broker's state, for a task that stays PENDING: the queue's length, Redis's clients. */
  broker(): Promise<string>;
  /** Set by the scenario when a task never finished: what `broker()` said then. */
  stuck?: string;
}

/** The scenario: the same requests, in the same order, for every framework. */
async function scenario(server: Server, answers: Answers): Promise<Exchange[]> {
  const exchanges: Exchange[] = [];
  const json = { "content-type": "application/json" };
  let auth: Record<string, string> = {};

  async function send(
    step: string,
    method: string,
    path: string,
    options: {
      headers?: Record<string, string>;
      body?: unknown;
      raw?: string | Uint8Array<ArrayBuffer>;
      requestId?: string;
    } = {},
  ): Promise<{ status: number; body: Json }> {
    const headers: Record<string, string> = { ...options.headers };
    if (options.requestId) headers["x-request-id"] = options.requestId;
    const init: RequestInit & { client: Deno.HttpClient } = {
      method,
      headers,
      client: FRESH_CONNECTIONS,
    };
    if (options.raw !== undefined) init.body = options.raw;
    else if (options.body !== undefined) {
      init.body = JSON.stringify(options.body);
      init.headers = { ...json, ...headers };
    }
    init.signal = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    if (VERBOSE) console.error(`${server.base} ${step}`);
    let response: Response;
    try {
      response = await fetch(`${server.base}${path}`, init);
    } catch (error) {
      exchanges.push({ step, status: 0, json: false, requestId: false, shape: String(error) });
      return { status: 0, body: {} };
    }
    const text = await response.text();
    const contentType = response.headers.get("content-type") ?? "";
    let body: Json = null;
    try {
      body = JSON.parse(text);
    } catch {
      body = { notJson: text.slice(0, 200) };
    }
    exchanges.push({
      step,
      status: response.status,
      json: contentType.startsWith("application/json"),
      requestId: response.headers.has("x-request-id"),
      shape: shape(body),
      headers: contractHeaders(response, options.requestId),
    });
    return { status: response.status, body };
  }

  // Health and documents.
  await send("health live", "GET", "/health/live");
  await send("health ready", "GET", "/health/ready");
  const docs = await fetch(`${server.base}/docs`, {
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    client: FRESH_CONNECTIONS,
  });
  await docs.body?.cancel();
  exchanges.push({
    step: "docs page is HTML",
    status: docs.status,
    json: false,
    requestId: docs.headers.has("x-request-id"),
    shape: (docs.headers.get("content-type") ?? "").split(";")[0],
    headers: contractHeaders(docs),
  });
  const openapi = await fetch(`${server.base}/openapi.json`, {
    signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    client: FRESH_CONNECTIONS,
  });
  const spec = await openapi.json();
  // One document for both frameworks: per operation its statuses, id, tags, parameters, body
  // and security (schemas are compared by the exchanges themselves).
  const operations = Object.entries(spec.paths ?? {}).flatMap(([path, item]) =>
    Object.entries(item as Record<string, Json>).filter(([m]) => m !== "parameters").map((
      [m, op],
    ) =>
      [
        `${m.toUpperCase()} ${path}`,
        `statuses=${Object.keys(op.responses ?? {}).sort().join(",")}`,
        `id=${op.operationId}`,
        `tags=${(op.tags ?? []).join(",")}`,
        `params=${(op.parameters ?? []).map((p: Json) => `${p.in}:${p.name}`).sort().join(",")}`,
        `body=${op.requestBody ? (op.requestBody.required ? "required" : "optional") : "none"}`,
        `secured=${Boolean(op.security?.length)}`,
      ].join(" ")
    )
  ).sort();
  exchanges.push({
    step: "openapi.json operations",
    status: openapi.status,
    json: true,
    requestId: openapi.headers.has("x-request-id"),
    shape: { openapi: typeof spec.openapi, operations },
  });

  // Headers: request id, security headers, CORS.
  await send("request id echoed", "GET", "/health/live", { requestId: SENT_REQUEST_ID });
  await send("CORS allowed origin", "GET", "/health/live", {
    headers: { origin: ALLOWED_ORIGIN },
  });
  await send("CORS other origin", "GET", "/health/live", {
    headers: { origin: "https://evil.example.com" },
  });
  await send("CORS preflight", "OPTIONS", "/api/items", {
    headers: {
      origin: ALLOWED_ORIGIN,
      "access-control-request-method": "POST",
      "access-control-request-headers": "authorization,content-type",
    },
  });
  await send("CORS preflight, other origin", "OPTIONS", "/api/items", {
    headers: {
      origin: "https://evil.example.com",
      "access-control-request-method": "POST",
    },
  });

  // Generic errors.
  await send("unknown route", "GET", "/api/nope");
  await send("unknown route POST", "POST", "/api/nope", { body: {} });
  await send("method not allowed", "DELETE", "/api/items");
  await send("method not allowed on item", "POST", "/api/items/1", { body: {} });
  await send("trailing slash", "GET", "/api/items/");

  if (answers.auth) {
    const email = "contract@example.com";
    const password = "correct horse battery staple";
    await send("register", "POST", "/api/auth/register", { body: { email, password } });
    await send("register duplicate", "POST", "/api/auth/register", {
      body: { email, password },
    });
    await send("register duplicate, other case", "POST", "/api/auth/register", {
      body: { email: email.toUpperCase(), password },
    });
    await send("register invalid fields", "POST", "/api/auth/register", {
      body: { email: "not-an-email", password: "short" },
    });
    await send("register missing fields", "POST", "/api/auth/register", { body: {} });
    await send("register extra field", "POST", "/api/auth/register", {
      body: { email: "x@example.com", password, admin: true },
    });
    await send("register malformed JSON", "POST", "/api/auth/register", {
      headers: json,
      raw: '{"email": ',
    });
    await send("register JSON array", "POST", "/api/auth/register", { body: [1, 2] });
    await send("login invalid body", "POST", "/api/auth/login", { body: { email: 1 } });
    await send("login malformed JSON", "POST", "/api/auth/login", {
      headers: json,
      raw: "{",
    });
    await send("login wrong password", "POST", "/api/auth/login", {
      body: { email, password: "wrong password!" },
    });
    await send("login unknown email", "POST", "/api/auth/login", {
      body: { email: "nobody@example.com", password },
    });
    const login = await send("login", "POST", "/api/auth/login", { body: { email, password } });
    const access: string = login.body.data?.access_token ?? "";
    const refresh: string = login.body.data?.refresh_token ?? "";
    auth = { authorization: `Bearer ${access}` };

    await send("me", "GET", "/api/auth/me", { headers: auth });
    await send("me without token", "GET", "/api/auth/me");
    await send("me with a malformed header", "GET", "/api/auth/me", {
      headers: { authorization: "Token abc" },
    });
    await send("me with garbage token", "GET", "/api/auth/me", {
      headers: { authorization: "Bearer not.a.jwt" },
    });
    const [h, p, s] = access.split(".");
    const tampered = `${h}.${p}.${s.slice(0, -4)}${s.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    await send("me with tampered token", "GET", "/api/auth/me", {
      headers: { authorization: `Bearer ${tampered}` },
    });
    await send("refresh token used as access", "GET", "/api/auth/me", {
      headers: { authorization: `Bearer ${refresh}` },
    });
    const now = Math.floor(Date.now() / 1000);
    const claims = JSON.parse(new TextDecoder().decode(
      Uint8Array.from(atob(p.replace(/-/g, "+").replace(/_/g, "/")), (c) => c.charCodeAt(0)),
    ));
    const expired = await signJwt(server.jwtSecret, {
      ...claims,
      jti: crypto.randomUUID().replace(/-/g, ""),
      iat: now - 7200,
      nbf: now - 7200,
      exp: now - 3600,
    });
    await send("me with expired token", "GET", "/api/auth/me", {
      headers: { authorization: `Bearer ${expired}` },
    });
    const ghost = await signJwt(server.jwtSecret, {
      ...claims,
      sub: "999999",
      jti: crypto.randomUUID().replace(/-/g, ""),
    });
    await send("me as a deleted user", "GET", "/api/auth/me", {
      headers: { authorization: `Bearer ${ghost}` },
    });
    await send("refresh", "POST", "/api/auth/refresh", {
      headers: { authorization: `Bearer ${refresh}` },
    });
    await send("access token used as refresh", "POST", "/api/auth/refresh", {
      headers: auth,
    });
    await send("refresh without token", "POST", "/api/auth/refresh");
    await send("items without token", "GET", "/api/items");
    await send("items with tampered token", "GET", "/api/items", {
      headers: { authorization: `Bearer ${tampered}` },
    });

    // An inactive user: 403 on every door.
    const other = "inactive@example.com";
    await send("register second user", "POST", "/api/auth/register", {
      body: { email: other, password },
    });
    const otherLogin = await send("login second user", "POST", "/api/auth/login", {
      body: { email: other, password },
    });
    await server.deactivate(other);
    const otherAccess = { authorization: `Bearer ${otherLogin.body.data?.access_token}` };
    const otherRefresh = { authorization: `Bearer ${otherLogin.body.data?.refresh_token}` };
    await send("inactive: me", "GET", "/api/auth/me", { headers: otherAccess });
    await send("inactive: items", "GET", "/api/items", { headers: otherAccess });
    await send("inactive: refresh", "POST", "/api/auth/refresh", { headers: otherRefresh });
    await send("inactive: login", "POST", "/api/auth/login", {
      body: { email: other, password },
    });

    // A password change and "log out everywhere": every earlier token refused, on both servers.
    const changer = "changer@example.com";
    await send("register third user", "POST", "/api/auth/register", {
      body: { email: changer, password },
    });
    const bearer = (token: unknown) => ({ authorization: `Bearer ${token}` });
    const first = await send("third user: login", "POST", "/api/auth/login", {
      body: { email: changer, password },
    });
    const second = await send("third user: login elsewhere", "POST", "/api/auth/login", {
      body: { email: changer, password },
    });
    const firstAccess = bearer(first.body.data?.access_token);
    const newPassword = "another long passphrase";
    await send("password change: wrong current password", "POST", "/api/auth/password", {
      headers: firstAccess,
      body: { current_password: "not the password", new_password: newPassword },
    });
    await send("password change: the email as new password", "POST", "/api/auth/password", {
      headers: firstAccess,
      body: { current_password: password, new_password: changer.toUpperCase() },
    });
    await send("password change: extra field", "POST", "/api/auth/password", {
      headers: firstAccess,
      body: { current_password: password, new_password: newPassword, confirm: newPassword },
    });
    const changed = await send("password change", "POST", "/api/auth/password", {
      headers: firstAccess,
      body: { current_password: password, new_password: newPassword },
    });
    await send("after the change: earlier access token", "GET", "/api/auth/me", {
      headers: firstAccess,
    });
    await send("after the change: the other login's refresh", "POST", "/api/auth/refresh", {
      headers: bearer(second.body.data?.refresh_token),
    });
    const newAccess = bearer(changed.body.data?.access_token);
    await send("after the change: the new pair", "GET", "/api/auth/me", { headers: newAccess });
    await send("log out everywhere", "POST", "/api/auth/logout-all", { headers: newAccess });
    await send("after logging out everywhere", "GET", "/api/items", { headers: newAccess });
    // A forgotten password: a mail through a real SMTP server, sent after the response, whose
    // token sets a new password once.
    const reset = "/api/auth/password-reset";
    await send("password reset: an unknown address", "POST", reset, {
      body: { email: "nobody@example.com" },
    });
    await send("password reset: a request", "POST", reset, { body: { email: changer } });
    const token = await server.resetToken(changer);
    await send("password reset: an access token", "POST", `${reset}/confirm`, {
      body: { token: changed.body.data?.access_token, new_password: "a third long passphrase" },
    });
    await send("password reset", "POST", `${reset}/confirm`, {
      body: { token, new_password: "a third long passphrase" },
    });
    await send("password reset: the link again", "POST", `${reset}/confirm`, {
      body: { token, new_password: "a fourth long passphrase" },
    });

    await runResources();
    await runPolicies(password);
    if (answers.celery) await runTasks();

    await send("logout without token", "POST", "/api/auth/logout");
    await send("logout with an invalid refresh token in the body", "POST", "/api/auth/logout", {
      headers: auth,
      body: { refresh_token: 42 },
    });
    await send("logout", "POST", "/api/auth/logout", {
      headers: auth,
      body: { refresh_token: refresh },
    });
    await send("revoked access token: me", "GET", "/api/auth/me", { headers: auth });
    await send("revoked access token: items", "GET", "/api/items", { headers: auth });
    await send("revoked refresh token", "POST", "/api/auth/refresh", {
      headers: { authorization: `Bearer ${refresh}` },
    });
    await send("logout again", "POST", "/api/auth/logout", { headers: auth });

    // The login rate limit: the next failures end in a 429 envelope.
    let limited = false;
    for (let i = 0; i < LOGIN_RATE_LIMIT + 4 && !limited; i++) {
      const response = await fetch(`${server.base}/api/auth/login`, {
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        client: FRESH_CONNECTIONS,
        method: "POST",
        headers: json,
        body: JSON.stringify({ email, password: "wrong password!" }),
      });
      const body = await response.json();
      if (response.status === 429) {
        limited = true;
        exchanges.push({
          step: "login rate limited",
          status: 429,
          json: (response.headers.get("content-type") ?? "").startsWith("application/json"),
          requestId: response.headers.has("x-request-id"),
          shape: shape(body),
        });
      } else {
        assertEquals(response.status, 401, JSON.stringify(body));
      }
    }
    if (!limited) {
      exchanges.push({
        step: "login rate limited",
        status: 401,
        json: true,
        requestId: true,
        shape: "never limited",
      });
    }
    // The sign-up limit, counted apart from the login limit (just exhausted): new accounts
    // until a 429 envelope.
    let signedUpUntilLimited = false;
    for (let i = 0; i < REGISTER_RATE_LIMIT + 4 && !signedUpUntilLimited; i++) {
      const response = await send(`sign-up ${i}`, "POST", "/api/auth/register", {
        body: { email: `signup-${i}@example.com`, password },
      });
      signedUpUntilLimited = response.status === 429;
    }
    await send("register rate limited", "POST", "/api/auth/register", {
      body: { email: "one-more@example.com", password },
    });
  } else {
    await send("no auth routes", "POST", "/api/auth/login", {
      body: { email: "a@example.com", password: "whatever123" },
    });
    await runResources();
    if (answers.celery) await runTasks();
  }
  return exchanges;

  async function runResources(): Promise<void> {
    const h = auth;
    const first = await send("create item", "POST", "/api/items", {
      headers: h,
      body: { name: "first", description: "one", quantity: 1 },
    });
    await send("create item with defaults", "POST", "/api/items", {
      headers: h,
      body: { name: "second" },
    });
    await send("create third item", "POST", "/api/items", {
      headers: h,
      body: { name: "third", quantity: 3 },
    });
    await send("create invalid fields", "POST", "/api/items", {
      headers: h,
      body: { name: "", quantity: "many", colour: "red" },
    });
    await send("create missing required", "POST", "/api/items", {
      headers: h,
      body: { quantity: 1 },
    });
    await send("create malformed JSON", "POST", "/api/items", {
      headers: { ...h, ...json },
      raw: "{not json",
    });
    await send("create JSON array", "POST", "/api/items", { headers: h, body: [] });
    await send("create JSON string", "POST", "/api/items", { headers: h, body: "name" });
    await send("create form-encoded body", "POST", "/api/items", {
      headers: { ...h, "content-type": "application/x-www-form-urlencoded" },
      raw: "name=form",
    });
    await send("create JSON without content type", "POST", "/api/items", {
      headers: { ...h, "content-type": "text/plain" },
      raw: JSON.stringify({ name: "plain" }),
    });
    await send("create empty body", "POST", "/api/items", {
      headers: { ...h, ...json },
      raw: "",
    });
    await send("create invalid UTF-8", "POST", "/api/items", {
      headers: { ...h, ...json },
      raw: new Uint8Array([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x7d]),
    });
    await send("create body too large", "POST", "/api/items", {
      headers: h,
      body: { name: "big", description: "x".repeat(2 * 1024 * 1024) },
    });
    const id = first.body.data?.id;
    await send("list", "GET", "/api/items", { headers: h });
    await send("list page 1 of 2", "GET", "/api/items?page=1&per_page=2", { headers: h });
    await send("list page 2 of 2", "GET", "/api/items?page=2&per_page=2", { headers: h });
    await send("list page out of range", "GET", "/api/items?page=50&per_page=2", { headers: h });
    await send("list per_page 0", "GET", "/api/items?per_page=0", { headers: h });
    await send("list per_page 101", "GET", "/api/items?per_page=101", { headers: h });
    await send("list per_page 100", "GET", "/api/items?per_page=100", { headers: h });
    await send("list page 0", "GET", "/api/items?page=0", { headers: h });
    await send("list page not a number", "GET", "/api/items?page=abc", { headers: h });
    await send("list per_page not a number", "GET", "/api/items?per_page=1.5", { headers: h });
    await send("list repeated page", "GET", "/api/items?page=1&page=2", { headers: h });
    await send("list unknown query parameter", "GET", "/api/items?colour=red", { headers: h });
    // 100 values of 36 characters, the most a filter takes (4.2 KB of query): past gunicorn's
    // default request line (4094 bytes, a 414), within what both servers read.
    const names = Array.from({ length: 100 }, (_, i) => `name=${String(i).padStart(36, "0")}`);
    await send("list by 100 values of a filter", "GET", `/api/items?${names.join("&")}`, {
      headers: h,
    });
    await send("get item", "GET", `/api/items/${id}`, { headers: h });
    await send("get unknown item", "GET", "/api/items/999999", { headers: h });
    await send("get item with a non-numeric id", "GET", "/api/items/abc", { headers: h });
    await send("patch item", "PATCH", `/api/items/${id}`, {
      headers: h,
      body: { quantity: 10 },
    });
    await send("patch item with null name", "PATCH", `/api/items/${id}`, {
      headers: h,
      body: { name: null },
    });
    await send("patch item invalid", "PATCH", `/api/items/${id}`, {
      headers: h,
      body: { quantity: "lots", unknown: 1 },
    });
    await send("patch unknown item", "PATCH", "/api/items/999999", {
      headers: h,
      body: { quantity: 1 },
    });
    await send("put item", "PUT", `/api/items/${id}`, {
      headers: h,
      body: { name: "renamed", description: null },
    });
    await send("get item after update", "GET", `/api/items/${id}`, { headers: h });
    await send("delete item", "DELETE", `/api/items/${id}`, { headers: h });
    await send("get soft-deleted item", "GET", `/api/items/${id}`, { headers: h });
    await send("patch soft-deleted item", "PATCH", `/api/items/${id}`, {
      headers: h,
      body: { quantity: 2 },
    });
    await send("delete soft-deleted item", "DELETE", `/api/items/${id}`, { headers: h });
    await send("list after delete", "GET", "/api/items", { headers: h });
  }

  /** The admin API and each module's access policy (auth on), as `auth` (a user), another user and an admin. */
  async function runPolicies(password: string): Promise<void> {
    const bearer = async (who: string) => {
      await send(`register ${who}`, "POST", "/api/auth/register", {
        body: { email: who, password },
      });
      const login = await send(`login ${who}`, "POST", "/api/auth/login", {
        body: { email: who, password },
      });
      return { authorization: `Bearer ${login.body.data?.access_token}` };
    };
    const user = auth;
    let other = await bearer("other@example.com");
    const admin = await bearer("admin@example.com");
    await server.promote("admin@example.com");
    const otherId = (await send("me as other", "GET", "/api/auth/me", { headers: other })).body
      .data?.id;
    const adminId = (await send("me as admin", "GET", "/api/auth/me", { headers: admin })).body
      .data?.id;

    // The admin API.
    await send("admin api: list as a user", "GET", "/api/admin/users", { headers: user });
    await send("admin api: list", "GET", "/api/admin/users", { headers: admin });
    await send("admin api: get user", "GET", `/api/admin/users/${otherId}`, { headers: admin });
    await send("admin api: get unknown user", "GET", "/api/admin/users/999999", {
      headers: admin,
    });
    const otherUrl = `/api/admin/users/${otherId}`;
    await send("admin api: promote", "PATCH", otherUrl, {
      headers: admin,
      body: { role: "admin" },
    });
    await send("admin api: demote", "PATCH", otherUrl, { headers: admin, body: { role: "user" } });
    await send("admin api: invalid role", "PATCH", otherUrl, {
      headers: admin,
      body: { role: "root" },
    });
    await send(
      "admin api: last admin deactivates themselves",
      "PATCH",
      `/api/admin/users/${adminId}`,
      {
        headers: admin,
        body: { is_active: false },
      },
    );
    await send("admin api: deactivate", "PATCH", otherUrl, {
      headers: admin,
      body: { is_active: false },
    });
    await send("admin api: deactivated user's next request", "GET", "/api/notes", {
      headers: other,
    });
    await send("admin api: reactivate", "PATCH", otherUrl, {
      headers: admin,
      body: { is_active: true },
    });
    // The deactivation ended the user's tokens: reactivated, they log in again.
    await send("admin api: reactivated user's earlier token", "GET", "/api/notes", {
      headers: other,
    });
    other = await bearer("other@example.com");

    // owner (items): another user's row is 404 and not listed; an admin sees it.
    const item = await send("owner: create item", "POST", "/api/items", {
      headers: user,
      body: { name: "mine" },
    });
    const itemUrl = `/api/items/${item.body.data?.id}`;
    await send("owner: another user's item", "GET", itemUrl, { headers: other });
    await send("owner: another user's list", "GET", "/api/items", { headers: other });
    await send("owner: another user's patch", "PATCH", itemUrl, {
      headers: other,
      body: { quantity: 5 },
    });
    await send("owner: another user's delete", "DELETE", itemUrl, { headers: other });
    await send("owner: admin reads the item", "GET", itemUrl, { headers: admin });

    // authenticated (notes): shared between users.
    const note = await send("authenticated: create", "POST", "/api/notes", {
      headers: user,
      body: { title: "shared" },
    });
    const noteUrl = `/api/notes/${note.body.data?.id}`;
    await send("authenticated: another user reads", "GET", noteUrl, { headers: other });
    await send("authenticated: another user patches", "PATCH", noteUrl, {
      headers: other,
      body: { title: "changed" },
    });
    await send("authenticated: without token", "GET", "/api/notes");

    // public-read (products): reads without a token, writes with one.
    const product = await send("public-read: create", "POST", "/api/products", {
      headers: user,
      body: { title: "lamp" },
    });
    const productUrl = `/api/products/${product.body.data?.id}`;
    await send("public-read: list without token", "GET", "/api/products");
    await send("public-read: get without token", "GET", productUrl);
    await send("public-read: create without token", "POST", "/api/products", {
      body: { title: "free" },
    });
    await send("public-read: patch without token", "PATCH", productUrl, {
      body: { title: "free" },
    });
    await send("public-read: another user deletes", "DELETE", productUrl, { headers: other });

    // admin (settings): admins only.
    await send("admin: list as a user", "GET", "/api/settings", { headers: user });
    await send("admin: create as a user", "POST", "/api/settings", {
      headers: user,
      body: { title: "x" },
    });
    await send("admin: create as an admin", "POST", "/api/settings", {
      headers: admin,
      body: { title: "theme" },
    });
    await send("admin: list as an admin", "GET", "/api/settings", { headers: admin });
    await send("admin: without token", "GET", "/api/settings");
  }

  async function runTasks(): Promise<void> {
    const h = auth;
    const started = await send("task enqueue", "POST", "/api/tasks/example", {
      headers: h,
      body: { a: 2, b: 3 },
    });
    await send("task enqueue invalid", "POST", "/api/tasks/example", {
      headers: h,
      body: { a: "two" },
    });
    await send("task enqueue malformed", "POST", "/api/tasks/example", {
      headers: { ...h, ...json },
      raw: "[",
    });
    const taskId = started.body.data?.task_id;
    const deadline = Date.now() + 60_000;
    while (Date.now() < deadline) {
      const response = await fetch(`${server.base}/api/tasks/${taskId}`, {
        headers: h,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        client: FRESH_CONNECTIONS,
      });
      const body = await response.json();
      if (body.data?.status === "SUCCESS") break;
      await new Promise((r) => setTimeout(r, 300));
    }
    if (Date.now() >= deadline) server.stuck = await server.broker();
    await send("task status", "GET", `/api/tasks/${taskId}`, { headers: h });
    const unknown = "/api/tasks/00000000-0000-4000-8000-000000000000";
    await send("unknown task status", "GET", unknown, { headers: h });
    await send("task id that is not a UUID", "GET", "/api/tasks/no-such-task", { headers: h });
  }
}

/** Every difference between two runs of the scenario, one line each. */
export function differences(flask: Exchange[], quart: Exchange[]): string[] {
  const out: string[] = [];
  const n = Math.max(flask.length, quart.length);
  for (let i = 0; i < n; i++) {
    const f = flask[i];
    const q = quart[i];
    if (!f || !q || f.step !== q.step) {
      out.push(`#${i}: steps diverge: flask ${f?.step} / quart ${q?.step}`);
      break;
    }
    for (const key of ["status", "json", "requestId", "shape", "headers"] as const) {
      const a = JSON.stringify(f[key]);
      const b = JSON.stringify(q[key]);
      if (a !== b) out.push(`${f.step}: ${key}\n    flask ${a}\n    quart ${b}`);
    }
  }
  return out;
}

interface Running {
  server: Server;
  stop(): Promise<string>;
}

async function start(
  framework: "flask" | "quart",
  answers: Answers,
  parent: string,
): Promise<Running> {
  const combo: Combo = { framework, database: "postgresql", ...answers };
  const name = comboName(combo);
  const dir = join(parent, `contract-${name}`);
  await generate(dir, comboFlags(combo));
  if (answers.auth) {
    for (const [module, access] of POLICY_MODULES) {
      await ok([
        Deno.execPath(),
        "run",
        "-A",
        join(ROOT, "main.ts"),
        "add",
        module,
        "--access",
        access,
        "--field",
        "title:str(80):required",
      ], { cwd: dir });
    }
  }
  const venv = await venvFor(dir);
  await Deno.symlink(venv, join(dir, ".venv"));
  const db = await freshDatabase(`contract_${name}`);
  const redisDb = REDIS_DB[framework];
  await ok(["redis-cli", "-n", String(redisDb), "FLUSHDB"]);
  const jwtSecret = crypto.randomUUID() + crypto.randomUUID();
  const env = {
    ...venvEnv(venv),
    APP_ENV: "production",
    DATABASE_URL: await databaseUrl(dir, db),
    REDIS_URL: `redis://127.0.0.1:6379/${redisDb}`,
    SECRET_KEY: crypto.randomUUID() + crypto.randomUUID(),
    JWT_SECRET_KEY: jwtSecret,
    LOGIN_RATE_LIMIT: `${LOGIN_RATE_LIMIT} per minute`,
    REGISTER_RATE_LIMIT: `${REGISTER_RATE_LIMIT} per hour`,
    CORS_ORIGINS: ALLOWED_ORIGIN,
    LOG_LEVEL: "WARNING",
    WEB_CONCURRENCY: "2",
  };
  await ok(["alembic", "upgrade", "head"], { cwd: dir, env });
  // An SMTP server for the password reset mail (aiosmtpd, the project's dev dependency): it
  // prints each message it receives.
  const smtpPort = freePort();
  const smtp = answers.auth
    ? new Background(["python", "-u", "-m", "aiosmtpd", "-n", "-l", `127.0.0.1:${smtpPort}`], {
      cwd: dir,
      env,
    })
    : null;
  Object.assign(env, { SMTP_URL: `smtp+plain://127.0.0.1:${smtpPort}`, MAIL_FROM: "api@test" });
  const port = freePort();
  const web = new Background(["make", "run"], { cwd: dir, env: { ...env, PORT: String(port) } });
  const worker = answers.celery ? new Background(["make", "worker"], { cwd: dir, env }) : null;
  const base = `http://127.0.0.1:${port}`;
  const stop = async () => {
    const logs = [`--- ${framework} server ---\n${await web.stop()}`];
    if (worker) logs.push(`--- ${framework} worker ---\n${await worker.stop()}`);
    if (smtp) logs.push(`--- ${framework} SMTP server ---\n${await smtp.stop(20)}`);
    return logs.join("\n");
  };
  try {
    const live = await waitForHttp(`${base}/health/live`, 60_000);
    assertEquals(live.status, 200, `${framework} did not start: ${await live.text()}`);
  } catch (error) {
    throw new Error(`${error instanceof Error ? error.message : error}\n${await stop()}`);
  }
  return {
    server: {
      base,
      jwtSecret,
      deactivate: async (email: string) => {
        await sql(db, `UPDATE users SET is_active = false WHERE email = '${email}'`);
      },
      promote: async (email: string) => {
        await sql(db, `UPDATE users SET role = 'admin' WHERE email = '${email}'`);
      },
      broker: async () => {
        const redis = (...args: string[]) => run(["redis-cli", "-n", String(redisDb), ...args]);
        const queue = await redis("LLEN", "celery");
        const clients = await redis("CLIENT", "LIST");
        return `queue "celery" length: ${queue.stdout.trim()}\nRedis clients:\n${clients.stdout}`;
      },
      resetToken: async (email: string) => {
        // The mail leaves after the response: wait for it.
        for (let i = 0; i < 100; i++) {
          const printed = (await smtp?.output()) ?? "";
          const mails = printed.split("---------- MESSAGE FOLLOWS ----------").slice(1);
          const mail = mails.reverse().find((m) => m.includes(`To: ${email}`)) ?? "";
          // The body's lines are long (a link): quoted-printable, with soft line breaks.
          const text = mail.replace(/=\r?\n/g, "").replace(
            /=([0-9A-F]{2})/g,
            (_, hex) => String.fromCharCode(parseInt(hex, 16)),
          );
          // The link of PASSWORD_RESET_URL (the project's .env.example has one), or the token.
          const token = /(?:token=|Reset token: )([\w.-]+)/.exec(text)?.[1];
          if (token) return token;
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        throw new Error(`no reset mail to ${email}:\n${await smtp?.output()}`);
      },
    },
    stop,
  };
}

Deno.test("contract: differences() reports status, shape and contract-value changes", () => {
  const one = (status: number, body: unknown): Exchange[] => [
    { step: "a", status, json: true, requestId: true, shape: shape(body) },
  ];
  const base = { success: false, error: "Not found", details: null };
  assertEquals(differences(one(404, base), one(404, { ...base })), []);
  assertEquals(differences(one(404, base), one(410, base)).length, 1);
  assertEquals(differences(one(404, base), one(404, { ...base, error: "Gone" })).length, 1);
  assertEquals(differences(one(404, base), one(404, { ...base, details: "x" })).length, 1);
  assertEquals(differences(one(200, { id: 1 }), one(200, { id: 2 })), []);
  assertEquals(differences(one(200, { id: 1 }), one(200, { id: "1" })).length, 1);
  assertEquals(differences(one(200, [{ a: 1 }]), one(200, [{ a: 1, b: 2 }])).length, 1);
  assertEquals(differences(one(200, {}), []).length, 1);
});

const available = await servicesAvailable();

for (const answers of ANSWER_SETS) {
  const label = comboName({ framework: "flask", database: "postgresql", ...answers })
    .replace(/^flask-pg-/, "");
  const bothSupported =
    await supported({ framework: "flask", database: "postgresql", ...answers }) &&
    await supported({ framework: "quart", database: "postgresql", ...answers });
  Deno.test({
    name: `contract ${label}: Flask and Quart answer the same scenario alike`,
    ignore: !available || !bothSupported,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async () => {
      const parent = await tempDir(`contract-${label}`);
      const started = await Promise.allSettled([
        start("flask", answers, parent),
        start("quart", answers, parent),
      ]);
      const running = started.flatMap((s) => s.status === "fulfilled" ? [s.value] : []);
      let logs = "";
      try {
        for (const s of started) if (s.status === "rejected") throw s.reason;
        const [flask, quart] = running;
        const [f, q] = await Promise.all([
          scenario(flask.server, answers),
          scenario(quart.server, answers),
        ]);
        if (DUMP) {
          await Deno.writeTextFile(
            `${DUMP}-${label}.json`,
            JSON.stringify({ flask: f, quart: q }, null, 1),
          );
        }
        assert(f.length > 20, `the scenario ran too few steps: ${f.length}`);
        // The contract's statuses on the Flask side, so that two equally broken servers fail.
        const byStep = new Map(f.map((e) => [e.step, e.status]));
        for (const [step, status] of Object.entries(EXPECTED)) {
          if (byStep.has(step)) assertEquals(byStep.get(step), status, step);
        }
        if (answers.celery) {
          const task = f.find((e) => e.step === "task status")?.shape as Json;
          assertEquals(
            task?.data?.status,
            'string:"SUCCESS"',
            `the Flask worker ran no task\n${flask.server.stuck ?? ""}`,
          );
        }
        const diff = differences(f, q);
        assert(diff.length === 0, `Flask and Quart differ:\n${diff.join("\n")}`);
      } catch (error) {
        for (const r of running) logs += "\n" + await r.stop().catch(() => "");
        running.length = 0;
        throw new Error(`${error instanceof Error ? error.message : error}${logs}`);
      } finally {
        for (const r of running) await r.stop();
        await run(["rm", "-rf", parent]);
      }
    },
  });
}
