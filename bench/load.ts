/**
 * Load on generated backends: for each supported framework, a project with
 * every feature on runs its production server config (`make run`: gunicorn
 * for Flask, hypercorn for Quart) against a private PostgreSQL and Redis, and
 * takes 60 s at 64 connections on an authenticated list endpoint and on the
 * liveness probe. Prints requests, rate, latency, non-2xx/3xx answers and
 * socket errors; exits 1 when any answer or socket failed.
 *
 *   deno task bench:load                       60 s per endpoint
 *   deno run -A bench/load.ts --seconds 20 --connections 128
 *
 * The test suite runs the same check for 10 s (tests/e2e/attacks_e2e_test.ts).
 */
import { type Combo, supported } from "../tests/e2e/_harness.ts";
import { PrivatePostgres, PrivateRedis } from "../tests/e2e/_private_services.ts";
import {
  Client,
  formatLoad,
  load,
  type RunningProject,
  startProject,
} from "../tests/e2e/_reliability.ts";

function flag(name: string, fallback: number): number {
  const i = Deno.args.indexOf(`--${name}`);
  return i >= 0 ? Number(Deno.args[i + 1]) : fallback;
}

const seconds = flag("seconds", 60);
const connections = flag("connections", 64);
let failed = false;

for (const framework of ["flask", "quart"] as const) {
  const combo: Combo = { framework, database: "postgresql", auth: true, cache: true, celery: true };
  if (!(await supported(combo))) {
    console.log(`${framework}: not supported yet, skipped`);
    continue;
  }
  const pg = await PrivatePostgres.start();
  const redis = await PrivateRedis.start();
  let project: RunningProject | undefined;
  try {
    project = await startProject(combo, { pg: pg.pg, redisUrl: redis.url });
    const api = new Client(project.base);
    const body = { email: "bench@example.com", password: "correct horse battery staple" };
    await api.call("POST", "/api/auth/register", { body });
    const login = await api.call("POST", "/api/auth/login", { body });
    api.token = login.json.data.access_token;
    for (let i = 0; i < 50; i++) {
      await api.call("POST", "/api/items", { body: { name: `bench ${i}`, quantity: i } });
    }
    for (
      const [label, path, headers] of [
        ["GET /api/items (auth, cache)", "/api/items?page=1&per_page=20", {
          authorization: `Bearer ${api.token}`,
        }],
        ["GET /health/live", "/health/live", {}],
      ] as const
    ) {
      const f = await load(project.base + path, { seconds, connections, headers });
      console.log(formatLoad(`${framework} ${label}`, f));
      if (f.bad > 0 || f.socketErrors > 0 || f.requests === 0) failed = true;
    }
  } finally {
    await project?.stop();
    await redis.stop();
    await pg.stop();
  }
}
Deno.exit(failed ? 1 : 0);
