/**
 * The per-module access policy (issue 14): `--access` on `new` and `add`, the error without
 * auth, the answers file (written, read back, older files without it), what each policy
 * generates (guard, owner column, OpenAPI security per route, the owner check of references).
 */
import { join } from "node:path";
import { assert, assertEquals, assertMatch, assertRejects, assertThrows } from "./_assert.ts";
import { UserError } from "../src/errors.ts";
import { runAdd } from "../src/cli/add_command.ts";
import { runRemove } from "../src/cli/remove_command.ts";
import { ANSWERS_FILE, readProject } from "../src/project/answers_file.ts";
import { buildModuleFiles, buildProjectPlan } from "../src/plan/mod.ts";
import { resolveProjectSpec } from "../src/choices/project_spec.ts";
import { parseAccess } from "../src/choices/features/module.ts";
import { moduleView } from "../src/python/mod.ts";
import { exampleModule } from "../src/choices/module_spec.ts";
import { ScriptedPrompter } from "../src/wizard/scripted_prompter.ts";
import { cli } from "./_cli.ts";
import { writeMinimalProject } from "./_minimal_project.ts";

const quiet = { interactive: false, prompter: new ScriptedPrompter([]) };

/**
 * A minimal project as `new` writes it (the first module's files, the answers file), with
 * or without auth; `access` of the first module as recorded, or none (an older file).
 */
async function project(auth: boolean, access?: "owner" | "admin"): Promise<string> {
  const dir = await Deno.makeTempDir({ prefix: "pyscaffold-access-" });
  await writeMinimalProject(dir, { auth, access });
  return dir;
}

Deno.test("access: parseAccess takes the four policies with auth, only public without", () => {
  assertEquals(parseAccess(undefined, true), "owner");
  for (const p of ["owner", "authenticated", "public-read", "admin"] as const) {
    assertEquals(parseAccess(p, true), p);
  }
  assertEquals(parseAccess("Public-Read", true), "public-read");
  assertEquals(parseAccess(undefined, false), "public");
  assertThrows(() => parseAccess("everyone", true), (e) => {
    assert(e instanceof UserError);
    assertMatch(e.message, /Unknown access policy "everyone"/);
    assertMatch(e.hint!, /owner, authenticated, public-read, admin/);
  });
  assertThrows(() => parseAccess("admin", false), (e) => {
    assert(e instanceof UserError);
    assertMatch(e.message, /needs authentication, and this project has none/);
    assertMatch(e.hint!, /--auth/);
    assertEquals(e.exitCode, 2);
  });
});

Deno.test("access: the view has the policy, and the owner column only under owner", () => {
  const spec = exampleModule();
  assertEquals(moduleView(spec, "postgresql", false).access, "public");
  assertEquals(moduleView({ ...spec, access: "admin" }, "postgresql", false).access, "public");
  assertEquals(moduleView(spec, "postgresql", true).access, "owner");
  assert(moduleView(spec, "postgresql", true).owner);
  // Only a token on every route lets the guard's Redis read carry the cache's generation.
  assertEquals(moduleView(spec, "postgresql", false).tokenOnEveryRoute, false);
  assertEquals(moduleView(spec, "postgresql", true).tokenOnEveryRoute, true);
  for (const access of ["authenticated", "public-read", "admin"] as const) {
    const view = moduleView({ ...spec, access }, "postgresql", true);
    assertEquals(view.access, access);
    assertEquals(view.tokenOnEveryRoute, access !== "public-read", access);
    assertEquals(view.owner, undefined, access);
  }
  const refs = moduleView(
    { ...spec, access: "owner", ownedRefs: ["booking_item"] },
    "oracle",
    true,
  );
  assertEquals(refs.ownedRefTables, ["booking_items"]);
  const shared = { ...spec, access: "authenticated" as const, ownedRefs: ["booking_item"] };
  assertEquals(moduleView(shared, "postgresql", true).ownedRefTables, []);
});

Deno.test("access: each policy's guard and OpenAPI security, on both frameworks", () => {
  for (const framework of ["flask", "quart"] as const) {
    const spec = resolveProjectSpec({ name: "svc", framework, celery: false });
    const controller = (access: "owner" | "authenticated" | "public-read" | "admin") =>
      buildModuleFiles(spec, { ...spec.module, access })
        .find((f) => f.path.endsWith("_controller.py"))!.content;
    assertMatch(controller("owner"), /bp\.before_request\(require_active_user\)/);
    assertMatch(controller("owner"), /owner_scope\(\)/);
    assertMatch(controller("authenticated"), /bp\.before_request\(require_active_user\)/);
    assert(!controller("authenticated").includes("owner_scope"), framework);
    assertMatch(controller("admin"), /bp\.before_request\(require_admin\)/);
    const publicRead = controller("public-read");
    assertMatch(publicRead, /bp\.before_request\(require_a_user_to_write\)/);
    assertMatch(publicRead, /READ_METHODS = frozenset\(\{"GET", "HEAD", "OPTIONS"\}\)/);
    // One OpenAPI registry for both frameworks: the two GETs carry no security requirement;
    // the three writes do, and every route of an admin module does.
    assertEquals(publicRead.match(/secured=False/g)?.length, 2);
    assertEquals(publicRead.match(/secured=True/g)?.length, 3);
    assertEquals(controller("admin").match(/secured=True/g)?.length, 5);
  }
});

/** The first module's record. */
const RECORD = ".pyscaffold/modules/items.json";

Deno.test("access: new --access records the first module's policy; default owner", async () => {
  const spec = resolveProjectSpec({ name: "svc", celery: false });
  const recorded = async (access?: "admin") => {
    const plan = await buildProjectPlan({ ...spec, module: { ...spec.module, access } });
    const file = plan.files.find((f) => f.path === RECORD)!;
    return JSON.parse(file.content).access;
  };
  assertEquals(await recorded(), "owner");
  assertEquals(await recorded("admin"), "admin");
  const noAuth = resolveProjectSpec({ name: "svc", celery: false, auth: false });
  const plan = await buildProjectPlan(noAuth);
  const file = plan.files.find((f) => f.path === RECORD)!;
  assertEquals(JSON.parse(file.content).access, "public");
});

Deno.test("access: add --access records the policy, reads older files as owner, remove works", async () => {
  const dir = await project(true); // the first module has no "access": an older file
  assertEquals((await readProject(dir)).modules.items.access, undefined);
  const added = (await runAdd("product", {
    ...quiet,
    cwd: dir,
    access: "public-read",
    field: ["name:str(80):required"],
  }))!;
  assertEquals(added.module.access, "public-read");
  // A note of an owner-scoped module referencing items (owner, as read from the older file):
  // the reference is checked against the note's owner.
  const note = (await runAdd("note", { ...quiet, cwd: dir, field: ["item:ref:items"] }))!;
  assertEquals(note.module.access, "owner");
  assertEquals(note.module.ownedRefs, ["items"]);
  const service = note.plan.files.find((f) => f.path === "src/note/note_service.py")!.content;
  assertMatch(service, /OWNED_REFERENCES = frozenset\(\{"items"\}\)/);
  // ...but not from a shared module: its rows belong to no one.
  const shared = (await runAdd("tag", {
    ...quiet,
    cwd: dir,
    access: "authenticated",
    field: ["item:ref:items"],
  }))!;
  assertEquals(shared.module.ownedRefs, undefined);
  const state = await readProject(dir);
  assertEquals(state.modules.product.access, "public-read");
  assertEquals(state.modules.note.access, "owner");
  assertEquals(state.modules.tag.access, "authenticated");
  // remove re-renders the module as recorded: the drop revision's downgrade has no owner_id
  // for a public-read module, and has one for an owner module.
  const removed = (await runRemove("product", { ...quiet, cwd: dir, yes: true }))!;
  assert(!removed.migration.content.includes("owner_id"));
  const removedNote = (await runRemove("note", { ...quiet, cwd: dir, yes: true }))!;
  assertMatch(removedNote.migration.content, /"owner_id"/);
});

Deno.test("access: an unknown policy in a module's record is refused, naming the record", async () => {
  const dir = await project(true, "admin");
  assertEquals((await readProject(dir)).modules.items.access, "admin");
  const path = join(dir, RECORD);
  const data = JSON.parse(await Deno.readTextFile(path));
  data.access = "everyone";
  await Deno.writeTextFile(path, JSON.stringify(data));
  await assertRejects(() => readProject(dir).then((s) => s.modules.items), (e) => {
    assert(e instanceof UserError, String(e));
    assertMatch(
      e.message,
      /^\.pyscaffold\/modules\/items\.json: "access" is the string "everyone"; it must be one of public/,
    );
  });
});

Deno.test("cli: --access without auth fails with exit 2 and says what to do", async () => {
  const dir = await project(false);
  const add = await cli(["add", "note", "--access", "owner", "--field", "title:str(80)"], dir);
  assertEquals(add.code, 2, add.stderr);
  assertMatch(add.stderr, /--access owner needs authentication, and this project has none/);
  assertMatch(add.stderr, /Leave out --access/);
  const fine = await cli(["add", "note", "--field", "title:str(80)"], dir);
  assertEquals(fine.code, 0, fine.stderr);
  assertEquals((await readProject(dir)).modules.note.access, "public");

  const parent = await Deno.makeTempDir({ prefix: "pyscaffold-access-new-" });
  const args = ["new", "svc", "--yes", "--no-git", "--no-env", "--no-install"];
  const noAuth = await cli([...args, "--no-auth", "--access", "admin"], parent);
  assertEquals(noAuth.code, 2, noAuth.stderr);
  assertMatch(noAuth.stderr, /needs authentication/);
  const unknown = await cli([...args, "--access", "everyone"], parent);
  assertEquals(unknown.code, 2, unknown.stderr);
  assertMatch(unknown.stderr, /Unknown access policy "everyone"/);
  assertEquals([...Deno.readDirSync(parent)], [], "nothing was written");
  const ok = await cli([...args, "--access", "public-read"], parent);
  assertEquals(ok.code, 0, ok.stderr);
  const state = await readProject(join(parent, "svc"));
  assertEquals(state.modules.items.access, "public-read");
});

Deno.test("access: --save-answers keeps the first module's policy and --answers reads it back", async () => {
  const parent = await Deno.makeTempDir({ prefix: "pyscaffold-access-answers-" });
  const args = ["--yes", "--no-git", "--no-env", "--no-install"];
  const saved = join(parent, "answers.json");
  const first = await cli(
    ["new", "one", ...args, "--access", "authenticated", "--save-answers", saved],
    parent,
  );
  assertEquals(first.code, 0, first.stderr);
  assertEquals(JSON.parse(await Deno.readTextFile(saved)).modules.items.access, "authenticated");
  // From the saved answers, and from a project's own .pyscaffold.json.
  for (const [name, file] of [["two", saved], ["three", join(parent, "one", ANSWERS_FILE)]]) {
    const again = await cli(["new", name, ...args, "--answers", file], parent);
    assertEquals(again.code, 0, again.stderr);
    assertEquals((await readProject(join(parent, name))).modules.items.access, "authenticated");
  }
  // A flag wins; auth turned off by a flag leaves the file's policy out.
  const flag = await cli(["new", "four", ...args, "--answers", saved, "--access", "admin"], parent);
  assertEquals(flag.code, 0, flag.stderr);
  assertEquals((await readProject(join(parent, "four"))).modules.items.access, "admin");
  const off = await cli(["new", "five", ...args, "--answers", saved, "--no-auth"], parent);
  assertEquals(off.code, 0, off.stderr);
  assertEquals((await readProject(join(parent, "five"))).modules.items.access, "public");
  // No policy at all is an error naming the file and the key, before anything is written.
  const data = JSON.parse(await Deno.readTextFile(saved));
  data.modules.items.access = "everyone";
  await Deno.writeTextFile(saved, JSON.stringify(data));
  const bad = await cli(["new", "six", ...args, "--answers", saved], parent);
  assertEquals(bad.code === 0, false, bad.stderr);
  assertMatch(bad.stderr, /answers\.json: "modules\.items\.access" is the string "everyone"/);
  assertEquals(await Deno.stat(join(parent, "six")).catch(() => null), null);
});

Deno.test("access: the wizard question explains the trade-off and offers the four policies", async () => {
  const { askAccess } = await import("../src/wizard/steps/module.ts");
  const prompter = new ScriptedPrompter([{ expect: /Who may read and change/, answer: "admin" }]);
  assertEquals(await askAccess({ prompter }), "admin");
  assertMatch(prompter.transcript.replace(/\s+/g, " "), /owner keeps every user's rows private/);
  const [question] = prompter.asked;
  assertEquals(question.default, "owner");
  assertEquals(
    question.choices?.map((c) => c.value),
    ["owner", "authenticated", "public-read", "admin"],
  );
});

Deno.test("access: add in a terminal asks the policy only with auth", async () => {
  const fields = [
    { expect: /Field 1 name/, answer: "title" },
    { expect: /Type of title/, answer: "text" },
    { expect: /Maximum length of title/, answer: "10000" },
    { expect: /required/, answer: true },
    { expect: /Default/, answer: "" },
    { expect: /Field 2 name/, answer: "" },
  ];
  const withAuth = new ScriptedPrompter([
    ...fields,
    { expect: /Who may read/, answer: "authenticated" },
    { expect: /Create these files/, answer: true },
  ]);
  const dir = await project(true);
  const added = await runAdd("memo", {
    interactive: true,
    prompter: withAuth,
    cwd: dir,
    field: [],
  });
  assertEquals(added!.module.access, "authenticated");
  assertEquals(withAuth.remaining, 0);
  const noAuth = new ScriptedPrompter([...fields, { expect: /Create these files/, answer: true }]);
  const plain = await project(false);
  const open = await runAdd("memo", { interactive: true, prompter: noAuth, cwd: plain, field: [] });
  assertEquals(open!.module.access, "public");
  assertEquals(noAuth.remaining, 0);
});

Deno.test("access: add --access on a module that exists names update --set, where a policy changes", async () => {
  const dir = await project(true);
  await assertRejects(
    () => runAdd("items", { ...quiet, cwd: dir, field: ["due:date:optional"], access: "admin" }),
    (e) => {
      assert(e instanceof UserError);
      assertMatch(
        e.message,
        /^Module "items" exists: add gives it fields, and --access only a new/,
      );
      assertMatch(e.hint ?? "", /pyscaffold update --set items\.access=admin$/);
    },
  );
});
