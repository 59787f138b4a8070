/**
 * The register of governing documents: references resolved by diarienummer, title and path; type
 * order, circles, double replacement, documents not in force or replaced; titles in the body;
 * validity and revision on a fixed day (terms of office); the table, tree and exports.
 */
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { registerPage } from '../../client/src/register-html';
import { run } from '../../server/src/cli/plan-check';
import {
  analyze,
  DocumentRegister,
  loadTemplate,
  registerCsv,
  registerEntry,
  registerFindings,
  registerJson,
  registerTable,
  registerTree,
  revisionDue,
  setLocale,
  TemplateSet,
  termOfOffice,
  type Finding,
  type RegisterDocument,
} from '../../server/src/core/index';
import { TODAY } from '../helpers/today';

const EXAMPLE = join(__dirname, '../../examples/register');

function strategiTemplates(): TemplateSet {
  const t = loadTemplate(readFileSync(join(EXAMPLE, 'strategi.planmall.yaml'), 'utf8'), 'strategi.planmall.yaml');
  assert.ok(t.template, JSON.stringify(t.findings));
  return new TemplateSet().withOverrides([t.template]);
}

/** A register of in-memory documents, by file name in one folder. */
function registerOf(files: Record<string, string>, templates = strategiTemplates()): { register: DocumentRegister; uri: (name: string) => string } {
  const uri = (name: string) => `file:///ws/${name}`;
  const docs: RegisterDocument[] = [];
  for (const [name, text] of Object.entries(files)) {
    const entry = registerEntry(analyze(text, { fileName: name, templates }).plan);
    assert.ok(entry, `${name} is a governing document`);
    docs.push({ uri: uri(name), entry });
  }
  return { register: new DocumentRegister(docs), uri };
}

function doc(type: string, title: string, extra: Record<string, string> = {}, body = ''): string {
  const fm: Record<string, string> = { dokumenttyp: type, titel: title, ...extra };
  return `---\n${Object.entries(fm)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n')}\n---\n\n# ${title}\n\n${body}\n`;
}

function codes(findings: Finding[]): string[] {
  return findings.map((f) => f.code);
}

function at(text: string, f: Finding): string {
  return text.slice(f.range.start, f.range.end);
}

describe('The register of governing documents', () => {
  before(() => setLocale('sv'));

  it('Should resolve a tie by diarienummer, by title and by relative path, and find nothing wrong', () => {
    const files = {
      'strategi.strategi.md': doc('strategi', 'Klimatstrategi 2024–2030', {
        diarienummer: 'KS 2023/0150',
        'gäller-från': '2024-01-01',
        'gäller-till': '2030-12-31',
      }),
      'a.plan.md': doc('plan', 'Plan A 2025–2028', { överordnat: 'ks 2023/0150', 'gäller-från': '2025-01-01', 'gäller-till': '2028-12-31' }),
      'b.plan.md': doc('plan', 'Plan B 2025–2028', { överordnat: 'Klimatstrategi 2024-2030', 'gäller-från': '2025-01-01', 'gäller-till': '2028-12-31' }),
      'sub/c.plan.md': doc('plan', 'Plan C 2025–2028', { överordnat: '../strategi.strategi.md', 'gäller-från': '2025-01-01', 'gäller-till': '2028-12-31' }),
    };
    const { register, uri } = registerOf(files);
    for (const name of ['a.plan.md', 'b.plan.md', 'sub/c.plan.md']) {
      const d = register.get(uri(name))!;
      assert.deepEqual(
        register.parentsOf(d).map((x) => x.uri),
        [uri('strategi.strategi.md')],
        name,
      );
      assert.deepEqual(
        codes(registerFindings(register, uri(name), { today: TODAY })).filter((c) => c.startsWith('plan.links')),
        [],
        name,
      );
    }
  });

  it('Should report a tie that names no document, at the name, with the nearest titles', () => {
    const text = doc('plan', 'Plan A 2025–2028', { relaterade: 'Riktlinje för sociala medie' });
    const { register, uri } = registerOf({ 'a.plan.md': text, 'r.md': doc('riktlinje', 'Riktlinje för sociala medier') });
    const f = registerFindings(register, uri('a.plan.md'), { today: TODAY }).filter((x) => x.code === 'plan.links.not-found');
    assert.equal(f.length, 1);
    assert.equal(at(text, f[0]), 'Riktlinje för sociala medie');
    assert.match(f[0].message, /Menade du ”Riktlinje för sociala medier”\?/);
  });

  it('Should read several ties from a YAML list or a text split at semicolons, each at its own range', () => {
    const list = doc('plan', 'Plan A', { relaterade: '\n  - Okänd ett\n  - Okänd två' });
    const semi = doc('plan', 'Plan B', { relaterade: 'Okänd tre; Okänd fyra' });
    const { register, uri } = registerOf({ 'a.plan.md': list, 'b.plan.md': semi });
    assert.deepEqual(
      registerFindings(register, uri('a.plan.md'), { today: TODAY })
        .filter((x) => x.code === 'plan.links.not-found')
        .map((f) => at(list, f)),
      ['Okänd ett', 'Okänd två'],
    );
    assert.deepEqual(
      registerFindings(register, uri('b.plan.md'), { today: TODAY })
        .filter((x) => x.code === 'plan.links.not-found')
        .map((f) => at(semi, f)),
      ['Okänd tre', 'Okänd fyra'],
    );
    // The list is not the front-matter family's "single value" error.
    assert.ok(!analyze(list, { fileName: 'a.plan.md' }).findings.some((f) => f.code === 'plan.frontmatter.wrong-type'));
  });

  it('Should find titles named in the body text with each register’s own titles, also when registers are made again and alternate', () => {
    const body = 'Arbetet följer Riktlinje för sociala medier och Policy för informationssäkerhet i allt.';
    const one = registerOf({
      'a.md': doc('strategi', 'Strategi för kommunikation', {}, body),
      'b.md': doc('riktlinje', 'Riktlinje för sociala medier'),
    });
    const two = registerOf({
      'a.md': doc('strategi', 'Strategi för kommunikation', {}, body),
      'c.md': doc('policy', 'Policy för informationssäkerhet'),
    });
    const named = (r: { register: DocumentRegister; uri: (n: string) => string }) =>
      r.register.titlesIn(r.register.get(r.uri('a.md'))!).map((m) => [m.ref.text, m.targets.map((t) => t.uri)]);
    for (let round = 0; round < 2; round++) {
      assert.deepEqual(named(one), [['Riktlinje för sociala medier', [one.uri('b.md')]]]);
      assert.deepEqual(named(two), [['Policy för informationssäkerhet', [two.uri('c.md')]]]);
    }
    // Made again with the same titles: the same matches, at the same places.
    const again = new DocumentRegister(one.register.all());
    assert.deepEqual(named({ register: again, uri: one.uri }), named(one));
  });

  it('Should find no titles in a document whose register knows only its own title, and the others’ once they are known', () => {
    const body = 'Strategi för kommunikation gäller, med Riktlinje för sociala medier.';
    const named = (r: { register: DocumentRegister; uri: (n: string) => string }) =>
      r.register.titlesIn(r.register.get(r.uri('a.md'))!).map((m) => [m.ref.text, m.targets.map((t) => t.uri)]);
    // Alone (the first document opened, before the workspace is read): its own title is no reference.
    assert.deepEqual(named(registerOf({ 'a.md': doc('strategi', 'Strategi för kommunikation', {}, body) })), []);
    // Another document with the same title: still the document's own title, no reference.
    const same = registerOf({ 'a.md': doc('strategi', 'Strategi för kommunikation', {}, body), 'b.md': doc('strategi', 'Strategi för kommunikation') });
    assert.deepEqual(named(same), []);
    // Once another title is known, it is found, and the own title still is not.
    const both = registerOf({ 'a.md': doc('strategi', 'Strategi för kommunikation', {}, body), 'r.md': doc('riktlinje', 'Riktlinje för sociala medier') });
    assert.deepEqual(named(both), [['Riktlinje för sociala medier', [both.uri('r.md')]]]);
  });

  it('Should report a parent that is not of a more general type, by the template’s order', () => {
    const text = doc('plan', 'Plan A', { överordnat: 'Rutin för X' });
    const { register, uri } = registerOf({ 'a.plan.md': text, 'r.md': doc('rutin', 'Rutin för X'), 's.strategi.md': doc('strategi', 'Strategi') });
    const f = registerFindings(register, uri('a.plan.md'), { today: TODAY }).filter((x) => x.code === 'plan.links.wrong-type');
    assert.equal(f.length, 1);
    assert.equal(f[0].data?.found, 'rutin');
    assert.equal(f[0].data?.expected, 'policy | strategi');
  });

  it('Should report a replaced document of another type than the document’s own', () => {
    const text = doc('plan', 'Plan A', { ersätter: 'Rutin för X' });
    const { register, uri } = registerOf({ 'a.plan.md': text, 'r.md': doc('rutin', 'Rutin för X'), 'p.md': doc('plan', 'Plan gammal') });
    const f = registerFindings(register, uri('a.plan.md'), { today: TODAY }).filter((x) => x.code === 'plan.links.wrong-type');
    assert.equal(f.length, 1);
    assert.deepEqual([f[0].data?.found, f[0].data?.expected], ['rutin', 'plan']);
    assert.match(f[0].message, /”Rutin för X” är en rutin; en plan ersätter ett dokument av sin egen typ\./);
    const same = doc('plan', 'Plan B', { ersätter: 'Plan gammal' });
    const other = registerOf({ 'b.plan.md': same, 'p.md': doc('plan', 'Plan gammal') });
    assert.deepEqual(
      codes(registerFindings(other.register, other.uri('b.plan.md'), { today: TODAY })).filter((c) => c === 'plan.links.wrong-type'),
      [],
    );
  });

  it('Should report a circle of parent ties in each document of the circle, and a tie to itself', () => {
    const a = doc('plan', 'Plan A', { överordnat: 'Strategi B' });
    const b = doc('strategi', 'Strategi B', { överordnat: 'Strategi C' });
    const c = doc('strategi', 'Strategi C', { överordnat: 'Plan A' });
    const self = doc('plan', 'Plan S', { relaterade: 'Plan S' });
    const { register, uri } = registerOf({ 'a.plan.md': a, 'b.strategi.md': b, 'c.strategi.md': c, 's.plan.md': self });
    for (const name of ['a.plan.md', 'b.strategi.md', 'c.strategi.md'])
      assert.equal(codes(registerFindings(register, uri(name), { today: TODAY })).filter((x) => x === 'plan.links.cycle').length, 1, name);
    assert.match(
      registerFindings(register, uri('a.plan.md'), { today: TODAY }).find((f) => f.code === 'plan.links.cycle')!.message,
      /”Plan A” → ”Strategi B” → ”Strategi C” → ”Plan A”/,
    );
    assert.deepEqual(
      codes(registerFindings(register, uri('s.plan.md'), { today: TODAY })).filter((x) => x.startsWith('plan.links')),
      ['plan.links.cycle'],
    );
    // The tree still shows every document once at the top or under its parent.
    const tree = registerTree(registerTable(register, TODAY, 90));
    const seen: string[] = [];
    const walk = (n: { uri: string; children: Array<{ uri: string; children: unknown[] }> }) => {
      seen.push(n.uri);
      (n.children as (typeof n)[]).forEach(walk);
    };
    tree.forEach(walk);
    for (const name of ['a.plan.md', 'b.strategi.md', 'c.strategi.md', 's.plan.md']) assert.ok(seen.includes(uri(name)), name);
  });

  it('Should report two documents that replace the same one, in both, and a reference to a replaced document', () => {
    const old = doc('plan', 'Gammal plan för test', { 'gäller-från': '2019-01-01', 'gäller-till': '2022-12-31' });
    const n1 = doc('plan', 'Ny plan ett', { ersätter: 'Gammal plan för test' });
    const n2 = doc('plan', 'Ny plan två', { ersätter: 'old.plan.md' });
    const user = doc('riktlinje', 'Riktlinje R', { överordnat: 'Gammal plan för test' }, 'Se även Gammal plan för test.');
    const { register, uri } = registerOf({ 'old.plan.md': old, 'n1.plan.md': n1, 'n2.plan.md': n2, 'r.md': user });
    for (const name of ['n1.plan.md', 'n2.plan.md'])
      assert.deepEqual(
        codes(registerFindings(register, uri(name), { today: TODAY })).filter((x) => x.startsWith('plan.links')),
        ['plan.links.double-replacement'],
        name,
      );
    const r = registerFindings(register, uri('r.md'), { today: TODAY }).filter((x) => x.code === 'plan.links.replaced');
    assert.deepEqual(
      r.map((f) => at(user, f)),
      ['Gammal plan för test', 'Gammal plan för test'],
    );
    assert.ok(r[1].range.start > user.indexOf('Se även'), 'the second is the title in the body');
    // A replaced document is history: no validity findings, and the status says so.
    assert.deepEqual(codes(registerFindings(register, uri('old.plan.md'), { today: TODAY })), []);
    assert.equal(registerTable(register, TODAY, 90).rows.find((x) => x.uri === uri('old.plan.md'))!.status, 'replaced');
  });

  it('Should report a parent that is not in force in the document’s period', () => {
    const s = doc('strategi', 'Strategi S', { 'gäller-från': '2018-01-01', 'gäller-till': '2022-12-31' });
    const p = doc('plan', 'Plan P', { överordnat: 'Strategi S', 'gäller-från': '2025-01-01', 'gäller-till': '2028-12-31' });
    const { register, uri } = registerOf({ 's.strategi.md': s, 'p.plan.md': p });
    const f = registerFindings(register, uri('p.plan.md'), { today: TODAY }).filter((x) => x.code === 'plan.links.not-in-force');
    assert.equal(f.length, 1);
    assert.match(f[0].message, /2022-12-31/);
  });

  it('Should find validity and revision findings on a fixed day', () => {
    const expired = doc('plan', 'Plan E', { beslutsdatum: '2018-05-01', 'gäller-från': '2019-01-01', 'gäller-till': '2026-06-30' });
    const expiring = doc('plan', 'Plan X', { beslutsdatum: '2023-05-01', 'gäller-från': '2023-06-01', 'gäller-till': '2027-01-31' });
    const undecided = doc('plan', 'Plan U', { 'gäller-från': '2025-01-01', 'gäller-till': '2028-12-31' });
    const late = doc('riktlinje', 'Riktlinje L', { beslutsdatum: '2017-05-01', 'gäller-från': '2017-06-01' });
    const written = doc('riktlinje', 'Riktlinje W', { beslutsdatum: '2025-05-01', 'revideras-senast': '2026-01-31' });
    const { register, uri } = registerOf({ 'e.plan.md': expired, 'x.plan.md': expiring, 'u.plan.md': undecided, 'l.md': late, 'w.md': written });
    const find = (name: string, o: { warnDays?: number } = {}) => codes(registerFindings(register, uri(name), { today: TODAY, ...o }));
    assert.deepEqual(find('e.plan.md'), ['plan.validity.expired']);
    assert.deepEqual(find('x.plan.md'), ['plan.validity.expiring']);
    assert.deepEqual(find('x.plan.md', { warnDays: 30 }), []);
    assert.deepEqual(find('u.plan.md'), ['plan.validity.no-decision-date']);
    assert.deepEqual(find('l.md'), ['plan.validity.revision-due']);
    assert.match(registerFindings(register, uri('l.md'), { today: TODAY })[0].message, /2022-10-14.*2017-05-01.*2014–2018/);
    assert.deepEqual(find('w.md'), ['plan.validity.revision-due']);
    const w = registerFindings(register, uri('w.md'), { today: TODAY })[0];
    assert.equal(at(written, w), '2026-01-31');
    // A day earlier, nothing is late.
    assert.deepEqual(codes(registerFindings(register, uri('l.md'), { today: '2022-10-14' })), []);
    const statuses = Object.fromEntries(registerTable(register, TODAY, 90).rows.map((r) => [r.uri.split('/').pop(), r.statusText]));
    assert.deepEqual(statuses, { 'e.plan.md': 'har upphört', 'x.plan.md': 'upphör snart', 'u.plan.md': 'ej beslutad', 'l.md': 'gäller', 'w.md': 'gäller' });
  });

  it('Should know the Swedish terms of office: from 15 October after the September election', () => {
    assert.deepEqual(termOfOffice('2026-10-14'), { start: '2022-10-15', end: '2026-10-14', label: '2022–2026' });
    assert.deepEqual(termOfOffice('2026-10-15'), { start: '2026-10-15', end: '2030-10-14', label: '2026–2030' });
    assert.equal(termOfOffice('2019-03-01').label, '2018–2022');
    // Decided in 2022–2026: revised in the next term, by its end.
    assert.equal(revisionDue({ decisionDate: '2023-02-01' }), '2030-10-14');
    assert.equal(revisionDue({ decisionDate: '2022-10-14' }), '2026-10-14');
    assert.equal(revisionDue({ validFrom: '2024-01-01' }), '2030-10-14');
    assert.equal(revisionDue({ decisionDate: '2024-02-29', revisionYears: 2 }), '2026-02-28');
    assert.equal(revisionDue({ decisionDate: '2024-02-29', revisionDue: '2025-01-01' }), '2025-01-01');
  });

  it('Should export the register as CSV and JSON', () => {
    const { register } = registerOf({
      'a.plan.md': doc('plan', 'Plan, "A"', {
        diarienummer: 'KS 2024/0001',
        'beslutad-av': 'Kommunfullmäktige',
        beslutsdatum: '2024-11-26',
        'gäller-från': '2025-01-01',
        'gäller-till': '2028-12-31',
      }),
      'f.md': doc('riktlinje', '=HYPERLINK("x")'),
    });
    const table = registerTable(register, TODAY, 90);
    const path = (u: string) => u.replace('file:///ws/', '');
    const csv = registerCsv(table, path).split('\r\n');
    assert.equal(csv[0], 'Typ,Titel,Diarienummer,Beslutad av,Beslutsdatum,Gäller från,Gäller till,Status,Dokumentansvarig,Revideras senast,Fil');
    assert.equal(csv[1], 'plan,"Plan, ""A""",KS 2024/0001,Kommunfullmäktige,2024-11-26,2025-01-01,2028-12-31,gäller,,2030-10-14,a.plan.md');
    assert.equal(csv[2], `riktlinje,"'=HYPERLINK(""x"")",,,,,,ej beslutad,,,f.md`);
    const json = JSON.parse(registerJson(table, path));
    assert.equal(json.today, TODAY);
    assert.deepEqual(json.documents[0], {
      file: 'a.plan.md',
      type: 'plan',
      title: 'Plan, "A"',
      diarienummer: 'KS 2024/0001',
      decidedBy: 'Kommunfullmäktige',
      decisionDate: '2024-11-26',
      validFrom: '2025-01-01',
      validTo: '2028-12-31',
      status: 'in-force',
      owner: null,
      revisionDue: '2030-10-14',
      parents: [],
      replaces: [],
      replacedBy: [],
    });
  });

  it('Should check the example folder clean apart from its one intended finding', () => {
    const templates = strategiTemplates();
    const docs: RegisterDocument[] = [];
    const texts = new Map<string, string>();
    for (const name of readdirSync(EXAMPLE).filter((n) => n.endsWith('.md'))) {
      const file = join(EXAMPLE, name);
      const text = readFileSync(file, 'utf8');
      const a = analyze(text, { fileName: file, templates });
      assert.deepEqual(a.findings, [], name);
      const uri = pathToFileURL(file).href;
      texts.set(uri, text);
      docs.push({ uri, entry: registerEntry(a.plan)! });
    }
    const register = new DocumentRegister(docs);
    const all = docs.flatMap((d) =>
      registerFindings(register, d.uri, { today: TODAY }).map((f) => ({ file: d.uri.split('/').pop(), code: f.code, text: at(texts.get(d.uri)!, f) })),
    );
    assert.deepEqual(all, [{ file: 'riktlinje-for-klimatsakrat-byggande.md', code: 'plan.links.replaced', text: 'Plan för klimatanpassning 2019–2022' }]);
    const rows = registerTable(register, TODAY, 90).rows;
    assert.deepEqual(
      rows.map((r) => [r.type, r.title, r.statusText]),
      [
        ['strategi', 'Klimatstrategi 2024–2030', 'gäller'],
        ['plan', 'Plan för klimatanpassning 2019–2022', 'ersatt'],
        ['plan', 'Plan för klimatanpassning 2025–2028', 'gäller'],
        ['riktlinje', 'Riktlinje för klimatsäkrat byggande', 'gäller'],
      ],
    );
    const tree = registerTree(registerTable(register, TODAY, 90));
    assert.equal(tree[0].uri.split('/').pop(), 'klimatstrategi.strategi.md');
    assert.deepEqual(
      tree[0].children.map((c) => [c.uri.split('/').pop(), c.children.map((x) => x.uri.split('/').pop())]),
      [['plan-for-klimatanpassning.plan.md', ['riktlinje-for-klimatsakrat-byggande.md']]],
    );
  });

  describe('plan-check across the files', () => {
    async function check(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
      const out: string[] = [];
      const err: string[] = [];
      const code = await run(
        args,
        (x) => out.push(x),
        (x) => err.push(x),
      );
      return { code, out, err };
    }
    const folder = 'examples/register';

    it('Should report the findings across the documents it checks, on the day --today gives', async () => {
      const r = await check(['--locale', 'sv', '--jobs', '1', '--today', TODAY, join(__dirname, '../..', folder)]);
      const lines = r.out.filter((l) => / (?:error|warning|information|hint) /.test(l));
      assert.equal(lines.length, 1, r.out.join('\n'));
      assert.match(lines[0], /riktlinje-for-klimatsakrat-byggande\.md:22:66 warning plan\.links\.replaced /);
      assert.equal(r.out.at(-1), '4 planer, 0 fel, 1 varning');
      // On a later day the plan expires soon, and later still it has expired.
      const later = await check(['--locale', 'en', '--jobs', '1', '--today', '2028-11-15', join(__dirname, '../..', folder)]);
      assert.ok(
        later.out.some((l) =>
          /plan-for-klimatanpassning\.plan\.md:9:\d+ information plan\.validity\.expiring The document stops being valid on 2028-12-31\./.test(l),
        ),
        later.out.join('\n'),
      );
    });

    it('Should write the register as CSV or JSON with --register, and refuse an unknown format or day', async () => {
      const csv = await check(['--locale', 'sv', '--jobs', '1', '--quiet', '--register', 'csv', '--today', TODAY, join(__dirname, '../..', folder)]);
      assert.equal(csv.code, 0);
      const lines = csv.out.join('\n').split('\r\n');
      assert.equal(lines[0], 'Typ,Titel,Diarienummer,Beslutad av,Beslutsdatum,Gäller från,Gäller till,Status,Dokumentansvarig,Revideras senast,Fil');
      assert.equal(lines.length, 5);
      assert.match(lines[2], /^plan,Plan för klimatanpassning 2019–2022,KS 2018\/0301,.*,ersatt,.*gammal-plan-for-klimatanpassning\.plan\.md$/);
      const json = await check(['--jobs', '1', '--quiet', '--register', 'json', '--today', TODAY, join(__dirname, '../..', folder)]);
      const data = JSON.parse(json.out.join('\n'));
      assert.equal(data.documents.length, 4);
      assert.deepEqual(
        data.documents.map((d: { status: string }) => d.status),
        ['in-force', 'replaced', 'in-force', 'in-force'],
      );
      assert.equal((await check(['--register', 'xml', folder])).code, 2);
      const bad = await check(['--locale', 'en', '--today', '2026-02-30', folder]);
      assert.equal(bad.code, 2);
      assert.match(bad.err[0], /--today needs a date written YYYY-MM-DD; found 2026-02-30/);
    });
  });

  it('Should build the Styrdokument table page with a strict policy, no external resources and the document text as text', () => {
    const { register, uri } = registerOf({ 'a.plan.md': doc('plan', '<script>alert(1)</script> & "x"', { beslutsdatum: '2025-01-01' }) });
    const table = registerTable(register, TODAY, 90);
    const html = registerPage(
      { ...table, tree: registerTree(table), paths: { [uri('a.plan.md')]: 'a.plan.md' } },
      { cspSource: 'vscode-resource:', nonce: 'abc123', lang: 'sv', t: (m, ...a) => m.replace(/\{(\d)\}/g, (_, i: string) => String(a[Number(i)])) },
    );
    assert.match(
      html,
      /<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src vscode-resource: 'nonce-abc123'; script-src 'nonce-abc123';/,
    );
    assert.ok(!/<script>alert/.test(html), 'the title is text');
    assert.match(html, /&#x3C;script&#x3E;alert\(1\)&#x3C;\/script&#x3E;|&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.ok(!/(?:src|href)="(?:https?:)?\/\//.test(html), 'no external resources');
    assert.equal((html.match(/<script/g) ?? []).length, 1);
    assert.match(html, /<script nonce="abc123">/);
    assert.match(html, /data-uri="file:\/\/\/ws\/a\.plan\.md" data-status="in-force"/);
  });
});
