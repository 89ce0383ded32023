import { UserError } from "../errors.ts";

/** A file system error as a message for the user, naming `path`. */
export function fsError(error: unknown, path: string): UserError {
  if (error instanceof Deno.errors.PermissionDenied) {
    return new UserError(`Permission denied: ${path}.`, {
      hint: "Choose a location you can write to.",
    });
  }
  if (error instanceof Deno.errors.NotFound) return new UserError(`Not found: ${path}.`);
  if (error instanceof Deno.errors.NotADirectory) {
    return new UserError(`Part of ${path} is not a directory.`, {
      hint: "Choose a location whose parent directories exist.",
    });
  }
  if (error instanceof UserError) return error;
  // Deno's message ends with the system call and a path (the staging directory's, often):
  // "No space left on device (os error 28): writefile '/…'" — the cause is enough.
  const message = (error instanceof Error ? error.message : String(error))
    .replace(/ \(os error \d+\)/, "").replace(/: [a-z_]+ '[^']*'( -> '[^']*')?$/, "");
  return new UserError(`Could not write ${path}: ${message}.`);
}
