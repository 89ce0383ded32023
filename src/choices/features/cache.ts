/** Redis caching of reads, invalidated by writes. */
import { HIREDIS } from "../dependencies.ts";
import { type ConfirmQuestion, yesNo } from "../questions.ts";

export const cacheQuestion: ConfirmQuestion<"cache"> = {
  id: "cache",
  kind: "confirm",
  flag: "--cache",
  message: "Add Redis caching?",
  label: "Redis caching",
  help: "Redis cache for reads, invalidated by writes",
  explanation:
    "Reads of resource lists and single rows are cached in Redis and invalidated by every " +
    "write. If Redis goes down, requests are served from the database and /health/ready " +
    "reports Redis as down.",
  inYourCode: "With the cache, your module's service reads through Redis and replaces the " +
    "resource's generation after every write, so entries cached before the write are no longer " +
    "read; each worker keeps a copy of what it read, served only under the generation the " +
    "request's token check read with it. If Redis is down, requests are served from the database.",
  lesson: "caching",
  adds:
    "a Redis service in docker-compose, cached reads in each service, token checks mirrored in Redis",
  costs: "one more service to run; stale reads are possible only within a write's own request",
  choices: yesNo("cached reads, token checks without the database", "every read hits the database"),
  default: true,
  dependencies: [
    HIREDIS,
    {
      requirement: "cachetools",
      comment: "cachetools: each worker's copy of the entries it read.",
    },
  ],
  // One file of its own; otherwise the cache changes the services, health checks and compose
  // file.
  files: [
    {
      path: "src/cached_reads.py",
      why: "repeated cached reads answered by the middleware, before the framework",
      lesson: "caching",
    },
  ],
};
