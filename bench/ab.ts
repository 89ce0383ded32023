/**
 * One endpoint of a generated backend before and after a change, in interleaved pairs (not a
 * test). The full bench (bench/backends.ts) compares endpoints with their floors; on a shared
 * 2-core machine its figures move by ±20% between runs of the same code, more than a change of a
 * few percent. This puts the same request to the project of two pyscaffold commits in turn, each
 * server started afresh, and reports the server's CPU per request pair by pair: a change that is
 * real wins most pairs.
 *
 *   deno run -A bench/ab.ts --base REV [--framework flask|quart] [--endpoint hit|row|create|miss|health]
 *                           [--pairs 9] [--seconds 10] [--warmup 3] [--connections 32]
 *
 * "before" is the project `REV` generates (from a git worktree), "after" the one this checkout
 * generates, both with the bench's flags (PostgreSQL, auth, cache, Celery) and production
 * settings, on one database and Redis db (BENCH_REDIS_DB). Their migrations must be the same.
 */
import { join } from "node:path";
import { freePort, freshDatabase, ok, PG, run, sql } from "../tests/e2e/_harness.ts";
import { flag, median, ROOT } from "./_common.ts";
import {
  APP_ENTRY,
  benchCopy,
  call,
  CREATE_SCRIPT,
  ROWS,
  runCommand,
  Server,
  serverEnv,
  treeCpuMs,
  wrk,
} from "./backends.ts";
import { PROJECT_FLAGS } from "./vs_tools.ts";

type Framework = "flask" | "quart";

/** A side of the comparison: its generated project and virtual environment. */
interface Side {
  name: "before" | "after";
  root: string;
  dir: string;
  venv: string;
}

/** What each `--endpoint` requests, and from which app (the miss app reads through the cache). */
const ENDPOINTS = {
  hit: { path: "/api/items?page=1&per_page=20", create: false, miss: false },
  row: { path: "/api/items/1", create: false, miss: false },
  create: { path: "/api/items", create: true, miss: false },
  miss: { path: "/api/items?page=1&per_page=20", create: false, miss: true },
  health: { path: "/health/live", create: false, miss: false },
} as const;

function option(name: string): string | undefined {
  const at = Deno.args.indexOf(`--${name}`);
  return at >= 0 ? Deno.args[at + 1] : undefined;
}

/** The files of a project's migrations/versions, by name. */
async function migrations(dir: string): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const entry of Deno.readDir(join(dir, "migrations", "versions"))) {
    if (entry.isFile && entry.name.endsWith(".py")) {
      files.set(
        entry.name,
        await Deno.readTextFile(join(dir, "migrations", "versions", entry.name)),
      );
    }
  }
  return files;
}

async function main(): Promise<number> {
  const base = option("base");
  const framework = (option("framework") ?? "quart") as Framework;
  const endpoint = (option("endpoint") ?? "hit") as keyof typeof ENDPOINTS;
  if (!base || !["flask", "quart"].includes(framework) || !Object.hasOwn(ENDPOINTS, endpoint)) {
    console.error(
      "usage: deno run -A bench/ab.ts --base REV [--framework flask|quart] " +
        `[--endpoint ${Object.keys(ENDPOINTS).join("|")}] [--pairs 9] [--seconds 10]`,
    );
    return 2;
  }
  const options = {
    pairs: flag("pairs", 9),
    seconds: flag("seconds", 10),
    warmup: flag("warmup", 3),
    connections: flag("connections", 32),
  };
  const target = ENDPOINTS[endpoint];
  const parent = await Deno.makeTempDir({ prefix: `pyscaffold-ab-${framework}-` });
  const worktree = join(parent, "base");
  const db = `${Deno.env.get("BENCH_DB_PREFIX") ?? "bench"}_ab_${framework}`;
  const servers: Server[] = [];
  try {
    await ok(["git", "-C", ROOT, "worktree", "add", "--detach", worktree, base]);
    const sides = [
      { name: "before" as const, root: worktree, dir: join(parent, "before", "benchsvc") },
      { name: "after" as const, root: ROOT, dir: join(parent, "after", "benchsvc") },
    ];
    const flags = PROJECT_FLAGS.map((f) => (f === "flask" ? framework : f));
    const prepared: Side[] = [];
    for (const side of sides) {
      await Deno.mkdir(join(side.dir, ".."), { recursive: true });
      await ok([
        Deno.execPath(),
        "run",
        "-A",
        join(side.root, "main.ts"),
        "new",
        side.dir,
        "--yes",
        ...flags,
      ]);
      const venv = await benchCopy(framework, side.dir);
      prepared.push({ ...side, venv });
    }
    const [before, after] = prepared;
    const [old, now] = [await migrations(before.dir), await migrations(after.dir)];
    if (old.size !== now.size || [...now].some(([name, text]) => old.get(name) !== text)) {
      throw new Error("the two projects' migrations differ: compare them with bench/backends.ts");
    }
    await freshDatabase(db);
    const redisDb = Deno.env.get("BENCH_REDIS_DB") ?? "7";
    await ok(["redis-cli", "-n", redisDb, "flushdb"]);
    // One set of secrets for both sides, so that the token works on either.
    const shared = await serverEnv(after.venv, after.dir, db);
    const envs = new Map<string, Record<string, string>>();
    const lines = new Map<string, string>();
    for (const side of prepared) {
      const own = await serverEnv(side.venv, side.dir, db);
      const env = { ...own, SECRET_KEY: shared.SECRET_KEY, JWT_SECRET_KEY: shared.JWT_SECRET_KEY };
      envs.set(side.name, env);
      lines.set(side.name, await runCommand(framework, side.dir, env));
    }
    await ok(["alembic", "upgrade", "head"], { cwd: after.dir, env: envs.get("after") });
    const entry = target.miss ? "src.bench_miss:app" : APP_ENTRY[framework];
    const start = async (side: Side, app: string) => {
      const port = freePort();
      const line = lines.get(side.name)!.replace(APP_ENTRY[framework], app);
      const env = envs.get(side.name)!;
      const server = new Server(line, side.dir, env, port, join(parent, `${side.name}.log`));
      servers.push(server);
      await server.ready("/health/live");
      return server;
    };
    // The user and the rows, once.
    const creds = { email: "bench@example.com", password: "correct horse battery staple" };
    let server = await start(after, APP_ENTRY[framework]);
    await call(server.base, "POST", "/api/auth/register", creds);
    const token: string = (await call(server.base, "POST", "/api/auth/login", creds)).data
      .access_token;
    for (let i = 0; i < ROWS; i++) {
      await call(server.base, "POST", "/api/items", { name: `row ${i}`, quantity: i }, token);
    }
    await server.stop();
    const script = join(parent, "create.lua");
    await Deno.writeTextFile(script, CREATE_SCRIPT);
    const extra = {
      token: endpoint === "health" ? undefined : token,
      script: target.create ? script : undefined,
    };
    const figures: Record<string, { rps: number; cpuUs: number }[]> = { before: [], after: [] };
    console.log(
      `${framework} ${endpoint} (${target.path}): ${options.pairs} pairs, ${options.seconds} s each`,
    );
    for (let pair = 0; pair < options.pairs; pair++) {
      // Alternate who goes first, so that a drift of the machine's load favours neither.
      const order = pair % 2 === 0 ? [before, after] : [after, before];
      const row: string[] = [];
      for (const side of order) {
        // Each run over the seed rows only, as in bench/backends.ts.
        await sql(db, `DELETE FROM items WHERE id > ${ROWS}`);
        await sql(db, "VACUUM ANALYZE items");
        server = await start(side, entry);
        const url = `${server.base}${target.path}`;
        await wrk(url, { ...options, ...extra, seconds: options.warmup });
        const cpuBefore = await treeCpuMs(server.pid);
        const result = await wrk(url, { ...options, ...extra });
        const cpuUs = ((await treeCpuMs(server.pid)) - cpuBefore) * 1000 / result.requests;
        await server.stop();
        if (result.bad > 0 || result.socketErrors > 0) {
          throw new Error(
            `${side.name}: ${result.bad} non-2xx, ${result.socketErrors} socket errors`,
          );
        }
        figures[side.name].push({ rps: result.rps, cpuUs });
        row.push(`${side.name} ${result.rps.toFixed(0)} req/s ${cpuUs.toFixed(0)} µs`);
      }
      console.log(`  pair ${pair + 1}: ${row.join(", ")}`);
    }
    const lower = figures.after.filter((a, i) => a.cpuUs < figures.before[i].cpuUs).length;
    const med = (side: string, key: "rps" | "cpuUs") => median(figures[side].map((f) => f[key]));
    console.log(
      `\nCPU per request, median: before ${med("before", "cpuUs").toFixed(0)} µs, after ${
        med("after", "cpuUs").toFixed(0)
      } µs; lower after in ${lower} of ${options.pairs} pairs.\n` +
        `requests/s, median: before ${med("before", "rps").toFixed(0)}, after ${
          med("after", "rps").toFixed(0)
        }.`,
    );
    return 0;
  } finally {
    for (const s of servers) await s.stop().catch(() => {});
    await sql("postgres", `DROP DATABASE IF EXISTS ${db} WITH (FORCE)`, PG).catch(() => {});
    await run(["git", "-C", ROOT, "worktree", "remove", "--force", worktree]);
    await Deno.remove(parent, { recursive: true }).catch(() => {});
  }
}

if (import.meta.main) Deno.exit(await main());
