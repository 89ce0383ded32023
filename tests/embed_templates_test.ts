/**
 * The templates compiled at embed time (tools/embed_templates.ts) render what Eta renders at
 * run time, and carry only the helpers they call.
 */
import { assert, assertEquals } from "./_assert.ts";
import { Eta } from "eta";
import { compiledFunction } from "../tools/embed_templates.ts";
import { TEMPLATE_CONFIG } from "../src/render/template_config.ts";
import { COMPILED } from "../src/render/_compiled.gen.js";
import { templateNames } from "../src/render/sources.ts";

/** The generated module (imported above as COMPILED), as a file. */
const COMPILED_FILE = new URL("../src/render/_compiled.gen.js", import.meta.url);

const SAMPLES: Record<string, string> = {
  "plain.eta": "a <%= it.x %> b\n",
  "output.eta": '<% output("o:" + it.x) -%>\n',
  "capture.eta": "<% const s = capture(() => { %>in <%= it.x %><% }) %>[<%= s %>]\n",
  "block.eta": '<%~ block("b", () => { %>block <%= it.x %><% }) %>\n',
  "include.eta": '<%~ include("@plain.eta", { x: 2 }) %>|<%= it.x %>\n',
};

function engines() {
  const runtime = new Eta(TEMPLATE_CONFIG);
  const embedded = new Eta(TEMPLATE_CONFIG);
  for (const [name, source] of Object.entries(SAMPLES)) {
    runtime.loadTemplate(`@${name}`, source);
    const fn = new Function("it", "options", compiledFunction(embedded, source));
    embedded.loadTemplate(`@${name}`, fn as (data?: object) => string);
  }
  return { runtime, embedded };
}

Deno.test("embed: a compiled template renders what Eta renders from its source", () => {
  const { runtime, embedded } = engines();
  for (const name of Object.keys(SAMPLES)) {
    assertEquals(embedded.render(`@${name}`, { x: 1 }), runtime.render(`@${name}`, { x: 1 }), name);
  }
});

Deno.test("embed: a compiled template declares only the helpers it calls", () => {
  const eta = new Eta(TEMPLATE_CONFIG);
  const plain = compiledFunction(eta, SAMPLES["plain.eta"]);
  for (const helper of ["includeAsync", "layout", "output", "capture", "block", "blockAsync"]) {
    assert(!new RegExp(`(function|let) ${helper}\\b`).test(plain), `${helper} kept`);
  }
  assert(/function output\(/.test(compiledFunction(eta, SAMPLES["output.eta"])));
  const block = compiledFunction(eta, SAMPLES["block.eta"]);
  assert(/function block\(/.test(block) && /function capture\(/.test(block), block);
});

Deno.test("embed: every template of templates/ is compiled, and nothing else", () => {
  assertEquals(Object.keys(COMPILED).sort(), templateNames().sort());
});

Deno.test("embed: each template's function is in parentheses, compiled with its module", async () => {
  // V8 compiles a parenthesized function with the module, so Deno's code cache keeps it
  // (tools/embed_templates.ts); without the parentheses every run compiles the templates.
  const text = await Deno.readTextFile(COMPILED_FILE);
  const opened = text.match(/^ {2}"[^"]+": \(function \(it, options\) \{$/gm) ?? [];
  assertEquals(opened.length, templateNames().length);
  assertEquals((text.match(/^ {2}\}\),$/gm) ?? []).length, templateNames().length);
  for (const template of Object.values(COMPILED)) assertEquals(typeof template, "function");
});

Deno.test("embed: the compiled templates name no undeclared variable", async () => {
  // They run as a module's code, so in strict mode: an assignment to an undeclared name throws
  // where `new Function` (their earlier form) would have made a global.
  const file = COMPILED_FILE.pathname;
  const lint = await new Deno.Command(Deno.execPath(), {
    // --no-config: deno.json leaves generated files out of `deno lint`
    args: ["lint", "--no-config", "--rules-tags=", "--rules-include=no-undef", file],
    stdout: "piped",
    stderr: "piped",
  }).output();
  const said = new TextDecoder().decode(lint.stdout) + new TextDecoder().decode(lint.stderr);
  assertEquals(lint.code, 0, said);
});
