/** The types of `_compiled.gen.js` (tools/embed_templates.ts writes it as JavaScript). */
import type { TemplateFunction } from "./template_config.ts";

/** Each template under templates/, compiled by Eta: its function (it, options). */
export declare const COMPILED: Readonly<Record<string, TemplateFunction>>;
