/**
 * The options and help of `new`, `add`, `remove`, `rename`, `update` and `learn`. Nothing here loads what a
 * command does: each action imports its command's module when it runs, so `--help`,
 * `--version` and the help of each command start without the plan, the templates, the
 * writer, the prompts, the lessons or the diffing library (docs/BENCHMARKS.md).
 */
import { Command, Option } from "@commander-js/extra-typings";
import { pickAnswers } from "../choices/features/mod.ts";
import { FIELD_TYPE_SYNTAX, FIELD_TYPES } from "../choices/module_spec.ts";
import { addQuestionOptions } from "./_question_options.ts";

/** The end of `new`, `add`, `remove` and `rename --help`: where a killed run leaves its staging. */
export const STAGING_HELP: string = [
  "",
  "Staging: files are written into a staging directory, then moved into place. A",
  "run killed outright (SIGKILL) may leave one behind:",
  "  .NAME.pyscaffold-XXXXXXXX  beside a new project NAME (from new)",
  "  .pyscaffold-tx-XXXXXXXX    inside a project (add, remove, rename, update)",
  "The next new in the same parent directory, or add, remove, rename or update",
  "in the project, removes them, rolling back an unfinished change.",
].join("\n");

/** `--accept-conflicts` of `add`, `remove`, `rename` and `update`: one behaviour, one wording. */
const ACCEPT_CONFLICTS_HELP = "write files whose changes overlap yours, with conflict markers";

/**
 * The end of the help of the commands that merge a module's files (`add` of a module that
 * exists, `remove --field`, `rename`): what happens where your edits and the change overlap.
 */
const MERGE_HELP = [
  "Where your edits and the change overlap (or sit on the next line), nothing is",
  "written unless --accept-conflicts, with markers <<<<<<< yours ... >>>>>>>",
  "pyscaffold (the exit code is 1 while markers remain), or --force, which replaces",
  "those files with pyscaffold's. In a terminal, without --yes, the files of yours",
  "it merges with are shown before it writes.",
  "",
].join("\n");

/** `--access` of `new` (the first module) and `add`: the module's access policy. */
const ACCESS_HELP = "who may use the module's rows (needs auth): owner (default; each user " +
  "their own, admins all), authenticated, public-read or admin";

/**
 * A repeatable option's values, in order (`--field a --field b` → ["a", "b"]): commander's
 * value parser. Named, so that tools/embed_help.ts can tell the fast path an option repeats.
 */
export function collect(value: string, previous: string[] | undefined): string[] {
  return [...(previous ?? []), value];
}

export function newCommand() {
  const command = new Command("new")
    .description("generate a new project")
    .argument("[directory]", "where to create the project; its last segment is the project name");
  addQuestionOptions(command);
  return command
    .option("--access <policy>", `the first module: ${ACCESS_HELP}`)
    .option("-y, --yes", "accept the default for every question not given by a flag")
    .option("--dry-run", "print the file tree and write nothing")
    .option("--json", "print the Plan (every file with its content and origin) as JSON")
    .option("--answers <file>", "read answers from a JSON file")
    .option("--save-answers <file>", "write the final answers to a JSON file")
    .option("--learn", "guided mode: explain each choice and what will be written, with lessons")
    .option("--env", "after writing: .env from .env.example, with fresh random secrets (default)")
    .option("--no-env", "after writing: no .env")
    .option("--git", "after writing: git init and a first commit (default)")
    .option("--no-git", "after writing: no git repository")
    .option("--install", "after writing: install the dependencies into .venv (uv, else pip)")
    .option("--no-install", "after writing: install nothing (default without the wizard)")
    .addHelpText("after", STAGING_HELP)
    .action(async (directory, options) => {
      const { newAction } = await import("./new_command.ts");
      await newAction(directory, options);
    });
}

export function addCommand() {
  return new Command("add")
    .description(
      "add a resource module (model, schemas, repository, service, controller, tests, migration)",
    )
    .argument("<name>", "module name: booking, booking-item or BookingItem → module booking_item")
    .addOption(
      new Option(
        "-f, --field <spec>",
        `a field name:type[:modifier...], repeatable; types: ${
          FIELD_TYPES.map((type) => FIELD_TYPE_SYNTAX[type]).join(" ")
        }; modifiers: required optional unique index default=VALUE`,
      ).argParser(collect),
    )
    .option("--access <policy>", ACCESS_HELP)
    .option("--dry-run", "print what would be created and write nothing")
    .option("--json", "print the Plan (every file with its content and origin) as JSON")
    .option("-y, --yes", "do not ask for confirmation")
    .option("--force", "replace files that already exist, after showing their diffs")
    .option("--accept-conflicts", `a module that exists: ${ACCEPT_CONFLICTS_HELP}`)
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  pyscaffold add booking -f 'guest:str(120):required' -f nights:int:default=1\n" +
        "  pyscaffold add invoice -f 'total:decimal(10,2)' -f 'status:enum(draft|sent)'\n" +
        "  pyscaffold add line -f invoice:ref:invoices -f 'amount:decimal(10,2)'\n" +
        "  pyscaffold add product --access public-read -f 'name:str(120):required'\n" +
        "  pyscaffold add booking -f 'note:str(200):optional'  # booking exists: gains it\n" +
        "  pyscaffold add booking -f 'rooms:int:required:default=1'  # its rows get 1\n" +
        "Quote a field that holds ( ) or |: the shell reads them itself.\n" +
        "A module that exists gains optional fields, or required ones with a default,\n" +
        "which its rows get: its files are merged with your edits, and a revision adds\n" +
        "the columns.\n" +
        MERGE_HELP +
        STAGING_HELP,
    )
    .action(async (name, options) => {
      const { addAction } = await import("./add_command.ts");
      await addAction(name, options);
    });
}

export function removeCommand() {
  return new Command("remove")
    .description(
      "remove a module that `add` created, or fields of it, and add a migration that drops its " +
        "table or their columns",
    )
    .argument("<name>", "the module (or its table) to remove")
    .addOption(
      new Option(
        "-f, --field <name>",
        "remove only this field of the module (its name, or a reference's column), repeatable",
      ).argParser(collect),
    )
    .option("--dry-run", "print what would be deleted and write nothing")
    .option("--json", "print the Plan (the files to delete and to create) as JSON")
    .option("-y, --yes", "do not ask for confirmation")
    .option(
      "--force",
      "also delete the module's files you have changed (your edits are lost); with --field, " +
        "replace the files whose edits the change touches, after showing their diffs",
    )
    .option(
      "--keep-edited",
      "keep the module's files you have changed (delete or adapt them by hand after)",
    )
    .option("--accept-conflicts", `with --field: ${ACCEPT_CONFLICTS_HELP}`)
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  pyscaffold remove booking          # the module, its files and its table\n" +
        "  pyscaffold remove booking -f note  # the field note; its column is dropped\n" +
        "Files of the module you changed since add stop the removal, named, unless\n" +
        "--force or --keep-edited; after --keep-edited, remove --force deletes them.\n" +
        "A field's files are merged with your edits, as add does; its values are lost.\n" +
        MERGE_HELP +
        STAGING_HELP,
    )
    .action(async (name, options) => {
      const { removeAction } = await import("./remove_command.ts");
      await removeAction(name, options);
    });
}

export function renameCommand() {
  return new Command("rename")
    .description(
      "rename fields of a module that `add` created, and add a migration that renames their " +
        "columns, their values kept",
    )
    .argument("<name>", "the module (or its table)")
    .addOption(
      new Option(
        "-f, --field <old=new>",
        "the field's name (or a reference's column), \"=\" and its new name, repeatable",
      ).argParser(collect),
    )
    .option("--dry-run", "print what would change and write nothing")
    .option("--json", "print the Plan (the files to write) as JSON")
    .option("-y, --yes", "do not ask for confirmation")
    .option(
      "--force",
      "replace the files whose edits the change touches, after showing their diffs",
    )
    .option("--accept-conflicts", ACCEPT_CONFLICTS_HELP)
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  pyscaffold rename booking -f note=remark     # note is remark from now on\n" +
        "  pyscaffold rename booking -f guest=customer  # a reference: its column too\n" +
        "Without --field, in a terminal, it asks which field and its new name.\n" +
        "The files are merged with your edits, as add does; the values stay. The API's\n" +
        "field changes its name: clients that send or read the old one use the new one.\n" +
        MERGE_HELP +
        STAGING_HELP,
    )
    .action(async (name, options) => {
      const { renameAction } = await import("./rename_command.ts");
      await renameAction(name, options);
    });
}

export function updateCommand() {
  return new Command("update")
    .description(
      "switch auth, cache or Celery on or off, change a module's access policy, and take this " +
        "version's templates, merging your changes three ways",
    )
    .addOption(
      new Option(
        "-s, --set <key=value>",
        "a feature to switch (auth, cache, celery), a module's access policy " +
          "(<module>.access) or ids=bigint (64-bit keys, a project made before 0.26.0), repeatable",
      )
        .argParser(collect),
    )
    .option("--dry-run", "print the plan with every diff and write nothing")
    .option("--json", "print the Plan as JSON and write nothing")
    .option(
      "-y, --yes",
      "do not ask for confirmation (conflicts and dropped tables still need their flag)",
    )
    .option("--accept-conflicts", ACCEPT_CONFLICTS_HELP)
    .option("--drop-tables", "when switching auth off: drop the users and revoked_tokens tables")
    .addHelpText(
      "after",
      "\nExamples:\n" +
        "  pyscaffold update --set celery=true --dry-run\n" +
        "  pyscaffold update --set cache=true --set celery=false --yes\n" +
        "  pyscaffold update --set items.access=public-read --dry-run\n" +
        "  pyscaffold update --yes              # take this version's templates\n" +
        "\nA file you never changed is replaced, created or deleted; a file you changed is\n" +
        "merged line by line; where your lines and the update's overlap, nothing is\n" +
        "written unless --accept-conflicts, with markers <<<<<<< yours ... >>>>>>>\n" +
        "pyscaffold; the exit code is 1 while markers remain. A file you deleted stays\n" +
        "deleted.\n" +
        STAGING_HELP,
    )
    .action(async (options) => {
      const { runUpdate, unresolvedError } = await import("./update_command.ts");
      const error = unresolvedError(await runUpdate(options));
      if (error) throw error;
    });
}

export function learnCommand() {
  const command = new Command("learn")
    .description(
      "lessons on the patterns of the generated project, with the code generated for your variant",
    )
    .argument("[lesson]", "the lesson to show; without it, the list");
  addQuestionOptions(command, { module: "the example module" });
  return command
    .option("--no-interactive", "print and exit, even in a terminal")
    .action(async (lesson, options) => {
      const { runLearn } = await import("./learn_command.ts");
      await runLearn(lesson, { ...options, ...pickAnswers(options) });
    });
}
