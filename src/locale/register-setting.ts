/** The project's `register` setting (carefully.json): the speech level reference answers use, one of the pack's registers. */
import { ProjectError } from '../errors.js';
import type { LocalePack, Register } from './locale-pack-types.js';

/**
 * The register reference answers should use: `configured` (the project's
 * setting, or `init --register`) when given, else the pack's
 * `preferredRegister.answer`. A configured ID the pack does not define is
 * refused, naming `where` and the pack's registers.
 */
export function answerRegister(pack: LocalePack, configured: string | undefined, where: string): Register | undefined {
  const registers = pack.registers ?? [];
  if (configured === undefined) return registers.find((r) => r.id === pack.preferredRegister?.answer);
  const found = registers.find((r) => r.id === configured);
  if (found) return found;
  const known = registers.map((r) => `${r.id} (${r.name.split(' (')[0]})`).join(', ');
  throw new ProjectError(
    registers.length === 0
      ? `${where}: register ${JSON.stringify(configured)} cannot be used: the ${pack.tag} locale pack defines no registers. Remove the setting.`
      : `${where}: ${JSON.stringify(configured)} is not a register of the ${pack.tag} locale pack. Use one of: ${known}.`,
  );
}
