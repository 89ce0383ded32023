/**
 * The file tree of a Plan, as the user sees it before anything is written:
 * each file with its size and the choice that added it, and a summary line.
 */
import type { Origin, Plan, PlannedFile } from "../plan/mod.ts";
import { planSummary } from "../plan/mod.ts";
import type { Colors } from "./colors.ts";
import { PROJECT_QUESTIONS } from "../choices/features/mod.ts";

interface Node {
  name: string;
  children: Map<string, Node>;
  file?: PlannedFile;
}

/** The colour of each origin; the files of a question without one are drawn bold. */
const ORIGIN_COLOR: Partial<Record<Origin, keyof Colors>> = {
  core: "dim",
  framework: "blue",
  database: "magenta",
  auth: "yellow",
  cache: "red",
  celery: "green",
  module: "cyan",
};

export function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  return `${(bytes / 1024).toFixed(1)} KB`;
}

export function renderTree(plan: Plan, c: Colors): string {
  const root: Node = { name: plan.root, children: new Map() };
  for (const file of plan.files) {
    const parts = file.path.split("/");
    let node = root;
    for (const part of parts) {
      let child = node.children.get(part);
      if (!child) {
        child = { name: part, children: new Map() };
        node.children.set(part, child);
      }
      node = child;
    }
    node.file = file;
  }
  const rows: [string, PlannedFile | undefined][] = [[c.bold(`${plan.root}/`), undefined]];
  const walk = (node: Node, prefix: string) => {
    const children = [...node.children.values()].sort((a, b) => {
      // directories first, then files, each alphabetically
      const da = a.file ? 1 : 0;
      const db = b.file ? 1 : 0;
      return da - db || (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);
    });
    children.forEach((child, i) => {
      const last = i === children.length - 1;
      const branch = prefix + (last ? "└── " : "├── ");
      if (child.file) {
        rows.push([branch + child.name, child.file]);
      } else {
        rows.push([branch + c.bold(c.blue(child.name + "/")), undefined]);
        walk(child, prefix + (last ? "    " : "│   "));
      }
    });
  };
  walk(root, "");
  // deno-lint-ignore no-control-regex -- strips ANSI colour codes to measure width
  const visible = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "").length;
  const width = Math.max(...rows.map(([label]) => visible(label)));
  const lines = rows.map(([label, file]) => {
    if (!file) return label;
    const pad = " ".repeat(width - visible(label) + 2);
    const size = formatSize(file.size).padStart(8);
    const colorize = c[ORIGIN_COLOR[file.origin] ?? "bold"] as (s: string) => string;
    return `${label}${pad}${c.dim(size)}  ${colorize(file.origin)}`;
  });
  const summary = planSummary(plan);
  // Which choice added how many files, in the order of the questions.
  const origins: Origin[] = ["core", ...PROJECT_QUESTIONS.map((q) => q.id)];
  const byOrigin = origins.flatMap((origin) => {
    const count = plan.files.filter((f) => f.origin === origin).length;
    const colorize = c[ORIGIN_COLOR[origin] ?? "bold"] as (s: string) => string;
    return count > 0 ? [`${colorize(origin)} ${count}`] : [];
  });
  lines.push(
    "",
    `${summary.files} files, ${summary.lines} lines, ${formatSize(summary.bytes)}`,
    `${c.dim("added by:")} ${byOrigin.join(c.dim(" · "))}`,
  );
  return lines.join("\n");
}
