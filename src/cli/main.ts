/**
 * Command wiring only: declare commands and options, lazily import one module
 * per command, and map errors to exit codes in one place. Heavy modules (SDKs,
 * inquirer, ajv) are only imported by the command that needs them, so
 * `carefully --help` starts fast.
 */
import { readFileSync } from 'node:fs';
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CarefullyError, DataError, ExitCode } from '../errors.js';
import { safeJson, visible } from '../text-safety.js';
import { fileSystemError } from '../fs-errors.js';
import { assetPath } from '../paths.js';
import { DEFAULT_UI_LANGUAGE, chooseLanguage, t, withLanguage } from '../i18n.js';
import { providerNames, translateOptionFlags } from '../translate/registry.js';
import { STATUS_GROUPINGS } from '../project/status-by.js';
import { errorText } from './error-text.js';
import { resolveFrom, type CliIo, type CliOptions, type CommandContext } from './io.js';
import { createPrinter } from './output.js';
import { DESCRIPTION } from './messages/main.js';

export type { CliIo, CliOptions } from './io.js';

const collect = (value: string, previous: string[]) => [...previous, value];
const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError('must be a whole number of at least 1.');
  return n;
};

type Runner = (options: Record<string, unknown>, ctx: CommandContext) => Promise<number | void>;
type Lazy = (name: string, toOptions: (...args: unknown[]) => Record<string, unknown>) => (...args: unknown[]) => Promise<void>;

/** Options and arguments that name files or folders: relative ones are relative to io.cwd. */
const PATH_OPTIONS = ['file', 'dir', 'source', 'project', 'out', 'answers'] as const;

/**
 * lazy(name, toOptions): an action that imports src/cli/commands/<name>.js and
 * calls its run() with the parsed options; the exit code it returns goes to onCode.
 */
function lazyRunner(ctx: CommandContext, onCode: (code: number) => void): Lazy {
  return (name, toOptions) =>
    async (...args: unknown[]) => {
      const mod = (await import(`./commands/${name}.js`)) as { run: Runner };
      const options = toOptions(...args);
      for (const key of PATH_OPTIONS) {
        const value = options[key];
        if (typeof value === 'string') options[key] = resolveFrom(ctx.io.cwd, value);
      }
      // No --project: the nearest project from the working folder up, as git does (`check --list` needs none).
      const cmd = args.at(-1);
      if (options.project === undefined && !options.list && cmd instanceof Command && cmd.options.some((o) => o.long === '--project')) {
        const { discoverProject } = await import('../project/discover.js');
        options.project = discoverProject(ctx.io.cwd);
      }
      const code = await mod.run(options, ctx);
      if (typeof code === 'number') onCode(code);
    };
}
/** For commands whose only positional is optional or absent: (opts, cmd). */
const optsOnly = (opts: unknown) => opts as Record<string, unknown>;
const withFile = (file: unknown, opts: unknown) => ({ ...(opts as object), file });

const projectOption = () => new Option('-p, --project <dir>', 'project folder (default: the nearest folder with carefully.json, from the current one up)');
const asOption = () => new Option('--as <name>', 'author recorded in the journal (default: CAREFULLY_AUTHOR, git user.name, or the OS user)');

/** The program for one run: output goes to `io`, each command gets `ctx`, and its exit code goes to `onCode`. */
export function buildProgram(ctx: CommandContext, onCode: (code: number) => void = () => {}, jsonErrors = false): Command {
  const { io } = ctx;
  const lazy = lazyRunner(ctx, onCode);
  const helpWidth = (stream: CliIo['stdout']) => (stream.isTTY && stream.columns ? stream.columns : 80);
  const pkg = JSON.parse(readFileSync(assetPath('package.json'), 'utf8')) as { version: string };
  const program = new Command('carefully')
    .version(pkg.version)
    .description(DESCRIPTION)
    // Read by main() before parsing (languageFlag), declared here so it is accepted and shown in --help.
    .option('--lang <lang>', 'interface language: en or ko (default: CAREFULLY_LANG, then LC_ALL, LC_MESSAGES, LANG; else en)')
    .configureOutput({
      writeOut: (text) => void io.stdout.write(text),
      // With --json, main() writes usage errors as JSON instead.
      writeErr: (text) => void (jsonErrors ? undefined : io.stderr.write(text)),
      ...(jsonErrors ? { outputError: () => {} } : {}),
      getOutHelpWidth: () => helpWidth(io.stdout),
      getErrHelpWidth: () => helpWidth(io.stderr),
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
    .showHelpAfterError(jsonErrors ? false : t('cli.helpAfterError'))
    // Set before the subcommands are declared: they copy these settings when created,
    // so a bad option value on any command ends in main()'s catch (exit 2), not process.exit(1).
    .exitOverride()
    .addHelpText('after', `\n${t('cli.helpAfter')}`);

  program
    .command('inspect')
    .description("show a dataset file's format, fields, the roles they likely play (and the --map to pass), taxonomy labels and duplicate IDs")
    .argument('<file>', 'JSON array, JSONL, CSV, TSV or Parquet file')
    .option('--to <lang>', "warn about taxonomy labels no checklist question of this language's locale pack applies to (default: every pack)")
    .option('--json', 'print one JSON object')
    .action(lazy('inspect', withFile));

  program
    .command('validate')
    .description("check a dataset file against its profile's schema; every problem names the record and field")
    .argument('<file>', 'JSON array, JSONL, CSV, TSV or Parquet file')
    .option('--profile <name>', 'field profile', 'answercarefully')
    .option('--map <role=field>', 'map a role to a field, e.g. questionEn=text_en (repeatable)', collect, [])
    .option('--json', 'print one JSON object')
    .action(lazy('validate', withFile));

  program
    .command('init')
    .description('create a project folder for one derivation (validates the source first; the source is read in place, never copied)')
    .argument('<dir>', 'project folder to create')
    .requiredOption('--source <file>', 'the source dataset (AnswerCarefully-shaped JSON, JSONL, CSV, TSV or Parquet)')
    .requiredOption('--to <lang>', 'target language (BCP 47, e.g. ko)')
    .option('--from <lang>', 'translate from ja (question/answer fields) or en (the English fields)', 'ja')
    .addOption(new Option('--provider <name>', 'machine translation provider').choices(providerNames()).default('pseudo'))
    .option('--profile <name>', 'field profile', 'answercarefully')
    .option('--map <role=field>', 'map a role to a field (repeatable)', collect, [])
    .option(
      '--locale-pack <tag|dir>',
      'a shipped locale pack (tag) or a pack folder, relative to the working folder or the project (default: the target language)',
    )
    .option('--register <id>', "speech level of reference answers, one of the locale pack's registers (ko: hapsho, haeyo, banmal; default: the pack's)")
    .option('--json', 'print one JSON object')
    .action(lazy('init', (dir, opts) => ({ ...(opts as object), dir })));

  const translate = program
    .command('translate')
    .description('machine-translate every item not translated yet; safe to stop and rerun (nothing is sent or billed twice)')
    .addOption(projectOption())
    .addOption(new Option('--provider <name>', "override the project's provider").choices(providerNames()));
  // Provider option flags come from the option table (translate/provider-options.ts).
  for (const f of translateOptionFlags()) {
    const option = new Option(f.flags, f.description);
    translate.addOption(f.type === 'integer' ? option.argParser(positiveInt) : f.choices ? option.choices(f.choices) : option);
  }
  translate
    .option('--dry-run', 'show items, segments, characters and estimated cost; send nothing')
    .option('--limit <n>', 'translate at most N items', positiveInt)
    .option('--wait', 'if another run is translating this project, wait for it to finish (default: exit 75 at once)')
    .addOption(asOption())
    .option('--json', 'print one JSON object')
    .action(lazy('translate', optsOnly));

  // Repeatable options without a default, so --help shows no "(default: [])".
  const repeatable = (value: string, previous?: string[]) => [...(previous ?? []), value];
  /** The item filters adapt and list share (session/filters.ts RawFilters). */
  const withItemFilters = (command: Command) =>
    command
      .option('--risk-area <label>', 'only this risk area: Japanese label or English name (repeatable)', repeatable)
      .option('--harm-type <label>', 'only this harm type: Japanese label or English name (repeatable)', repeatable)
      .option('--only <what>', 'only items that are japan-specific (annotation) or flagged (for discussion)', repeatable)
      .option('--state <states>', 'only items in these states, comma-separated (e.g. rejected,stale)', repeatable)
      .option('--ids <ids>', 'only these item IDs, comma-separated', repeatable)
      .option('--shard <K/N>', 'only shard K of N (a stable split by item ID, for several localizers)');
  withItemFilters(
    program
      .command('suggest')
      .description('ask a language model for adapted texts of items whose checklist proposes adapt/replace; recorded as suggestions, never applied')
      .addOption(projectOption())
      .addOption(asOption()),
  )
    .option('--model <name>', 'model name (default: OPENAI_MODEL or provider.options.model)')
    .option('--endpoint <url>', 'OpenAI-compatible base URL (default: OPENAI_BASE_URL, else a local Ollama)')
    .option('--timeout-ms <ms>', 'per-request timeout', positiveInt)
    .option('--concurrency <n>', 'requests at once (default 2)', positiveInt)
    .option('--dry-run', 'count items, requests and prompt size; send nothing')
    .option('--wait', 'wait for another run holding the project instead of exiting')
    .option('--json', 'print one JSON object')
    .action(lazy('suggest', optsOnly));

  withItemFilters(
    program
      .command('adapt')
      .description('the culture-adaptation wizard: go through the items one by one (checklist, edits, decision); stop any time, rerun to resume')
      .addOption(projectOption())
      .addOption(asOption()),
  )
    .option('--answers <file>', 'scripted run: apply decisions/edits from a JSONL file (all lines are checked first; nothing is written if one is wrong)')
    .option(
      '--double <K>',
      'double annotation: assign a stable K% sample of the selected items (by item ID) to a second annotator, then (without --second) work on it yourself',
    )
    .option('--second <name>', 'with --double: the second annotator to assign the sample to (only assigns; default: you)')
    .option('--json', 'with --answers or --double K --second NAME: print one JSON summary')
    .addHelpText(
      'after',
      `
Keys (one key, no Enter): a accept as transfer and go on, e edit (in $VISUAL/$EDITOR; inline when
CAREFULLY_INLINE_EDIT=1 or no editor is set), c checklist, d decide, f flag, r resolve flags,
i intended change, w waive a QA finding, u undo your last action on the item (again: the one
before), m revert to the machine translation, p a language model's suggestion (a proposal to accept, edit
or discard), s skip (not now: not shown again in this session),
b back, g go to an ID, n next item with QA findings, / search the texts, q quit; 1-8 show one pane
on its own (Space/PgDn, PgUp page it; Esc shows all), ? help. Esc cancels a decision, a flag, an
edit choice, a go-to or a search.
Every answer is saved to the journal before the next prompt; Ctrl-C loses only the answer being typed.

--answers lines: {"id" (or "ID"): "...", "decision": "transfer|adapt|replace-target|replace-scenario|drop", "rationale": "...",
  "groups": {"source": "...", "target": "..."} (replace-target), "question": "edited target question", "answer": "...",
  "checklist": {"<question>": "yes|no|n/a" or {"answer": "<option>", "note": "evidence"}}, "flag": "...",
  "intended": [{"source": "110番", "target": "112", "reason": "..."}],
  "waive": [{"check": "<check ID>", "field": "question|answer (optional)", "reason": "..."}],
  "revert": "mt" (first restore the machine translation; the decision is then optional)}
  or alone: {"id": "...", "undo": true} (takes back your last action on the item; again: the one before)
Undo appends an undo event (the journal is never rewritten) and only takes back your own work.
A transfer while the checklist proposes adapt/replace or QA errors remain is applied with a warning.

Second annotation: for an assignee of --double items, the session is exactly those items (within the
filters); their decisions are recorded apart (secondary) and compared by \`carefully agreement\`, never applied.`,
    )
    .action(lazy('adapt', optsOnly));

  program
    .command('review')
    .description('the review wizard: approve, reject (with a comment for the localizer) or edit each adapted item; stop any time, rerun to resume')
    .addOption(projectOption())
    .addOption(asOption())
    .option('--allow-self-review', 'also review items whose decision or text is your own (the journal records who reviewed)')
    .option('--risk-area <label>', 'only this risk area: Japanese label or English name (repeatable)', repeatable)
    .option('--harm-type <label>', 'only this harm type: Japanese label or English name (repeatable)', repeatable)
    .option(
      '--state <states>',
      'only items in these states, comma-separated: adapted (default: awaiting review), approved, rejected (to revise a verdict), stale (to see what changed)',
      repeatable,
    )
    .option('--ids <ids>', 'only these item IDs, comma-separated', repeatable)
    .option('--answers <file>', 'scripted run: verdicts and edits from a JSONL file (all lines are checked first; nothing is written if one is wrong)')
    .option('--json', 'with --answers: print one JSON summary')
    .addHelpText(
      'after',
      `
--answers lines: {"id" (or "ID"): "...", "verdict": "approve|reject", "comment": "...(required to reject)"}
  or an edit: {"id": "...", "question": "new target question", "answer": "..."}
  with either, or alone: "reply": "answer to the open flag", "resolve": true,
  "waive": [{"check": "<check ID>", "field": "question|answer (optional)", "reason": "..."}] (not with an edit)
  or alone: {"id": "...", "undo": true} (takes back your last action on the item)

Keys (one key, no Enter; Enter alone approves nothing): a approve, r reject (a comment is required;
the localizer sees it in \`carefully adapt\`), e edit the question or answer (the item then awaits
review again), i intended change, w waive a QA finding, p reply to flags, x resolve flags,
u undo your last action on the item, s skip, b back, q quit; 1-8 show one pane on its own
(Space/PgDn, PgUp page it; Esc shows all), ? help. Esc cancels a comment.
Every verdict is saved to the journal before the next item; rerun to resume with what is left.`,
    )
    .action(lazy('review', optsOnly));

  program
    .command('add')
    .description('add an item with no AnswerCarefully row, written in the target language (ID <dataset>-<lang>-new-<author>-NNNN, decision "new")')
    .addOption(projectOption())
    .addOption(asOption())
    .option('--answers <file>', 'scripted run: one new item per JSONL line (all lines are checked first; nothing is written if one is wrong)')
    .option('--json', 'with --answers: print one JSON summary')
    .addHelpText(
      'after',
      `
--answers lines: {"question": "...", "answer": "...", "riskArea": "<risk area label>", "harmType": "<harm type label>",
  "specificHarm": "<specific harm label, or a new one: <lang>:name>", "rationale": "...",
  "checklist": {"<question>": "<answer>" or {"answer": "...", "note": "evidence"}}}
A line whose question was added before is skipped, so a file can be applied again.`,
    )
    .action(lazy('add', optsOnly));

  withItemFilters(
    program
      .command('list')
      .description('list the items a filter selects: ID, state, decision, authors, flags, QA counts (for scripts: --json)')
      .addOption(projectOption()),
  )
    .option('--json', 'print one JSON object: {selection, items: [{id, state, decision, authors, flags, qa, stale}]}')
    .action(lazy('list', optsOnly));

  const pack = program.command('pack').description("locale packs: show the project's, write and check new ones");
  pack
    .command('show')
    .description('show the checklist questions (IDs, prompts, conditions, effects) and the known equivalents of the pack')
    .addOption(projectOption())
    .option('--json', 'print one JSON object')
    .action(lazy('pack-show', optsOnly));
  pack
    .command('check')
    .description('validate a locale pack folder (schema, regexes, templates, taxonomy labels, IDs, duplicate terms): file, JSON pointer and reason per problem')
    .argument('<dir>', 'folder holding pack.json')
    .option('--json', 'print one JSON object: {dir, tag, ok, errors, warnings}')
    .action(lazy('pack-check', (dir: unknown, opts: unknown) => ({ ...(opts as object), dir })));
  pack
    .command('init')
    .description('write a new locale pack skeleton from the base pack (empty targets to fill in; check it with pack check)')
    .argument('<tag>', 'BCP 47 tag of the target language, e.g. vi')
    .option('--out <dir>', 'folder to write pack.json into (default: ./<tag>)')
    .action(lazy('pack-init', (tag: unknown, opts: unknown) => ({ ...(opts as object), tag })));

  program
    .command('status')
    .description('count items by state and decision')
    .addOption(projectOption())
    .option('--json', 'print one JSON object: {items, byState, byDecision, ...}')
    .addOption(
      new Option(
        '--by <grouping>',
        'counts per risk area, harm type, specific harm or author (--json: {by, items, groups: [{key, name, items, byState, ...}]})',
      ).choices(STATUS_GROUPINGS),
    )
    .action(lazy('status', optsOnly));

  program
    .command('check')
    .description('run the QA checks on every item with target text; exit code 1 while errors remain (a release gate for CI)')
    .addOption(projectOption())
    .addOption(new Option('--severity <level>', 'report only findings at least this severe').choices(['error', 'warning', 'info']))
    .option('--only <checks>', 'only these checks, comma-separated IDs (see --list)', collect, [])
    .option('--ids <ids>', 'only these item IDs, comma-separated', collect, [])
    .option('--list', 'list the checks (ID, severity, title) and exit')
    .option('--json', 'print one JSON object: {findings, counts, waived, waivedCounts, staleWaivers, checked, items}')
    .action(lazy('check', optsOnly));

  program
    .command('agreement')
    .description(
      "inter-annotator agreement on decisions (double annotation): raw agreement, Cohen's kappa, Krippendorff's alpha, and the disagreements to discuss",
    )
    .addOption(projectOption())
    .option('--json', 'print one JSON object')
    .action(lazy('agreement', optsOnly));

  program
    .command('export')
    .description('write a Hugging Face dataset folder: data/<split>.json(l) in the source schema, provenance/, LICENSE and a dataset card README.md')
    .addOption(projectOption())
    .requiredOption('-o, --out <dir>', 'output folder')
    .addOption(new Option('--format <format>', 'output format (default: the source format)').choices(['json', 'jsonl']))
    .option('--include-unreviewed', 'also export items not approved by a reviewer (marked in provenance)')
    .option('--include-stale', 'also export items whose source text changed since they were worked on')
    .option('--allow-verbatim', 'disable the leak guard (records identical to a source field)')
    .option('--fail-on-qa', 'refuse to export while QA errors remain (waived findings do not count)')
    .option('--include-flagged', 'export items with open flags (refused otherwise; settle flags in `carefully review`)')
    .option(
      '--on-conflict <side>',
      'for items with conflicting decisions (refused otherwise): take "latest" (the later decision) or the decision of this author',
    )
    .option('--split <name>', 'Hugging Face split of the data file (default: test/dev from the source file name, else test)')
    .option('--ac-release <version>', 'the AnswerCarefully release the source came from, credited in the card (default: from the file name, e.g. v2.2)')
    .option('--annotate', 'add an "adaptation" block beside each record\'s meta: decision, taxonomy labels, locale pack, annotators')
    .addOption(
      new Option('--annotators <how>', 'annotators in the export: stable pseudonyms, or user names').choices(['pseudonyms', 'names']).default('pseudonyms'),
    )
    .option('--json', 'print one JSON object')
    .action(lazy('export', optsOnly));

  const xliff = program
    .command('xliff')
    .description('XLIFF 1.2/2.0 out to CAT tools (OmegaT, Trados, memoQ, Weblate) and edited targets back in')
    .addHelpText(
      'after',
      `
The file holds the Japanese source: keep it in the team, never publish it. Each unit (<item ID>#question
or #answer) carries the source hash and the target as exported: on import, a unit whose source changed
since export, or whose target was changed in the project meanwhile, is refused and listed (exit 1; the
other units are applied); unknown IDs, malformed XML, another project's file or another language pair
write nothing. Importing the same file again writes nothing.`,
    );
  withItemFilters(
    xliff
      .command('export')
      .description('write one unit per item field: source, current target, state, and notes (English, taxonomy, checklist, equivalents, decision)')
      .addOption(projectOption())
      .requiredOption('-o, --out <file>', 'the XLIFF file to write')
      .addOption(new Option('--xliff-version <version>', 'XLIFF version').choices(['1.2', '2.0']).default('1.2')),
  )
    .option('--json', 'print one JSON object')
    .action(lazy('xliff', (opts) => ({ ...(opts as object), action: 'export' })));
  xliff
    .command('import')
    .description('record the targets edited in the file as edit events (author: --as); every unit is checked before anything is written')
    .argument('<file>', 'an XLIFF file written by `carefully xliff export` and edited in another tool')
    .addOption(projectOption())
    .addOption(asOption())
    .option('--json', 'print one JSON object')
    .action(lazy('xliff', (file, opts) => ({ ...(opts as object), file, action: 'import' })));

  const sheet = program
    .command('sheet')
    .description('review sheets (CSV or XLSX): one row per item to work on in a spreadsheet, and the rows back in')
    .addHelpText(
      'after',
      `
Row 1 names the project, row 2 the columns; one row per item after that. Edit question, answer, decision,
rationale, checklist (one "<question ID>=<answer>" per line), verdict (approve/reject) and comment; the other
columns are for reading. Rows come back through the rules of \`adapt --answers\` and \`review --answers\`:
every row is checked before anything is written. A row whose source changed since export, or whose text
changed in the project meanwhile, is refused and listed (exit 1; the other rows are applied).
The sheet holds the Japanese source: keep it in the team, never publish it.`,
    );
  withItemFilters(
    sheet
      .command('export')
      .description('write the review sheet of the selected items')
      .addOption(projectOption())
      .requiredOption('-o, --out <file>', 'the sheet to write (.csv or .xlsx)')
      .addOption(new Option('--format <format>', 'sheet format (default: from the file name, else csv)').choices(['csv', 'xlsx'])),
  )
    .option('--json', 'print one JSON object')
    .action(lazy('sheet', (opts) => ({ ...(opts as object), action: 'export' })));
  sheet
    .command('import')
    .description('apply the edited rows (author: --as): targets, decisions, rationales, checklist answers, verdicts and comments')
    .argument('<file>', 'a sheet written by `carefully sheet export` (.csv or .xlsx)')
    .addOption(projectOption())
    .addOption(asOption())
    .addOption(new Option('--format <format>', 'sheet format (default: from the file name, else csv)').choices(['csv', 'xlsx']))
    .option('--allow-self-review', 'accept verdicts on items whose decision or text is your own')
    .option('--json', 'print one JSON object')
    .action(lazy('sheet', (file, opts) => ({ ...(opts as object), file, action: 'import' })));

  program
    .command('tmx')
    .description('translation memory')
    .command('export')
    .description('write the approved segment pairs (source -> final target, one per item field) as TMX 1.4 for CAT tools and later releases')
    .addOption(projectOption())
    .requiredOption('-o, --out <file>', 'the TMX file to write (it holds the Japanese source: never publish it)')
    .option('--json', 'print one JSON object')
    .action(lazy('tmx', optsOnly));

  const glossary = program.command('glossary').description('the project glossary (source, target, do-not-translate, note) in and out as CSV or TBX');
  glossary
    .command('export')
    .description("write the project's glossary as CSV (source, target, do-not-translate, note) or TBX")
    .addOption(projectOption())
    .requiredOption('-o, --out <file>', 'the file to write (.csv or .tbx)')
    .addOption(new Option('--format <format>', 'default: from the file name, else csv').choices(['csv', 'tbx']))
    .option('--json', 'print one JSON object')
    .action(lazy('glossary', (opts) => ({ ...(opts as object), action: 'export' })));
  glossary
    .command('import')
    .description("replace the project's glossary with a CSV or TBX file, every entry checked first (nothing is written if one is wrong)")
    .argument('<file>', 'CSV with the columns source, target, do-not-translate, note; or TBX (v2 or v3)')
    .addOption(projectOption())
    .addOption(new Option('--format <format>', 'default: from the file name, else csv').choices(['csv', 'tbx']))
    .option('--json', 'print one JSON object')
    .action(lazy('glossary', (file, opts) => ({ ...(opts as object), file, action: 'import' })));

  program
    .command('providers')
    .description('list translation providers, what each needs, and whether it is configured here')
    .option('--json', 'print JSON')
    .action(lazy('providers', optsOnly));

  program
    .command('report')
    .description('write an HTML report (one self-contained file, offline, no script): progress, taxonomy, QA, agreement, machine translation')
    .addOption(projectOption())
    .requiredOption('-o, --out <file>', 'the HTML file to write, e.g. report.html')
    .option('--json', 'print one JSON object: {file, bytes, items}')
    .action(lazy('report', optsOnly));

  program
    .command('demo')
    .description('the whole pipeline on the bundled synthetic examples, offline (pseudo provider): init, translate, check, export')
    .option('--out <dir>', 'where to put the demo project and export', 'out/demo')
    .option('--to <lang>', 'target language', 'ko')
    .action(lazy('demo', optsOnly));

  return program;
}

/**
 * Run the CLI once: `argv` holds the user's arguments only (no node, no script).
 * Returns the exit code; prints only through `io`, and never exits the process.
 */
export async function main(argv: readonly string[], io: CliIo, options: CliOptions = {}): Promise<number> {
  const choice = chooseLanguage(languageFlag(argv), io.env);
  // --json output, errors included, stays English: scripts match on it.
  return withLanguage(argv.includes('--json') ? DEFAULT_UI_LANGUAGE : choice.language, async () => {
    if (choice.unknownFlag !== undefined) io.stderr.write(`${t('cli.warning')}: ${visible(t('cli.unknownLang', { lang: choice.unknownFlag }))}\n`);
    return runMain(argv, io, options);
  });
}

/** The value of --lang (`--lang ko` or `--lang=ko`; the last one wins), if given. */
export function languageFlag(argv: readonly string[]): string | undefined {
  let value: string | undefined;
  argv.forEach((arg, i) => {
    if (arg === '--lang' && i + 1 < argv.length) value = argv[i + 1];
    else if (arg.startsWith('--lang=')) value = arg.slice('--lang='.length);
  });
  return value;
}

async function runMain(argv: readonly string[], io: CliIo, options: CliOptions): Promise<number> {
  const out = createPrinter(io);
  let code: number = ExitCode.ok;
  // With --json, errors are JSON too (on stderr, same exit codes), so a script parses every outcome.
  const json = argv.includes('--json');
  const fail = (exitCode: number, message: string, problems: readonly unknown[] = []): number => {
    if (json) io.stderr.write(`${safeJson({ error: { code: exitCodeName(exitCode), exitCode, message, problems } })}\n`);
    else io.stderr.write(`carefully: ${visible(message)}\n`);
    return exitCode;
  };
  const program = buildProgram({ io, out, options }, (c) => (code = c), json);
  try {
    await program.parseAsync([...argv], { from: 'user' });
    return code;
  } catch (e) {
    if (e instanceof CommanderError) {
      // --help and --version end here with exit code 0.
      if (e.exitCode === 0) return ExitCode.ok;
      return json ? fail(ExitCode.usage, e.message.replace(/^error: /, '')) : ExitCode.usage;
    }
    if (e instanceof CarefullyError) return fail(e.exitCode, errorText(e), e instanceof DataError ? e.problems : []);
    const fsError = fileSystemError(e);
    if (fsError) return fail(fsError.exitCode, fsError.message);
    const err = e as Error;
    if (err?.name === 'ExitPromptError') {
      return fail(ExitCode.interrupted, t('cli.interrupted'));
    }
    return fail(ExitCode.internal, `${t('cli.internal')}\n${err?.stack ?? String(e)}`);
  }
}

/** "usage", "invalidData"...: the name of a documented exit code, for JSON errors. */
function exitCodeName(code: number): string {
  return Object.entries(ExitCode).find(([, v]) => v === code)?.[0] ?? 'error';
}
