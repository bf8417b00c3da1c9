/** Long user-facing messages of `carefully status`. */

export const messages = {
  conflicts: (n: number) =>
    `\n${n} item(s) have conflicting decisions (two localizers decided without seeing each other): choose one with \`carefully adapt --state conflict\`; export refuses them until then.`,
};
