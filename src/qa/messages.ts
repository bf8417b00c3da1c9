/** User-facing messages of the QA stage. */

export function sourceIndexSkipped(max: number): string {
  return `The sources are too large to index for copies of another item's text (over ${max} distinct 10-character runs): each item is checked against its own source only.`;
}

/** Items whose taxonomy labels no checklist question applies to (first few named, labels escaped). */
export function labelsMatchNoChecklist(items: readonly { id: string; labels: string }[], pack: string): string {
  const shown = items
    .slice(0, 3)
    .map((i) => `${i.id} (${i.labels})`)
    .join(', ');
  const more = items.length > 3 ? ` and ${items.length - 3} more` : '';
  return `${items.length} item(s) carry taxonomy labels that no checklist question of the "${pack}" locale pack applies to: ${shown}${more}. Their category-specific questions are skipped. Check the labels' spelling against data/answercarefully-taxonomy.json, or add the spelling to data/answercarefully-taxonomy-aliases.json.`;
}
