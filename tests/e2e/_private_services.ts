/**
 * Private PostgreSQL and Redis instances for the fault tests: they are
 * stopped and restarted on purpose, so they must never be the machine's
 * shared services (5432, 6379), which other tests and people are using.
 * Each instance listens on a free port of 127.0.0.1 and lives in a temporary
 * directory that `stop()` removes.
 */
import { join } from "node:path";
import { freePort, ok, type PG, run } from "./_harness.ts";

const IS_ROOT = Deno.uid() === 0;

/** Runs a PostgreSQL server binary as the `postgres` user when we are root (it refuses root). */
function asPostgres(cmd: string[]): string[] {
  return IS_ROOT ? ["runuser", "-u", "postgres", "--", ...cmd] : cmd;
}

async function postgresBin(): Promise<string> {
  const which = await run(["sh", "-c", "command -v initdb"]);
  if (which.code === 0 && which.stdout.trim()) {
    return (await Deno.realPath(which.stdout.trim())).replace(/\/initdb$/, "");
  }
  const versions: string[] = [];
  try {
    for await (const e of Deno.readDir("/usr/lib/postgresql")) versions.push(e.name);
  } catch {
    // none
  }
  versions.sort((a, b) => Number(b) - Number(a));
  if (versions.length === 0) throw new Error("initdb not found: install the PostgreSQL server");
  return `/usr/lib/postgresql/${versions[0]}/bin`;
}

export class PrivatePostgres {
  readonly pg: typeof PG;
  #dir: string;
  #bin: string;

  private constructor(dir: string, bin: string, port: number) {
    this.#dir = dir;
    this.#bin = bin;
    this.pg = { host: "127.0.0.1", port, user: "postgres" };
  }

  static async start(): Promise<PrivatePostgres> {
    const bin = await postgresBin();
    const dir = await Deno.makeTempDir({ prefix: "pyscaffold-pg-" });
    if (IS_ROOT) await ok(["chown", "postgres:postgres", dir]);
    const instance = new PrivatePostgres(dir, bin, freePort());
    await ok(
      asPostgres([
        join(bin, "initdb"),
        "-D",
        join(dir, "data"),
        "-U",
        "postgres",
        "--auth=trust",
        "--no-sync",
        "-E",
        "UTF8",
      ]),
    );
    await instance.#pgCtl("start");
    return instance;
  }

  async #pgCtl(action: "start" | "restart" | "stop", mode = "fast"): Promise<void> {
    const options = `-p ${this.pg.port} -k ${this.#dir} -c listen_addresses=127.0.0.1 ` +
      `-c fsync=off -c max_connections=200`;
    const args = [join(this.#bin, "pg_ctl"), "-D", join(this.#dir, "data"), "-w", "-t", "60"];
    if (action === "stop") args.push("-m", mode, "stop");
    else args.push("-o", options, "-l", join(this.#dir, "log"), action);
    if (action === "restart") args.splice(args.length - 1, 0, "-m", mode);
    await ok(asPostgres(args), { cwd: this.#dir });
  }

  /** Restart with open connections cut (`-m fast`), as an orchestrator would. */
  async restart(): Promise<void> {
    await this.#pgCtl("restart");
  }

  async stop(): Promise<void> {
    await this.#pgCtl("stop", "immediate").catch(() => {});
    await Deno.remove(this.#dir, { recursive: true }).catch(() => {});
  }
}

export class PrivateRedis {
  readonly port: number;
  #child?: Deno.ChildProcess;

  private constructor(port: number) {
    this.port = port;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}/0`;
  }

  static async start(): Promise<PrivateRedis> {
    const redis = new PrivateRedis(freePort());
    await redis.resume();
    return redis;
  }

  /** (Re)starts the server on the same port, empty. */
  async resume(): Promise<void> {
    this.#child = new Deno.Command("redis-server", {
      args: [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
      ],
      stdout: "null",
      stderr: "null",
      stdin: "null",
    }).spawn();
    const deadline = Date.now() + 10_000;
    while (Date.now() < deadline) {
      if ((await run(["redis-cli", "-p", String(this.port), "ping"])).stdout.includes("PONG")) {
        return;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`private redis on ${this.port} did not start`);
  }

  /** Kills the server outright, as a crash would. */
  async stop(): Promise<void> {
    if (!this.#child) return;
    try {
      this.#child.kill("SIGKILL");
    } catch {
      // gone
    }
    await this.#child.status;
    this.#child = undefined;
  }
}
