/**
 * pyscaffold: generates production-ready Python backends (Flask or Quart,
 * PostgreSQL or Oracle, optional JWT auth, Redis cache and Celery) with a
 * controller → service → repository architecture, and adds resource modules
 * to the projects it made.
 *
 * @module
 */
import { main } from "./src/cli/mod.ts";

if (import.meta.main) {
  Deno.exit(await main(Deno.args));
}
