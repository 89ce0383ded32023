/**
 * `pyscaffold update --set ids=bigint` on a project made with 32-bit ids (as 0.25.0 and earlier
 * made every project), Flask and Quart on PostgreSQL, with rows in its tables: the revision
 * stops at a table another session holds (the lock timeout) with the tables before it widened
 * and the version unchanged, then, run again, widens the rest; every key and reference is
 * `bigint`, the identity sequences too, the rows are all there, and the project passes ruff,
 * `alembic check` and (spread over the two frameworks) mypy --strict and its own tests.
 */
import { assert, assertEquals, assertMatch } from "../_assert.ts";
import { join } from "node:path";
import {
  Background,
  databaseUrl,
  freshDatabase,
  keyColumnTypes,
  mypy,
  ok,
  psqlArgs,
  ROOT,
  run,
  servicesAvailable,
  sql,
  tempDir,
  venvEnv,
  venvFor,
} from "./_harness.ts";
import { buildProjectPlan } from "../../src/plan/mod.ts";
import { resolveProjectSpec } from "../../src/choices/project_spec.ts";
import { writePlan } from "../../src/write/mod.ts";
import { ANSWERS_FILE } from "../../src/project/answers_file.ts";

const available = await servicesAvailable();
/** Redis database 7 belongs to these tests. */
const REDIS_URL = "redis://127.0.0.1:6379/7";
const env0 = { NO_COLOR: "1", PATH: Deno.env.get("PATH") ?? "", HOME: Deno.env.get("HOME") ?? "" };
const pyscaffold = (args: string[], cwd: string) =>
  ok([Deno.execPath(), "run", "-A", join(ROOT, "main.ts"), ...args], { cwd, env: env0 });
const ROWS = 2_000;

for (const framework of ["flask", "quart"] as const) {
  Deno.test({
    name:
      `ids e2e ${framework}: a 32-bit project with rows made 64-bit, stopped halfway and run again`,
    ignore: !available,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async (t) => {
      const parent = await tempDir(`ids-${framework}`);
      const dir = join(parent, "shop");
      // As pyscaffold 0.25.0 made it: 32-bit keys, and no "ids" in the answers file.
      const spec = resolveProjectSpec({ name: "shop", framework, auth: true, cache: true });
      await writePlan(await buildProjectPlan({ ...spec, ids: "integer" }), dir);
      const answers = join(dir, ANSWERS_FILE);
      const { ids: _ids, ...older } = JSON.parse(await Deno.readTextFile(answers));
      await Deno.writeTextFile(answers, JSON.stringify(older, null, 2) + "\n");
      await pyscaffold(["add", "orders", "--yes", "--field", "item:ref:items:optional"], dir);

      const env = venvEnv(await venvFor(dir));
      const db = await freshDatabase(`ids_e2e_${framework}`);
      const dbEnv = { ...env, DATABASE_URL: await databaseUrl(dir, db), REDIS_URL };
      await ok(["alembic", "upgrade", "head"], { cwd: dir, env: dbEnv });
      assertEquals((await keyColumnTypes(db)).filter((k) => !k.endsWith(" integer")), []);
      await sql(
        db,
        "INSERT INTO users (email, password_hash, role, token_generation, inserted_by, " +
          "inserted_date, is_active) VALUES ('ada@example.com', 'x', 'user', 0, 'system', " +
          "now(), true)",
      );
      await sql(
        db,
        "INSERT INTO items (name, quantity, owner_id, inserted_by, inserted_date, is_active) " +
          `SELECT 'item ' || g, g, 1, 'system', now(), true FROM generate_series(1, ${ROWS}) g`,
      );
      await sql(
        db,
        "INSERT INTO orders (item_id, owner_id, inserted_by, inserted_date, is_active) " +
          "SELECT id, 1, 'system', now(), true FROM items",
      );

      await t.step("made before 0.26.0: the owner index's revision runs online", async () => {
        // As a project of 0.25.0 would ask for it. Its tables have the index already (they were
        // made by this version's templates): the revision drops what is there and builds it
        // again, CONCURRENTLY, then drops the old index if there is one.
        const recorded = JSON.parse(await Deno.readTextFile(answers));
        await Deno.writeTextFile(
          answers,
          JSON.stringify({ ...recorded, pyscaffold: "0.25.0" }, null, 2) + "\n",
        );
        const out = await pyscaffold(["update", "--yes"], dir);
        assertMatch(out.stdout, /create\s+migrations\/versions\/\w+_owner_index\.py/);
        await ok(["alembic", "upgrade", "head"], { cwd: dir, env: dbEnv });
        const indexes = await sql(
          db,
          "SELECT string_agg(indexdef, ' | ' ORDER BY indexname) FROM pg_indexes " +
            "WHERE indexname LIKE '%owner%'",
        );
        for (const table of ["items", "orders"]) {
          assert(
            indexes.includes(`ON public.${table} USING btree (owner_id, is_active, id)`),
            indexes,
          );
        }
        assertEquals(indexes.split(" | ").length, 2, indexes);
        await ok(["alembic", "check"], { cwd: dir, env: dbEnv });
        // The way back and forth again: the old index, then the new one.
        await ok(["alembic", "downgrade", "-1"], { cwd: dir, env: dbEnv });
        assertMatch(
          await sql(
            db,
            "SELECT string_agg(indexname, ',') FROM pg_indexes WHERE indexname LIKE '%owner%'",
          ),
          /^ix_\w+_owner_id,ix_\w+_owner_id$/,
        );
        await ok(["alembic", "upgrade", "head"], { cwd: dir, env: dbEnv });
      });

      await t.step("update --set ids=bigint: the models, the schemas, one revision", async () => {
        const out = await pyscaffold(["update", "--set", "ids=bigint", "--yes"], dir);
        assertMatch(out.stdout, /ids=bigint: its revision rewrites 4 tables/);
        assertEquals(JSON.parse(await Deno.readTextFile(answers)).ids, "bigint");
        const model = await Deno.readTextFile(join(dir, "src/models/base_model.py"));
        assert(model.includes("mapped_column(BigInteger, Identity(), primary_key=True)"), model);
        await ok(["ruff", "check", "."], { cwd: dir, env });
        await ok(["ruff", "format", "--check", "."], { cwd: dir, env });
        if (framework === "quart") await mypy(dir, env);
        const again = await pyscaffold(["update", "--yes"], dir);
        assertMatch(again.stdout, /up to date/);
      });

      await t.step("a table held by another session: stopped there, run again, done", async () => {
        const head = await sql(db, "SELECT version_num FROM alembic_version");
        // A long read of `revoked_tokens`, the second table the revision widens, holds its lock
        // (of `users`, `items` or `orders` it would stop the first ALTER: widening a key
        // checks the foreign keys that reference it again).
        const holder = new Background([
          "psql",
          ...psqlArgs(db),
          "-c",
          "BEGIN; LOCK TABLE revoked_tokens IN ACCESS SHARE MODE; SELECT pg_sleep(120); COMMIT;",
        ], { cwd: dir, env: { ...env0, PGAPPNAME: "ids_e2e_holder" } });
        try {
          for (let i = 0; i < 100; i++) {
            const held = await sql(
              db,
              "SELECT count(*) FROM pg_locks l JOIN pg_stat_activity a USING (pid) " +
                "WHERE a.application_name = 'ids_e2e_holder' AND l.relation = 'revoked_tokens'::regclass",
            );
            if (held !== "0") break;
            await new Promise((resolve) => setTimeout(resolve, 100));
          }
          const stopped = await run(["alembic", "upgrade", "head"], {
            cwd: dir,
            env: { ...dbEnv, MIGRATION_LOCK_TIMEOUT: "1s" },
          });
          assert(stopped.code !== 0, stopped.stdout + stopped.stderr);
          assertMatch(stopped.stderr, /lock timeout/);
        } finally {
          // Its backend sleeps on without its client: ended from the server's side.
          await sql(
            db,
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity " +
              "WHERE application_name = 'ids_e2e_holder'",
          );
          await holder.stop();
        }
        assertEquals(await sql(db, "SELECT version_num FROM alembic_version"), head);
        const halfway = await keyColumnTypes(db);
        assert(halfway.includes("users.id bigint"), halfway.join("\n"));
        assert(halfway.includes("revoked_tokens.id integer"), halfway.join("\n"));
        assert(halfway.includes("items.id integer"), halfway.join("\n"));
        await ok(["alembic", "upgrade", "head"], { cwd: dir, env: dbEnv });
        assertEquals((await keyColumnTypes(db)).filter((k) => !k.endsWith(" bigint")), []);
        assertEquals(
          await sql(
            db,
            "SELECT string_agg(DISTINCT seqtypid::regtype::text, ',') FROM pg_sequence",
          ),
          "bigint",
        );
        assertEquals(
          await sql(db, "SELECT count(*) FROM orders JOIN items i ON i.id = item_id"),
          `${ROWS}`,
        );
        await ok(["alembic", "check"], { cwd: dir, env: dbEnv });
      });

      if (framework === "flask") {
        await t.step("the project's own tests", async () => {
          const testDb = await freshDatabase(`ids_e2e_${framework}_test`);
          const result = await ok(
            ["python", "-m", "pytest", "-q", "-x", "-p", "no:cacheprovider"],
            {
              cwd: dir,
              env: {
                ...env,
                TEST_DATABASE_URL: await databaseUrl(dir, testDb),
                TEST_REDIS_URL: REDIS_URL,
              },
              timeoutMs: 900_000,
            },
          );
          assertMatch(result.stdout, /\d+ passed/);
          assert(!/\d+ (skipped|failed|error)/.test(result.stdout), result.stdout);
        });
      }
    },
  });
}
