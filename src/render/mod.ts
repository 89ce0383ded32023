/**
 * Renders templates with Eta. The templates are compiled by Eta when they are embedded
 * (tools/embed_templates.ts writes `_compiled.gen.js`: each template's function, which V8
 * compiles with the module and Deno keeps in its code cache), so a run loads only Eta's
 * small runtime (`eta/core`: no Node built-ins), never parses a template and never reads
 * the disk.
 *
 * Conventions for template authors (see docs/CONTRIBUTING.md):
 * - control tags stand alone at column 0 and end with `-%>` so their line disappears:
 *     <% if (it.auth) { -%>
 *     ...
 *     <% } -%>
 * - `<%= %>` prints a value (no escaping: we generate code, not HTML);
 * - `<%~ include("@partials/name.eta", it) -%>` includes another template.
 */
import { Eta } from "eta/core";
import { COMPILED } from "./_compiled.gen.js";
import { TEMPLATE_CONFIG } from "./template_config.ts";

let engine: Eta | undefined;

/** The engine, with every template's function loaded under `@name`. */
function eta(): Eta {
  if (engine) return engine;
  const e = new Eta(TEMPLATE_CONFIG);
  for (const [name, template] of Object.entries(COMPILED)) e.loadTemplate(`@${name}`, template);
  return engine = e;
}

export function hasTemplate(name: string): boolean {
  return Object.hasOwn(COMPILED, name);
}

/** Renders `templates/<name>` with `it` = context. */
export function render(name: string, context: object): string {
  if (!hasTemplate(name)) throw new Error(`No template "${name}"`);
  return eta().render(`@${name}`, context);
}
