/**
 * What the user sees: the real prompts (rendered in memory by
 * @inquirer/testing from the adapter's configuration) and the trade-off
 * tables at several terminal widths.
 */
import { render } from "@inquirer/testing";
import { input, select } from "@inquirer/prompts";
import { assert, assertEquals, assertMatch } from "./_assert.ts";
import { makeColors } from "../src/output/colors.ts";
import {
  databaseQuestion,
  frameworkQuestion,
  moduleQuestion,
} from "../src/choices/features/mod.ts";
import {
  databaseTradeoffs,
  frameworkTradeoffs,
  TRADEOFF_TABLES,
} from "../src/choices/tradeoffs.ts";
import { inputConfig, selectConfig } from "../src/wizard/_inquirer_prompter.ts";
import { renderTradeoffTable } from "../src/wizard/tradeoff_table.ts";
import { visibleLength } from "../src/output/text.ts";
import { projectNameError, projectNameHint } from "../src/wizard/steps/project_name.ts";

const plain = makeColors(false);

Deno.test("prompt: the framework select shows the highlighted choice's description", async () => {
  const config = selectConfig({
    message: frameworkQuestion.message,
    choices: frameworkQuestion.choices,
    default: frameworkQuestion.default,
  });
  const { answer, events, getScreen } = await render(select, config);
  let screen = getScreen();
  assertMatch(screen, /Which web framework\?/);
  assertMatch(screen, /❯ Flask/);
  assert(screen.includes(frameworkQuestion.choices[0].description), screen);
  assert(!screen.includes(frameworkQuestion.choices[1].description), screen);
  events.keypress("down");
  screen = getScreen();
  assertMatch(screen, /❯ Quart/);
  assert(screen.includes(frameworkQuestion.choices[1].description), screen);
  events.keypress("enter");
  assertEquals(await answer, "quart");
});

Deno.test("prompt: the database select starts on the current answer", async () => {
  const config = selectConfig({
    message: databaseQuestion.message,
    choices: databaseQuestion.choices,
    default: "oracle",
  });
  const { answer, events, getScreen } = await render(select, config);
  assertMatch(getScreen(), /❯ Oracle/);
  assert(getScreen().includes(databaseQuestion.choices[1].description));
  events.keypress("enter");
  assertEquals(await answer, "oracle");
});

Deno.test("prompt: the project name is checked as you type, with a suggestion", async () => {
  const config = inputConfig({
    message: "Project name?",
    default: "my-api",
    liveHint: projectNameHint,
    validate: (v) => projectNameError(v) ?? true,
  }, plain);
  const { answer, events, getScreen, nextRender } = await render(input, config);
  events.type("My");
  assertMatch(getScreen(), /My {2}✗ it must start with a lower-case letter \(a-z\) → my/);
  events.type("_Shop");
  assertMatch(getScreen(), /→ my-shop/);
  events.keypress("enter");
  await nextRender();
  assertMatch(getScreen(), /Try "my-shop"/);
  for (let i = 0; i < 8; i++) events.keypress("backspace");
  events.type("shop");
  assert(!getScreen().includes("✗"), getScreen());
  events.keypress("enter");
  assertEquals(await answer, "shop");
});

Deno.test("prompt: the module name shows its default and refuses keywords", async () => {
  const config = inputConfig({
    message: moduleQuestion.message,
    default: moduleQuestion.default,
    validate: (v) => v === "class" ? "it is a Python keyword" : true,
  }, plain);
  const { answer, events, getScreen, nextRender } = await render(input, config);
  assertMatch(getScreen(), /Name of the first resource module\? \(items\)/);
  events.type("class");
  events.keypress("enter");
  await nextRender();
  assertMatch(getScreen(), /Python keyword/);
  for (let i = 0; i < 5; i++) events.keypress("backspace");
  events.keypress("enter");
  assertEquals(await answer, "items");
});

Deno.test("trade-off tables: at every width from 60 columns, every row and its reason fit", () => {
  for (const columns of [60, 80, 100, 120, 160]) {
    for (
      const [table, question] of [[frameworkTradeoffs, frameworkQuestion], [
        databaseTradeoffs,
        databaseQuestion,
      ]] as const
    ) {
      const text = renderTradeoffTable(
        table as typeof frameworkTradeoffs,
        question as typeof frameworkQuestion,
        { columns, colors: plain },
      );
      for (const line of text.split("\n")) {
        assert(visibleLength(line) < columns, `${columns}: too wide: "${line}"`);
      }
      // Words wrapped in a column are joined again: each reason is there, whole.
      const flat = text.split("\n").map((l) => l.trim()).join(" ");
      for (const row of table.rows) {
        assert(text.includes(row.requirement), `${columns}: ${row.requirement} missing\n${text}`);
        if (columns < 120) assert(flat.includes(row.detail), `${columns}: ${row.detail}\n${text}`);
        else {
          for (const word of row.detail.split(" ")) {
            assert(text.includes(word), `${columns}: ${word}`);
          }
        }
      }
      for (const choice of question.choices) assert(text.includes(choice.name));
    }
  }
});

Deno.test("trade-off tables: the original table's words, with ✔ ✘ ~ marks", () => {
  const text = renderTradeoffTable(databaseTradeoffs, databaseQuestion, {
    columns: 160,
    colors: plain,
  });
  assertMatch(text, /Open source\s+✔ Yes\s+✘ No/);
  assertMatch(text, /JSON\/JSONB support\s+✔ Yes\s+~ Limited/);
  assertMatch(text, /Cross-schema relationships\s+✔ Simple\s+~ Requires explicit schema prefixes/);
  const at80 = renderTradeoffTable(databaseTradeoffs, databaseQuestion, {
    columns: 80,
    colors: plain,
  });
  // too narrow for a Why column: stacked, the requirement, each option, then the reason
  assertMatch(
    at80,
    /Cross-schema relationships\n\s+✔ PostgreSQL\s+Simple\n\s+~ Oracle\s+Requires explicit schema prefixes\n\s+Oracle schemas are users/,
  );
});

Deno.test("trade-off tables: wide terminals get a Why column, still within the width", () => {
  for (const columns of [120, 200]) {
    const text = renderTradeoffTable(frameworkTradeoffs, frameworkQuestion, {
      columns,
      colors: plain,
    });
    assertMatch(text, /Why/);
    const words = frameworkTradeoffs.rows[1].detail.split(" ").slice(0, 4).join(" ");
    assert(text.includes(words), text);
    for (const line of text.split("\n")) assert(visibleLength(line) < columns, line);
  }
});

Deno.test("trade-off tables: colours only when asked for", () => {
  const coloured = renderTradeoffTable(frameworkTradeoffs, frameworkQuestion, {
    columns: 80,
    colors: makeColors(true),
  });
  assert(coloured.includes("\x1b[32m✔"), "a green tick");
  const text = renderTradeoffTable(frameworkTradeoffs, frameworkQuestion, {
    columns: 80,
    colors: plain,
  });
  assert(!text.includes("\x1b["), "no escape codes without colours");
});

Deno.test("trade-off data: each table compares exactly its question's choices", () => {
  for (const table of TRADEOFF_TABLES) {
    const question = table.question === "framework" ? frameworkQuestion : databaseQuestion;
    assertEquals([...table.columns], question.choices.map((c) => c.value));
    for (const row of table.rows) {
      assertEquals(Object.keys(row.cells).sort(), [...table.columns].sort());
      assert(row.detail.length > 0);
    }
  }
});

Deno.test("provenance: each yes/no choice's count in 'added by' is what turning it on adds", async () => {
  const { buildProjectPlan } = await import("../src/plan/mod.ts");
  const { resolveProjectSpec } = await import("../src/choices/project_spec.ts");
  const { FEATURE_QUESTIONS } = await import("../src/choices/features/mod.ts");
  const { renderTree } = await import("../src/output/mod.ts");
  for (const framework of ["flask", "quart"]) {
    for (const question of FEATURE_QUESTIONS) {
      const others = { name: "svc", framework, auth: true, cache: true, celery: true };
      const on = await buildProjectPlan(resolveProjectSpec({ ...others, [question.id]: true }));
      const off = await buildProjectPlan(resolveProjectSpec({ ...others, [question.id]: false }));
      const offPaths = new Set(off.files.map((f) => f.path));
      // A file of another choice that needs this one too (a file rule's `when` naming this
      // choice) goes with either; it is labelled, and counted, with its own choice.
      const needsThisToo = (f: { path: string; origin: string }) =>
        FEATURE_QUESTIONS.find((q) => q.id === f.origin)?.files?.find((r) => r.path === f.path)
          ?.when?.[question.id] === true;
      const added = on.files.filter((f) => !offPaths.has(f.path) && !needsThisToo(f));
      const labelled = on.files.filter((f) => f.origin === question.id);
      assertEquals(
        labelled.map((f) => f.path).sort(),
        added.map((f) => f.path).sort(),
        `${framework}: files labelled ${question.id} vs the files it adds`,
      );
      assert(off.files.every((f) => f.origin !== question.id));
      // A choice that adds no file of its own (the cache lives in shared files) is not counted.
      const summary = renderTree(on, plain).split("\n").at(-1)!;
      if (added.length > 0) assertMatch(summary, new RegExp(`${question.id} ${added.length}\\b`));
      else assert(!summary.includes(question.id), summary);
    }
  }
});

Deno.test("pager: a page counts the rows wrapped lines take; space, enter and q", async () => {
  const { pageThrough, screenRows } = await import("../src/output/pager.ts");
  assertEquals(screenRows("", 20), 1);
  assertEquals(screenRows("x".repeat(41), 20), 3);
  assertEquals(screenRows("\x1b[32m" + "x".repeat(20) + "\x1b[39m", 20), 1);
  // 30 lines, every third one wraps to 2 rows on a 20-column terminal of 10 rows.
  const lines = Array.from({ length: 30 }, (_, i) => (i % 3 === 0 ? "w".repeat(25) : `line ${i}`));
  const run = async (keys: string[]) => {
    let out = "";
    const pressed = [...keys];
    await pageThrough(lines.join("\n"), {
      rows: 10,
      columns: 20,
      colors: plain,
      write: (s) => (out += s),
      key: () => Promise.resolve(pressed.shift() ?? "q"),
    });
    // prompts are erased with \r\x1b[2K: keep the text only
    return out.split("\r\x1b[2K").map((part) => part.replace(/── .*──$/, "")).join("");
  };
  const first = await run(["q"]);
  const shown = first.split("\n").filter((l) => !l.startsWith("…") && l !== "");
  // 9 rows of room: 2 + 1 + 1 + 2 + 1 + 1 + 2 = 10 > 9, so six lines fit
  assertEquals(shown.length, 6, first);
  assertMatch(first, /… 24 more lines not shown/);
  const more = await run(["space", "return", "q"]);
  assertMatch(more, /line 10\n/);
  assertMatch(more, /… 17 more lines not shown/);
  const all = await run(Array(20).fill("space"));
  assertEquals(all.replace(/\n$/, ""), lines.join("\n"));
  // short text: written at once, no key asked
  let short = "";
  await pageThrough("a\nb", {
    rows: 10,
    columns: 20,
    colors: plain,
    write: (s) => (short += s),
    key: () => Promise.reject(new Error("no key should be read")),
  });
  assertEquals(short, "a\nb\n");
});
