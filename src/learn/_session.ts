/**
 * Interactive learning: pick a lesson from the list, page through it, go on
 * to the next one. Talks to the user only through the wizard's Prompter, so
 * tests drive it with canned answers.
 */
import type { Prompter } from "../wizard/prompter.ts";
import type { Lesson } from "./_types.ts";
import { LESSONS } from "./_lessons.ts";

export interface SessionOptions {
  /** Start with this lesson instead of the list. */
  start?: Lesson;
  /** The lesson as it should be printed (already formatted for the terminal). */
  show: (lesson: Lesson) => Promise<string>;
  /** Lines per page; the rest of the screen holds the prompt. */
  pageLines: number;
}

type Next = "more" | "next" | "list" | "quit";

/** Splits text into pages of at most `lines` lines, preferring to break at blank lines. */
export function pages(text: string, lines: number): string[] {
  const all = text.replace(/\n+$/, "").split("\n");
  const out: string[] = [];
  let at = 0;
  while (at < all.length) {
    let end = Math.min(at + lines, all.length);
    if (end < all.length) {
      // break after the last blank line in the second half of the page, if any
      for (let i = end - 1; i > at + Math.floor(lines / 2); i--) {
        if (all[i].trim() === "") {
          end = i + 1;
          break;
        }
      }
    }
    out.push(all.slice(at, end).join("\n"));
    at = end;
  }
  return out;
}

export async function learnSession(prompter: Prompter, options: SessionOptions): Promise<void> {
  let lesson: Lesson | undefined = options.start ?? await pickLesson(prompter);
  while (lesson) {
    const next = await readLesson(prompter, lesson, options);
    if (next === "quit") return;
    const index = LESSONS.indexOf(lesson);
    lesson = next === "next" && index + 1 < LESSONS.length
      ? LESSONS[index + 1]
      : await pickLesson(prompter, lesson);
  }
}

async function pickLesson(prompter: Prompter, current?: Lesson): Promise<Lesson | undefined> {
  const id = await prompter.select<string>({
    message: "Which lesson?",
    choices: [
      ...LESSONS.map((l, i) => ({
        value: l.id,
        name: `${String(i + 1).padStart(2)}. ${l.title}`,
        description: l.summary,
      })),
      { value: "", name: "Quit" },
    ],
    default: current?.id,
    pageSize: 16,
  });
  return LESSONS.find((l) => l.id === id);
}

async function readLesson(
  prompter: Prompter,
  lesson: Lesson,
  options: SessionOptions,
): Promise<Exclude<Next, "more">> {
  const text = await options.show(lesson);
  const parts = pages(text, Math.max(10, options.pageLines));
  const index = LESSONS.indexOf(lesson);
  const following = LESSONS[index + 1];
  for (let p = 0; p < parts.length; p++) {
    prompter.print(parts[p]);
    const last = p === parts.length - 1;
    const choices = [
      ...(last
        ? []
        : [{ value: "more" as Next, name: `Read on (page ${p + 2} of ${parts.length})` }]),
      ...(following ? [{ value: "next" as Next, name: `Next lesson: ${following.title}` }] : []),
      { value: "list" as Next, name: "All lessons" },
      { value: "quit" as Next, name: "Quit" },
    ];
    const answer = await prompter.select<Next>({ message: lesson.title, choices });
    if (answer !== "more") return answer;
  }
  return "list";
}
