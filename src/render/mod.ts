/**
 * Renders templates with Eta. Templates come from the generated module
 * `_templates.gen.ts` (see tools/embed_templates.ts), never from the disk.
 *
 * Conventions for template authors (see docs/CONTRIBUTING.md):
 * - control tags stand alone at column 0 and end with `-%>` so their line disappears:
 *     <% if (it.auth) { -%>
 *     ...
 *     <% } -%>
 * - `<%= %>` prints a value (no escaping: we generate code, not HTML);
 * - `<%~ include("@partials/name.eta", it) -%>` includes another template.
 */
import { Eta } from "eta";
import { TEMPLATES } from "./_templates.gen.ts";

let engine: Eta | undefined;

function eta(): Eta {
  if (!engine) {
    engine = new Eta({ autoEscape: false, autoTrim: false, useWith: false, cache: true });
    for (const [name, source] of Object.entries(TEMPLATES)) {
      engine.loadTemplate(`@${name}`, source);
    }
  }
  return engine;
}

export function hasTemplate(name: string): boolean {
  return Object.hasOwn(TEMPLATES, name);
}

export function templateNames(): string[] {
  return Object.keys(TEMPLATES);
}

/** The source of `templates/<name>`, as embedded. */
export function templateSource(name: string): string {
  if (!hasTemplate(name)) throw new Error(`No template "${name}"`);
  return TEMPLATES[name];
}

/** Renders `templates/<name>` with `it` = context. */
export function render(name: string, context: object): string {
  if (!hasTemplate(name)) throw new Error(`No template "${name}"`);
  return eta().render(`@${name}`, context);
}
