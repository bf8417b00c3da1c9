/** Long user-facing messages of the shared modules (file system errors). */

export const permissionDenied = (where: string, syscall: string | undefined) =>
  `Permission denied on ${where}${syscall ? ` (${syscall})` : ''}. Give your user access to it (check its permissions and those of its folder), or use another path.`;

export const readOnlyFileSystem = (where: string) =>
  `${where} is on a read-only file system, so nothing can be written there. Work on a copy of the project in a writable folder, or choose another output folder.`;

export const noSpaceLeft = (where: string, quota: boolean) =>
  `No space left on the device holding ${where}${quota ? ' (disk quota exceeded)' : ''}. Free some space and run the same command again; what was saved before is kept.`;

export const notRegularFile = (what: string, file: string, kind: string) =>
  `The ${what} ${file} is ${kind}, not a regular file; it is refused because reading it could block for ever. Save the data to a file first and give that path.`;
