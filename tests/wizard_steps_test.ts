/**
 * The wizard steps and the wizard of `new`, answered by a ScriptedPrompter:
 * answers in, spec out, and what the user would have read.
 */
import { assert, assertEquals, assertMatch, assertRejects } from "./_assert.ts";
import { CancelledError } from "../src/errors.ts";
import { buildProjectPlan } from "../src/plan/mod.ts";
import { NOT_YET_SUPPORTED, resolveProjectSpec } from "../src/choices/project_spec.ts";
import {
  authQuestion,
  databaseQuestion,
  FEATURE_QUESTIONS,
  frameworkQuestion,
  moduleQuestion,
} from "../src/choices/features/mod.ts";
import { BACK, CANCEL, ScriptedPrompter } from "../src/wizard/scripted_prompter.ts";
import { askProjectName, PROJECT_NAME_MESSAGE } from "../src/wizard/steps/project_name.ts";
import { askFramework } from "../src/wizard/steps/framework.ts";
import { askDatabase } from "../src/wizard/steps/database.ts";
import { askFeatures } from "../src/wizard/steps/features.ts";
import { askModule } from "../src/wizard/steps/module.ts";
import { preview, PREVIEW_MESSAGE } from "../src/wizard/steps/preview.ts";
import { runNewWizard } from "../src/wizard/new_wizard.ts";
import { chooseFromMenu, MENU_MESSAGE } from "../src/wizard/menu.ts";

Deno.test("step project-name: a valid name is accepted", async () => {
  const prompter = new ScriptedPrompter([{ expect: PROJECT_NAME_MESSAGE, answer: "shop-api" }]);
  assertEquals(await askProjectName({ prompter }), "shop-api");
  assertEquals(prompter.asked[0].errors, []);
});

Deno.test("step project-name: hints as you type, refuses on Enter with a suggestion", async () => {
  const prompter = new ScriptedPrompter(["My_API", "my-api"]);
  assertEquals(await askProjectName({ prompter }), "my-api");
  const [asked] = prompter.asked;
  assertEquals(asked.hints.length, 1);
  assertMatch(asked.hints[0], /lower-case letter.*→ my-api/);
  assertEquals(asked.errors.length, 1);
  assertMatch(asked.errors[0], /Try "my-api"/);
});

Deno.test("step project-name: an empty answer takes the default, or the current name", async () => {
  assertEquals(await askProjectName({ prompter: new ScriptedPrompter([""]) }), "my-api");
  assertEquals(
    await askProjectName({ prompter: new ScriptedPrompter([""]), initial: "billing" }),
    "billing",
  );
});

Deno.test("step project-name: a taken directory is refused with the reason", async () => {
  const prompter = new ScriptedPrompter(["taken", "free"]);
  const name = await askProjectName({
    prompter,
    checkTarget: (n) => Promise.resolve(n === "taken" ? "taken already exists" : undefined),
  });
  assertEquals(name, "free");
  assertEquals(prompter.asked[0].errors, ["taken already exists"]);
});

Deno.test("step framework: shows the explanation, the trade-off table and every choice", async () => {
  const prompter = new ScriptedPrompter([{ expect: frameworkQuestion.message, answer: "flask" }]);
  assertEquals(await askFramework({ prompter }), "flask");
  const shown = prompter.transcript;
  assert(shown.includes(frameworkQuestion.explanation.slice(0, 30)), shown);
  for (const requirement of ["Simple CRUD APIs", "High concurrent connections", "WebSocket"]) {
    assert(shown.includes(requirement), `${requirement} missing:\n${shown}`);
  }
  // The choices come from the question data, descriptions included.
  assertEquals(prompter.asked[0].choices, frameworkQuestion.choices);
  assertEquals(prompter.asked[0].default, frameworkQuestion.default);
});

Deno.test("step framework/database: an unsupported choice is explained and asked again", async () => {
  for (
    const [ask, question] of [[askFramework, frameworkQuestion], [
      askDatabase,
      databaseQuestion,
    ]] as const
  ) {
    const unsupported = question.choices.find((c) => NOT_YET_SUPPORTED.has(c.value));
    if (!unsupported) continue; // every choice generates: nothing to refuse
    const prompter = new ScriptedPrompter([unsupported.value, question.default]);
    assertEquals(await ask({ prompter }), question.default);
    assertEquals(prompter.asked.length, 2);
    assertMatch(prompter.transcript, /not supported yet/);
  }
});

Deno.test("step database: the current answer is highlighted when changing it", async () => {
  const prompter = new ScriptedPrompter(["postgresql"]);
  await askDatabase({ prompter, initial: "postgresql" });
  assertEquals(prompter.asked[0].default, "postgresql");
  assertMatch(prompter.transcript, /Cross-schema relationships/);
  assertMatch(prompter.transcript, /Existing Oracle infrastructure/);
});

Deno.test("step features: asks only the given features, after what each adds and costs", async () => {
  const prompter = new ScriptedPrompter([
    { expect: authQuestion.message, answer: false },
    { expect: /Celery/, answer: true },
  ]);
  const answers = await askFeatures({ prompter, ask: ["celery", "auth"] });
  assertEquals(answers, { auth: false, celery: true });
  for (const q of FEATURE_QUESTIONS.filter((q) => q.id !== "cache")) {
    assert(prompter.transcript.includes(q.adds.slice(0, 25)), `${q.id}: adds missing`);
    assert(prompter.transcript.includes(q.costs.slice(0, 25)), `${q.id}: costs missing`);
  }
  assert(!prompter.transcript.includes(FEATURE_QUESTIONS[1].adds.slice(0, 25)));
  assertEquals(prompter.asked.map((a) => a.default), [authQuestion.default, false]);
});

Deno.test("step module: normalises the name and refuses reserved words", async () => {
  const prompter = new ScriptedPrompter(["class", "Booking Item"]);
  assertEquals(await askModule({ prompter, database: "postgresql" }), "booking_item");
  assertMatch(prompter.asked[0].errors[0], /Python keyword/);
  assertMatch(prompter.asked[0].hints[0], /Python keyword/);
  assertEquals(prompter.asked[0].default, moduleQuestion.default);
});

Deno.test("step preview: shows the tree; view a file, then write", async () => {
  const plan = await buildProjectPlan(resolveProjectSpec({ name: "svc" }));
  const file = plan.files[plan.files.length - 1];
  const prompter = new ScriptedPrompter([
    { expect: PREVIEW_MESSAGE, answer: "view" },
    { expect: /Which file/, answer: file.path },
    { expect: PREVIEW_MESSAGE, answer: "write" },
  ]);
  const decision = await preview({ prompter, plan, target: "svc", changeable: [] });
  assertEquals(decision, { action: "write" });
  const shown = prompter.transcript;
  assert(shown.includes(`${plan.files.length} files`), shown);
  assert(shown.includes(file.why), "the viewed file's why");
  // The start of its last line: the viewer wraps a long line at the terminal's width.
  const lastLine = file.content.trimEnd().split("\n").pop()!.slice(0, 60);
  assert(shown.includes(lastLine), "the viewed file's content");
});

Deno.test("step preview: change an answer, back out of it, cancel", async () => {
  const plan = await buildProjectPlan(resolveProjectSpec({ name: "svc" }));
  const changeable = [{ id: "framework", label: "Framework", value: "Flask" }];
  const change = new ScriptedPrompter(["change", "\0back", "change", "framework"]);
  assertEquals(await preview({ prompter: change, plan, target: "svc", changeable }), {
    action: "change",
    id: "framework",
  });
  await assertRejects(
    () => preview({ prompter: new ScriptedPrompter(["cancel"]), plan, target: "svc", changeable }),
    (e) => assert(e instanceof CancelledError),
  );
});

Deno.test("wizard: asks only what was not given, and builds the spec", async () => {
  const prompter = new ScriptedPrompter([
    { expect: /database/, answer: "postgresql" },
    { expect: /caching/, answer: false },
    { expect: /module/, answer: "Books" },
    { expect: /Who may read/, answer: "authenticated" },
    { expect: PREVIEW_MESSAGE, answer: "write" },
  ]);
  const result = await runNewWizard({
    prompter,
    given: { name: "svc", framework: "flask", auth: true, celery: false },
    preview: true,
  });
  assertEquals(prompter.remaining, 0);
  assertEquals(result.target, "svc");
  const expected = resolveProjectSpec({
    name: "svc",
    framework: "flask",
    database: "postgresql",
    auth: true,
    cache: false,
    celery: false,
    module: "books",
  });
  // The first module's access policy is asked after the questions, with auth.
  assertEquals(result.spec, {
    ...expected,
    module: { ...expected.module, access: "authenticated" },
  });
  assertEquals(result.plan, await buildProjectPlan(result.spec));
  assert(!prompter.asked.some((a) => /framework|JWT|Celery|Project name/.test(a.message)));
  // The count the wizard opens with is the number it asked: the access policy included.
  assertMatch(prompter.transcript, /pyscaffold new — 4 questions, then a preview/);
  assertEquals(prompter.asked.length - 1, 4, "the preview's question aside");
});

Deno.test("wizard: going back from the preview changes an answer and rebuilds the plan", async () => {
  const prompter = new ScriptedPrompter([
    "first-name", // name
    "flask",
    "postgresql",
    true, // auth
    true, // cache
    false, // celery
    "items",
    { expect: /Who may read/, answer: "owner" },
    { expect: PREVIEW_MESSAGE, answer: "change" },
    { expect: /Which answer/, answer: "auth" },
    { expect: authQuestion.message, answer: false },
    { expect: PREVIEW_MESSAGE, answer: "change" },
    { expect: /Which answer/, answer: "name" },
    { expect: PROJECT_NAME_MESSAGE, answer: "" }, // Enter keeps the current name
    { expect: PREVIEW_MESSAGE, answer: "change" },
    { expect: /Which answer/, answer: "module" },
    { expect: /module/, answer: "books" },
    { expect: PREVIEW_MESSAGE, answer: "write" },
  ]);
  const result = await runNewWizard({ prompter, given: {}, preview: true });
  assertEquals(prompter.remaining, 0);
  // Auth still open: the access policy may be asked or not.
  assertMatch(prompter.transcript, /pyscaffold new — up to 8 questions, then a preview/);
  assertEquals(result.spec.auth, false);
  assertEquals(result.spec.module.access, "public", "without auth the policy asked is dropped");
  assertEquals(result.spec.cache, true);
  assertEquals(result.spec.name, "first-name");
  assertEquals(result.spec.module.name, "books");
  // the changed answers were offered with their current values
  const auth = prompter.asked.filter((a) => a.message === authQuestion.message);
  assertEquals(auth.map((a) => a.default), [true, true]);
  const name = prompter.asked.filter((a) => a.message === PROJECT_NAME_MESSAGE);
  assertEquals(name.map((a) => a.default), ["my-api", "first-name"]);
  // the preview was shown again after each change
  assertEquals(prompter.asked.filter((a) => a.message === PREVIEW_MESSAGE).length, 4);
});

Deno.test("wizard: the preview offers the first module's access policy, with auth only", async () => {
  const prompter = new ScriptedPrompter([
    "svc",
    "quart",
    "postgresql",
    true, // auth
    false, // cache
    false, // celery
    "items",
    { expect: /Who may read/, answer: "owner" },
    { expect: PREVIEW_MESSAGE, answer: "change" },
    { expect: /Which answer/, answer: "access" },
    { expect: /Who may read/, answer: "public-read" },
    { expect: PREVIEW_MESSAGE, answer: "write" },
  ]);
  const result = await runNewWizard({ prompter, given: {}, preview: true });
  assertEquals(prompter.remaining, 0);
  assertEquals(result.spec.module.access, "public-read");
  // offered with its current value, and a policy given by --access can be changed the same way
  const policy = prompter.asked.filter((a) => /Who may read/.test(a.message));
  assertEquals(policy.map((a) => a.default), ["owner", "owner"]);
  const flagged = new ScriptedPrompter([
    { expect: PREVIEW_MESSAGE, answer: "change" },
    { expect: /Which answer/, answer: "access" },
    { expect: /Who may read/, answer: "admin" },
    { expect: PREVIEW_MESSAGE, answer: "write" },
  ]);
  const given = {
    name: "svc",
    framework: "flask",
    database: "postgresql",
    auth: true,
    cache: false,
    celery: false,
    module: "items",
  } as const;
  const changed = await runNewWizard({
    prompter: flagged,
    given,
    preview: true,
    access: "authenticated",
  });
  assertEquals(changed.spec.module.access, "admin");
  // without auth there is no policy to change; with auth the list offers it
  const which = (p: ScriptedPrompter) =>
    p.asked.find((a) => /Which answer/.test(a.message))!.choices!.map((c) => c.value);
  assert(which(flagged).includes("access"));
  const open = new ScriptedPrompter([
    { expect: PREVIEW_MESSAGE, answer: "change" },
    { expect: /Which answer/, answer: "cache" },
    { expect: /cach/i, answer: false },
    { expect: PREVIEW_MESSAGE, answer: "write" },
  ]);
  await runNewWizard({ prompter: open, given: { ...given, auth: false }, preview: true });
  assertEquals(open.remaining, 0);
  assert(!which(open).includes("access"), String(which(open)));
});

Deno.test("wizard: a new name keeps the directory's parent", async () => {
  // auth, cache and celery were not given: they are asked first
  const full = new ScriptedPrompter([
    true,
    true,
    false,
    "owner",
    "change",
    "name",
    "other",
    "write",
  ]);
  const done = await runNewWizard({
    prompter: full,
    given: { name: "svc", framework: "flask", database: "postgresql", module: "items" },
    directory: "projects/svc",
    preview: true,
  });
  assertEquals(done.target, "projects/other");
});

Deno.test("wizard: without preview (--json) it returns after the questions", async () => {
  const prompter = new ScriptedPrompter(["flask", "", "admin"]);
  const result = await runNewWizard({
    prompter,
    given: { name: "svc", database: "postgresql", auth: true, cache: true, celery: true },
    preview: false,
  });
  assertEquals(result.spec.module.access, "admin");
  assertEquals(result.spec.framework, "flask");
  assertEquals(result.spec.module.name, moduleQuestion.default);
  assertEquals(prompter.remaining, 0);
});

Deno.test("wizard: Ctrl-C in any step rejects with CancelledError", async () => {
  for (let at = 0; at < 8; at++) {
    const script = ["svc", "flask", "postgresql", true, true, false, "items", "write"];
    script[at] = CANCEL as unknown as string;
    const prompter = new ScriptedPrompter(script);
    await assertRejects(
      () => runNewWizard({ prompter, given: {}, preview: true }),
      (e) => assert(e instanceof CancelledError, `step ${at}: ${e}`),
    );
  }
});

Deno.test("menu: offers only registered commands, and the help", async () => {
  const prompter = new ScriptedPrompter([{ expect: MENU_MESSAGE, answer: "new" }]);
  const args = await chooseFromMenu(prompter, [
    { name: "new", description: "generate a new project" },
    { name: "completions", description: "shell completions" },
  ]);
  assertEquals(args, ["new"]);
  const values = prompter.asked[0].choices!.map((c) => c.value);
  assertEquals(values, ["new", "\0help"]);
  assertMatch(prompter.asked[0].choices![0].description!, /generate a new project/);

  const help = new ScriptedPrompter(["\0help"]);
  assertEquals(await chooseFromMenu(help, [{ name: "new", description: "x" }]), undefined);

  const all = new ScriptedPrompter(["learn"]);
  assertEquals(
    await chooseFromMenu(all, [
      { name: "learn", description: "lessons" },
      { name: "add", description: "add a module" },
      { name: "new", description: "new project" },
    ]),
    ["learn"],
  );
  assertEquals(all.asked[0].choices!.map((c) => c.value), ["new", "add", "learn", "\0help"]);
});

Deno.test("menu: a command's required arguments are asked after it is picked", async () => {
  const prompter = new ScriptedPrompter(["add", "", "booking"]);
  const args = await chooseFromMenu(prompter, [
    { name: "new", description: "new project", arguments: [] },
    {
      name: "add",
      description: "add a module",
      arguments: [
        { name: "name", description: "module name", required: true },
        { name: "extra", description: "optional", required: false },
      ],
    },
  ]);
  assertEquals(args, ["add", "booking"]);
  assertEquals(prompter.asked[1].message, "Module name?");
  assertEquals(prompter.asked[1].errors, ["The name is required."]);
});

Deno.test("wizard: Escape goes back one question at every question, with the answer kept", async () => {
  const prompter = new ScriptedPrompter([
    { expect: PROJECT_NAME_MESSAGE, answer: "svc" },
    { expect: /framework/, answer: "flask" },
    { expect: /database/, answer: BACK }, // back to the framework
    { expect: /framework/, answer: "quart" },
    { expect: /database/, answer: "postgresql" },
    { expect: authQuestion.message, answer: true },
    { expect: /Redis/, answer: BACK }, // back to auth, from a yes/no question
    { expect: authQuestion.message, answer: false },
    { expect: /Redis/, answer: true },
    { expect: /Celery/, answer: false },
    { expect: /module/, answer: BACK }, // back to Celery, from the module prompt
    { expect: /Celery/, answer: true },
    { expect: /module/, answer: "items" },
    { expect: PREVIEW_MESSAGE, answer: "change" },
    { expect: /Which answer/, answer: BACK }, // Escape in "Which answer?": the preview again
    { expect: PREVIEW_MESSAGE, answer: BACK }, // Escape at the preview: the last question
    { expect: /module/, answer: "books" },
    { expect: PREVIEW_MESSAGE, answer: "write" },
  ]);
  const result = await runNewWizard({ prompter, given: {}, preview: true });
  assertEquals(prompter.remaining, 0);
  assertEquals(result.spec.framework, "quart");
  assertEquals(result.spec.auth, false);
  assertEquals(result.spec.celery, true);
  assertEquals(result.spec.module.name, "books");
  // asked again with the answer given before as its default
  const framework = prompter.asked.filter((a) => /framework/.test(a.message));
  assertEquals(framework[1].default, "flask");
  const module = prompter.asked.filter((a) => /module/.test(a.message));
  assertEquals(module.at(-1)?.default, "items");
});

Deno.test("wizard: Escape at the first question asks it again", async () => {
  const prompter = new ScriptedPrompter([
    BACK,
    { expect: PROJECT_NAME_MESSAGE, answer: "svc" },
    "flask",
    "postgresql",
    true,
    false,
    false,
    "items",
    "owner",
  ]);
  const result = await runNewWizard({ prompter, given: {}, preview: false });
  assertEquals(result.spec.name, "svc");
});

/** A project `new --yes` made in a temporary directory, read back; and `askFields`. */
async function fieldsProject() {
  const { runNew } = await import("../src/cli/new_command.ts");
  const { readProject } = await import("../src/project/answers_file.ts");
  const { askFields } = await import("../src/wizard/field_wizard.ts");
  const dir = await Deno.makeTempDir();
  const log = console.log;
  console.log = () => {};
  try {
    await runNew(`${dir}/p`, { yes: true, env: false, git: false, install: false });
  } finally {
    console.log = log;
  }
  return { dir, state: await readProject(`${dir}/p`), askFields };
}

Deno.test("fields: Escape within a field asks it again; at a name, the previous field again", async () => {
  const { dir, state, askFields } = await fieldsProject();
  const prompter = new ScriptedPrompter([
    { expect: /Field 1 name/, answer: "title" },
    { expect: /Type of title/, answer: "int" },
    { expect: /required/, answer: true },
    { expect: /Constraints/, answer: [] },
    { expect: /Default/, answer: "" },
    { expect: /Field 2 name/, answer: "count" },
    { expect: /Type of count/, answer: BACK }, // field 2 again, from its name
    { expect: /Field 2 name/, answer: BACK }, // at a name: field 1 again
    { expect: /Field 1 name/, answer: "headline" },
    { expect: /Type of headline/, answer: "int" },
    { expect: /required/, answer: false },
    { expect: /Constraints/, answer: [] },
    { expect: /Default/, answer: "" },
    { expect: /Field 2 name/, answer: "" },
  ]);
  assertEquals(await askFields(prompter, state, "articles"), ["headline:int:optional"]);
  assertEquals(prompter.remaining, 0);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("step module: a name pyscaffold rewrites is shown as it will be written", async () => {
  const prompter = new ScriptedPrompter(["BookingItem"]);
  assertEquals(await askModule({ prompter, database: "postgresql" }), "booking_item");
  assertEquals(prompter.asked[0].hints, ["→ booking_item"]);
  assertMatch(prompter.transcript, /"BookingItem" is written as booking_item/);
});

Deno.test("fields: text asks its maximum length, recorded only when it is not the default", async () => {
  const { dir, state, askFields } = await fieldsProject();
  const prompter = new ScriptedPrompter([
    { expect: /Field 1 name/, answer: "body" },
    { expect: /Type of body/, answer: "text" },
    { expect: /Maximum length of body/, answer: "10000" },
    { expect: /required/, answer: true },
    { expect: /Default/, answer: "" },
    { expect: /Field 2 name/, answer: "abstract" },
    { expect: /Type of abstract/, answer: "text" },
    { expect: /Maximum length of abstract/, answer: "600000" }, // over: the parser's reason
    { expect: /Maximum length of abstract/, answer: "2000" },
    { expect: /required/, answer: false },
    { expect: /Default/, answer: "" },
    { expect: /Field 3 name/, answer: "" },
  ]);
  assertEquals(await askFields(prompter, state, "articles"), [
    "body:text:required",
    "abstract:text(2000):optional",
  ]);
  const length = prompter.asked.find((a) => /Maximum length of body/.test(a.message));
  assertEquals(length?.default, "10000");
  const over = prompter.asked.find((a) => /Maximum length of abstract/.test(a.message));
  assertEquals(over?.errors, [
    "text(N) needs a length from 1 to 500000 (text alone takes up to 10000 characters)",
  ]);
  await Deno.remove(dir, { recursive: true });
});

Deno.test("fields: an argument question refuses what the parser refuses, with its reason", async () => {
  const { dir, state, askFields } = await fieldsProject();
  const prompter = new ScriptedPrompter([
    { expect: /Field 1 name/, answer: "status" },
    { expect: /Type of status/, answer: "enum" },
    { expect: /Values of status/, answer: "draft|draft" }, // the old check let a repeat through
    { expect: /Values of status/, answer: "draft | sent" },
    { expect: /required/, answer: true },
    { expect: /Constraints/, answer: [] },
    { expect: /Default/, answer: "" },
    { expect: /Field 2 name/, answer: "price" },
    { expect: /Type of price/, answer: "decimal" },
    { expect: /Precision and scale/, answer: "2,3" },
    { expect: /Precision and scale/, answer: "12, 2" },
    { expect: /required/, answer: true },
    { expect: /Constraints/, answer: [] },
    { expect: /Default/, answer: "" },
    { expect: /Field 3 name/, answer: "" },
  ]);
  assertEquals(await askFields(prompter, state, "orders"), [
    "status:enum(draft|sent):required",
    "price:decimal(12,2):required",
  ]);
  const errors = prompter.asked.flatMap((a) => a.errors);
  assertEquals(errors.length, 2, errors.join("\n"));
  assertMatch(errors[0], /distinct/);
  assertMatch(errors[1], /scale no larger/);
  await Deno.remove(dir, { recursive: true });
});
