import { sha256 } from "../digest.ts";

export { sha256 };

/**
 * Each file's path → the hash of its content: a module's record, so that
 * `remove` can tell whether the user changed a file since pyscaffold wrote it.
 */
export async function fileHashes(
  files: readonly { path: string; content: string }[],
): Promise<Record<string, string>> {
  const hashes = await Promise.all(files.map((f) => sha256(f.content)));
  return Object.fromEntries(files.map((f, i) => [f.path, hashes[i]]));
}

/** Whether every line break of `text` is CRLF (and there is at least one). */
export function usesCrlf(text: string): boolean {
  return text.includes("\r\n") && !/(^|[^\r])\n/.test(text);
}

/**
 * A file as pyscaffold would have written it: a checkout with CRLF line endings (git's
 * core.autocrlf) read as LF, so a line ending is never taken for a change. Mixed endings stay.
 */
export function asLf(text: string): string {
  return usesCrlf(text) ? text.replaceAll("\r\n", "\n") : text;
}
