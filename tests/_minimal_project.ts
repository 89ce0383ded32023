/**
 * A minimal generated project for the tests of `add`, `remove` and access policies: the answers
 * file and the first module's record, the first module's files exactly as `new` writes them (same
 * code path), an initial revision and a README. With `legacy`, the record is in the answers file,
 * as 0.12.4 and earlier wrote it. The project-level templates are exercised by the end-to-end tests; these
 * tests only need what `add` and `remove` read.
 */
import { join } from "node:path";
import {
  ANSWERS_FILE,
  answersFileContent,
  type ModuleRecord,
  moduleRecordContent,
  moduleRecordPath,
} from "../src/project/answers_file.ts";
import { buildModuleFiles, fileHashes } from "../src/plan/mod.ts";
import { resolveProjectSpec } from "../src/choices/project_spec.ts";
import type { AccessPolicy } from "../src/choices/module_spec.ts";

export async function writeMinimalProject(
  dir: string,
  options: { auth?: boolean; access?: AccessPolicy; legacy?: boolean } = {},
): Promise<void> {
  const { auth, access, legacy } = options;
  const spec = resolveProjectSpec({ name: "svc", celery: false, auth });
  const moduleFiles = buildModuleFiles(spec, { ...spec.module, access });
  const files: [string, string][] = [
    ["README.md", "# svc\n"],
    ["src/__init__.py", ""],
    [
      "migrations/versions/0001_initial.py",
      'revision: str = "0001"\ndown_revision: str | None = None\n',
    ],
    ...moduleFiles.map((f): [string, string] => [f.path, f.content]),
  ];
  const record: ModuleRecord = {
    fields: spec.module.fields,
    ...(access ? { access } : {}),
    files: await fileHashes(moduleFiles),
  };
  const answers = answersFileContent(spec);
  if (legacy) {
    const file = { ...JSON.parse(answers), modules: { [spec.module.name]: record } };
    files.push([ANSWERS_FILE, JSON.stringify(file, null, 2) + "\n"]);
  } else {
    files.push(
      [ANSWERS_FILE, answers],
      [moduleRecordPath(spec.module.name), moduleRecordContent(record)],
    );
  }
  for (const [path, content] of files) {
    await Deno.mkdir(join(dir, path, ".."), { recursive: true });
    await Deno.writeTextFile(join(dir, path), content);
  }
}
