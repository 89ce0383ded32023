/**
 * The template sources as embedded (src/render/_templates.gen.ts), for tests and tools
 * that read them. A run renders the compiled templates instead (src/render/mod.ts), so
 * it never loads this module.
 */
import { TEMPLATES } from "./_templates.gen.ts";

export function templateNames(): string[] {
  return Object.keys(TEMPLATES);
}

/** The source of `templates/<name>`, as embedded. */
export function templateSource(name: string): string {
  if (!Object.hasOwn(TEMPLATES, name)) throw new Error(`No template "${name}"`);
  return TEMPLATES[name];
}
