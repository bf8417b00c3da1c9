/** Long user-facing messages of `carefully init`. */

export const messages = {
  provider: (name: string) => `  provider  ${name}${name === 'pseudo' ? ' (pseudo-localization, NOT a translation; choose a real one with --provider)' : ''}`,
};
