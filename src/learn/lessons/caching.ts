import { md } from "../_markdown.ts";
import type { Lesson } from "../_types.ts";

export const caching: Lesson = {
  id: "caching",
  title: "Caching reads in Redis, and invalidating them on writes",
  summary:
    "cache-aside with Redis: faster reads, writes that invalidate, Redis down is not an outage",
  problem: () =>
    md`
    Most APIs read far more than they write, and many reads ask the same question again and again.
    Each one costs a database round trip and a query. A cache answers repeated reads from memory —
    but a cache that is not told about writes serves stale data, and a cache that fails must not
    take the API down with it.
  `,
  how: (c) =>
    md`
    The services use **cache-aside**: on a read, look in Redis; on a miss, query the database,
    store the serialised result with a time-to-live (\`CACHE_TTL_SECONDS\`, default 60) and return
    it. Entries are keyed per row and per list page, with the project's name as prefix so several
    apps can share a Redis.

    **Invalidation by generation.** Each resource has a generation counter in Redis, and every
    cache key contains the current generation (\`${c.m.table}:3:list:1:20\` is page 1, 20 per
    page, of generation 3). A write — create,
    update, delete — increments the counter once its transaction has committed. From then on every
    reader computes keys with the new generation, so all the resource's cached rows and pages are
    bypassed at once, without looking for keys to delete (Redis's \`KEYS\` and \`SCAN\` would be
    slow on a big cache). The old entries are never read again and expire with their TTL.

    ${
      c.flask
        ? "On Flask the cache is Flask-Caching with its `RedisCache` backend, configured from " +
          "`REDIS_URL` in the factory; `ResourceCache` in `src/extensions.py` adds the generation " +
          "keys and the error handling."
        : "On Quart the cache uses `redis.asyncio` directly, so waiting on Redis never blocks the " +
          "event loop: `ResourceCache` in `src/extensions.py` adds the generation keys and the " +
          "error handling over a Redis client of its own (`CACHE_REDIS_URL`, by default " +
          "`REDIS_URL`), opened when the server starts serving and closed when it stops."
    }

    **Redis down is not an outage.** Cache errors are caught and logged, and the request is served
    from the database; \`/health/ready\` reports \`"redis": "down"\` so that monitoring notices.
    ${
      c.auth
        ? "The token blocklist is different: it lives in Redis too, and it is not a cache — " +
          "losing it would un-revoke tokens. Treat Redis persistence and availability accordingly."
        : ""
    }
  `,
  tradeoffs: () =>
    md`
    - **There is a race.** A reader can load a row, a writer can then commit and bump the
      generation, and the reader can store the row it loaded — now stale — under the new
      generation. It stays stale until its TTL expires or the next write. The TTL is the bound on
      staleness; keep it short for data that must be fresh.
    - **Invalidate after commit, not before.** Invalidating before the transaction commits lets a
      concurrent reader refill the cache with the old data.
    - **Whole-resource invalidation is coarse.** Any write bypasses every cached page of the
      resource. That is simple and correct; for write-heavy tables it also means the cache rarely
      hits, and caching them may not be worth it.
    - **Per-user data needs per-user keys.** A cached response that depends on who asks must have
      the user in the key, or one user sees another's data.
    - **Cache serialised data, not ORM objects.** Objects bound to a session cannot be reused
      across requests.
    - **Stampedes.** When a hot key expires, many requests miss at once and all query the
      database. For very hot keys, lock or refresh early.
    - **Measure first.** A cache adds a service, failure modes and staleness. Indexes and better
      queries often give the same gain with none of that.
  `,
  excerpts: [
    {
      caption: "Generation keys, and errors that never reach the request.",
      path: "src/extensions.py",
      locator: { class: "ResourceCache" },
      when: (s) => s.cache && s.framework === "flask",
    },
    {
      caption: "Generation keys over `redis.asyncio`, and errors that never reach the request.",
      path: "src/extensions.py",
      locator: { class: "ResourceCache" },
      when: (s) => s.cache && s.framework === "quart",
    },
    {
      caption: "A cached read in your module's service.",
      path: "src/{module}/{module}_service.py",
      locator: { def: "{Class}Service.get" },
      when: (s) => s.cache,
    },
    {
      caption: "Every write ends here: commit, then invalidate.",
      path: "src/{module}/{module}_service.py",
      locator: { def: "{Class}Service._commit" },
      when: (s) => s.cache,
    },
  ],
  feature: "cache",
  related: ["jwt-auth", "repository-pattern"],
};
