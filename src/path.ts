/**
 * The path functions pyscaffold uses, from pathe (POSIX separators on every platform, which
 * Deno's file APIs take on Windows too) rather than `node:path`.
 *
 * Why not `node:path`: in Deno it loads Node's `process` (its `resolve` reads the working
 * directory through it), and with it most of the Node compatibility layer: about 10 ms of a
 * 74 ms `new` from the bundle, a seventh of it, where nothing else `new` does needs that layer
 * (docs/DECISIONS.md, "#15 the tool, fourth pass"). pathe answers as `node:path` does for
 * the paths pyscaffold builds (tests/path_test.ts).
 */
import { basename, dirname, join, resolve as resolveFrom } from "pathe";

export { basename, dirname, join };

/**
 * The absolute path of `parts`, resolved from the working directory, as `node:path`'s
 * `resolve`. The directory is passed from Deno: pathe would read it from `process`.
 */
export function resolve(...parts: string[]): string {
  return resolveFrom(Deno.cwd(), ...parts);
}

/**
 * The directory above `dir` (an absolute path, as `resolve` gives it), or undefined at a root:
 * `/`, a drive's `C:/`, a network share's `//server/share`. Walks up to a root stop there:
 * pathe's `dirname` goes on from `C:/` and `//server/share` to `/`, which on Windows is the
 * root of the working directory's drive, another place.
 */
export function parentOf(dir: string): string | undefined {
  if (/^[A-Za-z]:\/?$/.test(dir) || /^\/\/[^/]+\/[^/]+\/?$/.test(dir)) return undefined;
  const parent = dirname(dir);
  return parent === dir ? undefined : parent;
}
