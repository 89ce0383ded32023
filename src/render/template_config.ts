/**
 * The one Eta configuration of the templates: tools/embed_templates.ts compiles them with it
 * (src/render/_compiled.gen.js) and the engine of src/render/mod.ts runs them with it.
 */

export const TEMPLATE_CONFIG = {
  autoEscape: false,
  autoTrim: false,
  useWith: false,
  cache: true,
} as const;

/** A template compiled by Eta: `this` is the engine, `it` the context. */
export type { TemplateFunction } from "eta/core";
