/**
 * Generated backends under load, beside their framework's floor (not a test).
 *
 * For Flask (gunicorn, its gunicorn.conf.py) and Quart (hypercorn, its
 * hypercorn_conf.py), a project with PostgreSQL, auth, cache and Celery on is
 * generated, migrated into its own database on the machine's PostgreSQL and
 * pointed at Redis db 7 (BENCH_REDIS_DB). Its production server (`make run`, with the project's
 * default settings, LOG_LEVEL included) is then loaded with wrk on loopback:
 *
 *   floor         a bare app of the same framework (`src/bench_floor.py`, one
 *                 route returning a small JSON object), served by the same
 *                 server with the same config file: the framework's floor.
 *                 Measured at the start of each round (3 by default); the figure
 *                 used is the median of those.
 *   /health/live  the generated app's cheapest route (its middleware only)
 *   list (hit)    GET /api/items?page=1&per_page=20, served from the cache
 *   list (miss)   the same request against a second start of the same app
 *                 whose ResourceCache.get still asks Redis but then reports a
 *                 miss (`src/bench_miss.py`): every request counts and reads
 *                 the page from PostgreSQL and writes it back to the cache
 *   get one       GET /api/items/1 (cached after the first request, like a list)
 *   create        POST /api/items
 *
 * The two bench files are written into the bench's own copy of the project,
 * never into the templates. Resource routes use an access token (register +
 * login first). 100 rows exist before the first measurement.
 *
 *   deno run -A bench/backends.ts [--seconds 15] [--connections 32]
 */
import { join } from "node:path";
import {
  databaseUrl,
  freePort,
  freshDatabase,
  generate,
  ok,
  PG,
  run,
  sql,
  venvEnv,
  venvFor,
  waitForHttp,
} from "../tests/e2e/_harness.ts";
import { aimRow, flag, type Section, sh } from "./_common.ts";
import { PROJECT_FLAGS } from "./vs_tools.ts";

/** The Redis db the bench uses and flushes; BENCH_REDIS_DB picks another on a shared machine. */
export const REDIS_DB = Deno.env.get("BENCH_REDIS_DB") ?? "7";
const REDIS_URL = `redis://127.0.0.1:6379/${REDIS_DB}`;
/** Prefix of the bench's databases (BENCH_DB_PREFIX, e.g. a helper's own). */
export const DB_PREFIX = Deno.env.get("BENCH_DB_PREFIX") ?? "bench";
const FLOOR_LABEL = "floor: bare app";
/** Not an aim's floor: what a protected read cannot go below, since every request asks Redis
 * whether its token is revoked (one MGET of three keys, as the app's guard sends). */
const FLOOR_REDIS = "floor: bare app + one Redis MGET";
const DB_FLOOR_LIST = "database floor: page query";
const DB_FLOOR_CREATE = "database floor: INSERT … RETURNING";
const HEALTH = "/health/live (app middleware only)";
const HIT = "list, cache hit";
const GET_ONE = "get one (cached row)";
const CREATE = "create";
const MISS_LIST = "list, cache miss";
/** Each endpoint, the floor it is compared with, and the aim (share of that floor). */
const COMPARED: Record<string, { floor: string; aim: number }> = {
  [HEALTH]: { floor: FLOOR_LABEL, aim: 0.85 },
  [HIT]: { floor: FLOOR_LABEL, aim: 0.7 },
  [GET_ONE]: { floor: FLOOR_LABEL, aim: 0.7 },
  [MISS_LIST]: { floor: DB_FLOOR_LIST, aim: 0.7 },
  [CREATE]: { floor: DB_FLOOR_CREATE, aim: 0.7 },
};
const ROWS = 100;

const FLOOR = {
  flask: `"""Bench only: the bare Flask floor, one JSON route (and one that asks Redis once)."""

import os
from typing import Any

from flask import Flask
from redis import Redis

app = Flask(__name__)
redis = Redis.from_url(os.environ["REDIS_URL"], socket_connect_timeout=2, socket_timeout=2)
KEYS = ["bench:token", "bench:user", "bench:generation"]


@app.get("/floor")
def floor() -> dict[str, Any]:
    return {"success": True, "data": {"status": "ok"}}


@app.get("/floor/redis")
def floor_redis() -> dict[str, Any]:
    redis.mget(KEYS)
    return {"success": True, "data": {"status": "ok"}}
`,
  quart: `"""Bench only: the bare Quart floor, one JSON route (and one that asks Redis once)."""

import os
from typing import Any

from quart import Quart
from redis.asyncio import Redis

app = Quart(__name__)
KEYS = ["bench:token", "bench:user", "bench:generation"]


@app.before_serving
async def connect() -> None:
    app.extensions["redis"] = Redis.from_url(
        os.environ["REDIS_URL"], socket_connect_timeout=2, socket_timeout=2
    )


@app.get("/floor")
async def floor() -> dict[str, Any]:
    return {"success": True, "data": {"status": "ok"}}


@app.get("/floor/redis")
async def floor_redis() -> dict[str, Any]:
    await app.extensions["redis"].mget(KEYS)
    return {"success": True, "data": {"status": "ok"}}
`,
};

/** The page query and the insert of the app, as plain SQL (PostgreSQL). */
const DB_FLOOR_SQL = `COLUMNS = (
    "id, name, description, quantity, owner_id, inserted_by, inserted_date, updated_by,"
    " updated_date, is_active"
)
WHERE = "FROM items WHERE is_active IS true AND owner_id = :owner"
COUNT = text(f"SELECT count(*) FROM (SELECT id {WHERE}) AS page")
PAGE = text(f"SELECT {COLUMNS} {WHERE} ORDER BY id LIMIT :limit OFFSET :offset")
INSERT = text(
    "INSERT INTO items (name, description, quantity, owner_id, inserted_by, inserted_date,"
    f" is_active) VALUES (:name, :description, :quantity, :owner, :actor, :now, true)"
    f" RETURNING {COLUMNS}"
)
OWNER = int(os.environ.get("BENCH_OWNER", "1"))


def plain(row: Any) -> dict[str, Any]:
    data = dict(row._mapping)
    for name in ("inserted_date", "updated_date"):
        if data[name] is not None:
            data[name] = data[name].isoformat()
    return data


def values(body: dict[str, Any]) -> dict[str, Any]:
    return {
        "name": body["name"],
        "description": body.get("description"),
        "quantity": body["quantity"],
        "owner": OWNER,
        "actor": str(OWNER),
        "now": datetime.now(UTC),
    }


def envelope(rows: list[Any], total: int) -> dict[str, Any]:
    pagination = {"page": 1, "per_page": 20, "total": total, "pages": -(-total // 20)}
    return {"success": True, "data": [plain(r) for r in rows], "pagination": pagination}
`;

/**
 * The database floor: a bare app of the same framework running the app's page query (count and
 * page) and one INSERT … RETURNING through the same driver and pool (the app's own
 * `src.database.Database`), answering JSON. Cache-miss list and create are compared with it.
 */
const DB_FLOOR = {
  flask: `"""Bench only: the database floor (the same SQL, driver and pool, a bare Flask app)."""

import os
from datetime import UTC, datetime
from typing import Any

from flask import Flask, request
from sqlalchemy import text

from src.database import Database

${DB_FLOOR_SQL}
app = Flask(__name__)
database = Database(os.environ["DATABASE_URL"])
PAGE_ARGS = {"owner": OWNER, "limit": 20, "offset": 0}


@app.get("/dbfloor/items")
def page() -> dict[str, Any]:
    with database.sessions() as session:
        total = session.scalar(COUNT, {"owner": OWNER}) or 0
        rows = list(session.execute(PAGE, PAGE_ARGS))
    return envelope(rows, total)


@app.post("/dbfloor/items")
def create() -> tuple[dict[str, Any], int]:
    body = request.get_json()
    with database.sessions() as session:
        row = session.execute(INSERT, values(body)).one()
        session.commit()
    return {"success": True, "data": plain(row)}, 201
`,
  quart: `"""Bench only: the database floor (the same SQL, driver and pool, a bare Quart app)."""

import os
from datetime import UTC, datetime
from typing import Any

from quart import Quart, request
from sqlalchemy import text

from src.database import Database

${DB_FLOOR_SQL}
app = Quart(__name__)
PAGE_ARGS = {"owner": OWNER, "limit": 20, "offset": 0}


@app.before_serving
async def connect() -> None:
    app.extensions["database"] = Database(os.environ["DATABASE_URL"])


@app.get("/dbfloor/items")
async def page() -> dict[str, Any]:
    async with app.extensions["database"].sessions() as session:
        total = await session.scalar(COUNT, {"owner": OWNER}) or 0
        rows = list(await session.execute(PAGE, PAGE_ARGS))
    return envelope(rows, total)


@app.post("/dbfloor/items")
async def create() -> tuple[dict[str, Any], int]:
    body = await request.get_json()
    async with app.extensions["database"].sessions() as session:
        row = (await session.execute(INSERT, values(body))).one()
        await session.commit()
    return {"success": True, "data": plain(row)}, 201
`,
};

/** The cache-miss app keeps no worker copies: each of its reads goes to Redis. */
const NO_WORKER_COPIES = `
def _keep_nothing(self: LocalEntries, key: str, value: bytes, milliseconds_left: int) -> None:
    """No worker copy either: each read goes to Redis as a real miss does."""


def _keep_no_response(self: Any, *args: Any) -> None:
    """Nor a response the middleware could send again (src/cached_reads.py): each read reaches
    the app, after the middleware's lookup, as a real miss does."""


try:  # 0.10.0 on: responses the middleware sends again
    from src.cached_reads import CachedReads

    CachedReads.keep = _keep_no_response  # type: ignore[method-assign]
except ImportError:  # an older project (bench/ab.ts's base)
    pass
`;

const MISS = {
  flask: `"""Bench only: the app, with every cache read asked of Redis and then missed."""

from typing import Any

from src.extensions import LocalEntries, ResourceCache

_real_get = ResourceCache.get


def _always_miss(self: ResourceCache, key: str) -> Any:
    _real_get(self, key)
    return None

${NO_WORKER_COPIES}

ResourceCache.get = _always_miss  # type: ignore[method-assign]
LocalEntries.put = _keep_nothing  # type: ignore[method-assign]

from src.wsgi import app  # noqa: E402

__all__ = ["app"]
`,
  quart: `"""Bench only: the app, with every cache read asked of Redis and then missed."""

from typing import Any

from src.extensions import LocalEntries, ResourceCache

_real_get = ResourceCache.get


async def _always_miss(self: ResourceCache, key: str) -> Any:
    await _real_get(self, key)
    return None

${NO_WORKER_COPIES}

ResourceCache.get = _always_miss  # type: ignore[method-assign]
LocalEntries.put = _keep_nothing  # type: ignore[method-assign]

from src.asgi import app  # noqa: E402

__all__ = ["app"]
`,
};

export interface WrkFigures {
  rps: number;
  p50: number;
  p99: number;
  requests: number;
  bad: number;
  socketErrors: number;
  /** 1-minute load average right after the run. */
  load: number;
  /** CPU time of the server's processes (all workers) per request, in µs: the load moves it
   * far less than requests/s, since waiting for a core is not counted. */
  cpuUs: number;
}

/** Clock ticks per second of /proc/<pid>/stat's utime and stime. */
const CLOCK_TICKS = Number((await sh(["getconf", "CLK_TCK"]).catch(() => "100")).trim()) || 100;

/** CPU milliseconds (user + system) used so far by `root` and every process below it. */
async function treeCpuMs(root: number): Promise<number> {
  const stats = new Map<number, { parent: number; ticks: number }>();
  for await (const entry of Deno.readDir("/proc")) {
    if (!/^\d+$/.test(entry.name)) continue;
    const text = await Deno.readTextFile(`/proc/${entry.name}/stat`).catch(() => "");
    // the fields after the command name, which is in parentheses and may hold spaces
    const fields = text.slice(text.lastIndexOf(")") + 2).split(" ");
    if (fields.length < 13) continue;
    stats.set(Number(entry.name), {
      parent: Number(fields[1]),
      ticks: Number(fields[11]) + Number(fields[12]),
    });
  }
  let total = 0;
  for (const [pid, { ticks }] of stats) {
    for (let p = pid; p > 1 && stats.has(p); p = stats.get(p)!.parent) {
      if (p === root) {
        total += ticks;
        break;
      }
    }
  }
  return (total * 1000) / CLOCK_TICKS;
}

function toMs(text: string | undefined): number {
  const m = /([\d.]+)(us|ms|s|m)/.exec(text ?? "");
  if (!m) return NaN;
  const scale = { us: 0.001, ms: 1, s: 1000, m: 60_000 }[m[2]]!;
  return Number(m[1]) * scale;
}

async function wrk(
  url: string,
  options: { seconds: number; connections: number; token?: string; script?: string },
): Promise<WrkFigures> {
  const args = [
    "wrk",
    "-t",
    "1",
    "-c",
    String(options.connections),
    "-d",
    `${options.seconds}s`,
    "--timeout",
    "10s",
    "--latency",
  ];
  if (options.token) args.push("-H", `Authorization: Bearer ${options.token}`);
  if (options.script) args.push("-s", options.script);
  const out = await sh([...args, url]);
  const load = Number((await Deno.readTextFile("/proc/loadavg")).split(" ")[0]);
  const socket = /Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)/.exec(out);
  return {
    rps: Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1] ?? 0),
    p50: toMs(/\s50%\s+(\S+)/.exec(out)?.[1]),
    p99: toMs(/\s99%\s+(\S+)/.exec(out)?.[1]),
    requests: Number(/(\d+) requests in/.exec(out)?.[1] ?? 0),
    bad: Number(/Non-2xx or 3xx responses: (\d+)/.exec(out)?.[1] ?? 0),
    socketErrors: socket ? socket.slice(1).map(Number).reduce((a, b) => a + b, 0) : 0,
    load,
    cpuUs: NaN,
  };
}

export class Server {
  #child: Deno.ChildProcess;
  readonly base: string;
  readonly log: string;
  /** The server's main process (`sh -c "exec …"` becomes it). */
  get pid(): number {
    return this.#child.pid;
  }

  constructor(
    cmdLine: string,
    cwd: string,
    env: Record<string, string>,
    port: number,
    log: string,
  ) {
    this.base = `http://127.0.0.1:${port}`;
    this.log = log;
    this.#child = new Deno.Command("sh", {
      args: [
        "-c",
        `${/(^|; )exec /.test(cmdLine) ? "" : "exec "}${
          cmdLine.replaceAll("__PORT__", String(port))
        } >>'${log}' 2>&1`,
      ],
      cwd,
      env: { ...env, PORT: String(port) },
      stdin: "null",
      stdout: "null",
      stderr: "null",
    }).spawn();
  }

  async ready(path: string): Promise<void> {
    try {
      const res = await waitForHttp(`${this.base}${path}`, 60_000);
      await res.body?.cancel();
    } catch (error) {
      await this.stop();
      throw new Error(`${error}\n${await Deno.readTextFile(this.log).catch(() => "")}`);
    }
  }

  async stop(): Promise<void> {
    try {
      this.#child.kill("SIGTERM");
    } catch {
      // gone
    }
    const timer = setTimeout(() => {
      try {
        this.#child.kill("SIGKILL");
      } catch {
        // gone
      }
    }, 15_000);
    await this.#child.status;
    clearTimeout(timer);
  }
}

async function call(
  base: string,
  method: string,
  path: string,
  body?: unknown,
  token?: string,
  // deno-lint-ignore no-explicit-any
): Promise<any> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (token) headers.authorization = `Bearer ${token}`;
  const res = await fetch(base + path, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status}: ${text}`);
  return JSON.parse(text);
}

export interface BackendRow {
  label: string;
  /** Medians over the rounds (non-2xx and socket errors: totals). */
  figures: WrkFigures;
  /** requests/s of each round, in order. */
  rounds: number[];
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** One row from the rounds of one endpoint: the median of each figure, the errors summed. */
function combine(label: string, runs: WrkFigures[]): BackendRow {
  const sum = (pick: (f: WrkFigures) => number) => runs.reduce((n, f) => n + pick(f), 0);
  return {
    label,
    rounds: runs.map((f) => f.rps),
    figures: {
      rps: median(runs.map((f) => f.rps)),
      p50: median(runs.map((f) => f.p50)),
      p99: median(runs.map((f) => f.p99)),
      requests: sum((f) => f.requests),
      bad: sum((f) => f.bad),
      socketErrors: sum((f) => f.socketErrors),
      load: median(runs.map((f) => f.load)),
      cpuUs: median(runs.map((f) => f.cpuUs)),
    },
  };
}

/** The server entry of each framework's generated app. */
export const APP_ENTRY = { flask: "src.wsgi:app", quart: "src.asgi:app" } as const;

/**
 * Makes a generated project the bench's copy: its virtual environment (shared by every project
 * with the same dependencies) linked as `.venv` and compiled, and the bench's own apps written
 * into `src/` (never into the templates). Returns the environment's path.
 */
export async function benchCopy(framework: "flask" | "quart", dir: string): Promise<string> {
  const venv = await venvFor(dir);
  await Deno.symlink(venv, join(dir, ".venv"));
  // Bytecode for the environment and the project, as an installed image would have: uv does
  // not compile at install and this machine sets PYTHONDONTWRITEBYTECODE, so each worker
  // would otherwise compile every import from source at start (tens of seconds under load).
  await ok([
    join(venv, "bin", "python"),
    "-m",
    "compileall",
    "-q",
    "-j",
    "0",
    venv,
    join(dir, "src"),
  ], {
    env: { PYTHONDONTWRITEBYTECODE: "" },
  }).catch(() => {});
  await Deno.writeTextFile(join(dir, "src", "bench_floor.py"), FLOOR[framework]);
  await Deno.writeTextFile(join(dir, "src", "bench_miss.py"), MISS[framework]);
  await Deno.writeTextFile(join(dir, "src", "bench_dbfloor.py"), DB_FLOOR[framework]);
  return venv;
}

/** Fresh secrets for the bench's servers (the same ones wherever one token must work). */
export function newSecrets(): { SECRET_KEY: string; JWT_SECRET_KEY: string } {
  return {
    SECRET_KEY: crypto.randomUUID() + crypto.randomUUID(),
    JWT_SECRET_KEY: crypto.randomUUID() + crypto.randomUUID(),
  };
}

/** The production settings every server of the bench runs with, on database `db`. */
export async function serverEnv(
  venv: string,
  dir: string,
  db: string,
  secrets = newSecrets(),
): Promise<Record<string, string>> {
  return {
    ...venvEnv(venv),
    APP_ENV: "production",
    DATABASE_URL: await databaseUrl(dir, db, PG),
    REDIS_URL,
    ...secrets,
    JWT_ACCESS_TOKEN_MINUTES: "240",
    // WEB_CONCURRENCY=N: N server processes for the app and its floors alike (the project's
    // default otherwise), to compare worker counts.
    ...(Deno.env.get("WEB_CONCURRENCY")
      ? { WEB_CONCURRENCY: Deno.env.get("WEB_CONCURRENCY")! }
      : {}),
  };
}

/** `make run`, as the project's Makefile spells it, with the placeholder port `__PORT__`. */
export async function runCommand(
  framework: "flask" | "quart",
  dir: string,
  env: Record<string, string>,
): Promise<string> {
  const dry = await ok(["make", "-n", "run", "PORT=__PORT__"], { cwd: dir, env });
  const line = dry.stdout.trim();
  // The port comes from $PORT (the Makefile reads the environment) or make's PORT variable.
  if (line.includes("\n") || !(line.includes("__PORT__") || line.includes("${PORT"))) {
    throw new Error(`make run is not one command with $PORT:\n${line}`);
  }
  if (!line.includes(APP_ENTRY[framework])) throw new Error(`unexpected make run: ${line}`);
  return line;
}

/**
 * One measured run of `url` on `server`: a warm-up (it also covers workers still starting after
 * the first one answered), then wrk, with the server's CPU time per request.
 */
export async function measureRun(
  server: Server,
  url: string,
  options: { seconds: number; connections: number; warmup: number },
  extra: { token?: string; script?: string } = {},
): Promise<WrkFigures> {
  await wrk(url, { ...options, ...extra, seconds: options.warmup });
  const cpuBefore = await treeCpuMs(server.pid);
  const figures = await wrk(url, { ...options, ...extra });
  figures.cpuUs = ((await treeCpuMs(server.pid)) - cpuBefore) * 1000 / figures.requests;
  return figures;
}

/** The bench's user and its first rows, through the app at `base`; returns an access token. */
export async function seedUser(base: string): Promise<string> {
  const creds = { email: "bench@example.com", password: "correct horse battery staple" };
  await call(base, "POST", "/api/auth/register", creds);
  const token: string = (await call(base, "POST", "/api/auth/login", creds)).data.access_token;
  await seedRows(base, token);
  return token;
}

/** The seed rows, created through the API (with `token`, where the project has auth). */
export async function seedRows(base: string, token?: string): Promise<void> {
  for (let i = 0; i < ROWS; i++) {
    await call(base, "POST", "/api/items", { name: `row ${i}`, quantity: i }, token);
  }
}

/**
 * Back to the seed rows only: every list is measured over the same table. The creates of each
 * run (thousands of rows) would otherwise make each later page count slower than the one before.
 */
export async function seedRowsOnly(db: string): Promise<void> {
  await sql(db, `DELETE FROM items WHERE id > ${ROWS}`);
  await sql(db, "VACUUM ANALYZE items");
}

/** The body wrk posts for a create (a wrk script). */
export const CREATE_SCRIPT =
  `wrk.method = "POST"\nwrk.headers["Content-Type"] = "application/json"\n` +
  `wrk.body = '{"name": "bench row", "description": "created by wrk", "quantity": 3}'\n`;

export async function benchBackend(
  framework: "flask" | "quart",
  options: { seconds: number; connections: number; warmup: number; rounds: number },
): Promise<{ rows: BackendRow[]; notes: string[] }> {
  const parent = await Deno.makeTempDir({ prefix: `pyscaffold-bench-${framework}-` });
  const dir = join(parent, "benchsvc");
  const servers: Server[] = [];
  const db = `${DB_PREFIX}_${framework}`;
  try {
    await generate(dir, [...PROJECT_FLAGS.map((f) => (f === "flask" ? framework : f))]);
    const venv = await benchCopy(framework, dir);
    await freshDatabase(db);
    await ok(["redis-cli", "-n", REDIS_DB, "flushdb"]);
    const env = await serverEnv(venv, dir, db);
    await ok(["alembic", "upgrade", "head"], { cwd: dir, env });
    const line = await runCommand(framework, dir, env);
    const appEntry = APP_ENTRY[framework];
    const start = async (entry: string) => {
      const port = freePort();
      const server = new Server(
        line.replace(appEntry, entry),
        dir,
        env,
        port,
        join(parent, `${entry.replace(":", "_")}.log`),
      );
      servers.push(server);
      // the bare apps have no /health/live: wait for their own route instead
      await server.ready(
        entry.includes("bench_floor")
          ? "/floor"
          : entry.includes("bench_dbfloor")
          ? "/dbfloor/items"
          : "/health/live",
      );
      return server;
    };
    const measure = async (
      label: string,
      url: string,
      extra: { token?: string; script?: string } = {},
    ) => {
      const figures = await measureRun(server, url, options, extra);
      console.log(
        `  ${framework} ${label}: ${figures.rps.toFixed(0)} req/s, p50 ${
          figures.p50.toFixed(1)
        } ms, p99 ${figures.p99.toFixed(1)} ms, ${
          figures.cpuUs.toFixed(0)
        } µs CPU/request, ${figures.bad} non-2xx, ${figures.socketErrors} socket errors`,
      );
      return { label, figures };
    };
    // Rounds: the floor, then the app's endpoints, then the cache-miss app, so that a change
    // of load on the shared machine moves the floor and the endpoints alike.
    const runs = new Map<string, WrkFigures[]>();
    const keep = (row: { label: string; figures: WrkFigures }) => {
      runs.set(row.label, [...(runs.get(row.label) ?? []), row.figures]);
    };
    const script = join(parent, "create.lua");
    await Deno.writeTextFile(script, CREATE_SCRIPT);
    // The user and the first rows, before any measurement (the database floor reads them too).
    let server = await start(appEntry);
    const token = await seedUser(server.base);
    await server.stop();
    for (let round = 1; round <= options.rounds; round++) {
      console.log(`  ${framework} round ${round} of ${options.rounds}`);
      server = await start("src.bench_floor:app");
      keep(await measure(FLOOR_LABEL, `${server.base}/floor`));
      keep(await measure(FLOOR_REDIS, `${server.base}/floor/redis`));
      await server.stop();

      server = await start("src.bench_dbfloor:app");
      await seedRowsOnly(db);
      keep(await measure(DB_FLOOR_LIST, `${server.base}/dbfloor/items`));
      keep(await measure(DB_FLOOR_CREATE, `${server.base}/dbfloor/items`, { script }));
      await server.stop();

      server = await start(appEntry);
      keep(await measure(HEALTH, `${server.base}/health/live`));
      keep(
        await measure(HIT, `${server.base}/api/items?page=1&per_page=20`, { token }),
      );
      keep(await measure(GET_ONE, `${server.base}/api/items/1`, { token }));
      keep(await measure(CREATE, `${server.base}/api/items`, { token, script }));
      await server.stop();

      server = await start("src.bench_miss:app");
      await seedRowsOnly(db);
      keep(
        await measure(MISS_LIST, `${server.base}/api/items?page=1&per_page=20`, {
          token,
        }),
      );
      await server.stop();
    }
    const rows = [...runs].map(([label, figures]) => combine(label, figures));
    const total = Number(await sql(db, "SELECT count(*) FROM items"));
    return {
      rows,
      notes: [
        `${framework}: server command \`${
          line.replaceAll("__PORT__", "$PORT")
        }\`; ${total} rows in items at the end`,
      ],
    };
  } finally {
    for (const s of servers) await s.stop().catch(() => {});
    // Dropped whatever happened; a failure to drop must not hide the bench's own error.
    await sql("postgres", `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`).catch(() => {});
    await run(["redis-cli", "-n", REDIS_DB, "flushdb"]);
    await Deno.remove(parent, { recursive: true }).catch(() => {});
  }
}

export async function benchBackends(
  options: { seconds: number; connections: number; warmup: number; rounds: number },
): Promise<Section> {
  const aims: string[] = [];
  const lines = [
    `wrk on loopback, 1 thread, ${options.connections} connections, ${options.seconds} s per ` +
    `endpoint after a ${options.warmup} s warm-up; one server at a time; ${options.rounds} rounds, ` +
    `each the floors then every endpoint, so the floors are interleaved with the ` +
    `endpoints; each figure is the median over the rounds (p50, p99 and the 1-minute load ` +
    `average read after each run too). Projects: ` +
    `\`new --yes ${PROJECT_FLAGS.join(" ")}\` (and \`--framework quart\`), production settings ` +
    `(APP_ENV=production, default LOG_LEVEL=INFO: one JSON log line per request), their own ` +
    `PostgreSQL database, Redis db ${REDIS_DB}, ${ROWS} rows at first (creates add more: the ` +
    `count at the end is given; the table goes back to those rows before each list measurement, so ` +
    `the database floor and the cache-miss list read the same table). "Share" is requests/s ÷ the compared floor's (medians).`,
    "",
    "- floor: bare app: one route returning a small JSON object (`src/bench_floor.py` in the " +
    "bench's copy), served by the same server and config file.",
    "- floor: bare app + one Redis MGET: the same app's second route, which first reads three " +
    "keys with one MGET (the same redis-py client and settings as the app) — the round trip a " +
    "protected request cannot skip, since revocation, deactivation and role changes apply on " +
    "the next request. No aim is measured against it; the line under each table gives the " +
    "cached reads' share of it.",
    "- database floor: a bare app of the same framework (`src/bench_dbfloor.py`) running the " +
    "app's page query (count, then 20 rows) and one `INSERT … RETURNING` as SQL text through " +
    "the app's own `src.database.Database` (same driver, same pool settings), answering JSON; " +
    "cache-miss list and create are compared with it.",
    "- list, cache hit: `GET /api/items?page=1&per_page=20` with a token; get one: " +
    "`GET /api/items/1` (the row is cached too); create: `POST /api/items`.",
    "- list, cache miss: the same list request against a second start of the same app whose " +
    "cache reads still go to Redis but then report a miss (`src/bench_miss.py` in the bench's " +
    "copy), so each request counts and reads the page in PostgreSQL and writes it back.",
    "- The load average includes the benchmark's own servers and wrk (and, on a shared " +
    "machine, everything else).",
    "- CPU/request: CPU time (user + system) of the server's processes, every worker, during " +
    "the measured run, divided by its requests (median over the rounds); CPU share: the " +
    "compared floor's CPU/request ÷ the endpoint's. Waiting for a core is not CPU time, so " +
    "this says what the code costs even when a shared machine's load moves requests/s; it " +
    "leaves out Redis, PostgreSQL and wrk.",
    "",
  ];
  // BENCH_FRAMEWORKS=flask (or quart) measures one framework only.
  const only = Deno.env.get("BENCH_FRAMEWORKS")?.split(",");
  for (const framework of ["flask", "quart"] as const) {
    if (only && !only.includes(framework)) continue;
    console.log(`${framework}…`);
    const { rows, notes } = await benchBackend(framework, options);
    const server = framework === "flask"
      ? "gunicorn (gunicorn.conf.py)"
      : "hypercorn (hypercorn_conf.py)";
    const rps = (label: string) => rows.find((r) => r.label === label)?.figures.rps ?? NaN;
    const cpu = (label: string) => rows.find((r) => r.label === label)?.figures.cpuUs ?? NaN;
    const share = (r: BackendRow) => {
      const compared = COMPARED[r.label];
      return compared ? r.figures.rps / rps(compared.floor) : NaN;
    };
    // To a tenth: a share just under its aim must not read as the aim (84.6% is not 85%).
    const shown = (r: BackendRow) => `${(100 * share(r)).toFixed(1)}%`;
    lines.push(
      `### ${framework === "flask" ? "Flask" : "Quart"} under ${server}`,
      "",
      "| endpoint | requests/s | rounds | p50 | p99 | load | compared with | share | aim | " +
        "CPU/request | CPU share | non-2xx | socket errors |",
      "| --- | ---: | --- | ---: | ---: | ---: | --- | ---: | --- | ---: | ---: | ---: | ---: |",
      ...rows.map((r) => {
        const compared = COMPARED[r.label];
        const met = share(r) >= (compared?.aim ?? Infinity);
        return `| ${r.label} | ${r.figures.rps.toFixed(0)} | ${
          r.rounds.map((n) => n.toFixed(0)).join(", ")
        } | ${r.figures.p50.toFixed(1)} ms | ${r.figures.p99.toFixed(1)} ms | ${
          r.figures.load.toFixed(1)
        } | ${compared ? compared.floor : "—"} | ${compared ? shown(r) : "—"} | ${
          compared ? `≥ ${compared.aim * 100}%: ${met ? "met" : "NOT met"}` : "—"
        } | ${r.figures.cpuUs.toFixed(0)} µs | ${
          compared ? `${(100 * cpu(compared.floor) / r.figures.cpuUs).toFixed(0)}%` : "—"
        } | ${r.figures.bad} | ${r.figures.socketErrors} |`;
      }),
      "",
      `Share of the ${FLOOR_REDIS}: list, cache hit ${
        (100 * rps(HIT) / rps(FLOOR_REDIS)).toFixed(0)
      }%; get one ${(100 * rps(GET_ONE) / rps(FLOOR_REDIS)).toFixed(0)}% (CPU share ${
        (100 * cpu(FLOOR_REDIS) / cpu(HIT)).toFixed(0)
      }% and ${(100 * cpu(FLOOR_REDIS) / cpu(GET_ONE)).toFixed(0)}%).`,
      "",
      notes.join("; ") + ".",
      "",
    );
    for (const r of rows) {
      const compared = COMPARED[r.label];
      if (!compared) continue;
      aims.push(
        aimRow(
          `${framework}: ${r.label} ≥ ${compared.aim * 100}% of the ${compared.floor}`,
          shown(r),
          share(r) >= compared.aim,
        ),
      );
    }
  }
  return { text: lines.join("\n"), aims };
}

if (import.meta.main) {
  const { text } = await benchBackends({
    seconds: flag("seconds", 15),
    connections: flag("connections", 32),
    warmup: flag("warmup", 3),
    rounds: flag("rounds", 3),
  });
  console.log(`\n${text}`);
}
