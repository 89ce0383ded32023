/**
 * Renders templates with Eta. The templates are compiled by Eta when they are embedded
 * (tools/embed_templates.ts writes `_compiled.gen.ts`: the JavaScript of each template's
 * function), so a run loads only Eta's small runtime (`eta/core`: no Node built-ins), never
 * parses a template and never reads the disk.
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
import { COMPILED } from "./_compiled.gen.ts";
import { TEMPLATE_CONFIG, type TemplateFunction } from "./template_config.ts";

let engine: Eta | undefined;

/**
 * The engine, whose templates become functions on first use: a render (the command's, or a
 * template's `include`) first makes the function of the template it names from its compiled
 * body. Only the templates a command renders are ever compiled by JavaScript.
 */
function eta(): Eta {
  if (engine) return engine;
  const e = new Eta(TEMPLATE_CONFIG);
  const render = e.render;
  const made = new Set<string>();
  e.render = function (template, data, options) {
    if (typeof template === "string" && !made.has(template)) {
      made.add(template);
      const name = template.slice(1);
      if (template.startsWith("@") && Object.hasOwn(COMPILED, name)) {
        e.loadTemplate(template, new Function("it", "options", COMPILED[name]) as TemplateFunction);
      }
    }
    return render.call(this, template, data, options);
  };
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
