/**
 * The base store: `.pyscaffold/base.jsonl` in every project, the pristine
 * content of every file pyscaffold generated there, as it generated it (before
 * any edit of the user's). `update` merges three ways, and this is the base:
 * it travels with the project (in its git history too), so a project made by an
 * older pyscaffold carries the base of that version, offline.
 *
 * Format: JSON lines, each a document `{ format, pyscaffold, files: {path: sha256},
 * blobs: {sha256: content} }`, content-addressed so that a content shared by several
 * files (empty `__init__.py`, ...) is kept once; keys sorted, so the same files
 * always give the same bytes. Alembic revisions and the answers file are not in
 * it: revisions are history, never merged (schema changes arrive as new ones).
 *
 * `new` and `update` write the whole store: one document. `add` and `remove` append
 * one more line, a document of the same shape with the files they added and `null`
 * for the paths they dropped. Reading applies the documents in order. So an `add`
 * costs the same in a project of 50 modules as in one of 1 (it neither parses nor
 * rewrites the others' documents), and the next `update` writes the store whole again.
 *
 * Why plain text (0.12.0): pyscaffold 0.11.0 and earlier wrote the same documents
 * gzip'ed (`.pyscaffold/base.json.gz`, one gzip member per document). Compressing
 * cost `new` ~11 ms of its ~90 (the runtime's compression streams are loaded on first
 * use) and reading cost `add`, `remove` and `update` Node's zlib; git compresses its
 * objects anyway, and stores a text file's versions as deltas, which gzip defeats.
 * Such a store is still read (by its first bytes, the gzip magic number); `add` and
 * `remove` append to it in its own form, and `update` replaces it with this file.
 */
import { gunzipAll, gzip, sha256 } from "../digest.ts";
import { join } from "../path.ts";
import { UserError } from "../errors.ts";
import { ANSWERS_FILE } from "./answers_file.ts";
import { VERSIONS_DIR } from "./migrations.ts";
import { safeRelativePath } from "./paths.ts";

export const STORE_FILE = ".pyscaffold/base.jsonl";
/** Where pyscaffold 0.11.0 and earlier kept the store, gzip'ed (see above). */
export const GZIP_STORE_FILE = ".pyscaffold/base.json.gz";

/** The store as read: the pristine content of each generated path, and the version that wrote it. */
export interface BaseStore {
  version: string;
  files: Map<string, string>;
}

/** Whether a generated file belongs in the store (and in `update`'s three-way merge). */
export function isMergedPath(path: string): boolean {
  if (path === ANSWERS_FILE || path === STORE_FILE || path === GZIP_STORE_FILE) return false;
  // Alembic revisions are history: `update` adds revisions, it never rewrites one.
  return !(path.startsWith(`${VERSIONS_DIR}/`) && !path.slice(VERSIONS_DIR.length + 1)
    .startsWith("__"));
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

/** A store as found in a project: where it is, and its bytes. */
export interface StoredStore {
  path: string;
  bytes: Uint8Array;
}

/**
 * The store `stored` with `added` files recorded and `dropped` paths forgotten, as
 * base64-encoded bytes: one document appended, so the others are neither parsed, decoded
 * nor rewritten. A gzip'ed store (0.11.0 and earlier) gets one more gzip member; it is
 * `update` that replaces it with the plain one.
 */
export async function appendToStore(
  stored: StoredStore,
  added: Iterable<[string, string]>,
  dropped: Iterable<string>,
  version: string,
): Promise<string> {
  const changes: [string, string | null][] = [...dropped].map((path) => [path, null]);
  const document = await storeDocument([...changes, ...added], version);
  const { bytes } = stored;
  let tail: Uint8Array;
  if (isGzip(bytes)) tail = await gzip("\n" + document);
  else {
    const newline = bytes.length === 0 || bytes[bytes.length - 1] === 0x0a ? "" : "\n";
    tail = new TextEncoder().encode(`${newline}${document}\n`);
  }
  const out = new Uint8Array(bytes.length + tail.length);
  out.set(bytes);
  out.set(tail, bytes.length);
  return out.toBase64();
}

/** Whether `bytes` start as gzip does (RFC 1952's magic number). */
function isGzip(bytes: Uint8Array): boolean {
  return bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;
}

/** Decodes the store's bytes; a damaged store is an error that says what to do. */
export async function decodeStore(bytes: Uint8Array, source = STORE_FILE): Promise<BaseStore> {
  const damaged = (why: string) =>
    new UserError(`${source} is damaged (${why}).`, {
      hint: "Restore it from version control (git checkout -- .pyscaffold), or delete it: " +
        "update then treats only files whose hash matches the answers file as unchanged.",
    });
  let documents: unknown[];
  try {
    // One document per line (a gzip'ed store: every gzip member in turn).
    const plain = isGzip(bytes) ? await gunzipAll(bytes) : bytes;
    const text = new TextDecoder("utf-8", { fatal: true }).decode(plain);
    documents = text.split("\n").filter((line) => line !== "").map((line) => JSON.parse(line));
  } catch (error) {
    throw damaged((error as Error).message);
  }
  if (documents.length === 0) throw damaged("empty");
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

/**
 * The store in the project at `root`: the plain one, else a gzip'ed one of 0.11.0 or
 * earlier; undefined for a project made before the store.
 */
export async function readStoreBytes(root: string): Promise<StoredStore | undefined> {
  for (const path of [STORE_FILE, GZIP_STORE_FILE] as const) {
    try {
      return { path, bytes: await Deno.readFile(join(root, ...path.split("/"))) };
    } catch (error) {
      if (!(error instanceof Deno.errors.NotFound)) throw error;
    }
  }
  return undefined;
}

/** The store of the project at `root`, with where it was; undefined for a project made before
 * the store existed. */
export async function readStore(
  root: string,
): Promise<(BaseStore & { path: StoredStore["path"] }) | undefined> {
  const stored = await readStoreBytes(root);
  if (stored === undefined) return undefined;
  return { ...await decodeStore(stored.bytes, stored.path), path: stored.path };
}
