/**
 * Generated backends with real faults, under load: Redis is killed (reads go
 * on from the database, /health/ready names Redis down and stays ready, the Celery enqueue
 * answers 503 in the envelope) and comes back; PostgreSQL is restarted (the
 * connection pool recovers; no error outlives the restart).
 *
 * The services that fail here are private instances on free ports, never the
 * machine's shared PostgreSQL and Redis.
 */
import { assert, assertEquals } from "../_assert.ts";
import { type Combo, servicesAvailable, supported } from "./_harness.ts";
import { PrivatePostgres, PrivateRedis } from "./_private_services.ts";
import { assertEnvelopeError, Client, type RunningProject, startProject } from "./_reliability.ts";

const available = await servicesAvailable();

interface Sample {
  at: number;
  status: number; // 0: no answer (socket error)
  envelope: boolean;
  retryAfter: string | null;
}

/** Requests from `workers` concurrent loops until stopped; every answer is kept with its time. */
function background(
  base: string,
  requests: () => { method: string; path: string; body?: unknown },
  workers = 8,
) {
  const samples: Sample[] = [];
  let running = true;
  const loop = async () => {
    while (running) {
      const { method, path, body } = requests();
      const at = performance.now();
      try {
        const res = await fetch(base + path, {
          method,
          headers: body ? { "content-type": "application/json" } : {},
          body: body ? JSON.stringify(body) : undefined,
          signal: AbortSignal.timeout(15_000),
        });
        const text = await res.text();
        let envelope = false;
        try {
          envelope = typeof JSON.parse(text).success === "boolean";
        } catch {
          // not JSON
        }
        samples.push({
          at,
          status: res.status,
          envelope,
          retryAfter: res.headers.get("retry-after"),
        });
      } catch {
        samples.push({ at, status: 0, envelope: false, retryAfter: null });
        await new Promise((r) => setTimeout(r, 50));
      }
    }
  };
  const loops = Array.from({ length: workers }, loop);
  return {
    samples,
    stop: async () => {
      running = false;
      await Promise.all(loops);
      return samples;
    },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function describe(samples: Sample[]): string {
  const counts: Record<string, number> = {};
  for (const s of samples) counts[s.status] = (counts[s.status] ?? 0) + 1;
  return JSON.stringify(counts);
}

for (const framework of ["flask", "quart"] as const) {
  const combo: Combo = {
    framework,
    database: "postgresql",
    auth: false,
    cache: true,
    celery: true,
  };
  Deno.test({
    name: `faults ${framework}: Redis killed and PostgreSQL restarted under load`,
    ignore: !available || !(await supported(combo)),
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async (t) => {
      const pg = await PrivatePostgres.start();
      const redis = await PrivateRedis.start();
      let project: RunningProject | undefined;
      const steps: boolean[] = [];
      const figures = { faults: 0, requests: 0, errorsDuringFaults: 0, lastingErrors: 0 };
      try {
        project = await startProject(combo, { pg: pg.pg, redisUrl: redis.url });
        const base = project.base;
        const api = new Client(base);
        const ids: number[] = [];
        for (let i = 0; i < 20; i++) {
          const r = await api.call("POST", "/api/items", {
            body: { name: `item ${i}`, quantity: i },
          });
          assertEquals(r.status, 201, r.text);
          ids.push(r.json.data.id);
        }
        const read = () =>
          Math.random() < 0.5
            ? { method: "GET", path: `/api/items?page=${1 + Math.floor(Math.random() * 3)}` }
            : { method: "GET", path: `/api/items/${ids[Math.floor(Math.random() * ids.length)]}` };

        steps.push(
          await t.step(
            "Redis killed under load: reads go on, ready says down, enqueue 503",
            async () => {
              const traffic = background(base, read);
              await sleep(1500);
              await redis.stop();
              figures.faults++;
              await sleep(1000);
              // Ready still (every replica shares Redis), Redis named down for monitoring.
              const ready = await api.call("GET", "/health/ready");
              assertEquals(ready.status, 200, ready.text);
              assert(/"redis":\s*"down"/.test(ready.text), `Redis not named down: ${ready.text}`);
              assert(/"database":\s*"ok"/.test(ready.text), `database not ok: ${ready.text}`);
              const asked = performance.now();
              const enqueue = await api.call("POST", "/api/tasks/example", {
                body: { a: 1, b: 2 },
              });
              const waited = performance.now() - asked;
              assertEquals(enqueue.status, 503, enqueue.text);
              assertEnvelopeError(enqueue, "enqueue with the broker down");
              // Fails fast, not after Celery's own reconnect loop (20 tries a second apart); the
              // bound is loose on purpose: a hang, not a speed, is what it catches.
              assert(waited < 8_000, `enqueue with the broker down took ${waited.toFixed(0)} ms`);
              await sleep(2500);
              const samples = await traffic.stop();
              figures.requests += samples.length + 2;
              const failed = samples.filter((s) => s.status !== 200);
              figures.errorsDuringFaults += failed.length;
              assert(samples.length > 50, `too little traffic: ${samples.length}`);
              assertEquals(failed.length, 0, `reads failed with Redis down: ${describe(samples)}`);

              await redis.resume();
              const deadline = Date.now() + 20_000;
              const redisOk = (answer: { text: string }) => /"redis":\s*"ok"/.test(answer.text);
              let back = await api.call("GET", "/health/ready");
              while (!redisOk(back) && Date.now() < deadline) {
                await sleep(500);
                back = await api.call("GET", "/health/ready");
              }
              assert(back.status === 200 && redisOk(back), `Redis back, ready says: ${back.text}`);
              const again = await api.call("POST", "/api/tasks/example", { body: { a: 1, b: 2 } });
              assertEquals(again.status, 202, again.text);
            },
          ),
        );

        steps.push(
          await t.step("PostgreSQL restarted under load: the pool recovers", async () => {
            let n = 0;
            const mixed = () =>
              ++n % 4 === 0
                ? { method: "POST", path: "/api/items", body: { name: `load ${n}`, quantity: n } }
                : read();
            const traffic = background(base, mixed);
            await sleep(1500);
            const restartStarted = performance.now();
            await pg.restart();
            figures.faults++;
            const restarted = performance.now();
            // Give the pool one beat to notice; after that nothing may fail.
            await sleep(2000);
            const settled = performance.now();
            await sleep(4000);
            const samples = await traffic.stop();
            figures.requests += samples.length;
            const during = samples.filter((s) => s.at >= restartStarted && s.at < settled);
            const after = samples.filter((s) => s.at >= settled);
            const failedDuring = during.filter((s) => s.status < 200 || s.status >= 300);
            figures.errorsDuringFaults += failedDuring.length;
            const lasting = after.filter((s) => s.status < 200 || s.status >= 300);
            figures.lastingErrors += lasting.length;
            // During the restart an error is fine, but it must be the contract's: 503 in the
            // envelope with Retry-After (the database is unreachable), never a 500.
            for (const s of failedDuring) {
              assert(
                s.status === 503 && s.envelope && s.retryAfter !== null,
                `bad answer during restart: ${describe(during)}`,
              );
            }
            assert(after.length > 50, `too little traffic after the restart: ${after.length}`);
            assertEquals(
              lasting.length,
              0,
              `errors after the restart (${(restarted - restartStarted).toFixed(0)} ms): ` +
                describe(after),
            );
            const ready = await api.call("GET", "/health/ready");
            assertEquals(ready.status, 200, ready.text);
          }),
        );
        console.log(
          `faults ${framework}: ${figures.faults} faults injected, ${figures.requests} requests ` +
            `under fault, ${figures.errorsDuringFaults} errors while a service was down ` +
            `(all in the envelope), ${figures.lastingErrors} after recovery`,
        );
        // A failed step has printed its error; the server's log tells why.
        if (steps.includes(false)) throw new Error("a step failed");
      } catch (error) {
        const log = project ? await project.stop() : "";
        project = undefined;
        throw new Error(`${error instanceof Error ? error.stack : error}\n--- server ---\n${log}`);
      } finally {
        await project?.stop();
        await redis.stop();
        await pg.stop();
      }
    },
  });
}
