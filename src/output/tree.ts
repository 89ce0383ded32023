/**
 * The file tree of a Plan, as the user sees it before anything is written:
 * each file with its size and the choice that added it, and a summary line.
 * The same tree for every command: when a plan replaces or deletes files,
 * each row also says what happens to it (create, replace, delete); a plan
 * that only creates (`new`, `add`) needs no such column.
 */
import type { Origin, Plan, PlannedDeletion, PlannedFile } from "../plan/mod.ts";
import { planSummary } from "../plan/mod.ts";
import { isRecordPath } from "../project/answers_file.ts";
import type { Colors } from "./colors.ts";
import { PROJECT_QUESTIONS } from "../choices/features/mod.ts";

interface Node {
  name: string;
  children: Map<string, Node>;
  file?: PlannedFile | PlannedDeletion;
}

const ACTION_COLOR: Record<(PlannedFile | PlannedDeletion)["action"], keyof Colors> = {
  create: "green",
  replace: "yellow",
  merge: "magenta",
  delete: "red",
};

/**
 * The rows of the tree. A replaced record (the answers file, a module's record) is left out:
 * it is pyscaffold's own, rewritten by `update`, and the command says in words what it
 * records. A created one is a file of the project like any other.
 */
function shownFiles(plan: Plan): (PlannedFile | PlannedDeletion)[] {
  return [
    ...plan.files.filter((f) => !isRecordPath(f.path) || f.action === "create"),
    ...plan.deletes,
  ];
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
  const shown = shownFiles(plan);
  const marked = shown.some((f) => f.action !== "create");
  for (const file of shown) {
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
  const rows: [string, PlannedFile | PlannedDeletion | undefined][] = [[
    c.bold(`${plan.root}/`),
    undefined,
  ]];
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
    const size = (file.action === "delete" ? "" : formatSize(file.size)).padStart(8);
    const colorize = c[ORIGIN_COLOR[file.origin] ?? "bold"] as (s: string) => string;
    const row = `${label}${pad}${c.dim(size)}  ${colorize(file.origin)}`;
    if (!marked) return row;
    const action = c[ACTION_COLOR[file.action]] as (s: string) => string;
    return `${row.padEnd(row.length + 10 - file.origin.length)}${action(file.action)}`;
  });
  const written = shown.filter((f): f is PlannedFile => f.action !== "delete");
  const summary = planSummary({ ...plan, files: written });
  const deleted = plan.deletes.length ? `, ${plan.deletes.length} to delete` : "";
  // Which choice added how many files, in the order of the questions.
  const origins: Origin[] = ["core", ...PROJECT_QUESTIONS.map((q) => q.id)];
  const byOrigin = origins.flatMap((origin) => {
    const count = written.filter((f) => f.origin === origin).length;
    const colorize = c[ORIGIN_COLOR[origin] ?? "bold"] as (s: string) => string;
    return count > 0 ? [`${colorize(origin)} ${count}`] : [];
  });
  lines.push(
    "",
    `${summary.files} files, ${summary.lines} lines, ${formatSize(summary.bytes)}${deleted}`,
    `${c.dim("added by:")} ${byOrigin.join(c.dim(" · "))}`,
  );
  return lines.join("\n");
}
