/**
 * The hash the answers file records for every module file pyscaffold wrote,
 * so that `remove` can tell whether the user changed it since.
 */
export { sha256 } from "../digest.ts";

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
