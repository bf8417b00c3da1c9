#!/usr/bin/env node
// Thin launcher: the CLI is compiled to dist/ by `npm install` (prepare) or `npm run build`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const main = new URL('../dist/src/cli/main.js', import.meta.url);
if (!existsSync(fileURLToPath(main))) {
  process.stderr.write('carefully is not built yet: run `npm install` (or `npm run build`) in ' +
    fileURLToPath(new URL('..', import.meta.url)) + ' first.\n');
  process.exit(2);
}
await import(main.href);
