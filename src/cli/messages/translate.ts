/** What `carefully translate` says on Ctrl-C and when texts could not be translated. */
export const messages = {
  stopping:
    '\nStopping: no new requests; waiting for the ones already sent (they are billed) and saving them. Press Ctrl-C again to stop waiting (what was received is still saved).',
  forcing: 'Stopping now: aborting the requests in flight and saving what was received. Press Ctrl-C a third time to quit without waiting for the write.',
  untranslated: (n: number, label: string) =>
    `${n} text(s) could not be translated by ${label}; their items stay untranslated (everything else is saved). Rerun \`carefully translate\` to try them again (a larger model or another provider may manage), or translate them by hand in \`carefully adapt\`:`,
  contextModes: {
    item: (version: string, billed: string) => `${version} version of each item (${billed}; one request per item)`,
    packed: (version: string, billed: string) => `${version} versions of the items in each request, joined (${billed}; up to 50 texts per request)`,
    off: 'not used (--context off)',
  },
  expected: (seconds: number, concurrency: number, perRequestMs: number) =>
    `~${seconds < 10 ? seconds.toFixed(1) : Math.round(seconds)} s at --concurrency ${concurrency} (assuming ~${(perRequestMs / 1000).toFixed(1)} s per request; latency varies)`,
};
