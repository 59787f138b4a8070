/**
 * Benchmark of the register of governing documents: prints figures, asserts nothing.
 *   npm run bench:register
 * A workspace of 1,000 documents made from examples/register (20 strategies, 300 plans of which
 * 100 replace an older one, 100 old plans, 580 riktlinjer under the plans that name a plan in their
 * text): the time to analyse them and take their entries (the index), to build the register, to
 * check every document's ties and validity, and after one plan's title changes, to check again the
 * documents that link to it; and the memory the entries take, as the server keeps them.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  analyze,
  DocumentRegister,
  loadTemplate,
  NO_RUNS,
  registerEntry,
  registerFindings,
  setLocale,
  TemplateSet,
  type RegisterDocument,
  type RegisterEntry,
} from '../server/src/core/index';

const EX = join(__dirname, '..', 'examples/register');
const read = (name: string) => readFileSync(join(EX, name), 'utf8');
const STRATEGI = read('klimatstrategi.strategi.md');
const PLAN = read('plan-for-klimatanpassning.plan.md');
const OLD = read('gammal-plan-for-klimatanpassning.plan.md');
const RIKTLINJE = read('riktlinje-for-klimatsakrat-byggande.md');
const TODAY = '2026-11-26';

function setKey(text: string, key: string, value: string | undefined): string {
  const re = new RegExp(`^${key}:.*$`, 'm');
  if (value === undefined) return text.replace(new RegExp(`^${key}:.*\\n`, 'm'), '');
  return re.test(text) ? text.replace(re, `${key}: ${value}`) : text.replace(/\n---\n/, `\n${key}: ${value}\n---\n`);
}

function retitle(text: string, from: string, to: string): string {
  return text.split(from).join(to);
}

function workspace(): Array<{ name: string; text: string }> {
  const out: Array<{ name: string; text: string }> = [];
  for (let s = 0; s < 20; s++) {
    let t = retitle(STRATEGI, 'Klimatstrategi 2024–2030', `Strategi nummer ${s} 2024–2030`);
    t = setKey(t, 'diarienummer', `KS 2023/${1000 + s}`);
    out.push({ name: `strategi-${s}.strategi.md`, text: t });
  }
  for (let p = 0; p < 300; p++) {
    const title = `Plan för område ${p} 2025–2028`;
    let t = retitle(PLAN, 'Plan för klimatanpassning 2025–2028', title);
    t = setKey(t, 'diarienummer', `KS 2024/${2000 + p}`);
    t = setKey(t, 'överordnat', `KS 2023/${1000 + (p % 20)}`);
    t = setKey(t, 'relaterade', `Riktlinje för område ${p}`);
    if (p < 100) {
      t = setKey(t, 'ersätter', `gammal-plan-${p}.plan.md`);
      let o = retitle(OLD, 'Plan för klimatanpassning 2019–2022', `Plan för område ${p} 2019–2022`);
      o = setKey(o, 'diarienummer', `KS 2018/${3000 + p}`);
      out.push({ name: `gammal-plan-${p}.plan.md`, text: o });
    } else t = setKey(t, 'ersätter', undefined);
    out.push({ name: `plan-${p}.plan.md`, text: t });
  }
  for (let r = 0; out.length < 1000; r++) {
    let t = retitle(RIKTLINJE, 'Riktlinje för klimatsäkrat byggande', `Riktlinje för område ${r}`);
    t = setKey(t, 'diarienummer', `KS 2025/${4000 + r}`);
    t = retitle(t, 'Plan för klimatanpassning 2025–2028', `Plan för område ${r % 300} 2025–2028`);
    t = retitle(t, 'Plan för klimatanpassning 2019–2022', `Plan för område ${(r + 1) % 300} 2025–2028`);
    out.push({ name: `riktlinje-${r}.md`, text: t });
  }
  return out;
}

function ms(start: number): string {
  return `${(performance.now() - start).toFixed(0)} ms`;
}

function heap(): number {
  (globalThis as { gc?: () => void }).gc?.();
  return process.memoryUsage().heapUsed;
}

function main(): void {
  setLocale('sv');
  const tpl = loadTemplate(read('strategi.planmall.yaml'), 'strategi.planmall.yaml').template!;
  const templates = new TemplateSet().withOverrides([tpl]);
  const files = workspace();
  console.log(`# Register benchmark (${new Date().toISOString().slice(0, 10)}, node ${process.version}), ${files.length} documents\n`);

  let t = performance.now();
  const entries = new Map<string, RegisterEntry>();
  for (const f of files) {
    const e = registerEntry(analyze(f.text, { fileName: f.name, templates }).plan);
    if (e) entries.set(`file:///ws/${f.name}`, e);
  }
  console.log(`Analysis and entries (the index, one thread): ${ms(t)}`);

  // As the server receives them from its workers (structured clone) and keeps them: without the body text.
  const before = heap();
  const kept = structuredClone([...entries].map(([uri, e]) => ({ uri, entry: { ...e, textRuns: NO_RUNS } })));
  const mib = (heap() - before) / 1024 / 1024;
  console.log(`Entries as the server keeps them (no body text): ${mib.toFixed(1)} MiB (${kept.length} documents)`);

  t = performance.now();
  const docs: RegisterDocument[] = [...entries].map(([uri, entry]) => ({ uri, entry }));
  let register = new DocumentRegister(docs);
  console.log(`Register built: ${ms(t)}`);

  t = performance.now();
  let findings = 0;
  for (const d of docs) findings += registerFindings(register, d.uri, { today: TODAY }).length;
  console.log(`Every document's ties and validity checked: ${ms(t)} (${findings} findings)`);

  // One plan's title changes: build the register again, check only the documents that link to it.
  const changed = 'file:///ws/plan-7.plan.md';
  t = performance.now();
  const entry = entries.get(changed)!;
  const renamed = { ...entry, title: 'Plan för ett annat område 2025–2028' };
  const linkers = register.linkersOf(changed);
  register = new DocumentRegister(docs.map((d) => (d.uri === changed ? { uri: changed, entry: renamed } : d)));
  let again = 0;
  for (const uri of linkers) again += registerFindings(register, uri, { today: TODAY }).length;
  console.log(`One title changed: register again and ${linkers.length} linking documents checked: ${ms(t)} (${again} findings)`);
}

main();
