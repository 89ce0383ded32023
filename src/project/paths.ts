/**
 * Paths that come from outside the code — the answers file, a module name —
 * are checked before anything is read or deleted: relative, POSIX, no `..`,
 * no empty or dot segments, no control characters, no Windows device names.
 */

/**
 * A segment that is empty, `.` or `..`, or a Windows device name (`con`, `nul.txt`, `COM1`), found
 * in one test of the whole path, like the characters below: a split and a test per segment took
 * four times as long, on every path of every module of the answers file that `add` reads.
 */
const BAD_SEGMENT =
  /(?:^|\/)(?:\.{0,2}|(?:con|prn|aux|nul|com[1-9]|lpt[1-9])(?:\.[^/]*)?)(?:\/|$)/i;
// deno-lint-ignore no-control-regex
const FORBIDDEN_CHARACTER = /[\x00-\x1f\x7f<>:"|?*]/;

/** The path itself when it is a safe relative POSIX path inside a project, else undefined. */
export function safeRelativePath(path: string): string | undefined {
  if (typeof path !== "string" || path === "" || path.length > 400) return undefined;
  if (path.startsWith("/") || path.includes("\\") || /^[A-Za-z]:/.test(path)) return undefined;
  // Control characters, and characters Windows refuses in a name.
  if (FORBIDDEN_CHARACTER.test(path)) return undefined;
  return BAD_SEGMENT.test(path) ? undefined : path;
}
