import {
  encodeStore,
  STORE_FILE,
  storeChange,
  storeChanges,
  storePath,
} from "../project/base_store.ts";
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
  return storeFile(STORE_FILE, await encodeStore(files, VERSION), action);
}

/** A file of the store (src/project/base_store.ts): the store, or a change recorded after it. */
function storeFile(path: string, content: string, action: FileAction): PlannedFile {
  const why = path === STORE_FILE
    ? "the pristine content of every generated file: the base `pyscaffold update` merges from"
    : "the files this command generated, after the base store: `update` merges from both";
  return plannedFile(
    { origin: "core", why, lesson: "living-with-a-generated-project" },
    path,
    "",
    content,
    action,
  );
}

/**
 * What `add` and `remove` record in the store of the project at `root`: a change file
 * with `added` files and `dropped` paths, the store itself neither read nor rewritten,
 * so its cost does not grow with the project (src/project/base_store.ts). A project
 * made before the store existed gets one holding what this command generated;
 * `remove` leaves it without.
 */
export async function changedStore(
  root: string,
  added: readonly PlannedFile[],
  dropped: readonly string[] = [],
): Promise<PlannedFile | undefined> {
  const files = added.map((file): [string, string] => [file.path, file.content]);
  if (await storePath(root) === undefined) {
    return added.length === 0 ? undefined : await plannedStore(files, "create");
  }
  const change = await storeChange(storeChanges(root), files, dropped, VERSION);
  return storeFile(change.path, change.content, "create");
}
