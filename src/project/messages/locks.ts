/** What the lock holders' messages say (project/pid-lock.ts, run-lock.ts, append-file.ts). */
export const lockMessages = {
  appendBusy: (file: string, holder: string, seconds: number) =>
    `${file} is locked by ${holder}, which has been writing to it for over ${seconds} s. Wait for that process to finish and run the same command again; if it is not running (another machine?), remove ${file}.lock.`,
  checkBusy: (file: string, holder: string, seconds: number) =>
    `${file} is locked by ${holder} for over ${seconds} s, so nothing received could be saved: nothing was sent. Wait for that process to finish and run the same command again; if it is not running (another machine?), remove ${file}.lock.`,
  runBusy: (projectDir: string, holder: string, file: string) =>
    `The project ${projectDir} is locked by ${holder}: another run is translating it, and a second one would send (and bill) the same texts twice. Nothing was sent. Wait for it to finish, or rerun with --wait to start as soon as it does. If that process is not running (another machine sharing the folder?), remove ${file}.`,
  runWaiting: (holder: string) => `The project is locked by ${holder}; waiting for it to finish (Ctrl-C to give up).`,
};
