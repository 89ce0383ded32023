/**
 * The base store: `.pyscaffold/base.json.gz` in every project, the pristine
 * content of every file pyscaffold generated there, as it generated it (before
 * any edit of the user's). `update` merges three ways, and this is the base:
 * it travels with the project (in its git history too), so a project made by an
 * older pyscaffold carries the base of that version, offline.
 *
 * Format: gzip'ed JSON `{ format, pyscaffold, files: {path: sha256}, blobs:
 * {sha256: content} }`, content-addressed so that a content shared by several
 * files (empty `__init__.py`, ...) is kept once; keys sorted, so the same files
 * always give the same bytes. Alembic revisions and the answers file are not in
 * it: revisions are history, never merged (schema changes arrive as new ones).
 */
import { gunzipSync, gzipSync } from "node:zlib";
import { createHash } from "node:crypto";
import { join } from "node:path";
import { UserError } from "../errors.ts";
import { ANSWERS_FILE } from "./answers_file.ts";
import { VERSIONS_DIR } from "./migrations.ts";
import { safeRelativePath } from "./paths.ts";

export const STORE_FILE = ".pyscaffold/base.json.gz";

/** The store as read: the pristine content of each generated path, and the version that wrote it. */
export interface BaseStore {
  version: string;
  files: Map<string, string>;
}

/** Whether a generated file belongs in the store (and in `update`'s three-way merge). */
export function isMergedPath(path: string): boolean {
  if (path === ANSWERS_FILE || path === STORE_FILE) return false;
  // Alembic revisions are history: `update` adds revisions, it never rewrites one.
  return !(path.startsWith(`${VERSIONS_DIR}/`) && !path.slice(VERSIONS_DIR.length + 1)
    .startsWith("__"));
}

function sha256(content: string): string {
  return createHash("sha256").update(content).digest("hex");
}

/** The store's bytes for these files (only the merged ones are kept), base64-encoded. */
export function encodeStore(files: Iterable<[string, string]>, version: string): string {
  const kept = [...files].filter(([path]) => isMergedPath(path)).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0
  );
  const paths: Record<string, string> = {};
  const blobs = new Map<string, string>();
  for (const [path, content] of kept) {
    const hash = sha256(content);
    paths[path] = hash;
    blobs.set(hash, content);
  }
  const json = JSON.stringify({
    format: 1,
    pyscaffold: version,
    files: paths,
    blobs: Object.fromEntries([...blobs].sort(([a], [b]) => (a < b ? -1 : 1))),
  });
  // level 9 and no file name or time in the header: the same files give the same bytes.
  return gzipSync(new TextEncoder().encode(json), { level: 9 }).toBase64();
}

/** Decodes the store's bytes; a damaged store is an error that says what to do. */
export function decodeStore(bytes: Uint8Array, source = STORE_FILE): BaseStore {
  const damaged = (why: string) =>
    new UserError(`${source} is damaged (${why}).`, {
      hint: "Restore it from version control (git checkout -- .pyscaffold), or delete it: " +
        "update then treats only files whose hash matches the answers file as unchanged.",
    });
  let data: unknown;
  try {
    data = JSON.parse(new TextDecoder().decode(gunzipSync(bytes)));
  } catch (error) {
    throw damaged((error as Error).message);
  }
  if (typeof data !== "object" || data === null) throw damaged("not a JSON object");
  const { format, pyscaffold, files, blobs } = data as Record<string, unknown>;
  if (format !== 1) throw damaged(`unknown format ${JSON.stringify(format)}`);
  if (typeof pyscaffold !== "string") throw damaged("no version");
  if (typeof files !== "object" || files === null || typeof blobs !== "object" || !blobs) {
    throw damaged("no files");
  }
  const result = new Map<string, string>();
  for (const [path, hash] of Object.entries(files as Record<string, unknown>)) {
    const content = typeof hash === "string" ? (blobs as Record<string, unknown>)[hash] : undefined;
    if (safeRelativePath(path) === undefined || typeof content !== "string") {
      throw damaged(`bad entry ${JSON.stringify(path)}`);
    }
    if (sha256(content) !== hash) throw damaged(`the content of ${path} does not match its hash`);
    result.set(path, content);
  }
  return { version: pyscaffold, files: result };
}

/** The store of the project at `root`; undefined for a project made before the store existed. */
export async function readStore(root: string): Promise<BaseStore | undefined> {
  let bytes: Uint8Array;
  try {
    bytes = await Deno.readFile(join(root, ...STORE_FILE.split("/")));
  } catch (error) {
    if (error instanceof Deno.errors.NotFound) return undefined;
    throw error;
  }
  return decodeStore(bytes);
}
