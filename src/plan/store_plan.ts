import { appendToStore, encodeStore, readStoreBytes, STORE_FILE } from "../project/base_store.ts";
import { VERSION } from "../version.ts";
import { type FileAction, type PlannedFile, plannedFile } from "./_types.ts";

/**
 * The base store (`.pyscaffold/base.jsonl`, src/project/base_store.ts) as a
 * planned file: the pristine content of `files` (path → content), which every
 * command that writes generated files records, so that `update` has its base.
 */
export async function plannedStore(
  files: Iterable<[string, string]>,
  action: FileAction,
): Promise<PlannedFile> {
  return storeFile(STORE_FILE, await encodeStore(files, VERSION), action, "text");
}

/**
 * The store file at `path`: `text` (a whole store, as `new` and `update` write it), or
 * `base64` bytes (a store appended to: its earlier documents are never decoded as text,
 * so an `add` costs the same however many modules the store holds).
 */
function storeFile(
  path: string,
  content: string,
  action: FileAction,
  encoding: "text" | "base64",
): PlannedFile {
  const facts = {
    origin: "core",
    why: "the pristine content of every generated file: the base `pyscaffold update` merges from",
    lesson: "living-with-a-generated-project",
  } as const;
  if (encoding === "text") return plannedFile(facts, path, "", content, action);
  return {
    ...facts,
    path,
    content,
    encoding: "base64",
    size: base64Size(content),
    lines: 0,
    template: "",
    action,
  };
}

/** The byte length base64 `text` decodes to (padded, as toBase64 writes it). */
function base64Size(text: string): number {
  const padding = text.endsWith("==") ? 2 : text.endsWith("=") ? 1 : 0;
  return text.length / 4 * 3 - padding;
}

/**
 * The store of the project at `root` with `added` files recorded and `dropped`
 * paths forgotten (`add`, `remove`): appended to, not rewritten, so its cost does
 * not grow with the project (src/project/base_store.ts). A project made before the
 * store existed gets one holding what this command generated; `remove` leaves it
 * without.
 */
export async function changedStore(
  root: string,
  added: readonly PlannedFile[],
  dropped: readonly string[] = [],
): Promise<PlannedFile | undefined> {
  const stored = await readStoreBytes(root);
  const files = added.map((file): [string, string] => [file.path, file.content]);
  if (stored === undefined) {
    return added.length === 0 ? undefined : await plannedStore(files, "create");
  }
  const appended = await appendToStore(stored, files, dropped, VERSION);
  return storeFile(stored.path, appended, "replace", "base64");
}
