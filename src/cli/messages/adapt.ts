/** Long user-facing messages of `carefully adapt`. */
import type { OpenedSession } from '../../adapt/open-session.js';

type Assignment = NonNullable<OpenedSession['assignment']>;

export const messages = {
  assigned: (a: Assignment) =>
    `Double annotation: ${a.sampled} of ${a.selected} selected item(s) are in the ${a.percent}% sample; ${a.assigned} newly assigned to ${a.assignee}, ${a.alreadyAssigned} already assigned.`,
  notAssigned: (a: Assignment) =>
    `${a.ownPrimary.length} sampled item(s) were not assigned: ${a.assignee} made their primary decision (${a.ownPrimary.slice(0, 5).join(', ')}${a.ownPrimary.length > 5 ? ', ...' : ''}).`,
  answersNotForSecond: (author: string, assignee: string) =>
    `--answers applies decisions as ${author}, but --second gives the sample to ${assignee}: run the assignment first, then \`carefully adapt --as ${assignee} --answers FILE\`.`,
  secondWorksOn: (assignee: string) =>
    `${assignee} works on the sample with \`carefully adapt --as ${assignee}\`: their decisions there are recorded apart and compared (\`carefully agreement\`), never applied.`,
  applied: (applied: number, file: string, author: string, events: number) =>
    `Applied ${applied} line(s) of ${file} as ${author} (${events} journal event(s)${events > 0 ? ', written as one unit: all or nothing' : ''}).`,
};
