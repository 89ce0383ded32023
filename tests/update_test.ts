/**
 * `pyscaffold update`: the three-way decision per file (pure), the base store,
 * `--set` parsing, and the command on real project directories — what is
 * replaced, merged, kept, refused, and that nothing is written on a refusal,
 * a dry run or a failure half-way.
 */
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { assert, assertEquals, assertMatch, assertRejects } from "./_assert.ts";
import { UserError } from "../src/errors.ts";
import { hasConflictMarkers, mergeText, threeWay } from "../src/plan/three_way.ts";
import {
  generatedFiles,
  parseAccessSettings,
  parseSettings,
  planUpdate,
  recordedSpec,
} from "../src/plan/update_plan.ts";
import {
  decodeStore,
  encodeStore,
  GZIP_STORE_FILE,
  readStore,
  STORE_CHANGES_DIR,
  STORE_FILE,
  storeChange,
  storeChanges,
} from "../src/project/base_store.ts";
import { buildProjectPlan, sha256 } from "../src/plan/mod.ts";
import { resolveProjectSpec } from "../src/choices/project_spec.ts";
import { ANSWERS_FILE, moduleRecordContent, readProject } from "../src/project/answers_file.ts";
import { readRevisions } from "../src/project/migrations.ts";
import { writePlan } from "../src/write/mod.ts";
import { runAdd } from "../src/cli/add_command.ts";
import { runRemove } from "../src/cli/remove_command.ts";
import { runUpdate, type UpdateOptions } from "../src/cli/update_command.ts";
import { ScriptedPrompter } from "../src/wizard/scripted_prompter.ts";
import { cli } from "./_cli.ts";
import { writeMinimalProject } from "./_minimal_project.ts";
import { isLaterVersion, VERSION } from "../src/version.ts";

// ---------------------------------------------------------------- pure three-way

const BASE = "a\nb\nc\nd\ne\nf\n";

Deno.test("three-way: each case of base / yours / pyscaffold's", () => {
  const theirs = "a\nb\nc\nd\ne\nF\n";
  // untouched by the user: replaced
  assertEquals(threeWay(BASE, BASE, theirs), { kind: "replace", content: theirs });
  // changed only by the user: kept as it is
  assertEquals(threeWay(BASE, "A\nb\nc\nd\ne\nf\n", BASE), { kind: "unchanged" });
  // already as wanted
  assertEquals(threeWay(BASE, theirs, theirs), { kind: "unchanged" });
  // both changed, apart: merged, both edits in
  assertEquals(threeWay(BASE, "A\nb\nc\nd\ne\nf\n", theirs), {
    kind: "merge",
    content: "A\nb\nc\nd\ne\nF\n",
  });
  // both changed the same line: a conflict with the base between the sides
  const conflict = threeWay(BASE, "a\nb\nc\nd\ne\nmine\n", theirs);
  assertEquals(conflict.kind, "conflict");
  assertEquals(conflict.regions, 1);
  assertMatch(conflict.content!, /<<<<<<< yours\nmine\n\|{7} .*\nf\n=======\nF\n>>>>>>> /);
  assert(hasConflictMarkers(conflict.content!));
  // deleted by the user: stays deleted
  assertEquals(threeWay(BASE, undefined, theirs), { kind: "kept-deleted" });
  // new: created; new but a file of the user's is there: a conflict (no base to merge from)
  assertEquals(threeWay(undefined, undefined, theirs), { kind: "create", content: theirs });
  assertEquals(threeWay(undefined, "x\n", theirs).kind, "conflict");
  // no longer generated: deleted if untouched, kept if changed or of unknown origin
  assertEquals(threeWay(BASE, BASE, undefined), { kind: "delete" });
  assertEquals(threeWay(BASE, "x\n", undefined), { kind: "kept-changed" });
  assertEquals(threeWay(undefined, "x\n", undefined), { kind: "kept-changed" });
  assertEquals(threeWay(BASE, undefined, undefined), { kind: "unchanged" });
});

Deno.test("three-way: the same change on both sides is no conflict; newline at end kept", () => {
  assertEquals(mergeText("a\nX\nc\n", "a\nb\nc\n", "a\nX\nc\n"), { text: "a\nX\nc\n", regions: 0 });
  assertEquals(mergeText("a\nb", "a\nb", "a\nB"), { text: "a\nB", regions: 0 });
  assertEquals(mergeText("", "", "x\n"), { text: "x\n", regions: 0 });
  assert(!hasConflictMarkers("a = '<<<<<<<'\n"));
});

// ---------------------------------------------------------------- base store

/** A damaged store is a clear error (a UserError that says so), never a crash or a bad base. */
async function assertDamaged(bytes: Uint8Array): Promise<void> {
  await assertRejects(() => decodeStore(bytes), (error) => {
    assert(error instanceof UserError, String(error));
    assertMatch(error.message, /damaged/);
  });
}

Deno.test("base store: a blob whose content does not match its hash is a damaged store", async () => {
  const recorded = "a = 1\n";
  const hash = await sha256(recorded);
  const store = (content: string) =>
    new TextEncoder().encode(JSON.stringify({
      format: 1,
      pyscaffold: "9.9.9",
      files: { "src/a.py": hash },
      blobs: { [hash]: content },
    }));
  assertEquals((await decodeStore(await store(recorded))).files.get("src/a.py"), recorded);
  const changed = await store("a = 2\n");
  await assertRejects(() => decodeStore(changed), (error) => {
    assert(error instanceof UserError, String(error));
    assertMatch(error.message, /the content of src\/a\.py does not match its hash/);
  });
});

Deno.test("base store: deterministic, content-addressed, revisions and answers left out", async () => {
  const files: [string, string][] = [
    ["src/a/__init__.py", ""],
    ["src/b/__init__.py", ""],
    ["README.md", "# r\n"],
    ["migrations/versions/0001_initial.py", "revision = '0001'\n"],
    [ANSWERS_FILE, "{}\n"],
  ];
  const encoded = await encodeStore(files, "9.9.9");
  assertEquals(await encodeStore([...files].reverse(), "9.9.9"), encoded, "order does not matter");
  assertEquals(encoded.split("\n").length, 2, "one document, one line");
  const bytes = new TextEncoder().encode(encoded);
  const store = await decodeStore(bytes);
  assertEquals(store.version, "9.9.9");
  assertEquals([...store.files.keys()].sort(), [
    "README.md",
    "src/a/__init__.py",
    "src/b/__init__.py",
  ]);
  // a damaged store is a clear error
  const broken = bytes.slice();
  broken[broken.length - 12] ^= 0xff;
  await assertDamaged(broken);
});

/** A project directory holding `store` (its text, or gzip'ed bytes) at `path`, for `fn`. */
async function withStore(
  path: string,
  store: string | Uint8Array,
  fn: (dir: string) => Promise<void>,
): Promise<void> {
  const dir = await Deno.makeTempDir();
  try {
    await Deno.mkdir(join(dir, STORE_CHANGES_DIR), { recursive: true });
    await Deno.writeFile(
      join(dir, path),
      typeof store === "string" ? new TextEncoder().encode(store) : store,
    );
    await fn(dir);
  } finally {
    await Deno.remove(dir, { recursive: true });
  }
}

/** Records a change in `dir` as `add` and `remove` do; its path. */
async function recordChange(
  dir: string,
  added: [string, string][],
  dropped: string[],
): Promise<string> {
  const change = await storeChange(storeChanges(dir), added, dropped, "1.1.0");
  await Deno.writeTextFile(join(dir, change.path), change.content);
  return change.path;
}

Deno.test("base store: add and remove record a change each; reading applies them in order", async () => {
  const first = await encodeStore([["README.md", "# r\n"], ["src/a/a.py", "a = 1\n"]], "1.0.0");
  await withStore(STORE_FILE, first, async (dir) => {
    const added = await recordChange(dir, [["src/b/b.py", "b = 'x\ny'\n"], [
      "src/a/a.py",
      "a = 2\n",
    ]], []);
    const removed = await recordChange(dir, [], ["src/a/a.py", "src/none.py"]);
    assertMatch(added, /^\.pyscaffold\/changes\/0001-[0-9a-f]{12}\.json$/);
    assertMatch(removed, /^\.pyscaffold\/changes\/0002-[0-9a-f]{12}\.json$/);
    assertEquals(await Deno.readTextFile(join(dir, STORE_FILE)), first, "the store is untouched");
    const store = (await readStore(dir))!;
    assertEquals([store.version, store.path], ["1.1.0", STORE_FILE]);
    assertEquals(storeChanges(dir), [added, removed]);
    assertEquals(Object.fromEntries(store.files), {
      "README.md": "# r\n",
      "src/b/b.py": "b = 'x\ny'\n",
    });
    // A damaged change is as clear an error as a damaged store, and names its file.
    await Deno.writeTextFile(join(dir, removed), "{ not json");
    await assertRejects(() => readStore(dir), (error) => {
      assert(error instanceof UserError, String(error));
      assertMatch(error.message, /changes\/0002-[0-9a-f]+\.json is damaged/);
    });
  });
});

Deno.test("records a git merge left with conflict markers are refused, saying what to do", async () => {
  // Two branches that both ran `update` conflict in the store and the answers file.
  const conflicted = (ours: string, theirs: string) =>
    `<<<<<<< HEAD\n${ours.replace(/\n?$/, "\n")}=======\n${
      theirs.replace(/\n?$/, "\n")
    }>>>>>>> feature\n`;
  const said = (where: RegExp) => (error: unknown) => {
    assert(error instanceof UserError, String(error));
    assertMatch(error.message, where);
    assertMatch(error.message, /holds git's conflict markers: a merge left it unresolved/);
    assertMatch(error.hint ?? "", /git merge --abort.*git revert.*pyscaffold update --set/);
  };
  const ours = await encodeStore([["README.md", "# r\n"]], "1.0.0");
  const theirs = await encodeStore([["README.md", "# s\n"]], "1.0.0");
  await withStore(STORE_FILE, conflicted(ours, theirs), async (dir) => {
    await assertRejects(() => readStore(dir), said(/^\.pyscaffold\/base\.jsonl holds/));
  });
  const dir = await Deno.makeTempDir();
  await writeMinimalProject(dir);
  const answers = join(dir, ANSWERS_FILE);
  const good = await Deno.readTextFile(answers);
  await Deno.writeTextFile(answers, conflicted(good, good.replace('"celery": false', '"x": 1')));
  await assertRejects(() => readProject(dir), said(/\.pyscaffold\.json holds/));
  await Deno.writeTextFile(answers, good);
  const record = join(dir, ".pyscaffold/modules/items.json");
  const text = await Deno.readTextFile(record);
  await Deno.writeTextFile(record, conflicted(text, text));
  await assertRejects(
    () => readProject(dir).then((state) => state.modules.items),
    said(/^\.pyscaffold\/modules\/items\.json holds/),
  );
  // A plain syntax error is still reported as one.
  await Deno.writeTextFile(record, text.replace("{", "{ <<<<<<< "));
  await assertRejects(
    () => readProject(dir).then((state) => state.modules.items),
    (e) => assertMatch((e as Error).message, /items\.json:1:\d+: not valid JSON/),
  );
});

Deno.test("update: a reference to a module no longer there (a merge) is refused, saying why", async () => {
  // One branch removed `customer`, another added `invoice` referencing it: git merges both.
  const dir = await Deno.makeTempDir();
  await writeMinimalProject(dir);
  const quiet = { interactive: false, prompter: new ScriptedPrompter([]), cwd: dir, yes: true };
  await runAdd("customer", { ...quiet, field: ["name:str(80)"] });
  await runAdd("invoice", { ...quiet, field: ["buyer:ref:customers"] });
  assertEquals((await planUpdate(await readProject(dir), {})).plan.root, "svc", "consistent");
  await Deno.remove(join(dir, ".pyscaffold/modules/customer.json"));
  await assertRejects(() => readProject(dir).then((state) => planUpdate(state, {})), (e) => {
    assert(e instanceof UserError, String(e));
    assertMatch(e.message, /Module "invoice" references customer \(field buyer\), which is not/);
    assertMatch(e.hint ?? "", /pyscaffold add customer .*pyscaffold remove invoice/);
  });
});

Deno.test("base store: a gzip'ed store (0.11.0 and earlier) is read, with the changes after it", async () => {
  // As 0.11.0 wrote it: the first document gzip'ed, an add's a gzip member of its own.
  const document =
    (await encodeStore([["README.md", "# r\n"], ["src/a/a.py", "a = 1\n"]], "0.11.0"))
      .trimEnd();
  const member = (await encodeStore([["src/c/c.py", "c = 3\n"]], "0.11.0")).trimEnd();
  const bytes = new Uint8Array([...gzipSync(document), ...gzipSync("\n" + member)]);
  await withStore(GZIP_STORE_FILE, bytes, async (dir) => {
    await recordChange(dir, [["src/b/b.py", "b = 2\n"]], ["src/a/a.py"]);
    const store = (await readStore(dir))!;
    assertEquals(store.path, GZIP_STORE_FILE);
    assertEquals(Object.fromEntries(store.files), {
      "README.md": "# r\n",
      "src/b/b.py": "b = 2\n",
      "src/c/c.py": "c = 3\n",
    });
    const broken = bytes.slice();
    broken[bytes.length - 12] ^= 0xff;
    await assertDamaged(broken);
  });
});

Deno.test("--set: auth, cache, celery as true/false; framework and database refused", () => {
  assertEquals(parseSettings(["celery=true", "cache=off", "AUTH=Yes"]), {
    celery: true,
    cache: false,
    auth: true,
  });
  for (
    const [raw, message] of [
      ["framework=quart", /cannot change the framework/],
      ["database=oracle", /cannot change the database/],
      ["sentry=true", /unknown key "sentry"/],
      ["celery=maybe", /not true or false/],
    ] as const
  ) {
    try {
      parseSettings([raw]);
      throw new Error(`${raw} was accepted`);
    } catch (error) {
      assert(error instanceof UserError, String(error));
      assertMatch(error.message, message);
    }
  }
});

// ---------------------------------------------------------------- on real projects

const quiet = { interactive: false, prompter: new ScriptedPrompter([]) };

async function newProject(answers: Record<string, unknown> = {}): Promise<string> {
  const parent = await Deno.makeTempDir({ prefix: "pyscaffold-update-" });
  const spec = resolveProjectSpec({
    name: "svc",
    auth: false,
    cache: false,
    celery: false,
    ...answers,
  });
  const dir = join(parent, "svc");
  await writePlan(await buildProjectPlan(spec), dir);
  await runAdd("books", { ...quiet, cwd: dir, field: ["title:str(120):required"] });
  await runAdd("notes", { ...quiet, cwd: dir, field: ["body:text", "book:ref:books"] });
  return dir;
}

async function snapshot(dir: string, prefix = ""): Promise<Record<string, string>> {
  const files: Record<string, string> = {};
  for await (const entry of Deno.readDir(join(dir, prefix))) {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory) Object.assign(files, await snapshot(dir, rel));
    else files[rel] = await sha256(new TextDecoder().decode(await Deno.readFile(join(dir, rel))));
  }
  return files;
}

function update(dir: string, options: Partial<UpdateOptions> = {}) {
  const prompter = new ScriptedPrompter([]);
  return {
    prompter,
    run: () => runUpdate({ interactive: false, prompter, cwd: dir, yes: true, ...options }),
  };
}

const read = (dir: string, path: string) => Deno.readTextFile(join(dir, path));
async function edit(dir: string, path: string, change: (s: string) => string): Promise<void> {
  await Deno.writeTextFile(join(dir, path), change(await read(dir, path)));
}

Deno.test("update: a fresh project is up to date; nothing is written", async () => {
  const dir = await newProject();
  const before = await snapshot(dir);
  const { prompter, run } = update(dir);
  const result = await run();
  assertEquals(result.update.plan.files, []);
  assertEquals(result.update.baseSource, "store");
  assertMatch(prompter.printed.join("\n"), /up to date/);
  assertEquals(await snapshot(dir), before);
});

Deno.test("records: new, add and a record read back write a field's properties in one order", async () => {
  // 0.13.0's new wrote the first module's name field as name, type, length, required…; add
  // (and update, from a record read back) as name, type, required, unique, index, length.
  const dir = await newProject({ module: "items" });
  const state = await readProject(dir);
  for (const name of ["items", "books", "notes"]) {
    const path = `.pyscaffold/modules/${name}.json`;
    assertEquals(moduleRecordContent(state.modules[name]), await read(dir, path), path);
  }
  assertMatch(
    await read(dir, ".pyscaffold/modules/items.json"),
    /"type": "str",\n\s+"length": 120,/,
  );
});

Deno.test("update: a record whose meaning is unchanged stays as it is, whatever its keys' order", async () => {
  const dir = await newProject();
  const path = ".pyscaffold/modules/books.json";
  // Each field's keys in reverse order, as another tool (or an older pyscaffold) might write.
  await edit(dir, path, (text) => {
    const record = JSON.parse(text);
    record.fields = record.fields.map((f: Record<string, unknown>) =>
      Object.fromEntries(Object.entries(f).reverse())
    );
    return JSON.stringify(record, null, 2) + "\n";
  });
  // An older version: update takes this version's templates, which generate the same files.
  await edit(
    dir,
    ANSWERS_FILE,
    (s) => s.replace(/"pyscaffold": "[^"]+"/, '"pyscaffold": "0.13.0"'),
  );
  const reordered = await read(dir, path);
  const result = await update(dir).run();
  const written = result.update.plan.files.map((f) => f.path);
  assert(written.includes(ANSWERS_FILE) && !written.includes(path), written.join(" "));
  assertEquals(await read(dir, path), reordered);
});

Deno.test("update: a project of an earlier version is told what changes since its version", async () => {
  const dir = await newProject();
  const { prompter, run } = update(dir);
  await run();
  assert(!prompter.printed.join("\n").includes("What changes since"), "nothing for this version");
  const older = await newProject();
  await edit(
    older,
    ANSWERS_FILE,
    (s) => s.replace(/"pyscaffold": "[^"]+"/, '"pyscaffold": "0.0.1"'),
  );
  const told = update(older);
  await told.run();
  const printed = told.prompter.printed.join("\n");
  assertMatch(printed, /What changes since 0\.0\.1 \(CHANGELOG\.md\):/);
  assertMatch(printed, new RegExp(`\\n${VERSION.replaceAll(".", "\\.")}\\n`));
});

Deno.test("update: a project a newer pyscaffold made is refused; nothing is written", async () => {
  const dir = await newProject();
  await edit(
    dir,
    ANSWERS_FILE,
    (s) => s.replace(/"pyscaffold": "[^"]+"/, '"pyscaffold": "99.0.0"'),
  );
  const before = await snapshot(dir);
  await assertRejects(() => update(dir).run(), (error) => {
    assert(error instanceof UserError, String(error));
    assertMatch(error.message, /made by pyscaffold 99\.0\.0, newer than this pyscaffold/);
  });
  assertEquals(await snapshot(dir), before);
});

Deno.test("isLaterVersion compares the three numbers in order, not the text", () => {
  for (
    const [a, b, later] of [
      ["0.10.0", "0.9.0", true],
      ["1.0.0", "0.99.99", true],
      ["0.6.1", "0.6.0", true],
      ["0.6.0", "0.6.0", false],
      ["0.6.0", "0.6.1", false],
      ["0.9.0", "0.10.0", false],
    ] as const
  ) {
    assertEquals(isLaterVersion(a, b), later, `${a} later than ${b}`);
  }
});

Deno.test("update: celery on then off — untouched files as generated, your edits kept", async () => {
  const dir = await newProject();
  // an edit in a file celery changes (apart from its lines), and one in a file it does not
  await edit(dir, "src/config.py", (s) => `# team note\n${s}`);
  await edit(dir, "src/books/books_service.py", (s) => `${s}\n# our rule\n`);
  const on = await update(dir, { set: ["celery=true"] }).run();
  assert(on.written);
  assertEquals(on.conflicts, []);
  const kinds = Object.fromEntries(on.update.merges.map((m) => [m.path, m.kind]));
  assertEquals(kinds["src/config.py"], "merge");
  assertEquals(kinds["src/books/books_service.py"], "unchanged");
  assertEquals(kinds["src/worker.py"], "create");
  const state = await readProject(dir);
  assertEquals(state.project.celery, true);
  const expected = generatedFiles(recordedSpec(state), state.modules);
  for (const [path, file] of expected) {
    const disk = await read(dir, path);
    if (path === "src/config.py") {
      assert(disk.startsWith("# team note\n") && disk.slice(12) === file.content, path);
    } else if (path === "src/books/books_service.py") {
      assertEquals(disk, `${file.content}\n# our rule\n`);
    } else assertEquals(disk, file.content, `${path} differs from a fresh generation`);
  }
  // the store now holds the new base
  const store = (await readStore(dir))!;
  assertEquals(store.files.get("src/worker.py"), expected.get("src/worker.py")!.content);
  // off again: celery's files go, the edits stay
  const off = await update(dir, { set: ["celery=false"] }).run();
  assertEquals(off.conflicts, []);
  assert(off.update.plan.deletes.some((d) => d.path === "src/worker.py"));
  assert(!(await snapshot(dir))["src/worker.py"]);
  assertMatch(await read(dir, "src/config.py"), /^# team note\n/);
  assertMatch(await read(dir, "src/books/books_service.py"), /# our rule\n$/);
});

Deno.test("update: overlapping edits — refused without consent, markers with --accept-conflicts", async () => {
  const dir = await newProject();
  const plan = await planUpdate(await readProject(dir), { cache: true });
  // a line the cache update changes, edited by the user too
  const target = plan.merges.find((m) => m.kind === "replace" && m.path.endsWith(".py"))!;
  const ours = target.ours!.split("\n");
  const theirs = target.theirs!.split("\n");
  const line = theirs.findIndex((l, i) => l !== ours[i]);
  ours[line] = `${ours[line]}  # mine`;
  await Deno.writeTextFile(join(dir, target.path), ours.join("\n"));
  const before = await snapshot(dir);
  // --yes alone: nothing written, exit code 1
  await assertRejects(() => update(dir, { set: ["cache=true"] }).run(), (e) => {
    assert(e instanceof UserError);
    assertEquals(e.exitCode, 1);
    assert(e.message.includes(target.path), e.message);
    assertMatch(e.hint ?? "", /--accept-conflicts/);
  });
  assertEquals(await snapshot(dir), before);
  // a prompt answered no: nothing written either
  const prompter = new ScriptedPrompter([false]);
  await assertRejects(() =>
    runUpdate({ interactive: true, prompter, cwd: dir, set: ["cache=true"] })
  );
  assertEquals(await snapshot(dir), before);
  // accepted: markers written, listed, and reported again by the next update
  const accepted = await update(dir, { set: ["cache=true"], acceptConflicts: true }).run();
  assertEquals(accepted.conflicts, [target.path]);
  assert(hasConflictMarkers(await read(dir, target.path)));
  assertEquals((await readProject(dir)).project.cache, true);
  const again = await update(dir).run();
  assertEquals(again.conflicts, [target.path]);
});

Deno.test("update: --dry-run and --json write nothing; a failure half-way leaves the tree as it was", async () => {
  const dir = await newProject();
  await Deno.remove(join(dir, "tests/test_health.py")); // deleted by the user
  const before = await snapshot(dir);
  const { prompter, run } = update(dir, { set: ["auth=true"], dryRun: true });
  const dry = await run();
  assertEquals(await snapshot(dir), before);
  const shown = prompter.printed.join("\n");
  assertMatch(shown, /--dry-run: nothing was written/);
  assertMatch(shown, /\+\+\+ src\/config\.py/);
  assertMatch(shown, /create_users\.py/);
  assertEquals(
    dry.update.merges.find((m) => m.path === "tests/test_health.py")?.kind,
    "kept-deleted",
  );
  // every step of the writer, failing in turn, leaves the tree exactly as it was
  const plan = (await planUpdate(await readProject(dir), { auth: true })).plan;
  let steps = 0;
  await writePlan(plan, await copyOf(dir), { onStep: () => void steps++ });
  for (const at of [1, Math.floor(steps / 2), steps - 1]) {
    let n = 0;
    await assertRejects(() =>
      writePlan(plan, dir, {
        onStep: () => {
          if (++n === at) throw new Error("boom");
        },
      })
    );
    assertEquals(await snapshot(dir), before, `failure at step ${at}`);
  }
  // --json through the real CLI
  const json = await cli(["update", "--set", "auth=true", "--json"], dir);
  assertEquals(json.code, 0, json.stderr);
  const parsed = JSON.parse(json.stdout);
  assertEquals(parsed.switched, { auth: true });
  assert(parsed.files.some((f: { path: string }) => f.path === STORE_FILE));
  assertEquals(await snapshot(dir), before);
});

async function copyOf(dir: string): Promise<string> {
  const copy = await Deno.makeTempDir({ prefix: "pyscaffold-update-copy-" });
  const r = await new Deno.Command("cp", { args: ["-a", `${dir}/.`, copy] }).output();
  assert(r.success);
  return copy;
}

Deno.test("update: auth on adds a revision, modules become authenticated; off needs --drop-tables", async () => {
  const dir = await newProject();
  const on = await update(dir, { set: ["auth=true"] }).run();
  assertMatch(
    on.update.migrations[0].path,
    /^migrations\/versions\/0004_[0-9a-f]{8}_create_users\.py$/,
  );
  const revisions = readRevisions(dir);
  const [users, previous] = [revisions.at(-1)!, revisions.at(-2)!];
  assertEquals([users.path, users.down], [on.update.migrations[0].path, [previous.id]]);
  assertMatch(previous.id, /^0003_[0-9a-f]{8}$/);
  const migration = await read(dir, on.update.migrations[0].path);
  assertMatch(migration, /op\.create_table\(\n {8}"users",/);
  assertMatch(migration, /op\.drop_table\("users"\)/);
  const state = await readProject(dir);
  assertEquals(Object.values(state.modules).map((m) => m.access), [
    "authenticated",
    "authenticated",
    "authenticated",
  ]);
  assert(!(await read(dir, "src/models/books_model.py")).includes("owner_id"));
  const before = await snapshot(dir);
  await assertRejects(() => update(dir, { set: ["auth=false"] }).run(), (e) => {
    assert(e instanceof UserError);
    assertMatch(e.hint ?? "", /--drop-tables/);
  });
  assertEquals(await snapshot(dir), before);
  const off = await update(dir, { set: ["auth=false"], dropTables: true }).run();
  assertEquals(off.update.drops, ["users", "revoked_tokens"]);
  assertMatch(
    await read(dir, off.update.migrations[0].path),
    /def upgrade\(\) -> None:\n {4}op\.drop_table\("revoked_tokens"\)/,
  );
  assertEquals(Object.values((await readProject(dir)).modules).map((m) => m.access), [
    "public",
    "public",
    "public",
  ]);
});

Deno.test("update: owner-policy modules (new --auth) cannot switch auth off; framework refused by the CLI", async () => {
  const parent = await Deno.makeTempDir({ prefix: "pyscaffold-update-" });
  const dir = join(parent, "svc");
  await writePlan(await buildProjectPlan(resolveProjectSpec({ name: "svc", auth: true })), dir);
  await assertRejects(() => update(dir, { set: ["auth=false"], dropTables: true }).run(), (e) => {
    assert(e instanceof UserError);
    assertMatch(e.message, /^Module items uses the owner policy: its rows belong to users/);
    assertMatch(
      e.hint ?? "",
      /^Keep auth on, or give it another policy first \(pyscaffold update --set items\.access=/,
    );
  });
  const r = await cli(["update", "--set", "framework=quart"], dir);
  assertEquals(r.code, 2, "a usage error");
  assertMatch(r.stderr, /cannot change the framework/);
});

Deno.test("update: a project from before the store — hashes and this version's rendering as the base", async () => {
  const dir = await newProject();
  assertEquals(storeChanges(dir).length, 2, "each add recorded a change");
  await Deno.remove(join(dir, STORE_FILE));
  // an older release: another version, and a project file it generated differently
  await edit(dir, ANSWERS_FILE, (s) => s.replace(/"pyscaffold": "[^"]+"/, '"pyscaffold": "0.0.1"'));
  await edit(dir, "src/config.py", (s) => s.replace('"""', '"""Older wording.\n'));
  await edit(dir, "src/books/books_controller.py", (s) => `${s}# mine\n`);
  const result = await update(dir, { acceptConflicts: true }).run();
  assertEquals(result.update.baseSource, "hashes");
  const kinds = Object.fromEntries(result.update.merges.map((m) => [m.path, m.kind]));
  // identical to this version's rendering: pristine; module files: by their recorded hash
  assertEquals(kinds["README.md"], "unchanged");
  assertEquals(
    result.update.merges.find((m) => m.path === "src/books/books_service.py")?.baseFrom,
    "regenerated",
  );
  // a file that differs and has no base is never overwritten silently: a conflict
  assertEquals(kinds["src/config.py"], "conflict");
  assertEquals(kinds["src/books/books_controller.py"], "conflict");
  assertEquals((await readProject(dir)).file.pyscaffold !== "0.0.1", true);
  assert(await readStore(dir), "the update wrote the store");
  // The adds' changes, left behind the deleted store, went with the update: applied on top of
  // the new store, they would bring back the older content of the files they hold.
  assertEquals(storeChanges(dir), []);
});

Deno.test("update: without --set in a terminal, asks each feature as new does, then applies", async () => {
  const dir = await newProject();
  // auth, cache, celery (select), then "Apply the update?"
  const prompter = new ScriptedPrompter([false, false, true, true]);
  const result = await runUpdate({ interactive: true, prompter, cwd: dir });
  assertEquals(result.update.switched, { celery: true });
  assert(result.written);
  const { celeryQuestion } = await import("../src/choices/features/mod.ts");
  const shown = prompter.printed.join("\n").replace(/\s+/g, " ");
  assert(shown.includes(celeryQuestion.explanation.split(" ").slice(0, 6).join(" ")), shown);
  assertEquals((await readProject(dir)).project.celery, true);
});

Deno.test("update: no store, same version — the recorded answers regenerate the base", async () => {
  const dir = await newProject();
  await Deno.remove(join(dir, STORE_FILE));
  await edit(dir, "src/config.py", (s) => `# team note\n${s}`);
  const result = await update(dir, { set: ["celery=true"] }).run();
  assertEquals(result.update.baseSource, "regenerated");
  const config = result.update.merges.find((m) => m.path === "src/config.py")!;
  assertEquals([config.kind, config.baseFrom], ["merge", "regenerated"]);
  assertMatch(await read(dir, "src/config.py"), /^# team note\n/);
  assert(await readStore(dir), "the update wrote the store");
});

Deno.test("cli: update without a terminal and without --yes writes nothing and says how", async () => {
  const dir = await newProject();
  const before = await snapshot(dir);
  const r = await cli(["update", "--set", "cache=true"], dir);
  assertEquals(r.code, 1, r.stderr);
  assertMatch(r.stderr, /cannot ask before changing the project's files[\s\S]*--yes/);
  assertEquals(await snapshot(dir), before);
});

Deno.test("update: a CRLF checkout (core.autocrlf) merges as LF and keeps CRLF", async () => {
  const dir = await newProject();
  const crlf = async (path: string) =>
    await Deno.writeTextFile(join(dir, path), (await read(dir, path)).replaceAll("\n", "\r\n"));
  const paths = ["README.md", "src/config.py", "Makefile", "src/notes/notes_service.py"];
  for (const path of paths) {
    await crlf(path);
  }
  // An edit of the user's in a CRLF file, away from what the update changes.
  await edit(dir, "src/config.py", (s) => s.replace("\r\n", "\r\n# kept\r\n"));
  const result = await update(dir, { set: ["cache=true"] }).run();
  assertEquals(result.conflicts, []);
  const config = await read(dir, "src/config.py");
  assertMatch(config, /# kept\r\n/);
  assert(!/(^|[^\r])\n/.test(config), "src/config.py keeps CRLF line endings");
  assert(!/(^|[^\r])\n/.test(await read(dir, "README.md")), "README.md keeps CRLF");
  // remove: a CRLF checkout of an unchanged module file is unchanged, so it is deleted.
  const removal = (await runRemove("notes", { ...quiet, cwd: dir, yes: true, dryRun: true }))!;
  assertEquals(removal.plan.conflicts, []);
});

Deno.test("cli: update --dry-run and --json exit 0 on conflicts they would write, 1 on markers left", async () => {
  const dir = await newProject();
  await edit(dir, "Makefile", (s) => s.replace(/^\.PHONY: .*$/m, ".PHONY: mine"));
  for (const flag of ["--dry-run", "--json"]) {
    const r = await cli(["update", "--set", "celery=true", flag], dir);
    assertEquals(r.code, 0, `${flag}: ${r.stderr}`);
    assert(!r.stderr.includes("still hold conflict markers"), r.stderr);
  }
  assertMatch((await cli(["update", "--set", "celery=true", "--dry-run"], dir)).stdout, /CONFLICT/);
  // Markers an earlier update left: every way of running says so, with exit 1.
  await edit(dir, "README.md", (s) => `<<<<<<< yours\nmine\n=======\n${s}>>>>>>> pyscaffold\n`);
  for (const flag of ["--dry-run", "--json"]) {
    const r = await cli(["update", flag], dir);
    assertEquals(r.code, 1, `${flag}: ${r.stderr}`);
    assertMatch(r.stderr, /1 file\(s\) still hold conflict markers/);
  }
});

Deno.test("cli: update that leaves markers lists them before the next steps, which start with them", async () => {
  const dir = await newProject();
  await edit(dir, "Makefile", (s) => s.replace(/^\.PHONY: .*$/m, ".PHONY: mine"));
  const r = await cli(["update", "--set", "celery=true", "--yes", "--accept-conflicts"], dir);
  assertEquals(r.code, 1, r.stderr);
  const markers = r.stdout.indexOf("hold conflict markers to resolve:\n  Makefile");
  const steps = r.stdout.indexOf("Next steps:");
  assert(markers >= 0 && steps > markers, r.stdout);
  assertMatch(r.stdout.slice(steps), /^Next steps:\n\n {2}resolve the conflict markers in the/);
  assertMatch(r.stderr, /1 file\(s\) still hold conflict markers/);
});

Deno.test("base store: add records a change beside any store; a plain one is preferred", async () => {
  const { changedStore } = await import("../src/plan/store_plan.ts");
  const document = (await encodeStore([["README.md", "# r\n"]], "0.11.0")).trimEnd();
  await withStore(GZIP_STORE_FILE, gzipSync(document), async (dir) => {
    const file = { path: "src/b/b.py", content: "b = 2\n" };
    const changed = await changedStore(dir, [file as Parameters<typeof changedStore>[1][0]]);
    assertMatch(changed?.path ?? "", /^\.pyscaffold\/changes\/0001-/);
    assertEquals([changed?.encoding, changed?.action], [undefined, "create"]);
    // A plain store is preferred when both are there.
    await Deno.writeTextFile(join(dir, STORE_FILE), await encodeStore([], "0.12.0"));
    assertEquals((await readStore(dir))?.path, STORE_FILE);
  });
});

Deno.test("update: a project made before 0.14.0 gets one revision that makes its unique columns unique over the active rows", async () => {
  const dir = await newProject();
  await runAdd("tags", {
    ...quiet,
    cwd: dir,
    field: ["label:str(40):unique", "slug:str(40):unique:index", "book:ref:books"],
  });
  const head = readRevisions(dir).at(-1)!;
  // A fresh project of this version: nothing to change.
  assertEquals((await update(dir).run()).update.migrations, []);
  await edit(
    dir,
    ANSWERS_FILE,
    (s) => s.replace(/"pyscaffold": "[^"]+"/, '"pyscaffold": "0.13.2"'),
  );
  // With auth switched on in the same run: the two revisions chain, this one first.
  const result = await update(dir, { set: ["auth=true"] }).run();
  const [unique, users] = result.update.migrations;
  assertMatch(unique.path, /^migrations\/versions\/0005_[0-9a-f]{8}_unique_while_active\.py$/);
  assertMatch(users.path, /^migrations\/versions\/0006_[0-9a-f]{8}_create_users\.py$/);
  const revisions = readRevisions(dir);
  assertEquals(revisions.at(-2)!.down, [head.id]);
  assertEquals(revisions.at(-1)!.down, [revisions.at(-2)!.id]);
  const source = await read(dir, unique.path);
  // Only the module with unique columns; each kind of earlier constraint, and its way back.
  assert(!source.includes('"books"') && !source.includes('"notes"'), source);
  for (
    const call of [
      'op.drop_constraint(op.f("uq_tags_label"), "tags", type_="unique")',
      'op.drop_index(op.f("ix_tags_slug"), table_name="tags")',
      'op.create_index(op.f("ix_tags_slug"), "tags", ["slug"], unique=False)',
      'op.create_unique_constraint(op.f("uq_tags_label"), "tags", ["label"])',
      'op.create_index(op.f("ix_tags_slug"), "tags", ["slug"], unique=True)',
    ]
  ) assert(source.includes(call), `${call}\n${source}`);
  assertEquals(source.match(/postgresql_where=sa\.text\("is_active"\)/g)?.length, 2);
  // The version is recorded: the next update writes no second one.
  assertEquals((await update(dir).run()).update.migrations, []);
});

Deno.test("update: a project with auth made before 0.15.0 gets the revision that adds the users' token generation", async () => {
  const older = (dir: string, version: string) =>
    edit(
      dir,
      ANSWERS_FILE,
      (s) => s.replace(/"pyscaffold": "[^"]+"/, `"pyscaffold": "${version}"`),
    );
  const paths = async (dir: string, options: Parameters<typeof update>[1] = {}) =>
    (await update(dir, options).run()).update.migrations.map((m) => m.path);
  for (const database of ["postgresql", "oracle"] as const) {
    const dir = await newProject({ auth: true, database });
    const head = readRevisions(dir).at(-1)!;
    assertEquals(await paths(dir), [], "a project of this version has the column");
    await older(dir, "0.14.0");
    const [planned] = (await update(dir).run()).update.migrations;
    assertMatch(planned.path, /^migrations\/versions\/0004_[0-9a-f]{8}_token_generation\.py$/);
    assertEquals(readRevisions(dir).find((r) => r.path === planned.path)!.down, [head.id]);
    const source = await read(dir, planned.path);
    assert(
      source.includes('sa.Column("token_generation", sa.Integer(), server_default="0"'),
      source,
    );
    // Oracle's tables are in DB_SCHEMA, which Alembic does not translate for a column.
    const schema = "schema=db_schema_from_env(os.environ)";
    assertEquals(source.split(schema).length - 1, database === "oracle" ? 2 : 0, source);
    assertEquals(await paths(dir), [], "the version is recorded: no second revision");
  }
  // Made before 0.14.0 too: both revisions, chained, the unique one first.
  const both = await newProject({ auth: true });
  await runAdd("tags", { ...quiet, cwd: both, field: ["label:str(40):unique"] });
  await older(both, "0.13.2");
  const chained = await paths(both);
  assertEquals(chained.map((p) => p.replace(/^.*_[0-9a-f]{8}_/, "")), [
    "unique_while_active.py",
    "token_generation.py",
    // Made before 0.26.0, with modules under the owner policy: their owner index too.
    "owner_index.py",
  ]);
  // Without auth, or with auth switched on by this update (the users table is created whole):
  // no such revision.
  const without = await newProject();
  await older(without, "0.14.0");
  assertEquals(await paths(without), []);
  await older(without, "0.14.0");
  assertEquals(
    (await paths(without, { set: ["auth=true"] })).map((p) => p.replace(/^.*_[0-9a-f]{8}_/, "")),
    ["create_users.py"],
  );
});

Deno.test("update: a project made before 64-bit ids keeps 32-bit ones in its files and revisions", async () => {
  const parent = await Deno.makeTempDir({ prefix: "pyscaffold-update-" });
  const dir = join(parent, "svc");
  const spec = resolveProjectSpec({ name: "svc", auth: false, cache: false, celery: false });
  await writePlan(await buildProjectPlan({ ...spec, ids: "integer" }), dir);
  // As 0.25.0 and earlier wrote it: no "ids".
  await edit(dir, ANSWERS_FILE, (s) => {
    const { ids: _ids, ...rest } = JSON.parse(s);
    return JSON.stringify(rest, null, 2) + "\n";
  });
  assertEquals((await readProject(dir)).project.ids, "integer");
  const key = (type: string) => `sa.Column("id", ${type}, sa.Identity(), nullable=False)`;
  await runAdd("books", { ...quiet, cwd: dir, field: ["title:str(120):required"] });
  await runAdd("notes", { ...quiet, cwd: dir, field: ["body:text", "book:ref:books"] });
  const notes = await read(dir, readRevisions(dir).at(-1)!.path);
  assert(notes.includes(key("sa.Integer()")), notes);
  assertMatch(notes, /"book_id",\s+sa\.Integer\(\),/);
  // Up to date: nothing to change, its models keep `Integer` and MAX_ID its range.
  assertEquals((await update(dir).run()).update.plan.files, []);
  const model = await read(dir, "src/models/base_model.py");
  assert(model.includes("mapped_column(Integer, Identity(), primary_key=True)"), model);
  assert(model.includes("MAX_ID = 2_147_483_647"), model);
  // Auth switched on: its tables' keys and the owners' references are 32-bit too.
  const result = await update(dir, { set: ["auth=true"] }).run();
  const users = result.update.migrations.find((m) => m.path.endsWith("_create_users.py"))!;
  assert(users.content.includes(key("sa.Integer()")), users.content);
  assert(!users.content.includes("BigInteger"), users.content);
  assert(!(await read(dir, ANSWERS_FILE)).includes('"ids"'), "the answers file keeps no width");

  // --set ids=bigint: one revision widens every key and reference there, a table at a time;
  // the models follow, and the answers file records the width.
  const widened = await update(dir, { set: ["ids=bigint"] }).run();
  assertEquals(widened.update.widenedIds, ["users", "revoked_tokens", "books", "items", "notes"]);
  const [revision] = widened.update.migrations;
  assertMatch(revision.path, /^migrations\/versions\/0005_[0-9a-f]{8}_widen_ids\.py$/);
  const upgrade = revision.content.split("def downgrade")[0];
  for (
    const statement of [
      'op.execute("ALTER TABLE users ALTER COLUMN id TYPE BIGINT")',
      'op.execute("ALTER TABLE revoked_tokens ALTER COLUMN id TYPE BIGINT")',
      '"ALTER TABLE notes ALTER COLUMN id TYPE BIGINT, ALTER COLUMN book_id TYPE BIGINT"',
    ]
  ) assert(upgrade.includes(statement), `${statement}\n${revision.content}`);
  assert(upgrade.includes("with op.get_context().autocommit_block():"), revision.content);
  assert(revision.content.split("def downgrade")[1].includes("TYPE INTEGER"), revision.content);
  assertEquals(JSON.parse(await read(dir, ANSWERS_FILE)).ids, "bigint");
  assert((await read(dir, "src/models/base_model.py")).includes("mapped_column(BigInteger,"));
  assertEquals((await update(dir, { set: ["ids=bigint"] }).run()).update.plan.files, []);

  // A new project: 64-bit everywhere, and recorded.
  const wide = await newProject();
  assertEquals(JSON.parse(await read(wide, ANSWERS_FILE)).ids, "bigint");
  const wideNotes = await read(wide, readRevisions(wide).at(-1)!.path);
  assert(wideNotes.includes(key("sa.BigInteger()")), wideNotes);
  assertMatch(wideNotes, /"book_id",\s+sa\.BigInteger\(\),/);
  const wideModel = await read(wide, "src/models/base_model.py");
  assert(wideModel.includes("mapped_column(BigInteger, Identity(), primary_key=True)"));
  assert(wideModel.includes("MAX_ID = 9_223_372_036_854_775_807"), wideModel);
  // Never narrowed; a width that is none is refused, naming the file and the key.
  await assertRejects(() => update(wide, { set: ["ids=integer"] }).run(), (error) => {
    assert(error instanceof UserError, String(error));
    assertMatch(error.message, /cannot make a project's 64-bit ids 32-bit/);
  });
  await assertRejects(() => update(wide, { set: ["ids=int64"] }).run(), (error) => {
    assert(error instanceof UserError, String(error));
    assertMatch(error.message, /--set ids: "int64" is no width of ids/);
  });
  await edit(wide, ANSWERS_FILE, (s) => s.replace('"ids": "bigint"', '"ids": "int64"'));
  await assertRejects(() => readProject(wide), (error) => {
    assert(error instanceof UserError, String(error));
    assertMatch(
      error.message,
      /\.pyscaffold\.json: "ids" is the string "int64"; it must be one of bigint, integer/,
    );
  });
});

Deno.test("update --set ids=bigint: an Oracle project is refused with the reason; nothing written", async () => {
  const parent = await Deno.makeTempDir({ prefix: "pyscaffold-update-" });
  const dir = join(parent, "svc");
  const spec = resolveProjectSpec({ name: "svc", database: "oracle", auth: false });
  await writePlan(await buildProjectPlan({ ...spec, ids: "integer" }), dir);
  await edit(dir, ANSWERS_FILE, (s) => s.replace(/\n {2}"ids": "integer",/, ""));
  const before = await snapshot(dir);
  await assertRejects(() => update(dir, { set: ["ids=bigint"] }).run(), (error) => {
    assert(error instanceof UserError, String(error));
    assertMatch(error.message, /cannot change the ids of an Oracle project/);
    assertMatch(error.hint ?? "", /NUMBER\(38\)/);
  });
  assertEquals(await snapshot(dir), before);
});

Deno.test("update: modules under the owner policy made before 0.26.0 get the owner index, built online on PostgreSQL", async () => {
  for (const database of ["postgresql", "oracle"] as const) {
    const dir = await newProject({ auth: true, database });
    const model = await read(dir, "src/models/books_model.py");
    assertMatch(
      model,
      /Index\("ix_books_owner_id_is_[0-9a-f]{8}", "owner_id", "is_active", "id"\)/,
    );
    assert(!model.includes("index=True"), model);
    await edit(
      dir,
      ANSWERS_FILE,
      (s) => s.replace(/"pyscaffold": "[^"]+"/, `"pyscaffold": "0.25.0"`),
    );
    const [planned] = (await update(dir).run()).update.migrations;
    assertMatch(planned.path, /_owner_index\.py$/);
    const [upgrade, downgrade] = planned.content.split("def downgrade()");
    for (const table of ["books", "items", "notes"]) {
      assert(upgrade.includes(`op.f("ix_${table}_owner_id"),`), upgrade);
      assert(downgrade.includes(`op.f("ix_${table}_owner_id"),`), downgrade);
    }
    assertEquals(upgrade.split('["owner_id", "is_active", "id"]').length - 1, 3, upgrade);
    // The new index first, then the old one dropped: never a table without one.
    assert(upgrade.indexOf("op.create_index") < upgrade.indexOf('op.f("ix_books_owner_id")'));
    const online = database === "postgresql";
    assertEquals(upgrade.includes("postgresql_concurrently=True"), online, upgrade);
    assertEquals(upgrade.includes("autocommit_block()"), online, upgrade);
  }
});

// ---------------------------------------------------------------- a module's access policy

Deno.test("update --set: <module>.access keys apart from the features", () => {
  const raw = ["cache=on", "items.access=public-read", " books.access = admin "];
  assertEquals(parseSettings(raw), { cache: true });
  assertEquals(parseAccessSettings(raw), { items: "public-read", books: "admin" });
  assertRejects(() => Promise.resolve().then(() => parseAccessSettings(["items.access="])), (e) => {
    assert(e instanceof UserError);
    assertMatch(e.message, /which policy\?/);
  });
  assertRejects(() => Promise.resolve().then(() => parseSettings(["acces=x"])), (e) => {
    assert(e instanceof UserError);
    assertMatch(e.hint ?? "", /module's access policy \(e\.g\. --set items\.access=public-read\)/);
  });
});

Deno.test("update --set <module>.access: a policy changed after add, your edits kept; to and from owner with a revision", async () => {
  const dir = await newProject({ auth: true });
  const controller = "src/items/items_controller.py";
  await edit(dir, controller, (s) => "# team note\n" + s);
  const owned = await read(dir, "src/notes/notes_service.py");
  assertMatch(owned, /OWNED_REFERENCES = frozenset\(\{"books"\}\)/, "notes → books, both owned");

  // owner → public-read: the owner column goes, in a revision; the guard and tests follow.
  const before = readRevisions(dir).length;
  const open = await update(dir, { set: ["items.access=public-read"] }).run();
  assertEquals(open.update.migrations.length, 1);
  assertEquals(open.update.accessSwitches, [
    { module: "items", from: "owner", to: "public-read", revision: open.update.migrations[0].path },
  ]);
  const disown = await read(dir, open.update.migrations[0].path);
  assertMatch(open.update.migrations[0].path, /_disown_items\.py$/);
  assertMatch(
    disown,
    /def upgrade\(\) -> None:\n(?: {4}op\..*\n)*? {4}op\.drop_column\("items", "owner_id"\)/,
  );
  assertMatch(disown, /`pyscaffold update --set items\.access=public-read`/);
  assertEquals(readRevisions(dir).length, before + 1);
  assertEquals((await readProject(dir)).modules.items.access, "public-read");
  const text = await read(dir, controller);
  assert(text.startsWith("# team note\n"), "the user's edit is kept");
  assert(!text.includes("owner_scope"), "no owner scope left");
  assert(!(await read(dir, "src/models/items_model.py")).includes("owner_id"));

  // public-read → admin: no schema change, no revision; the first module's own tests follow.
  const admin = await update(dir, { set: ["items.access=admin"] }).run();
  assertEquals(admin.update.migrations, []);
  assertMatch(await read(dir, "tests/test_app.py"), /is for admins only \(its access policy\)/);
  // The same policy again changes nothing.
  const same = await update(dir, { set: ["items.access=admin"] }).run();
  assertEquals(same.update.accessSwitches, []);
  assertEquals(same.update.plan.files, []);

  // → owner: a revision that adds owner_id, with ROWS_OWNER for the rows there.
  const ownUpdate = update(dir, { set: ["items.access=owner"] });
  const own = await ownUpdate.run();
  assertMatch(own.update.migrations[0].path, /_own_items\.py$/);
  assertMatch(
    ownUpdate.prompter.transcript,
    new RegExp(`set ROWS_OWNER in ${own.update.migrations[0].path} to the email`),
  );
  const owning = await read(dir, own.update.migrations[0].path);
  assertMatch(owning, /^ROWS_OWNER: str \| None = None$/m);
  // Online on PostgreSQL: NOT NULL with ROWS_OWNER's user as the default (no rewrite, no scan;
  // the release still running gets the same owner), then the index and the foreign key outside
  // the transaction; a script (--sql) keeps the one-transaction form.
  assertMatch(
    owning,
    /owner_id = _rows_owner_id\(table, owner\)[\s\S]*nullable=False,\s*server_default=None if owner_id is None else sa\.text\(str\(owner_id\)\),\s*\),\s*if_not_exists=True/,
  );
  assertMatch(
    owning,
    /autocommit_block\(\):[\s\S]*postgresql_concurrently=True[\s\S]*postgresql_not_valid=True[\s\S]*VALIDATE CONSTRAINT fk_items_owner_id/,
  );
  assertMatch(
    owning,
    /def _as_script[\s\S]*nullable=True[\s\S]*op\.alter_column\(\s*"items", "owner_id", [^\n]*nullable=False/,
  );
  assertMatch(await read(dir, "src/models/items_model.py"), /owner_id: Mapped\[int\]/);
  const state = await readProject(dir);
  for (const [path, file] of generatedFiles(recordedSpec(state), state.modules)) {
    if (path === controller) continue;
    assertEquals(await read(dir, path), file.content, `${path} as generated for these answers`);
  }

  // books leaves owner: notes (owned) no longer checks the owner of a book it references.
  await update(dir, { set: ["books.access=authenticated"] }).run();
  assert(!(await read(dir, "src/notes/notes_service.py")).includes("OWNED_REFERENCES"));
});

Deno.test("update --set <module>.access: refused with the reason, nothing written", async () => {
  const dir = await newProject({ auth: true });
  const before = await snapshot(dir);
  const refusals: [string[], RegExp][] = [
    [["nope.access=admin"], /nope/],
    [["books.access=everyone"], /Unknown access policy "everyone"/],
    [["books.access=public"], /Unknown access policy "public"/],
    [["auth=false", "books.access=admin"], /auth=false makes every module public/],
  ];
  for (const [set, message] of refusals) {
    await assertRejects(() => update(dir, { set, dropTables: true }).run(), (e) => {
      assert(e instanceof UserError, String(e));
      assertMatch(e.message, message);
    });
    assertEquals(await snapshot(dir), before, set.join(" "));
  }
  const bare = await newProject();
  await assertRejects(() => update(bare, { set: ["books.access=admin"] }).run(), (e) => {
    assert(e instanceof UserError);
    assertMatch(e.message, /needs authentication, and this project has none/);
  });
  // The CLI's JSON names the switch; nothing is written.
  const r = await cli(["update", "--set", "books.access=admin", "--json"], dir);
  assertEquals(r.code, 0, r.stderr);
  assertEquals(JSON.parse(r.stdout).switched, { "books.access": "admin" });
  assertEquals(await snapshot(dir), before);
});

Deno.test("update: a text field's length, changed in its module's record, reaches its schemas", async () => {
  const dir = await newProject();
  const schemas = "src/notes/notes_schemas.py";
  assertMatch(await read(dir, schemas), /body: Annotated\[str, Field\(max_length=10000\)\]/);
  await edit(dir, ".pyscaffold/modules/notes.json", (s) => {
    const record = JSON.parse(s);
    record.fields.find((f: { name: string }) => f.name === "body").length = 200000;
    return JSON.stringify(record, null, 2) + "\n";
  });
  const result = await update(dir).run();
  assertEquals(result.update.migrations, [], "the column stays TEXT");
  assertMatch(await read(dir, schemas), /body: Annotated\[str, Field\(max_length=200000\)\]/);
  assertMatch(await read(dir, "tests/test_notes.py"), /\("body", 200000\)/);
});
