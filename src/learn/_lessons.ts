/**
 * Every lesson, in reading order (the number its file name starts with): from
 * the shape of the project to the features. The lessons are Markdown files
 * under lessons/, embedded into ./_lessons.gen.ts: nothing is read from disk.
 */
import { LESSON_FILES } from "./_lessons.gen.ts";
import { parseLessonFile } from "./_lesson_file.ts";
import type { Lesson } from "./_types.ts";

const order = (file: string): number => parseInt(file, 10);

export const LESSONS: readonly Lesson[] = Object.entries(LESSON_FILES)
  .sort(([a], [b]) => order(a) - order(b))
  .map(([file, source]) => parseLessonFile(file, source));
