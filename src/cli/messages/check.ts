/** Long user-facing messages of `carefully check`. */

export const messages = {
  checked: (checked: number, items: number, byIds: boolean, localePack: string, error: number, warning: number, info: number) =>
    `Checked ${checked} of ${items} item(s) with target text${byIds ? ' (selected by --ids)' : ''}, locale pack ${localePack}: ${error} error(s), ${warning} warning(s), ${info} info.`,
};
