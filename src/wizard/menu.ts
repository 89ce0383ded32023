/**
 * `pyscaffold` with no arguments in a terminal: a menu of the interactive
 * commands that are registered (new, add, learn), plus the help.
 */
import { type Prompter, terminalPrompter } from "./prompter.ts";

export interface MenuCommand {
  name: string;
  description: string;
  /** The command's positional arguments; the required ones are asked after it is picked. */
  arguments?: readonly { name: string; description: string; required: boolean }[];
}

/** The commands the menu offers, in this order, when they are registered; others are in --help. */
const ENTRIES: readonly { command: string; name: string }[] = [
  { command: "new", name: "Create a new project" },
  { command: "add", name: "Add a resource module to a project" },
  { command: "learn", name: "Learn the patterns behind the generated code" },
];

export const MENU_MESSAGE = "What would you like to do?";

/** The arguments to run, or undefined to show the help. */
export async function chooseFromMenu(
  prompter: Prompter,
  registered: readonly MenuCommand[],
): Promise<string[] | undefined> {
  const help = "\0help";
  const choices = ENTRIES.flatMap((entry) => {
    const command = registered.find((r) => r.name === entry.command);
    return command
      ? [{
        value: entry.command,
        name: entry.name,
        description: `pyscaffold ${entry.command}: ${command.description}`,
      }]
      : [];
  });
  const picked = await prompter.select<string>({
    message: MENU_MESSAGE,
    choices: [
      ...choices,
      { value: help, name: "Show every command and option", description: "pyscaffold --help" },
    ],
  });
  if (picked === help) return undefined;
  const args = [picked];
  const command = registered.find((r) => r.name === picked);
  for (const argument of command?.arguments ?? []) {
    if (!argument.required) continue;
    args.push(
      await prompter.input({
        message: `${capitalize(argument.description || argument.name)}?`,
        validate: (value) => value.trim() === "" ? `The ${argument.name} is required.` : true,
      }),
    );
  }
  return args;
}

/**
 * The menu, when stdin and stdout are a terminal; undefined otherwise (the
 * caller prints the help) or when the user asks for the help.
 */
export async function menuInTerminal(
  registered: readonly MenuCommand[],
): Promise<string[] | undefined> {
  if (!Deno.stdin.isTerminal() || !Deno.stdout.isTerminal()) return undefined;
  return chooseFromMenu(await terminalPrompter(), registered);
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
