/** What the client reads from a document's text and name, without VS Code (unit-tested). */

/** Whether a text opens with YAML front matter that names a document type (`dokumenttyp:`). */
export function hasPlanFrontMatter(text: string): boolean {
  const m = /^\uFEFF?---[ \t]*\r?\n([\s\S]*?)\r?\n(?:---|\.\.\.)[ \t]*(?:\r?\n|$)/.exec(text.slice(0, 20_000));
  return !!m && /^dokumenttyp[ \t]*:/m.test(m[1]);
}

/** A name for a new plan's untitled document in `folder`: `<id>.plan.md`, or `<id>-2.plan.md` … when taken. */
export function newPlanName(id: string, taken: (name: string) => boolean): string {
  const safe = id.replace(/[^\p{L}\p{N}_-]+/gu, '-') || 'plan';
  for (let n = 1; ; n++) {
    const name = n === 1 ? `${safe}.plan.md` : `${safe}-${n}.plan.md`;
    if (!taken(name)) return name;
  }
}
