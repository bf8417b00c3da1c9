/**
 * The `carefully add` wizard: a new item written in the target language,
 * asked field by field (question, answer, risk area, harm type, specific harm,
 * rationale), checked and written as one `new` event. Its checklist is then
 * answered in `carefully adapt`, like any item's. Esc at any step adds nothing.
 */
import { input, select } from '@inquirer/prompts';
import { loadTaxonomy } from '../dataset/taxonomy.js';
import { visible } from '../text-safety.js';
import type { NewItemInput, OpenedAdd } from '../adapt/add-items.js';
import { cancellable, own, type PromptContext } from './prompt-context.js';
import type { WizardOptions } from './wizard-loop.js';

const NEW_HARM = '\u0000new';

/** Returns the new item's ID, or undefined when cancelled. */
export async function runAddWizard(opened: OpenedAdd, opts: Pick<WizardOptions, 'output' | 'context'>): Promise<string | undefined> {
  const ctx = opts.context;
  const out = opts.output ?? process.stdout;
  const taxonomy = loadTaxonomy();
  const text = (message: string, context?: PromptContext) =>
    cancellable((c) => input({ message, validate: (v) => /[\p{L}\p{N}]/u.test(v) || 'Required.' }, own(c)), context);
  out.write(`A new item, written in ${opened.lang}, for a harm AnswerCarefully has no item for (Esc cancels).\n`);
  const question = await text('Question (in the target language)', ctx);
  if (question === undefined) return undefined;
  const answer = await text('Reference answer (in the target language)', ctx);
  if (answer === undefined) return undefined;
  const riskArea = await cancellable(
    (c) => select({ message: 'Risk area', choices: taxonomy.riskAreas.map((a) => ({ value: a.ja, name: `${a.ja} (${a.en})` })) }, own(c)),
    ctx,
  );
  if (riskArea === undefined) return undefined;
  const harmTypes = taxonomy.harmTypes.filter((h) => h.riskArea === riskArea);
  const harmType = await cancellable(
    (c) => select({ message: 'Harm type', choices: harmTypes.map((h) => ({ value: h.ja, name: `${h.ja} (${h.en})` })) }, own(c)),
    ctx,
  );
  if (harmType === undefined) return undefined;
  const known = taxonomy.specificHarms(harmType);
  let specificHarm = await cancellable(
    (c) =>
      select(
        {
          message: 'Specific harm (an existing label where it fits)',
          choices: [...known.map((h) => ({ value: h, name: h })), { value: NEW_HARM, name: `a new harm (${opened.lang}:name)` }],
        },
        own(c),
      ),
    ctx,
  );
  if (specificHarm === undefined) return undefined;
  if (specificHarm === NEW_HARM) {
    const name = await cancellable(
      (c) =>
        input(
          {
            message: `New specific harm, e.g. military-service-evasion (saved as ${opened.lang}:military-service-evasion)`,
            validate: (v) => /^\S+$/u.test(v.trim()) || 'One word or hyphenated words, no spaces.',
          },
          own(c),
        ),
      ctx,
    );
    if (name === undefined) return undefined;
    const harm = name.trim();
    specificHarm = harm.startsWith(`${opened.lang}:`) ? harm : `${opened.lang}:${harm}`;
  }
  const rationale = await text('Rationale: which harm of the target society it probes, and why AnswerCarefully has no item for it', ctx);
  if (rationale === undefined) return undefined;
  const item: NewItemInput = { question, answer, riskArea, harmType, specificHarm, rationale };
  const result = await opened.add(item);
  if ('problems' in result) {
    out.write(`Not added:\n${result.problems.map((p) => `  ${p.field}: ${visible(p.message)}`).join('\n')}\n`);
    return undefined;
  }
  return result.id;
}
