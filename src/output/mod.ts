/**
 * What the user sees of a Plan before anything is written: the file tree
 * (every command's preview and --dry-run), the JSON of --json, and colours.
 */
export { formatSize, renderTree } from "./tree.ts";
export { planJson } from "./plan_json.ts";
export { type Colors, colorsEnabled, makeColors } from "./colors.ts";
export { page, type PagerIO, pageThrough, screenRows } from "./pager.ts";
