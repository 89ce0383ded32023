/**
 * The base store: `.pyscaffold/base.jsonl` in every project, the pristine
 * content of every file pyscaffold generated there, as it generated it (before
 * any edit of the user's). `update` merges three ways, and this is the base:
 * it travels with the project (in its git history too), so a project made by an
 * older pyscaffold carries the base of that version, offline.
 *
 * Format: JSON documents `{ format, pyscaffold, files: {path: sha256}, blobs:
 * {sha256: content} }`, one per line, content-addressed so that a content shared by
 * several files (empty `__init__.py`, ...) is kept once; keys sorted, so the same
 * files always give the same bytes. Alembic revisions and the answers file are not
 * in it: revisions are history, never merged (schema changes arrive as new ones).
 *
 * `new` and `update` write the whole store: one document. `add` and `remove` write
 * one small file of their own instead, `.pyscaffold/changes/NNNN-<hash>.json`, a
 * document of the same shape with the files they added and `null` for the paths they
 * dropped; reading applies the store, then the changes in order. So an `add` costs the
 * same in a project of 50 modules as in one of 1 (it neither reads nor rewrites the
 * store), two branches that each add a module add two files that never conflict (the
 * hash in the name keeps them apart), and the next `update` writes the store whole
 * again and deletes the changes.
 *
 * Why plain text (0.12.0): pyscaffold 0.11.0 and earlier wrote the same documents
 * gzip'ed (`.pyscaffold/base.json.gz`, one gzip member per document, `add` appending
 * one). Compressing cost `new` ~11 ms of its ~90 (the runtime's compression streams
 * are loaded on first use), reading cost Node's zlib, and a store rewritten by every
 * `add` conflicted as a binary file when two branches added modules. Git compresses its
 * objects anyway. Such a store is still read (by its first bytes, the gzip magic
 * number) with the changes after it; `update` replaces it with this file.
 */
import { gunzipAll, sha256 } from "../digest.ts";
import { join } from "../path.ts";
import { UserError } from "../errors.ts";
import { isRecordPath, unmergedError } from "./answers_file.ts";
import { VERSIONS_DIR } from "./migrations.ts";
import { safeRelativePath } from "./paths.ts";

export const STORE_FILE = ".pyscaffold/base.jsonl";
/** Where pyscaffold 0.11.0 and earlier kept the store, gzip'ed (see above). */
export const GZIP_STORE_FILE = ".pyscaffold/base.json.gz";
/** Where `add` and `remove` record what they changed, one file each (see above). */
export const STORE_CHANGES_DIR = ".pyscaffold/changes";
const CHANGE_NAME = /^(\d+)-[0-9a-f]+\.json$/;

/** The store as read: the pristine content of each generated path, and the version that wrote it. */
export interface BaseStore {
  version: string;
  files: Map<string, string>;
}

/** Whether a generated file belongs in the store (and in `update`'s three-way merge). */
export function isMergedPath(path: string): boolean {
  if (isRecordPath(path) || isStorePath(path)) return false;
  // Alembic revisions are history: `update` adds revisions, it never rewrites one.
  return !(path.startsWith(`${VERSIONS_DIR}/`) && !path.slice(VERSIONS_DIR.length + 1)
    .startsWith("__"));
}

/** Whether `path` is part of the store: the store itself, an older one, or a change. */
export function isStorePath(path: string): boolean {
  return path === STORE_FILE || path === GZIP_STORE_FILE ||
    path.startsWith(`${STORE_CHANGES_DIR}/`);
}

/** One document: these files (only the merged ones), and `null` for each dropped path. */
async function storeDocument(
  files: Iterable<[string, string | null]>,
  version: string,
): Promise<string> {
  const kept = [...files].filter(([path]) => isMergedPath(path)).sort(([a], [b]) =>
    a < b ? -1 : a > b ? 1 : 0
  );
  // Hashed at once: each digest is an asynchronous call (src/digest.ts).
  const hashes = await Promise.all(
    kept.map(([, content]) => content === null ? null : sha256(content)),
  );
  const paths: Record<string, string | null> = {};
  const blobs = new Map<string, string>();
  kept.forEach(([path, content], i) => {
    paths[path] = hashes[i];
    if (content !== null) blobs.set(hashes[i]!, content);
  });
  // JSON.stringify escapes every newline inside a string: a document is one line.
  return JSON.stringify({
    format: 1,
    pyscaffold: version,
    files: paths,
    blobs: Object.fromEntries([...blobs].sort(([a], [b]) => (a < b ? -1 : 1))),
  });
}

/** The store for these files (only the merged ones are kept): one document, one line. */
export async function encodeStore(
  files: Iterable<[string, string]>,
  version: string,
): Promise<string> {
  return await storeDocument(files, version) + "\n";
}

/**
 * The change file that records `added` files and `dropped` paths, after the changes
 * already recorded (`recorded`, their paths): its path, and its document.
 */
export async function storeChange(
  recorded: readonly string[],
  added: Iterable<[string, string]>,
  dropped: Iterable<string>,
  version: string,
): Promise<{ path: string; content: string }> {
  const changes: [string, string | null][] = [...dropped].map((path) => [path, null]);
  const document = await storeDocument([...changes, ...added], version) + "\n";
  const last = Math.max(0, ...recorded.map(changeNumber));
  const name = `${String(last + 1).padStart(4, "0")}-${(await sha256(document)).slice(0, 12)}.json`;
  return { path: `${STORE_CHANGES_DIR}/${name}`, content: document };
}

/** The number a change's path begins its name with (the order changes apply in). */
function changeNumber(path: string): number {
  return Number(CHANGE_NAME.exec(path.slice(path.lastIndexOf("/") + 1))?.[1] ?? 0);
}

/**
 * The change files recorded in the project at `root` (their paths), in the order they
 * apply: by number, then by name (two branches' changes of the same number).
 */
export function storeChanges(root: string): string[] {
  const paths: string[] = [];
  try {
    // Synchronous: an awaited step per entry cost ~10 µs each, so every `add` grew with the
    // changes recorded before it (docs/DECISIONS.md, "#15 the tool, ninth pass").
    for (const entry of Deno.readDirSync(join(root, ...STORE_CHANGES_DIR.split("/")))) {
      if (entry.isFile && CHANGE_NAME.test(entry.name)) {
        paths.push(`${STORE_CHANGES_DIR}/${entry.name}`);
      }
    }
  } catch (error) {
    if (!(error instanceof Deno.errors.NotFound)) throw error;
  }
  return paths.sort((a, b) => changeNumber(a) - changeNumber(b) || (a < b ? -1 : a > b ? 1 : 0));
}

/** Whether `bytes` start as gzip does (RFC 1952's magic number). */
function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/**
 * Decodes the store's bytes, then each change (path, text) in order; a damaged store or
 * change is an error that says what to do.
 */
export async function decodeStore(
  bytes: Uint8Array,
  source = STORE_FILE,
  changes: readonly [string, string][] = [],
): Promise<BaseStore> {
  const damaged = (why: string, where = source) =>
    new UserError(`${where} is damaged (${why}).`, {
      hint: "Restore it from version control (git checkout -- .pyscaffold), or delete it " +
        `(and ${STORE_CHANGES_DIR}/): update then treats only files whose hash matches their ` +
        "module's record as unchanged.",
    });
  let documents: unknown[];
  let text = "";
  try {
    // One document per line (a gzip'ed store: every gzip member in turn).
    const plain = isGzip(bytes) ? await gunzipAll(bytes) : bytes;
    text = new TextDecoder("utf-8", { fatal: true }).decode(plain);
    documents = text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line));
  } catch (error) {
    throw unmergedError(text, source) ?? damaged((error as Error).message);
  }
  if (documents.length === 0) throw damaged("empty");
  for (const [path, text] of changes) {
    try {
      documents.push(JSON.parse(text));
    } catch (error) {
      throw unmergedError(text, path) ?? damaged((error as Error).message, path);
    }
  }
  const result = new Map<string, string>();
  const checks: [path: string, content: string, hash: string][] = [];
  let version = "";
  for (const data of documents) {
    if (typeof data !== "object" || data === null) throw damaged("not a JSON object");
    const { format, pyscaffold, files, blobs } = data as Record<string, unknown>;
    if (format !== 1) throw damaged(`unknown format ${JSON.stringify(format)}`);
    if (typeof pyscaffold !== "string") throw damaged("no version");
    if (typeof files !== "object" || files === null || typeof blobs !== "object" || !blobs) {
      throw damaged("no files");
    }
    version = pyscaffold;
    for (const [path, hash] of Object.entries(files as Record<string, unknown>)) {
      if (safeRelativePath(path) === undefined) throw damaged(`bad entry ${JSON.stringify(path)}`);
      if (hash === null && documents[0] !== data) {
        result.delete(path);
        continue;
      }
      const content = typeof hash === "string"
        ? (blobs as Record<string, unknown>)[hash]
        : undefined;
      if (typeof content !== "string") throw damaged(`bad entry ${JSON.stringify(path)}`);
      checks.push([path, content, hash as string]);
      result.set(path, content);
    }
  }
  // Every blob against its hash, at once (each digest is an asynchronous call, src/digest.ts).
  const digests = await Promise.all(checks.map(([, content]) => sha256(content)));
  const wrong = checks.find(([, , hash], i) => digests[i] !== hash);
  if (wrong) throw damaged(`the content of ${wrong[0]} does not match its hash`);
  return { version, files: result };
}

/** Where the store of the project at `root` is (undefined: a project made before the store). */
export async function storePath(root: string): Promise<string | undefined> {
  for (const path of [STORE_FILE, GZIP_STORE_FILE]) {
    try {
      await Deno.stat(join(root, ...path.split("/")));
      return path;
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  return undefined;
}

/**
 * The store of the project at `root` (the plain one, else a gzip'ed one of 0.11.0 or
 * earlier) with the changes recorded since, and where it was; undefined for a project
 * made before the store.
 */
export async function readStore(
  root: string,
): Promise<(BaseStore & { path: string }) | undefined> {
  const path = await storePath(root);
  if (path === undefined) return undefined;
  const bytes = await Deno.readFile(join(root, ...path.split("/")));
  const changes = await Promise.all(
    storeChanges(root).map(async (change): Promise<[string, string]> => [
      change,
      await Deno.readTextFile(join(root, ...change.split("/"))),
    ]),
  );
  return { ...await decodeStore(bytes, path, changes), path };
}
