import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder (compiled code runs from dist/src/). Assets are read from here, never from ../shared. */
export const packageRoot = fileURLToPath(new URL('../../', import.meta.url));

/** A file shipped with the package: assetPath('templates', 'dataset-card.hbs'). */
export function assetPath(...parts: string[]): string {
  return path.join(packageRoot, ...parts);
}

export function templatePath(name: string): string {
  return assetPath('templates', name);
}
