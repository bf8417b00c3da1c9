/** Long user-facing messages of `carefully export`. */

export const messages = {
  notExported: (left: readonly [string, number][], onlyApprovedHint: boolean) =>
    `Not exported: ${left.map(([k, v]) => `${v} ${k}`).join(', ')}.${onlyApprovedHint ? ' Only approved items are exported by default: review them (`carefully review`) or pass --include-unreviewed.' : ''}`,
};
