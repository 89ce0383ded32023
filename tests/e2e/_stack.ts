/**
 * The expensive end-to-end checks, on a spread of combinations that covers
 * every template: for each framework, all switches on, all off and two mixes.
 * Each case: generate → venv → install as a package → ruff → ruff format → mypy
 * → the project's own pytest against real PostgreSQL and Redis → alembic
 * upgrade head on a fresh database → the production server over HTTP → a real
 * Celery worker.
 *
 * One file per framework (stack_flask_e2e_test.ts, stack_quart_e2e_test.ts):
 * `deno test --parallel` runs files side by side, and tests within a file one
 * after another, so the two halves share the two cores instead of one long file
 * holding one of them to the end of the suite.
 *
 * mypy is left out on the all-switches-on case: tests/e2e/matrix_e2e_test.ts runs
 * the same mypy on the same combination in the same environment (its superset
 * environment is the all-on project's own). The other cases keep it here, in an
 * environment with exactly their own dependencies.
 */
import { assert, assertEquals } from "../_assert.ts";
import { join } from "node:path";
import {
  apiHeaders,
  Background,
  type Combo,
  comboFlags,
  comboName,
  databaseUrl,
  freePort,
  freshDatabase,
  generate,
  mypy,
  ok,
  psqlArgs,
  publicTables,
  run,
  servicesAvailable,
  sql,
  supported,
  tempDir,
  venvEnv,
  venvFor,
  waitForHttp,
} from "./_harness.ts";

/** The spread of one framework: all switches on, all off and two mixes. */
function spread(framework: Combo["framework"]): Combo[] {
  return [
    { framework, database: "postgresql", auth: true, cache: true, celery: true },
    { framework, database: "postgresql", auth: false, cache: false, celery: false },
    { framework, database: "postgresql", auth: true, cache: false, celery: true },
    { framework, database: "postgresql", auth: false, cache: true, celery: false },
  ];
}

function allOn(combo: Combo): boolean {
  return combo.auth && combo.cache && combo.celery;
}

/** The advisory locks taken in the database psql is connected to (pg_locks is the server's). */
const ADVISORY_LOCKS = "SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND " +
  "database = (SELECT oid FROM pg_database WHERE datname = current_database())";

/**
 * Registers the stack tests of one framework; Redis databases firstRedisDb to
 * firstRedisDb + 3 belong to them.
 */
export async function stackTests(
  framework: Combo["framework"],
  firstRedisDb: number,
): Promise<void> {
  const available = await servicesAvailable();
  let redisDb = firstRedisDb;
  for (const combo of spread(framework)) {
    await stackTest(combo, redisDb++, available);
  }
}

async function stackTest(combo: Combo, myRedisDb: number, available: boolean): Promise<void> {
  const name = comboName(combo);
  const isSupported = await supported(combo);
  // matrix_e2e_test.ts type-checks the all-on combination in this very environment
  const typeCheck = !allOn(combo);
  Deno.test({
    name: `e2e ${name}: lint, ${typeCheck ? "types, " : ""}own tests, migrations, server${
      combo.celery ? ", worker" : ""
    }`,
    ignore: !available || !isSupported,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async (t) => {
      const parent = await tempDir(name);
      const dir = join(parent, `e2e-${name}`);
      await generate(dir, comboFlags(combo));
      const venv = await venvFor(dir);
      await Deno.symlink(venv, join(dir, ".venv"));
      const redisUrl = `redis://127.0.0.1:6379/${myRedisDb}`;
      const env = venvEnv(venv);

      await t.step("the project installs as a package with its dev extra", async () => {
        // A real, fresh install (uv resolves from its cache): the build backend,
        // package discovery and the dev extra must all work, and the installed
        // package must import from outside the project directory.
        const installVenv = join(parent, "install-venv");
        await ok(["uv", "venv", "--quiet", "--python", "python3", installVenv]);
        const python = join(installVenv, "bin", "python");
        await ok(["uv", "pip", "install", "--quiet", "--python", python, "-e", ".[dev]"], {
          cwd: dir,
          timeoutMs: 900_000,
        });
        await ok([python, "-c", "import src, src.config; print(src.create_app.__name__)"], {
          cwd: parent,
        });
      });

      await t.step("ruff check and ruff format --check", async () => {
        await ok(["ruff", "check", "."], { cwd: dir, env });
        await ok(["ruff", "format", "--check", "."], { cwd: dir, env });
      });

      if (typeCheck) {
        await t.step("mypy (strict, from pyproject)", async () => {
          await mypy(dir, env);
        });
      }

      await t.step("the project's pytest suite against PostgreSQL and Redis", async () => {
        const db = await freshDatabase(`e2e_test_${name}`);
        const result = await ok(["python", "-m", "pytest", "-q", "-p", "no:cacheprovider"], {
          cwd: dir,
          env: {
            ...env,
            TEST_DATABASE_URL: await databaseUrl(dir, db),
            TEST_REDIS_URL: redisUrl,
          },
          timeoutMs: 900_000,
        });
        const summary = /(\d+) passed/.exec(result.stdout);
        assert(summary && Number(summary[1]) > 10, `too few tests ran:\n${result.stdout}`);
        assert(!/\d+ skipped/.test(result.stdout), `tests were skipped:\n${result.stdout}`);
        // A warning is fixed, or filtered in pyproject.toml with its reason: a user's first
        // `make test` shows none.
        assert(!/\d+ warnings?\b/.test(result.stdout), `warnings:\n${result.stdout}`);
      });

      const db = await freshDatabase(`e2e_run_${name}`);
      const serverEnv = {
        ...env,
        APP_ENV: "production",
        DATABASE_URL: await databaseUrl(dir, db),
        REDIS_URL: redisUrl,
        SECRET_KEY: crypto.randomUUID() + crypto.randomUUID(),
        JWT_SECRET_KEY: crypto.randomUUID() + crypto.randomUUID(),
        CORS_ORIGINS: "https://app.example.com",
        LOG_LEVEL: "WARNING",
      };

      const port = freePort();
      const base = `http://127.0.0.1:${port}`;
      const server = new Background(["make", "run"], {
        cwd: dir,
        // INFO: the server's own lines and the access log, all checked to be JSON at the end.
        // Two workers whatever the machine's cores: with auth, gunicorn's one hashing slot. The
        // login limit raised for the burst of logins below, all from this one address.
        env: {
          ...serverEnv,
          PORT: String(port),
          LOG_LEVEL: "INFO",
          WEB_CONCURRENCY: "2",
          LOGIN_RATE_LIMIT: "1000 per minute",
        },
      });
      // The worker boots while the server does and its HTTP checks run: the task is enqueued
      // after them, as before, without waiting for a boot that could overlap.
      const heartbeat = `${dir}/worker-heartbeat`;
      const worker = combo.celery
        ? new Background(["make", "worker"], {
          cwd: dir,
          // INFO: the task's result line, checked at the end.
          env: { ...serverEnv, WORKER_HEARTBEAT_FILE: heartbeat, LOG_LEVEL: "INFO" },
        })
        : undefined;
      try {
        await t.step(
          "before its migration the server is not ready, and a write is a 503",
          async () => {
            const live = await waitForHttp(`${base}/health/live`, 60_000);
            assertEquals(live.status, 200, await live.text());
            const ready = await fetch(`${base}/health/ready`);
            const readyBody = await ready.json();
            assertEquals(ready.status, 503, JSON.stringify(readyBody));
            assertEquals(readyBody.details.migrations, "behind");
            // The first write a client can make: a sign-up with auth, else a row.
            const [path, body] = combo.auth
              ? ["/api/auth/register", {
                email: "early@example.com",
                password: "a good long password",
              }]
              : ["/api/items", { name: "too early", quantity: 1 }];
            const write = await fetch(`${base}${path}`, {
              method: "POST",
              headers: { "Content-Type": "application/json" },
              body: JSON.stringify(body),
            });
            const writeBody = await write.json();
            assertEquals(write.status, 503, JSON.stringify(writeBody));
            assertEquals(writeBody.details, { migrations: "behind" });
            assert(write.headers.get("retry-after"), "a 503 without Retry-After");
          },
        );

        await t.step(
          "two alembic upgrade head at once: one waits for the other's lock",
          async () => {
            const envPy = await Deno.readTextFile(join(dir, "migrations", "env.py"));
            const key = /^MIGRATION_LOCK = ([\d_]+)$/m.exec(envPy)?.[1]?.replaceAll("_", "");
            assert(key, "migrations/env.py has no MIGRATION_LOCK");
            // Held here until both upgrades wait for it: neither may migrate before it is freed.
            // Freed by ending the holder's session in the server: a client killed mid-query
            // leaves its backend (and the lock) until the query ends.
            const holder = new Background(
              ["psql", ...psqlArgs(db), "-c", `SELECT pg_advisory_lock(${key}), pg_sleep(600)`],
              { cwd: dir, env: { ...env, PGAPPNAME: "e2e-lock-holder" } },
            );
            const release = () =>
              sql(
                db,
                "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity " +
                  `WHERE application_name = 'e2e-lock-holder' AND datname = '${db}'`,
              );
            try {
              let held = "0";
              for (let i = 0; i < 120 && held !== "1"; i++) {
                await new Promise((r) => setTimeout(r, 250));
                held = await sql(db, ADVISORY_LOCKS);
              }
              assertEquals(held, "1", "the holder did not take the lock");
              const upgrades = [1, 2].map(() =>
                ok(["alembic", "upgrade", "head"], { cwd: dir, env: serverEnv, timeoutMs: 180_000 })
              );
              let waiting = 0;
              for (let i = 0; i < 240 && waiting < 2; i++) {
                await new Promise((r) => setTimeout(r, 500));
                waiting = Number(
                  await sql(db, `${ADVISORY_LOCKS} AND NOT granted`),
                );
              }
              assertEquals(waiting, 2, "both upgrades wait for the lock");
              assertEquals(await publicTables(db), [], "a table was made while the lock was held");
              assertEquals(await release(), "1");
              await Promise.all(upgrades);
            } finally {
              await release();
              await holder.stop();
            }
            const names = await publicTables(db);
            assert(names.includes("items"), `items table missing: ${names}`);
            if (combo.auth) assert(names.includes("users"), `users table missing: ${names}`);
            assertEquals(await sql(db, "SELECT count(*) FROM alembic_version"), "1");
          },
        );

        await t.step("the production server answers over HTTP", async () => {
          const ready = await fetch(`${base}/health/ready`);
          const readyBody = await ready.json();
          assertEquals(ready.status, 200, JSON.stringify(readyBody));
          assertEquals(readyBody.data.migrations, "current");

          const headers = await apiHeaders(base, combo.auth, "e2e@example.com");
          if (combo.auth) {
            const anonymous = await fetch(`${base}/api/items`);
            assertEquals(anonymous.status, 401);
            assertEquals((await anonymous.json()).success, false);
          }
          const created = await fetch(`${base}/api/items`, {
            method: "POST",
            headers,
            body: JSON.stringify({ name: "over http", quantity: 3 }),
          });
          const createdBody = await created.json();
          assertEquals(created.status, 201, JSON.stringify(createdBody));
          const id = createdBody.data.id;
          const list = await fetch(`${base}/api/items?page=1&per_page=10`, { headers });
          const listBody = await list.json();
          assertEquals(list.status, 200, JSON.stringify(listBody));
          assertEquals(listBody.pagination.total, 1);
          const missing = await fetch(`${base}/api/items/999999`, { headers });
          assertEquals(missing.status, 404);
          assertEquals((await missing.json()).success, false);
          const removed = await fetch(`${base}/api/items/${id}`, { method: "DELETE", headers });
          assertEquals(removed.status, 200, await removed.text());
          const gone = await fetch(`${base}/api/items/${id}`, { headers });
          assertEquals(gone.status, 404);
          await gone.body?.cancel();
          assertEquals(
            (await fetch(`${base}/health/live`)).headers.get("x-content-type-options"),
            "nosniff",
          );

          if (combo.celery) {
            const enqueue = await fetch(`${base}/api/tasks/example`, {
              method: "POST",
              headers,
              body: JSON.stringify({ a: 2, b: 3 }),
            });
            const enqueueBody = await enqueue.json();
            assertEquals(enqueue.status, 202, JSON.stringify(enqueueBody));
            const taskId = enqueueBody.data.task_id;
            const deadline = Date.now() + 60_000;
            let status: { status?: string; result?: unknown } = {};
            while (Date.now() < deadline) {
              const res = await fetch(`${base}/api/tasks/${taskId}`, { headers });
              status = (await res.json()).data ?? {};
              if (status.status === "SUCCESS") break;
              await new Promise((r) => setTimeout(r, 500));
            }
            assertEquals(
              status.status,
              "SUCCESS",
              `task did not finish: ${JSON.stringify(status)}`,
            );
            assertEquals(status.result, 5);
            // The liveness probe's file: touched by the worker that ran the task.
            const age = Date.now() - ((await Deno.stat(heartbeat)).mtime?.getTime() ?? 0);
            assert(age < 60_000, `worker heartbeat is ${age} ms old`);
          }
        });
        if (combo.auth && combo.framework === "flask") {
          await t.step(
            "a burst of logins leaves a worker to the rest: beyond the hashing slots, while others wait, a login is 503 at once",
            async () => {
              // Two workers, one slot (gunicorn.conf.py): one login hashes; while connections
              // wait for a worker, the other refuses logins at once and answers readiness.
              const body = JSON.stringify({
                email: "e2e@example.com",
                password: "correct horse battery staple",
              });
              const logins = Array.from({ length: 24 }, () =>
                fetch(`${base}/api/auth/login`, {
                  method: "POST",
                  headers: { "content-type": "application/json" },
                  body,
                }));
              const ready = await fetch(`${base}/health/ready`);
              assertEquals(ready.status, 200, await ready.text());
              const answers = await Promise.all(
                (await Promise.all(logins)).map(async (r) => ({
                  status: r.status,
                  retryAfter: r.headers.get("retry-after"),
                  body: await r.json(),
                })),
              );
              const statuses = answers.map((a) => a.status).sort();
              assert(statuses[0] === 200, `no login got the slot: ${JSON.stringify(statuses)}`);
              assert(statuses.at(-1) === 503, `no login was refused: ${JSON.stringify(statuses)}`);
              for (const a of answers.filter((a) => a.status !== 200)) {
                assertEquals(
                  [a.status, a.retryAfter, a.body],
                  [503, "1", { success: false, error: "Service unavailable", details: null }],
                );
              }
            },
          );
        }
      } catch (error) {
        const serverLog = await server.stop();
        const workerLog = worker ? await worker.stop() : "";
        throw new Error(
          `${error instanceof Error ? error.message : error}\n--- server ---\n${serverLog}` +
            (worker ? `\n--- worker ---\n${workerLog}` : ""),
        );
      }
      // Both stopped before either is checked: a worker left running would take the next
      // project's tasks from the same Redis.
      const serverLog = await server.stop(Infinity);
      const workerLog = worker ? await worker.stop(Infinity) : "";
      if (worker) {
        // The task's outcome is in the worker's log (a process that built its app after Celery
        // replaced its stdout lost every line after it).
        assert(/Task \S+ succeeded/.test(workerLog), `no task result logged:\n${workerLog}`);
        // A stopped worker leaves no heartbeat that a probe could take for a live one.
        const left = await Deno.stat(heartbeat).then(() => true, () => false);
        assert(!left, `the stopped worker left its heartbeat file\n${workerLog}`);
      }
      assertJsonLog(serverLog, combo.framework === "flask" ? "gunicorn" : "hypercorn");
      await run(["rm", "-rf", parent]);
    },
  });
}

/**
 * The server's output, `make run`'s own lines aside: every line one JSON object, the server's
 * own (`gunicorn.error`, `hypercorn.error`) among them. Before 0.13.2 they were text on standard
 * error, and hypercorn's were written twice, as text and as JSON.
 */
function assertJsonLog(log: string, server: "gunicorn" | "hypercorn"): void {
  const lines = log.split("\n").filter((line) => line && !/^(\+ |make(\[\d+\])?: )/.test(line));
  const loggers = lines.map((line) => {
    let entry: { logger?: unknown; message?: unknown };
    try {
      entry = JSON.parse(line);
    } catch {
      throw new Error(`a line of the server's output is not JSON: ${line}\n--- server ---\n${log}`);
    }
    assert(typeof entry.message === "string", `no message: ${line}`);
    return entry.logger;
  });
  assert(loggers.includes(`${server}.error`), `no line of ${server} itself\n${log}`);
}
