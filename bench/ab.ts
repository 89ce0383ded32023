/**
 * One endpoint of a generated backend before and after a change, in interleaved pairs (not a
 * test). The full bench (bench/backends.ts) compares endpoints with their floors; on a shared
 * 2-core machine its figures move by ±20% between runs of the same code, more than a change of a
 * few percent. This puts the same request to the project of two pyscaffold commits in turn, each
 * server started afresh, and reports the server's CPU per request pair by pair: a change that is
 * real wins most pairs.
 *
 *   deno run -A bench/ab.ts --base REV [--framework flask|quart] [--endpoint hit|row|create|miss|health]
 *                           [--access owner|authenticated|public-read|admin | --no-auth]
 *                           [--together] [--pairs 9] [--seconds 10] [--warmup 3] [--connections 32]
 *
 * `--together`: each pair serves both projects at once and loads them at once (each its own
 * wrk with `--connections`), so that whatever else the machine does in that window weighs on
 * both alike; pairs in turn see the machine change between their halves (on a shared 2-core
 * machine, by more than a change of 5%). Each server then has half the machine: compare the
 * CPU per request, not the requests/s with a run in turn. Two workers each and 16 connections
 * each kept the pairs steadiest here (`WEB_CONCURRENCY=2 … --together --connections 16`).
 *
 * `--access`: the first module's policy (the bench's default is `owner`); under `public-read`
 * its reads are requested without a token, as a public client sends them. `--no-auth`: both
 * projects without auth (every module public, no token sent).
 *
 * "before" is the project `REV` generates (from a git worktree), "after" the one this checkout
 * generates, both with the bench's flags (PostgreSQL, auth, cache, Celery) and production
 * settings, on one database and Redis db (BENCH_REDIS_DB). Their migrations must be the same.
 */
import { join } from "node:path";
import { freePort, freshDatabase, generate, ok, PG, run, sql } from "../tests/e2e/_harness.ts";
import { flag, median, ROOT } from "./_common.ts";
import {
  APP_ENTRY,
  benchCopy,
  CREATE_SCRIPT,
  DB_PREFIX,
  measureRun,
  newSecrets,
  REDIS_DB,
  runCommand,
  seedRows,
  seedRowsOnly,
  seedUser,
  Server,
  serverEnv,
  type WrkFigures,
} from "./backends.ts";
import { PROJECT_FLAGS } from "./vs_tools.ts";
import { ACCESS_POLICIES } from "../src/choices/module_spec.ts";

type Framework = "flask" | "quart";

/** A side of the comparison: its generated project, settings and server command. */
interface Side {
  name: "before" | "after";
  dir: string;
  env: Record<string, string>;
  line: string;
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
  const noAuth = Deno.args.includes("--no-auth");
  const together = Deno.args.includes("--together");
  const access = noAuth ? "public" : option("access") ?? "owner";
  if (
    !base || !["flask", "quart"].includes(framework) || !Object.hasOwn(ENDPOINTS, endpoint) ||
    (noAuth
      ? option("access") !== undefined
      : !(ACCESS_POLICIES as readonly string[]).includes(access))
  ) {
    console.error(
      "usage: deno run -A bench/ab.ts --base REV [--framework flask|quart] " +
        `[--endpoint ${Object.keys(ENDPOINTS).join("|")}] ` +
        `[--access ${
          ACCESS_POLICIES.join("|")
        } | --no-auth] [--together] [--pairs 9] [--seconds 10]`,
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
  const db = `${DB_PREFIX}_ab_${framework}`;
  const servers: Server[] = [];
  try {
    await ok(["git", "-C", ROOT, "worktree", "add", "--detach", worktree, base]);
    const flags = noAuth
      ? PROJECT_FLAGS.map((f) => (f === "flask" ? framework : f === "--auth" ? "--no-auth" : f))
      : [...PROJECT_FLAGS.map((f) => (f === "flask" ? framework : f)), "--access", access];
    // One set of secrets for both sides, so that one token works on either.
    const secrets = newSecrets();
    const sides: Side[] = [];
    for (const [name, root] of [["before", worktree], ["after", ROOT]] as const) {
      const dir = join(parent, name, "benchsvc");
      await Deno.mkdir(join(parent, name));
      await generate(dir, flags, root);
      const env = await serverEnv(await benchCopy(framework, dir), dir, db, secrets);
      sides.push({ name, dir, env, line: await runCommand(framework, dir, env) });
    }
    const [before, after] = sides;
    const [old, now] = [await migrations(before.dir), await migrations(after.dir)];
    if (old.size !== now.size || [...now].some(([name, text]) => old.get(name) !== text)) {
      throw new Error("the two projects' migrations differ: compare them with bench/backends.ts");
    }
    await freshDatabase(db);
    await ok(["redis-cli", "-n", REDIS_DB, "flushdb"]);
    await ok(["alembic", "upgrade", "head"], { cwd: after.dir, env: after.env });
    const start = async (side: Side, app: string) => {
      const line = side.line.replace(APP_ENTRY[framework], app);
      const log = join(parent, `${side.name}.log`);
      const server = new Server(line, side.dir, side.env, freePort(), log);
      servers.push(server);
      await server.ready("/health/live");
      return server;
    };
    const server = await start(after, APP_ENTRY[framework]);
    let token: string | undefined;
    if (noAuth) await seedRows(server.base);
    else token = await seedUser(server.base);
    await server.stop();
    const script = join(parent, "create.lua");
    await Deno.writeTextFile(script, CREATE_SCRIPT);
    // A public-read module's reads go without a token, as a public client sends them.
    const tokenless = noAuth || endpoint === "health" ||
      (access === "public-read" && !target.create);
    const extra = {
      token: tokenless ? undefined : token,
      script: target.create ? script : undefined,
    };
    const app = target.miss ? "src.bench_miss:app" : APP_ENTRY[framework];
    const figures: Record<Side["name"], { rps: number; cpuUs: number }[]> = {
      before: [],
      after: [],
    };
    console.log(
      `${framework} ${endpoint} (${target.path}, access ${access}${
        tokenless ? ", no token" : ""
      }): ` +
        `${options.pairs} pairs, ${options.seconds} s each${together ? ", both at once" : ""}`,
    );
    /** One run of each side: both at once (`--together`), or one after the other. */
    const measurePair = async (pair: number): Promise<[Side, WrkFigures][]> => {
      const url = (s: Server) => `${s.base}${target.path}`;
      if (together) {
        await seedRowsOnly(db);
        const both = [await start(before, app), await start(after, app)];
        const results = await Promise.all(both.map((s) => measureRun(s, url(s), options, extra)));
        for (const s of both) await s.stop();
        return sides.map((side, i) => [side, results[i]]);
      }
      // Alternate who goes first, so that a drift of the machine's load favours neither.
      const measured: [Side, WrkFigures][] = [];
      for (const side of pair % 2 === 0 ? [before, after] : [after, before]) {
        await seedRowsOnly(db);
        const server = await start(side, app);
        measured.push([side, await measureRun(server, url(server), options, extra)]);
        await server.stop();
      }
      return measured;
    };
    for (let pair = 0; pair < options.pairs; pair++) {
      const row: string[] = [];
      for (const [side, result] of await measurePair(pair)) {
        if (result.bad > 0 || result.socketErrors > 0) {
          throw new Error(
            `${side.name}: ${result.bad} non-2xx, ${result.socketErrors} socket errors`,
          );
        }
        figures[side.name].push({ rps: result.rps, cpuUs: result.cpuUs });
        row.push(`${side.name} ${result.rps.toFixed(0)} req/s ${result.cpuUs.toFixed(0)} µs`);
      }
      console.log(`  pair ${pair + 1}: ${row.join(", ")}`);
    }
    const lower = figures.after.filter((a, i) => a.cpuUs < figures.before[i].cpuUs).length;
    const med = (side: Side["name"], key: "rps" | "cpuUs") =>
      median(figures[side].map((f) => f[key]));
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
