/**
 * `pyscaffold update` on real projects, Flask and Quart on PostgreSQL: a
 * project with two added modules and edits of the user's in three files (one
 * the update also changes, one it does not, one that conflicts), first updated
 * from an "older release" (a fixture: pristine files and the base store
 * rewritten as an older pyscaffold would have left them), then auth, cache and
 * Celery switched on and off in turn, and with auth on a module's access policy
 * changed to owner (its rows get an owner: a row in the database first, so the
 * revision stops until ROWS_OWNER names its user) and away again. After each step: ruff check, ruff
 * format --check, mypy --strict, the project's own pytest suite, `alembic
 * upgrade head` (from the previous step's database: the revisions chain) and
 * `alembic check`; the user's edits are kept or reported as conflicts; every
 * file the user never touched is byte-identical to what `new` + `add` generate
 * for the same answers and modules (the real CLI wherever the access policy
 * is new's default, the same code in-process with auth's `authenticated`).
 *
 * One virtual environment with every feature's dependencies serves all steps.
 */
import { assert, assertEquals, assertMatch, assertRejects } from "../_assert.ts";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import {
  comboFlags,
  databaseUrl,
  freshDatabase,
  generate,
  mypy,
  ok,
  ROOT,
  run,
  servicesAvailable,
  sql,
  tempDir,
  venvEnv,
  venvFor,
} from "./_harness.ts";
import { MODULES_DIR, readProject } from "../../src/project/answers_file.ts";
import {
  GZIP_STORE_FILE,
  readStore,
  STORE_CHANGES_DIR,
  STORE_FILE,
  storeChanges,
} from "../../src/project/base_store.ts";
import { generatedFiles, recordedSpec } from "../../src/plan/update_plan.ts";
import { hasConflictMarkers } from "../../src/plan/three_way.ts";

const available = await servicesAvailable();
const FRAMEWORKS = ["flask", "quart"] as const;
/** Redis databases 13 and 14 belong to these tests. */
const REDIS_DB = { flask: 13, quart: 14 };

const MODULES: [string, string[]][] = [
  ["books", ["title:str(120):required", "pages:int:default=1", "code:str(20):unique"]],
  ["notes", ["body:text:required", "book:ref:books:optional", "slug:str(40):unique:index"]],
];
/**
 * The unique columns, and whether each is indexed: before 0.14.0 a unique constraint
 * (`uq_…`), or a unique index (`ix_…`) when indexed, over every row.
 */
const UNIQUE_COLUMNS: [string, string, boolean][] = [
  ["books", "code", false],
  ["notes", "slug", true],
];

/** A model as pyscaffold wrote it before 0.14.0: `unique=True` on the column. */
function olderModel(source: string, table: string): string {
  let s = source.replace(", unique_while_active", "")
    .replace(/ {4}# Unique among[^\n]*\n {4}__table_args__ = \(.*?\)\n/s, "");
  for (const [t, column] of UNIQUE_COLUMNS) {
    if (t !== table) continue;
    s = s.replace(
      new RegExp(`(\\n    ${column}: Mapped\\[[^\\]]+\\] = mapped_column\\([^\\n]*?nullable=\\w+)`),
      "$1, unique=True",
    );
  }
  return s;
}

/** A module's revision as `add` wrote it before 0.14.0: uniqueness on the column or its index. */
function olderRevision(source: string, table: string): string {
  // The uq_ indexes, laid out on one line or over several.
  let s = source
    .replace(/\n {4}op\.create_index\(\n {8}op\.f\("uq_\w+"\)[^]*?\n {4}\)(?=\n)/g, "")
    .replace(/\n {4}op\.create_index\(op\.f\("uq_\w+"\)[^\n]*\)(?=\n)/g, "");
  for (const [t, column, indexed] of UNIQUE_COLUMNS) {
    if (t !== table) continue;
    s = indexed
      ? s.replace(
        `op.f("ix_${table}_${column}"), "${table}", ["${column}"], unique=False`,
        `op.f("ix_${table}_${column}"), "${table}", ["${column}"], unique=True`,
      )
      : s.replace(
        new RegExp(`(sa\\.Column\\("${column}", [^\\n]*?nullable=\\w+)`),
        "$1, unique=True",
      );
  }
  return s;
}
/** The user's edits. */
const UPDATED_TOO = "pyproject.toml"; // every feature changes its dependencies
const UNTOUCHED = "src/books/books_schemas.py"; // no feature changes it
const CONFLICTING = "README.md"; // the cache step changes the line the user changed
const TEAM_LINE = "# Team: dependencies are reviewed every Monday.\n";
const TEAM_CODE = "\n\n# Team: the longest title the shop shows.\nTEAM_MAX_TITLE = 120\n";

const env0 = { NO_COLOR: "1", PATH: Deno.env.get("PATH") ?? "", HOME: Deno.env.get("HOME") ?? "" };
const pyscaffold = (args: string[], cwd: string) =>
  run([Deno.execPath(), "run", "-A", join(ROOT, "main.ts"), ...args], { cwd, env: env0 });

async function filesUnder(dir: string, prefix = ""): Promise<Map<string, string>> {
  const files = new Map<string, string>();
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (
      [".venv", "__pycache__", ".mypy_cache", ".ruff_cache", ".pytest_cache", ".git"].includes(
        entry.name,
      )
    ) continue;
    if (entry.isDirectory) { for (const [p, c] of await filesUnder(dir, rel)) files.set(p, c); }
    else files.set(rel, await Deno.readTextFile(join(dir, rel)).catch(() => "(binary)"));
  }
  return files;
}

/** Where each framework runs mypy and its own tests: every step is fully checked once. */
const HEAVY: Record<string, string[]> = {
  flask: ["auth=true", "books.access=owner", "auth=false", "celery=true"],
  quart: ["books.access=public-read", "cache=true", "cache=false", "celery=false"],
};

for (const framework of FRAMEWORKS) {
  Deno.test({
    name: `update e2e ${framework}: older release, then auth, cache, celery on and off`,
    ignore: !available,
    sanitizeResources: false,
    sanitizeOps: false,
    fn: async (t) => {
      const parent = await tempDir(`update-${framework}`);
      const dir = join(parent, "shop");
      const flags = ["--framework", framework, "--database", "postgresql", "--no-git"];
      const off = ["--no-auth", "--no-cache", "--no-celery"];
      // The venv: every feature's dependencies, from an all-on project of the same framework.
      const allOn = join(parent, "all-on");
      await generate(
        allOn,
        comboFlags({ framework, database: "postgresql", auth: true, cache: true, celery: true })
          .concat("--no-git"),
      );
      const env = venvEnv(await venvFor(allOn));
      const devDb = await freshDatabase(`update_e2e_${framework}_dev`);
      const devUrl = await databaseUrl(allOn, devDb);

      await generate(dir, [...flags, ...off]);
      for (const [module, fields] of MODULES) {
        const r = await pyscaffold(["add", module, ...fields.flatMap((f) => ["--field", f])], dir);
        assertEquals(r.code, 0, r.stderr);
      }

      // The user's edits.
      const path = (p: string) => join(dir, ...p.split("/"));
      await Deno.writeTextFile(
        path(UPDATED_TOO),
        TEAM_LINE + await Deno.readTextFile(path(UPDATED_TOO)),
      );
      await Deno.writeTextFile(path(UNTOUCHED), TEAM_CODE, { append: true });
      // The README line the cache step changes, edited by the user too.
      const readme = await Deno.readTextFile(path(CONFLICTING));
      const planned = JSON.parse(
        (await ok([
          Deno.execPath(),
          "run",
          "-A",
          join(ROOT, "main.ts"),
          "update",
          "--set",
          "cache=true",
          "--json",
        ], { cwd: dir, env: env0 })).stdout,
      ) as { files: { path: string; content: string }[] };
      const theirs = planned.files.find((f) => f.path === CONFLICTING)!.content.split("\n");
      const ours = readme.split("\n");
      const line = ours.findIndex((l, i) => l !== theirs[i]);
      assert(line >= 0, "the cache step changes the README");
      ours[line] = `${ours[line]} (our team's wording)`;
      await Deno.writeTextFile(path(CONFLICTING), ours.join("\n"));

      const edited = new Set([UPDATED_TOO, UNTOUCHED, CONFLICTING]);
      const heavyChecks = async () => {
        await mypy(dir, env);
        const testDb = await freshDatabase(`update_e2e_${framework}_test`);
        const result = await ok([
          "python",
          "-m",
          "pytest",
          "-q",
          "-x",
          "-p",
          "no:cacheprovider",
        ], {
          cwd: dir,
          env: {
            ...env,
            TEST_DATABASE_URL: await databaseUrl(dir, testDb),
            TEST_REDIS_URL: `redis://127.0.0.1:6379/${REDIS_DB[framework]}`,
          },
          timeoutMs: 900_000,
        });
        assertMatch(result.stdout, /\d+ passed/);
      };
      // Cheap checks (ruff, alembic, byte identity) after every step; the expensive ones (mypy,
      // the project's own tests) on a spread: each step is fully checked on one framework.
      const checks = async (label: string, heavy: boolean) => {
        await t.step(
          `${label}: ruff, ${heavy ? "mypy --strict, pytest, " : ""}alembic upgrade head + check`,
          async () => {
            await ok(["ruff", "check", "."], { cwd: dir, env });
            await ok(["ruff", "format", "--check", "."], { cwd: dir, env });
            if (heavy) await heavyChecks();
            const dbEnv = {
              ...env,
              DATABASE_URL: devUrl,
              REDIS_URL: `redis://127.0.0.1:6379/${REDIS_DB[framework]}`,
            };
            await ok(["alembic", "upgrade", "head"], { cwd: dir, env: dbEnv });
            await ok(["alembic", "check"], { cwd: dir, env: dbEnv });
          },
        );
        await t.step(`${label}: untouched files as generated, the user's edits kept`, async () => {
          const state = await readProject(dir);
          const disk = await filesUnder(dir);
          const expected = generatedFiles(recordedSpec(state), state.modules);
          for (const [p, file] of expected) {
            if (edited.has(p)) continue;
            assertEquals(disk.get(p), file.content, `${p} differs from a fresh generation`);
          }
          // Where the access policy is new's own default (auth off), the real CLI agrees.
          if (!state.project.auth) {
            // The same name: the project's name is in its files.
            const fresh = join(parent, `fresh-${label.replace(/\W+/g, "-")}`, "shop");
            await Deno.mkdir(join(fresh, ".."), { recursive: true });
            await generate(fresh, [
              ...flags,
              "--no-auth",
              state.project.cache ? "--cache" : "--no-cache",
              state.project.celery ? "--celery" : "--no-celery",
              "--no-env",
            ]);
            for (const [module, fields] of MODULES) {
              assertEquals(
                (await pyscaffold(["add", module, ...fields.flatMap((f) => ["--field", f])], fresh))
                  .code,
                0,
              );
            }
            const freshFiles = await filesUnder(fresh);
            for (const [p, content] of freshFiles) {
              if (
                edited.has(p) || p.startsWith("migrations/versions/") ||
                p.startsWith(".pyscaffold") || p === ".env"
              ) continue;
              assertEquals(disk.get(p), content, `${p}: not as a fresh new + add makes it`);
            }
            for (const p of disk.keys()) {
              if (
                p.startsWith("migrations/versions/") || p === ".env" || p.startsWith(".pyscaffold")
              ) continue;
              assert(freshFiles.has(p), `${p} is left over (not in a fresh project)`);
            }
          }
          assert(
            (disk.get(UPDATED_TOO) ?? "").startsWith(TEAM_LINE),
            "the edit the update also touches",
          );
          assert(
            (disk.get(UNTOUCHED) ?? "").endsWith(TEAM_CODE),
            "the edit in a file the update leaves",
          );
          assertMatch(disk.get(CONFLICTING) ?? "", /\(our team's wording\)/);
        });
      };

      await t.step("an older release: pristine files and the store as it left them", async () => {
        // The fixture: what an older pyscaffold would have generated differs in three files.
        const older = new Map<string, string>();
        // The store with the changes `add` recorded after it.
        const store = (await readStore(dir))!;
        for (const [p, content] of store.files) older.set(p, content);
        const rewrite = (p: string, change: (s: string) => string) =>
          older.set(p, change(older.get(p)!));
        rewrite("src/health/health_service.py", (s) => s.replace('"""', '"""Older release.\n\n'));
        rewrite("docs/ARCHITECTURE.md", (s) => s + "\nA paragraph an older release had.\n");
        rewrite("src/notes/notes_controller.py", (s) => s.replace(/\n$/, "\n\n# older release\n"));
        // Unique over every row: the models and the revisions `add` wrote.
        for (const [table] of MODULES) {
          rewrite(`src/models/${table}_model.py`, (s) => olderModel(s, table));
        }
        for (const revision of Deno.readDirSync(path("migrations/versions"))) {
          const table = MODULES.map(([t]) => t).find((t) => revision.name.endsWith(`_${t}.py`));
          if (!table) continue;
          const p = `migrations/versions/${revision.name}`;
          const source = await Deno.readTextFile(path(p));
          const before = olderRevision(source, table);
          assert(before !== source && !before.includes('"uq_'), `${p}: the older form`);
          await Deno.writeTextFile(path(p), before);
        }
        for (
          const p of [
            "src/health/health_service.py",
            "docs/ARCHITECTURE.md",
            "src/notes/notes_controller.py",
            ...MODULES.map(([table]) => `src/models/${table}_model.py`),
          ]
        ) {
          await Deno.writeTextFile(path(p), older.get(p)!);
        }
        // ...and the store and answers file it would have written.
        const blobs: Record<string, string> = {};
        const files: Record<string, string> = {};
        for (const [p, content] of [...older].sort()) {
          const hash = Array.from(
            new Uint8Array(
              await crypto.subtle.digest("SHA-256", new TextEncoder().encode(content)),
            ),
            (b) => b.toString(16).padStart(2, "0"),
          ).join("");
          files[p] = hash;
          blobs[hash] = content;
        }
        // 0.11.0 and earlier kept it gzip'ed, under another name: the update replaces it.
        await Deno.remove(path(STORE_FILE));
        await Deno.remove(path(STORE_CHANGES_DIR), { recursive: true }).catch(() => {});
        await Deno.writeFile(
          path(GZIP_STORE_FILE),
          gzipSync(
            new TextEncoder().encode(
              JSON.stringify({ format: 1, pyscaffold: "0.0.9", files, blobs }),
            ),
          ),
        );
        // The answers file with the module records in it, as 0.12.4 and earlier kept them.
        const answers = JSON.parse(await Deno.readTextFile(path(".pyscaffold.json")));
        answers.pyscaffold = "0.0.9";
        answers.modules = {};
        const recorded = [...Deno.readDirSync(path(MODULES_DIR))].map((e) => e.name).sort();
        for (const name of recorded) {
          const record = JSON.parse(await Deno.readTextFile(path(`${MODULES_DIR}/${name}`)));
          answers.modules[name.replace(/\.json$/, "")] = record;
        }
        await Deno.remove(path(MODULES_DIR), { recursive: true });
        answers.modules.notes.files["src/notes/notes_controller.py"] =
          files["src/notes/notes_controller.py"];
        await Deno.writeTextFile(path(".pyscaffold.json"), JSON.stringify(answers, null, 2) + "\n");
        // The update takes the current templates; the user's edits stay.
        const r = await pyscaffold(["update", "--yes"], dir);
        assertEquals(r.code, 0, r.stdout + r.stderr);
        assertMatch(r.stdout, /update\s+src\/health\/health_service\.py/);
        // The unique columns become unique over the active rows: a revision of their own.
        assertMatch(r.stdout, /create\s+migrations\/versions\/0004_\w+_unique_while_active\.py/);
        assertEquals((await readProject(dir)).file.pyscaffold !== "0.0.9", true);
        // Each module's record moved to a file of its own.
        assertMatch(r.stdout, new RegExp(`record\\s+${recorded.length} module records: from`));
        assert(!("modules" in JSON.parse(await Deno.readTextFile(path(".pyscaffold.json")))));
        assertEquals([...Deno.readDirSync(path(MODULES_DIR))].map((e) => e.name).sort(), recorded);
        assertEquals(
          JSON.parse(await Deno.readTextFile(path(`${MODULES_DIR}/notes.json`))).fields,
          answers.modules.notes.fields,
        );
        const after = (await readStore(dir))!;
        assertEquals(after.path, STORE_FILE);
        assertEquals(storeChanges(dir), [], "one plain store, whole");
        await assertRejects(
          () => Deno.stat(path(GZIP_STORE_FILE)),
          (error) => assert(error instanceof Deno.errors.NotFound, String(error)),
        );
      });
      await checks("after the version upgrade", framework === "flask");

      // books takes the owner policy with a row in the database: the revision stops, naming
      // ROWS_OWNER, until it names the user who gets the row.
      const ownRows = async (stdout: string) => {
        const revision = /migrations\/versions\/\w+_own_books\.py/.exec(stdout)?.[0];
        assert(revision, `no revision gives books an owner:\n${stdout}`);
        const dbEnv = {
          ...env,
          DATABASE_URL: devUrl,
          REDIS_URL: `redis://127.0.0.1:6379/${REDIS_DB[framework]}`,
        };
        await sql(
          devDb,
          "INSERT INTO users (email, password_hash, role, token_generation, inserted_by, " +
            "inserted_date, is_active) VALUES ('keeper@example.com', 'x', 'user', 0, 'e2e', " +
            "now(), true); INSERT INTO books (title, pages, code, inserted_by, inserted_date, " +
            "is_active) VALUES ('Kept', 1, 'k-1', 'e2e', now(), true)",
        );
        const refused = await run(["alembic", "upgrade", "head"], { cwd: dir, env: dbEnv });
        assert(refused.code !== 0, "the revision ran without an owner for the row");
        assertMatch(refused.stderr, /books holds 1 row\(s\)[^\n]*set ROWS_OWNER/);
        assertEquals(await sql(devDb, "SELECT count(*) FROM books"), "1", "nothing changed");
        const file = path(revision);
        const text = await Deno.readTextFile(file);
        assertMatch(text, /^ROWS_OWNER: str \| None = None$/m);
        await Deno.writeTextFile(
          file,
          text.replace(/^ROWS_OWNER: .*$/m, 'ROWS_OWNER: str | None = "Keeper@Example.com"'),
        );
        await ok(["alembic", "upgrade", "head"], { cwd: dir, env: dbEnv });
        assertEquals(
          await sql(devDb, "SELECT u.email FROM books b JOIN users u ON u.id = b.owner_id"),
          "keeper@example.com",
        );
      };
      const steps: [string, string[]][] = [
        ["auth=true", []],
        ["books.access=owner", []],
        ["books.access=public-read", []],
        ["auth=false", ["--drop-tables"]],
        ["cache=true", []],
        ["cache=false", []],
        ["celery=true", []],
        ["celery=false", []],
      ];
      const conflicted: string[] = [];
      for (const [setting, extra] of steps) {
        await t.step(`update --set ${setting}`, async () => {
          const before = await filesUnder(dir);
          let r = await pyscaffold(["update", "--set", setting, "--yes", ...extra], dir);
          if (r.code !== 0 || setting === "cache=true") {
            // The README conflicts (the line the user changed is the one the update changes):
            // --yes alone writes nothing and says how to accept.
            assertEquals(r.code, 1, r.stdout + r.stderr);
            assertMatch(r.stderr, /overlap the update; nothing was written:\n {2}README\.md$/m);
            assertMatch(r.stderr, /--accept-conflicts/);
            assertEquals(await filesUnder(dir), before, "nothing written on a refusal");
            r = await pyscaffold([
              "update",
              "--set",
              setting,
              "--yes",
              "--accept-conflicts",
              ...extra,
            ], dir);
            assertEquals(r.code, 1, "exit 1 while conflict markers remain");
            assertMatch(r.stderr, /still hold conflict markers/);
            const text = await Deno.readTextFile(path(CONFLICTING));
            assert(hasConflictMarkers(text));
            // The user resolves it: their wording, the update's other lines.
            const resolved = text.replace(
              /<<<<<<< yours\n([\s\S]*?)\|{7}[^\n]*\n[\s\S]*?=======\n[\s\S]*?>>>>>>> [^\n]*\n/g,
              "$1",
            );
            await Deno.writeTextFile(path(CONFLICTING), resolved);
            assert(!hasConflictMarkers(resolved));
            conflicted.push(setting);
          }
          if (setting === "books.access=owner") await ownRows(r.stdout);
        });
        await checks(`after --set ${setting}`, HEAVY[framework].includes(setting));
      }
      assert(conflicted.includes("cache=true"), `conflicts at: ${conflicted}`);
    },
  });
}
