/**
 * Step: the preview. Shows the Plan as a coloured file tree (size and the
 * choice that added each file, then a summary), and lets the user write it,
 * read any file first, go back to change an answer, or cancel.
 */
import { CancelledError } from "../../errors.ts";
import { formatSize, renderTree } from "../../output/tree.ts";
import type { Plan, PlannedFile } from "../../plan/mod.ts";
import { GoBackError, type Prompter } from "../prompter.ts";

/** An answer the user may go back to: `id` is handed back in the decision. */
export interface ChangeableAnswer<Id extends string = string> {
  id: Id;
  label: string;
  /** The current value, as shown. */
  value: string;
}

export interface PreviewContext<Id extends string = string> {
  prompter: Prompter;
  plan: Plan;
  /** Where the project will be written, as the user named it. */
  target: string;
  changeable: readonly ChangeableAnswer<Id>[];
  /** --dry-run: the first action finishes without writing. */
  dryRun?: boolean;
}

export type PreviewDecision<Id extends string = string> =
  | { action: "write" }
  | { action: "change"; id: Id };

export const PREVIEW_MESSAGE = "What next?";

export async function preview<Id extends string>(
  ctx: PreviewContext<Id>,
): Promise<PreviewDecision<Id>> {
  const { prompter, plan } = ctx;
  const c = prompter.colors;
  prompter.print("");
  await prompter.page(renderTree(plan, c) + "\n");
  for (;;) {
    const action = await prompter.select<"write" | "view" | "change" | "cancel">({
      message: PREVIEW_MESSAGE,
      choices: [
        ctx.dryRun
          ? {
            value: "write",
            name: "Finish",
            description: "--dry-run: leave without writing anything",
          }
          : {
            value: "write",
            name: "Write the project",
            description: `create ${ctx.target}/ with these ${plan.files.length} files`,
          },
        {
          value: "view",
          name: "View a file",
          description: "read one file as it will be written, and why it is there",
        },
        {
          value: "change",
          name: "Change an answer",
          description: "go back to a question; the preview is rebuilt",
        },
        { value: "cancel", name: "Cancel", description: "leave; nothing is written" },
      ],
    });
    if (action === "write") return { action: "write" };
    if (action === "cancel") throw new CancelledError();
    if (action === "view") {
      const path = await backToMenu(prompter.search<string>({
        message: "Which file? (type to filter)",
        choices: plan.files.map((f) => ({
          value: f.path,
          name: f.path,
          description: `${f.origin} · ${f.why}`,
        })),
        pageSize: 12,
      }));
      const file = plan.files.find((f) => f.path === path);
      if (file) await prompter.page(showFile(file, prompter));
      continue;
    }
    const back = "\0back";
    const id = await backToMenu(prompter.select<Id | typeof back>({
      message: "Which answer?",
      choices: [
        ...ctx.changeable.map((a) => ({
          value: a.id,
          name: `${a.label}: ${a.value}`,
        })),
        { value: back, name: "← Back", description: "keep every answer (or press Esc)" },
      ],
    }));
    if (id !== undefined && id !== back) return { action: "change", id: id as Id };
  }
}

/** Escape in a sub-menu of the preview: undefined, back to "What next?". */
async function backToMenu<T>(prompt: Promise<T>): Promise<T | undefined> {
  try {
    return await prompt;
  } catch (error) {
    if (error instanceof GoBackError) return undefined;
    throw error;
  }
}

/** A file with a header (path, origin, why, size) and line numbers. */
export function showFile(file: PlannedFile, prompter: Prompter): string {
  const c = prompter.colors;
  const lines = file.content.replace(/\n$/, "").split("\n");
  const gutter = String(lines.length).length;
  const rule = c.dim("─".repeat(Math.min(prompter.columns - 1, 100)));
  return [
    "",
    rule,
    `${c.bold(file.path)}  ${
      c.dim(`${formatSize(file.size)} · ${file.lines} lines · ${file.origin}`)
    }`,
    c.dim(file.why + (file.lesson ? ` (pyscaffold learn ${file.lesson})` : "")),
    rule,
    // A line wider than the terminal continues under the text, not under the line numbers.
    ...lines.flatMap((line, i) => {
      const room = Math.max(20, prompter.columns - gutter - 2);
      const chars = [...line];
      const parts = [chars.slice(0, room).join("")];
      for (let at = room; at < chars.length; at += room) {
        parts.push(chars.slice(at, at + room).join(""));
      }
      return parts.map((part, n) =>
        `${c.dim(n === 0 ? String(i + 1).padStart(gutter) : "↪".padStart(gutter))} ${part}`
      );
    }),
    rule,
    "",
  ].join("\n");
}
