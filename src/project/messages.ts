/** Long user-facing messages of the project stage. */

export const noProjectFound = (dir: string, configFile: string) =>
  `No carefully project in ${dir} or any folder above it (none has ${configFile}). Create one with \`carefully init DIR --source FILE --to LANG\` and run commands inside DIR (or any folder below it), or pass --project DIR.`;
