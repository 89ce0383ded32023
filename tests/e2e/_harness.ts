/**
 * End-to-end harness: generates projects with the real CLI, gives them a
 * virtual environment, and runs their tools, tests, migrations, server and
 * worker against the PostgreSQL and Redis of this machine.
 *
 * Virtual environments are cached by the hash of the project's dependency
 * list (pyproject.toml), so cases with the same dependencies share one; uv
 * installs them from its cache in seconds after the first time.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";

export const ROOT = new URL("../..", import.meta.url).pathname;
export const CACHE = Deno.env.get("PYSCAFFOLD_E2E_CACHE") ??
  join(Deno.env.get("HOME") ?? "/tmp", ".cache", "pyscaffold-e2e");
export const PG = { host: "127.0.0.1", port: 5432, user: "postgres" };
export const REDIS = { host: "127.0.0.1", port: 6379 };

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export async function run(
  cmd: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Run> {
  const child = new Deno.Command(cmd[0], {
    args: cmd.slice(1),
    cwd: options.cwd,
    env: options.env,
    stdout: "piped",
    stderr: "piped",
    stdin: "null",
  }).spawn();
  const timer = setTimeout(() => {
    try {
      child.kill("SIGKILL");
    } catch {
      // already exited
    }
  }, options.timeoutMs ?? 600_000);
  const out = await child.output();
  clearTimeout(timer);
  const dec = new TextDecoder();
  return { code: out.code, stdout: dec.decode(out.stdout), stderr: dec.decode(out.stderr) };
}

/** Runs and throws with the whole output when the command fails. */
export async function ok(
  cmd: string[],
  options: { cwd?: string; env?: Record<string, string>; timeoutMs?: number } = {},
): Promise<Run> {
  const result = await run(cmd, options);
  if (result.code !== 0) {
    throw new Error(
      `\`${cmd.join(" ")}\` exited ${result.code} in ${options.cwd ?? "."}\n` +
        `--- stdout ---\n${tail(result.stdout)}\n--- stderr ---\n${tail(result.stderr)}`,
    );
  }
  return result;
}

function tail(text: string, lines = 80): string {
  const all = text.trimEnd().split("\n");
  return all.slice(-lines).join("\n");
}

/** Generates a project with the real CLI (`deno run -A main.ts new ... --yes`), of this checkout
 * unless `root` names another (a worktree of another commit, for bench/ab.ts). */
export async function generate(dir: string, flags: string[], root = ROOT): Promise<void> {
  await ok([Deno.execPath(), "run", "-A", join(root, "main.ts"), "new", dir, "--yes", ...flags]);
}

/** All flag combinations of framework × database × auth × cache × celery. */
export interface Combo {
  framework: "flask" | "quart";
  database: "postgresql" | "oracle";
  auth: boolean;
  cache: boolean;
  celery: boolean;
}

export function allCombos(): Combo[] {
  const combos: Combo[] = [];
  for (const framework of ["flask", "quart"] as const) {
    for (const database of ["postgresql", "oracle"] as const) {
      for (const auth of [true, false]) {
        for (const cache of [true, false]) {
          for (const celery of [true, false]) {
            combos.push({ framework, database, auth, cache, celery });
          }
        }
      }
    }
  }
  return combos;
}

export function comboFlags(c: Combo): string[] {
  return [
    "--framework",
    c.framework,
    "--database",
    c.database,
    c.auth ? "--auth" : "--no-auth",
    c.cache ? "--cache" : "--no-cache",
    c.celery ? "--celery" : "--no-celery",
  ];
}

export function comboName(c: Combo): string {
  const features = [c.auth && "auth", c.cache && "cache", c.celery && "celery"].filter(Boolean);
  return `${c.framework}-${c.database === "postgresql" ? "pg" : "ora"}-${
    features.length ? features.join("-") : "bare"
  }`;
}

/** Whether the CLI can generate this combination today (quart/oracle land in their own issues). */
export async function supported(c: Combo): Promise<boolean> {
  const { NOT_YET_SUPPORTED } = await import("../../src/choices/project_spec.ts");
  return !NOT_YET_SUPPORTED.has(c.framework) && !NOT_YET_SUPPORTED.has(c.database);
}

async function tcpOpen(host: string, port: number): Promise<boolean> {
  try {
    const conn = await Deno.connect({ hostname: host, port });
    conn.close();
    return true;
  } catch {
    return false;
  }
}

/**
 * Checks that PostgreSQL and Redis answer. In CI (CI set) a missing service is
 * a failure; on a developer machine without them the e2e tests are ignored,
 * loudly.
 */
export async function servicesAvailable(): Promise<boolean> {
  const pg = await tcpOpen(PG.host, PG.port);
  const redis = await tcpOpen(REDIS.host, REDIS.port);
  if (pg && redis) return true;
  const missing = [!pg && "PostgreSQL (127.0.0.1:5432)", !redis && "Redis (127.0.0.1:6379)"]
    .filter(Boolean).join(" and ");
  if (Deno.env.get("CI")) {
    throw new Error(`${missing} not reachable: end-to-end tests cannot run in CI without them.`);
  }
  console.error(`\n!!! ${missing} not reachable: END-TO-END TESTS ARE NOT RUN on this machine.\n`);
  return false;
}

/** psql's options that connect it to `db`. */
export function psqlArgs(db: string, pg: typeof PG = PG): string[] {
  return ["-h", pg.host, "-p", String(pg.port), "-U", pg.user, "-d", db];
}

/** One SQL statement run by psql in `db`, stopping at its first error: the unaligned output. */
export async function sql(db: string, statement: string, pg: typeof PG = PG): Promise<string> {
  const out = await ok(["psql", ...psqlArgs(db, pg), "-v", "ON_ERROR_STOP=1", "-Atc", statement]);
  return out.stdout.trim();
}

/**
 * Each primary key and foreign key column of `db`'s public schema (Alembic's table left out)
 * with its type, in name order: `orders.item_id bigint`.
 */
export async function keyColumnTypes(db: string, pg: typeof PG = PG): Promise<string[]> {
  const out = await sql(
    db,
    "SELECT DISTINCT k.table_name || '.' || k.column_name || ' ' || c.data_type " +
      "FROM information_schema.key_column_usage k " +
      "JOIN information_schema.table_constraints t ON t.constraint_schema = " +
      "k.constraint_schema AND t.constraint_name = k.constraint_name " +
      "JOIN information_schema.columns c ON c.table_schema = k.table_schema AND " +
      "c.table_name = k.table_name AND c.column_name = k.column_name " +
      "WHERE k.table_schema = 'public' AND k.table_name <> 'alembic_version' AND " +
      "t.constraint_type IN ('PRIMARY KEY', 'FOREIGN KEY') ORDER BY 1",
    pg,
  );
  return out.split("\n").filter(Boolean);
}

/** The tables of `db`'s public schema, in name order. */
export async function publicTables(db: string, pg: typeof PG = PG): Promise<string[]> {
  const out = await sql(
    db,
    "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY 1",
    pg,
  );
  return out.split("\n").filter(Boolean);
}

/** A fresh, empty PostgreSQL database; returns its name. */
export async function freshDatabase(name: string, pg: typeof PG = PG): Promise<string> {
  const db = name.replace(/[^a-z0-9_]/g, "_").slice(0, 60);
  await sql("postgres", `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`, pg);
  await sql("postgres", `CREATE DATABASE ${db}`, pg);
  return db;
}

/**
 * The database URL for a generated project: the scheme (driver) comes from
 * the project's own .env.example, so the harness follows the templates.
 */
export async function databaseUrl(
  projectDir: string,
  db: string,
  pg: typeof PG = PG,
): Promise<string> {
  const env = await Deno.readTextFile(join(projectDir, ".env.example"));
  const match = /^DATABASE_URL=["']?([a-z0-9+]+):\/\//m.exec(env);
  const scheme = match?.[1] ?? "postgresql";
  return `${scheme}://${pg.user}@${pg.host}:${pg.port}/${db}`;
}

export function sha(text: string): string {
  return createHash("sha256").update(text).digest("hex").slice(0, 16);
}

/** The dependency lines of pyproject.toml (runtime and dev): the venv cache key. */
export async function dependencyKey(projectDir: string): Promise<string> {
  const pyproject = await Deno.readTextFile(join(projectDir, "pyproject.toml"));
  const deps = [...pyproject.matchAll(/^\s*"([A-Za-z0-9_.\-\[\]]+\s*[=<>!~].*?)",?\s*$/gm)]
    .map((m) => m[1]).sort();
  return sha(deps.join("\n"));
}

/**
 * A virtual environment with the project's dependencies (runtime and dev),
 * shared by every project with the same dependency list. The project itself is
 * not installed into it (all generated projects have a package named `src`):
 * tools run from the project directory, which puts it first on sys.path.
 */
export async function venvFor(projectDir: string): Promise<string> {
  const key = await dependencyKey(projectDir);
  const venv = join(CACHE, "venvs", key);
  const marker = join(venv, ".complete");
  try {
    await Deno.stat(marker);
    return venv;
  } catch {
    // build it
  }
  await Deno.mkdir(join(CACHE, "venvs"), { recursive: true });
  // Serialise builders of the same key across parallel test files.
  const lock = `${venv}.lock`;
  for (let i = 0;; i++) {
    try {
      await Deno.mkdir(lock);
      break;
    } catch {
      if (i > 1200) throw new Error(`venv lock ${lock} held too long`);
      await new Promise((r) => setTimeout(r, 500));
      try {
        await Deno.stat(marker);
        return venv;
      } catch {
        // keep waiting
      }
    }
  }
  try {
    await Deno.remove(venv, { recursive: true }).catch(() => {});
    await ok(["uv", "venv", "--quiet", "--python", "python3", venv]);
    // Resolve the dependency list exactly as pip would from the project (runtime + dev extra).
    await ok(
      [
        "uv",
        "pip",
        "install",
        "--quiet",
        "--python",
        join(venv, "bin", "python"),
        "-r",
        "pyproject.toml",
        "--extra",
        "dev",
      ],
      { cwd: projectDir, timeoutMs: 900_000 },
    );
    await Deno.writeTextFile(marker, new Date().toISOString());
  } finally {
    await Deno.remove(lock).catch(() => {});
  }
  return venv;
}

/**
 * mypy on the project in `dir`, with the cache `env` names (venvEnv: one per venv, so that the
 * analysis of the venv's packages is shared by every project it serves), one run at a time per
 * cache. Two runs at once on one cache mix two projects' `src` modules, and mypy stopped with
 * "INTERNAL ERROR" reading one project's entry against another's. The lock is an flock on a file
 * beside the cache: released by the kernel whatever happens to the run that holds it.
 */
export async function mypy(dir: string, env: Record<string, string>): Promise<void> {
  const cache = env.MYPY_CACHE_DIR;
  if (!cache) throw new Error("mypy(): the environment names no MYPY_CACHE_DIR (use venvEnv)");
  await Deno.mkdir(join(cache, ".."), { recursive: true });
  const lock = await Deno.open(`${cache}.lock`, { create: true, write: true });
  try {
    await lock.lock(true);
    await ok(["mypy"], { cwd: dir, env, timeoutMs: 600_000 });
  } finally {
    lock.close();
  }
}

/**
 * pyright (standard mode, as VS Code's Pylance checks when asked to) on a project, with `env`'s
 * venv for its imports: the generated code type-checks under both checkers, not mypy alone.
 * Run from npm by Deno, pinned; the project's own tooling stays mypy.
 */
export async function pyright(dir: string, env: Record<string, string>): Promise<void> {
  const python = join(env.VIRTUAL_ENV, "bin", "python");
  await ok([
    Deno.execPath(),
    "run",
    "-A",
    PYRIGHT,
    "--pythonpath",
    python,
    "src",
    "tests",
    "migrations",
  ], {
    cwd: dir,
    env,
    timeoutMs: 600_000,
  });
}

/** The pyright `pyright()` runs (npm's package, a Node program Deno runs). */
const PYRIGHT = "npm:pyright@1.1.414";

/**
 * The rules of squawk (a linter of PostgreSQL migrations) that `squawk()` leaves out, each for
 * a reason of the generated projects' own (docs/DECISIONS.md, "Migrations that wait for no one").
 */
export const SQUAWK_LEFT_OUT: Readonly<Record<string, string>> = {
  "prefer-bigint-over-int": "an int field is 32-bit by the user's choice (a field may be " +
    "bigint); keys and references are checked apart: 64-bit (modules e2e)",
  "prefer-text-field": "str(n) is VARCHAR(n) on both databases; the API checks the same length",
  "renaming-column": "written by `pyscaffold rename`, which says what a rename breaks",
  "ban-drop-column": "written by `pyscaffold remove --field`, which asks first",
  "prefer-robust-stmts": "a build outside the transaction drops what a failed one left, then " +
    "builds again (DROP INDEX CONCURRENTLY IF EXISTS), which the rule does not follow",
};

/**
 * squawk (PyPI's build of the Rust linter, pinned, run by uv) on SQL files of a project's
 * revisions (`alembic upgrade a:b --sql`): locks that block the app, a missing lock_timeout,
 * an index built inside a transaction, a foreign key checked while writes wait.
 */
export async function squawk(files: string[], cwd: string): Promise<void> {
  await ok([
    "uv",
    "tool",
    "run",
    "--from",
    "squawk-cli==2.66.0",
    "squawk",
    `--exclude=${Object.keys(SQUAWK_LEFT_OUT).join(",")}`,
    ...files,
  ], { cwd, env: { NO_COLOR: "1" }, timeoutMs: 300_000 });
}

/** Environment for running a project's tools from its directory with a venv. */
export function venvEnv(venv: string, extra: Record<string, string> = {}): Record<string, string> {
  return {
    PATH: `${join(venv, "bin")}:${Deno.env.get("PATH")}`,
    VIRTUAL_ENV: venv,
    HOME: Deno.env.get("HOME") ?? "/tmp",
    LANG: "C.UTF-8",
    PYTHONDONTWRITEBYTECODE: "1",
    MYPY_CACHE_DIR: join(CACHE, "mypy", sha(venv)),
    ...extra,
  };
}

/** The lowest port of Linux's ephemeral range (32768 by default), which outgoing sockets use. */
function ephemeralLow(): number {
  try {
    const low = Number(
      Deno.readTextFileSync("/proc/sys/net/ipv4/ip_local_port_range").split(/\s+/)[0],
    );
    if (Number.isInteger(low) && low > 1024) return low;
  } catch {
    // not Linux
  }
  return 32_768;
}

/**
 * A port nothing listens on, below the ephemeral range. A port the kernel hands out (port 0) is
 * from that range, which every outgoing connection also draws from: a server stopped on purpose
 * (the fault tests kill Redis, restart PostgreSQL) could find its port taken by some client's
 * socket when it comes back, with dozens of tests running at once.
 */
export function freePort(): number {
  const high = ephemeralLow();
  const low = Math.max(1_025, high - 12_000);
  if (high - low < 1_000) {
    // an ephemeral range that starts low: a port from the kernel, as good as any
    const listener = Deno.listen({ hostname: "127.0.0.1", port: 0 });
    listener.close();
    return (listener.addr as Deno.NetAddr).port;
  }
  for (let tries = 0; tries < 200; tries++) {
    const port = low + Math.floor(Math.random() * (high - low));
    try {
      Deno.listen({ hostname: "127.0.0.1", port }).close();
      return port;
    } catch (error) {
      if (!(error instanceof Deno.errors.AddrInUse)) throw error;
    }
  }
  throw new Error(`no free port between ${low} and ${high} on 127.0.0.1`);
}

/** Polls a URL until it answers (any status) or the deadline passes. */
export async function waitForHttp(url: string, timeoutMs = 30_000): Promise<Response> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      return await fetch(url);
    } catch (error) {
      last = error;
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  throw new Error(`${url} did not answer within ${timeoutMs} ms: ${last}`);
}

/**
 * A background process (a server, a worker) in its own process group, with
 * its output in a log file. `make run` starts gunicorn as a grandchild, so
 * stopping signals the whole group, and no pipe is left for a surviving
 * grandchild to hold open.
 */
export class Background {
  #child: Deno.ChildProcess;
  #log: string;
  /**
   * After `terminate`: the milliseconds from the SIGTERM to the leader's exit, which is when a
   * container stops (its other processes go with PID 1); the group's cleanup is not counted.
   */
  stoppedInMs: number | undefined;

  constructor(cmd: string[], options: { cwd: string; env: Record<string, string> }) {
    this.#log = Deno.makeTempFileSync({ prefix: "pyscaffold-bg-", suffix: ".log" });
    this.#child = new Deno.Command("setsid", {
      args: ["sh", "-c", 'exec "$@" >"$BACKGROUND_LOG" 2>&1', "sh", ...cmd],
      cwd: options.cwd,
      env: { ...options.env, BACKGROUND_LOG: this.#log },
      stdout: "null",
      stderr: "null",
      stdin: "null",
    }).spawn();
  }

  #signalGroup(signal: Deno.Signal): void {
    try {
      // A negative pid signals the process group that setsid made.
      Deno.kill(-this.#child.pid, signal);
    } catch {
      // already gone
    }
  }

  /** What the group has written so far. */
  async output(): Promise<string> {
    return await Deno.readTextFile(this.#log).catch(() => "");
  }

  /**
   * Stops the server as Docker and Kubernetes do, SIGTERM to the leader alone (its workers hear
   * of it from the leader), SIGKILL after 10 s; then the group, as `stop`.
   */
  async terminate(lines = 60): Promise<string> {
    const start = performance.now();
    try {
      Deno.kill(this.#child.pid, "SIGTERM");
    } catch {
      // already gone
    }
    const timer = setTimeout(() => this.#signalGroup("SIGKILL"), 10_000);
    await this.#child.status;
    this.stoppedInMs = performance.now() - start;
    clearTimeout(timer);
    return await this.stop(lines);
  }

  /** Stops the group; returns the last `lines` lines of its output. */
  async stop(lines = 60): Promise<string> {
    this.#signalGroup("SIGTERM");
    const timer = setTimeout(() => this.#signalGroup("SIGKILL"), 10_000);
    await this.#child.status;
    // Children of the group may outlive the leader briefly.
    for (let i = 0; i < 40 && groupAlive(this.#child.pid); i++) {
      await new Promise((r) => setTimeout(r, 250));
    }
    this.#signalGroup("SIGKILL");
    clearTimeout(timer);
    const output = await Deno.readTextFile(this.#log).catch(() => "");
    await Deno.remove(this.#log).catch(() => {});
    return tail(output, lines);
  }
}

function groupAlive(pgid: number): boolean {
  try {
    Deno.kill(-pgid, "SIGCONT");
    return true;
  } catch {
    return false;
  }
}

export async function tempDir(prefix: string): Promise<string> {
  return await Deno.makeTempDir({ prefix: `pyscaffold-${prefix}-` });
}

/**
 * JSON request headers for a running generated server; with auth on, a user
 * is registered and logged in and its access token added.
 */
export async function apiHeaders(
  base: string,
  auth: boolean,
  email: string,
): Promise<Record<string, string>> {
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (!auth) return headers;
  const credentials = JSON.stringify({ email, password: "correct horse battery staple" });
  for (const [path, expected] of [["register", 201], ["login", 200]] as const) {
    const response = await fetch(`${base}/api/auth/${path}`, {
      method: "POST",
      headers,
      body: credentials,
    });
    const body = await response.json();
    if (response.status !== expected) {
      throw new Error(
        `${path}: expected ${expected}, got ${response.status} ${JSON.stringify(body)}`,
      );
    }
    if (path === "login") headers.authorization = `Bearer ${body.data.access_token}`;
  }
  return headers;
}

/**
 * A client that opens a fresh connection per request. With keep-alive, a
 * request can be written on a pooled connection at the moment the server
 * closes it as idle (hypercorn: keep_alive_timeout), and fetch fails with a
 * reset that says nothing about the server under test. Servers are checked
 * request by request here, so connection reuse buys nothing.
 */
export const FRESH_CONNECTIONS: Deno.HttpClient = Deno.createHttpClient({ poolMaxIdlePerHost: 0 });
