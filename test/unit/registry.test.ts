import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Ajv from 'ajv';
import {
  analyze,
  DEFAULT_REGISTRY,
  DEFAULT_REGISTRY_DATA,
  loadRegistry,
  nearest,
  Registry,
  REGISTRY_SCHEMA,
  setLocale,
  validityGap,
  type OrganisationsRegistryData,
  type RegistryData,
} from '../../server/src/core/index';
import { loadConfig } from '../../server/src/node/config';

const ROOT = join(__dirname, '../..');
const EX = join(ROOT, 'examples');
const SAMVERKAN_FILE = join(EX, 'samverkan/samverkan.organisation.json');
const SAMVERKAN_PLAN = join(EX, 'samverkan/gemensam-pendling.plan.md');

function load(text: string): Registry {
  const r = loadRegistry(text, 'x.organisation.json');
  assert.deepEqual(r.findings, []);
  return new Registry(r.registry!);
}

function loadFile(file: string): Registry {
  return load(readFileSync(file, 'utf8'));
}

const json = (value: unknown) => JSON.stringify(value, null, 2);

/** A registry with two kommuner and a region, each with a Kommunstyrelsen or a Regionstyrelsen. */
const TWO_KOMMUNER: OrganisationsRegistryData = {
  organisations: [
    {
      name: 'Grannby kommun',
      kind: 'kommun',
      bodies: [
        {
          name: 'Kommunstyrelsen',
          kind: 'styrelse',
          aliases: ['KS', 'Kommunstyrelsen i Grannby', 'Grannby kommunstyrelse'],
          förvaltning: 'Kommunledningskontoret',
        },
        { name: 'Tekniska nämnden', kind: 'nämnd' },
      ],
    },
    {
      name: 'Åsby kommun',
      kind: 'kommun',
      checked: '2026-10-01',
      bodies: [
        { name: 'Kommunstyrelsen', kind: 'styrelse', aliases: ['KS', 'Kommunstyrelsen i Åsby', 'Åsby kommunstyrelse'], förvaltning: 'Kommunkansliet' },
        { name: 'Samhällsnämnden', kind: 'nämnd' },
      ],
    },
    { name: 'Region Halland', kind: 'region', bodies: [{ name: 'Regionstyrelsen', kind: 'styrelse', aliases: ['RS'] }] },
  ],
  checked: '2026-11-23',
};

describe('The organisation registry', () => {
  beforeEach(() => setLocale('sv'));
  after(() => setLocale('sv'));

  describe('Registry files with one organisation', () => {
    it('Should load Åsby’s registry file unchanged, as one organisation whose bodies know it', () => {
      const reg = loadFile(join(EX, 'asby/asby.organisation.json'));
      assert.equal(reg.data.municipality, 'Åsby kommun');
      assert.deepEqual(
        reg.organisations.map((o) => [o.name, o.kind, o.checked]),
        [['Åsby kommun', 'kommun', '2026-11-23']],
      );
      assert.equal(reg.displayName(), 'Åsby kommun');
      assert.ok(reg.bodies.every((b) => b.organisation === 'Åsby kommun'));
      assert.equal(reg.find('KS')?.name, 'Kommunstyrelsen');
    });

    it('Should load the built-in Halmstad registry as a file, and leave its data as it was', () => {
      const text = readFileSync(join(ROOT, 'server/src/core/data/halmstad.registry.json'), 'utf8');
      const reg = load(text);
      assert.equal(reg.displayName(), 'Halmstads kommun');
      assert.equal(reg.bodies.length, DEFAULT_REGISTRY_DATA.bodies.length);
      assert.equal(DEFAULT_REGISTRY.find('HFAB')?.organisation, 'Halmstads kommun');
      assert.equal(DEFAULT_REGISTRY_DATA.bodies[0].organisation, undefined, 'the imported data is not changed');
      assert.equal(DEFAULT_REGISTRY.data.organisations, undefined, 'the single-organisation form stays that form');
    });

    it('Should keep describing a body of a single organisation as before, without an organisation line', () => {
      const text = DEFAULT_REGISTRY.describe(DEFAULT_REGISTRY.find('Kommunstyrelsen')!);
      assert.equal(
        text,
        '**Kommunstyrelsen** (styrelse)  \nKallas även: KS  \nFörvaltning: Kommunledningsförvaltningen  \nOrganisationsregister: Halmstads kommun (kontrollerat 2026-11-23)',
      );
    });

    it('Should still inherit the built-in bodies into the file’s one organisation', () => {
      const reg = load(json({ municipality: 'Halmstads kommun', inheritDefault: true, bodies: [{ name: 'Cykelrådet', kind: 'råd' }] }));
      assert.equal(reg.organisations.length, 1);
      assert.equal(reg.find('Cykelrådet')?.organisation, 'Halmstads kommun');
      assert.equal(reg.find('HFAB')?.organisation, 'Halmstads kommun');
    });
  });

  describe('Registry files with several organisations', () => {
    it('Should list the organisations and name them together in Swedish and in English', () => {
      const reg = load(json(TWO_KOMMUNER));
      assert.deepEqual(
        reg.organisations.map((o) => [o.name, o.kind]),
        [
          ['Grannby kommun', 'kommun'],
          ['Åsby kommun', 'kommun'],
          ['Region Halland', 'region'],
        ],
      );
      assert.equal(reg.displayName(), 'Grannby kommun, Åsby kommun och Region Halland');
      assert.equal(reg.data.municipality, 'Grannby kommun, Åsby kommun och Region Halland', 'older callers get the joined name too');
      setLocale('en');
      assert.equal(reg.displayName(), 'Grannby kommun, Åsby kommun and Region Halland');
      assert.equal(reg.data.municipality, 'Grannby kommun, Åsby kommun and Region Halland', 'in the language in use when asked');
    });

    it('Should name two organisations with a plain conjunction', () => {
      const reg = load(json({ organisations: TWO_KOMMUNER.organisations.slice(0, 2) }));
      assert.equal(reg.displayName(), 'Grannby kommun och Åsby kommun');
    });

    it('Should tag every body with its organisation and keep all bodies in order', () => {
      const reg = load(json(TWO_KOMMUNER));
      assert.deepEqual(
        reg.bodies.map((b) => [b.name, b.organisation]),
        [
          ['Kommunstyrelsen', 'Grannby kommun'],
          ['Tekniska nämnden', 'Grannby kommun'],
          ['Kommunstyrelsen', 'Åsby kommun'],
          ['Samhällsnämnden', 'Åsby kommun'],
          ['Regionstyrelsen', 'Region Halland'],
        ],
      );
    });

    it('Should allow the same body name in two organisations and know a mention of it', () => {
      const reg = load(json(TWO_KOMMUNER));
      assert.equal(reg.find('kommunstyrelsen')?.organisation, 'Grannby kommun', 'the first organisation’s');
      assert.deepEqual(
        reg.findAll('Kommunstyrelsens').map((b) => b.organisation),
        ['Grannby kommun', 'Åsby kommun'],
      );
      assert.deepEqual(
        reg.findAll('KS').map((b) => b.förvaltning),
        ['Kommunledningskontoret', 'Kommunkansliet'],
      );
      const m = reg.parseList('Kommunstyrelsen och samhällsnämnden');
      assert.deepEqual(
        m.map((x) => [x.text, x.body?.name]),
        [
          ['Kommunstyrelsen', 'Kommunstyrelsen'],
          ['samhällsnämnden', 'Samhällsnämnden'],
        ],
      );
      const hit = reg.matchAt('Kommunstyrelsen ska leda arbetet.');
      assert.equal(hit?.length, 'Kommunstyrelsen'.length);
      assert.deepEqual(
        hit?.bodies.map((b) => b.organisation),
        ['Grannby kommun', 'Åsby kommun'],
      );
    });

    it('Should match a name qualified by its organisation, written as an alias', () => {
      const reg = load(json(TWO_KOMMUNER));
      assert.equal(reg.find('Kommunstyrelsen i Åsby')?.organisation, 'Åsby kommun');
      const a = reg.matchAt('Kommunstyrelsen i Åsby ska prioritera detaljplaner.');
      assert.equal(a?.body.organisation, 'Åsby kommun');
      assert.equal(a?.length, 'Kommunstyrelsen i Åsby'.length);
      const g = reg.matchAt('Grannby kommunstyrelse ska leda arbetet.');
      assert.equal(g?.body.organisation, 'Grannby kommun');
      assert.deepEqual(g?.bodies.length, 1, 'a qualified name names one organisation’s body');
      assert.equal(reg.matchAt('Kommunstyrelsen i Grannbyn ska')?.length, 'Kommunstyrelsen'.length, 'not a longer word');
    });

    it('Should describe a shared body with each organisation that has it', () => {
      const reg = load(json(TWO_KOMMUNER));
      const [grannby, asby] = reg.findAll('Kommunstyrelsen');
      const text = reg.describe(asby);
      assert.match(text, /^\*\*Kommunstyrelsen\*\* \(styrelse\)/);
      assert.ok(text.includes('Finns i: Åsby kommun och Grannby kommun'), text);
      assert.ok(text.includes('Förvaltning: Kommunkansliet'), text);
      assert.ok(text.includes('Organisationsregister: Grannby kommun, Åsby kommun och Region Halland (kontrollerat 2026-10-01)'), 'Åsby’s own check date');
      assert.ok(reg.describe(grannby).includes('Finns i: Grannby kommun och Åsby kommun'));
      const rs = reg.describe(reg.find('RS')!);
      assert.ok(rs.includes('Organisation: Region Halland'), rs);
      assert.ok(rs.includes('(kontrollerat 2026-11-23)'), 'the registry’s check date');
      setLocale('en');
      assert.ok(reg.describe(asby).includes('Found in: Åsby kommun and Grannby kommun'));
    });

    it('Should report a name used twice within one organisation, but not across organisations', () => {
      const dup = structuredClone(TWO_KOMMUNER);
      dup.organisations[1].bodies[1].aliases = ['KS'];
      const r = loadRegistry(json(dup), 'x.organisation.json');
      assert.equal(r.registry, undefined);
      assert.deepEqual(
        r.findings.map((f) => [f.code, f.message]),
        [['template.invalid', 'Namnet ”KS” används av både ”Kommunstyrelsen” och ”Samhällsnämnden”.']],
      );
    });

    it('Should report an organisation listed twice', () => {
      const dup = { organisations: [TWO_KOMMUNER.organisations[0], { ...TWO_KOMMUNER.organisations[1], name: 'grannby  kommun' }] };
      const r = loadRegistry(json(dup), 'x.organisation.json');
      assert.equal(r.registry, undefined);
      assert.deepEqual(
        r.findings.map((f) => [f.code, f.message]),
        [['template.invalid', 'Organisationen ”grannby  kommun” finns två gånger.']],
      );
    });

    it('Should reject bodies or a municipality beside organisations, an unknown kind and a missing one', () => {
      const text = json({
        municipality: 'Grannby kommun',
        bodies: [],
        organisations: [
          { name: 'Åsby kommun', kind: 'stad', bodies: [] },
          { name: 'Region Halland', bodies: [] },
        ],
      });
      const r = loadRegistry(text, 'x.organisation.json');
      assert.equal(r.registry, undefined);
      const messages = r.findings.map((f) => f.message);
      assert.ok(r.findings.every((f) => f.code === 'template.schema'));
      assert.ok(
        messages.some((m) => m.includes('”municipality”') || m.includes('“municipality”')),
        messages.join('\n'),
      );
      assert.ok(
        messages.some((m) => m.includes('”bodies”') || m.includes('“bodies”')),
        messages.join('\n'),
      );
      assert.ok(
        messages.some((m) => m.includes('organisations.0.kind')),
        messages.join('\n'),
      );
      assert.ok(
        messages.some((m) => m.includes('organisations.1') && m.includes('kind')),
        messages.join('\n'),
      );
    });

    it('Should ask a file with neither form for the single-organisation keys, as before', () => {
      const r = loadRegistry(json({ checked: '2026-01-01' }), 'x.organisation.json');
      assert.deepEqual(
        r.findings.map((f) => f.code),
        ['template.schema', 'template.schema'],
      );
      assert.ok(r.findings.some((f) => f.message.includes('municipality')));
      assert.ok(r.findings.some((f) => f.message.includes('bodies')));
    });

    it('Should add the built-in organisation with inheritDefault, or join it to the one of the same name', () => {
      const beside = load(json({ inheritDefault: true, organisations: [TWO_KOMMUNER.organisations[2]] }));
      assert.deepEqual(
        beside.organisations.map((o) => o.name),
        ['Region Halland', 'Halmstads kommun'],
      );
      assert.equal(beside.find('HFAB')?.organisation, 'Halmstads kommun');
      assert.equal(beside.displayName(), 'Region Halland och Halmstads kommun');
      const joined = load(
        json({
          inheritDefault: true,
          organisations: [
            TWO_KOMMUNER.organisations[2],
            { name: 'Halmstads kommun', kind: 'kommun', bodies: [{ name: 'Kommunstyrelsen', kind: 'styrelse', note: 'Egen.' }] },
          ],
        }),
      );
      assert.equal(joined.organisations.length, 2);
      assert.deepEqual(
        joined.findAll('Kommunstyrelsen').map((b) => b.note),
        ['Egen.'],
        'the file’s body wins over the built-in one',
      );
      assert.equal(joined.find('HFAB')?.organisation, 'Halmstads kommun');
    });

    it('Should give the same registry when its loaded data is given again', () => {
      const reg = load(json(TWO_KOMMUNER));
      const again = new Registry(reg.data);
      assert.deepEqual(
        again.bodies.map((b) => [b.name, b.organisation]),
        reg.bodies.map((b) => [b.name, b.organisation]),
      );
      assert.equal(again.displayName(), reg.displayName());
    });

    it('Should accept both forms and reject a mix with the published schema, as editors use it', () => {
      const validate = new Ajv({ allErrors: true, strict: false }).compile(REGISTRY_SCHEMA);
      for (const file of [SAMVERKAN_FILE, join(EX, 'asby/asby.organisation.json'), join(ROOT, 'server/src/core/data/halmstad.registry.json')])
        assert.ok(validate(JSON.parse(readFileSync(file, 'utf8'))), `${file}: ${JSON.stringify(validate.errors)}`);
      assert.equal(validate({ ...TWO_KOMMUNER, bodies: [] }), false, 'bodies beside organisations');
      assert.equal(validate({ municipality: 'X' }), false, 'no bodies');
      assert.equal(validate({ organisations: [] }), false, 'no organisation');
    });
  });

  describe('The samverkan example', () => {
    it('Should check the joint plan clean, with actions led by bodies of all three organisations', async () => {
      const config = await loadConfig({ roots: [EX] });
      assert.deepEqual(
        config.files.flatMap((f) => f.findings),
        [],
      );
      const scoped = config.forFile(SAMVERKAN_PLAN);
      assert.equal(scoped.registry.displayName(), 'Grannby kommun, Åsby kommun och Region Västerland');
      const analysis = analyze(readFileSync(SAMVERKAN_PLAN, 'utf8'), { fileName: SAMVERKAN_PLAN, ...scoped });
      assert.deepEqual(analysis.findings, []);
      const actions = analysis.plan.parts.flatMap((p) => p.children.flatMap((a) => a.subsections.flatMap((s) => s.actions)));
      const orgs = new Set(actions.map((a) => a.actor?.body.organisation));
      assert.deepEqual([...orgs].sort(), ['Grannby kommun', 'Region Västerland', 'Åsby kommun']);
      assert.ok(
        actions.every((a) => a.actor),
        'every action has an actor',
      );
    });

    it('Should still report an unknown body in the joint plan, naming all three organisations', async () => {
      const config = await loadConfig({ roots: [EX] });
      const text = readFileSync(SAMVERKAN_PLAN, 'utf8').replace('- Samhällsnämnden ska bygga om', '- Parknämnden ska bygga om');
      const findings = analyze(text, { fileName: SAMVERKAN_PLAN, ...config.forFile(SAMVERKAN_PLAN) }).findings;
      assert.deepEqual(
        findings.map((f) => [f.code, f.message]),
        [['plan.ansvar.unknown-body', '”Parknämnden” finns inte i organisationsregistret för Grannby kommun, Åsby kommun och Region Västerland.']],
      );
    });
  });

  describe('A body’s validity against the document’s period', () => {
    const period = { from: '2025-01-01', to: '2028-12-31' };

    it('Should say nothing for a body that exists for the whole period, or has no dates', () => {
      assert.equal(validityGap({}, period), undefined);
      assert.equal(validityGap({ validFrom: '2019-01-01', validTo: '2030-12-31' }, period), undefined);
      assert.equal(validityGap({ validFrom: '2025-01-01', validTo: '2028-12-31' }, period), undefined, 'the same first and last days');
    });

    it('Should report a body that ended before the document starts', () => {
      assert.deepEqual(validityGap({ validTo: '2024-12-31' }, period), { kind: 'ended', date: '2024-12-31' });
      assert.deepEqual(validityGap({ validFrom: '2010-01-01', validTo: '2022-06-30' }, period), { kind: 'ended', date: '2022-06-30' });
    });

    it('Should report a body that starts after the document ends', () => {
      assert.deepEqual(validityGap({ validFrom: '2029-01-01' }, period), { kind: 'not-started', date: '2029-01-01' });
    });

    it('Should report a body that ends or starts inside the period as partial, counting each day inclusively', () => {
      assert.deepEqual(validityGap({ validTo: '2025-01-01' }, period), { kind: 'partial', ends: '2025-01-01' }, 'ends on the first day: exists that day only');
      assert.deepEqual(validityGap({ validTo: '2026-06-30' }, period), { kind: 'partial', ends: '2026-06-30' });
      assert.deepEqual(validityGap({ validFrom: '2028-12-31' }, period), { kind: 'partial', starts: '2028-12-31' }, 'starts on the last day');
      assert.deepEqual(validityGap({ validFrom: '2025-01-02' }, period), { kind: 'partial', starts: '2025-01-02' });
      assert.deepEqual(validityGap({ validFrom: '2026-01-01', validTo: '2027-12-31' }, period), { kind: 'partial', starts: '2026-01-01', ends: '2027-12-31' });
    });

    it('Should judge only against the document’s dates that are given', () => {
      assert.equal(validityGap({ validFrom: '2026-01-01', validTo: '2027-12-31' }, {}), undefined, 'no dates at all');
      assert.deepEqual(validityGap({ validTo: '2024-12-31' }, { from: '2025-01-01' }), { kind: 'ended', date: '2024-12-31' });
      assert.equal(validityGap({ validTo: '2030-12-31' }, { from: '2025-01-01' }), undefined, 'a document valid tills vidare: the end is unknown');
      assert.deepEqual(
        validityGap({ validTo: '2030-12-31' }, { from: '2025-01-01', to: '9999-12-31' }),
        { kind: 'partial', ends: '2030-12-31' },
        'open-ended when asked',
      );
      assert.equal(validityGap({ validFrom: '2026-01-01' }, { to: '2028-12-31' }), undefined, 'the start is unknown');
      assert.deepEqual(validityGap({ validTo: '2026-01-01' }, { to: '2028-12-31' }), { kind: 'partial', ends: '2026-01-01' });
      assert.deepEqual(validityGap({ validFrom: '2029-01-01' }, { to: '2028-12-31' }), { kind: 'not-started', date: '2029-01-01' });
    });

    it('Should ignore invalid dates, of the body and of the document', () => {
      assert.equal(validityGap({ validTo: '2024-02-30' }, period), undefined, 'no 30 February');
      assert.equal(validityGap({ validTo: '2024-13-01' }, period), undefined);
      assert.equal(validityGap({ validTo: '31/12/2024' }, period), undefined);
      assert.equal(validityGap({ validTo: '2024-12-31' }, { from: 'tills vidare' }), undefined);
      assert.deepEqual(
        validityGap({ validTo: '2024-12-31' }, { from: '2025-02-29', to: '2028-12-31' }),
        { kind: 'partial', ends: '2024-12-31' },
        '2025 is no leap year: the start is unknown',
      );
      assert.deepEqual(validityGap({ validTo: '2024-02-29' }, { from: '2024-03-01' }), { kind: 'ended', date: '2024-02-29' }, '2024 is');
    });

    it('Should check the example region’s replaced nämnd against a plan period', () => {
      const reg = loadFile(SAMVERKAN_FILE);
      const plan = { from: '2026-01-01', to: '2029-12-31' };
      assert.deepEqual(validityGap(reg.find('Trafiknämnden')!, plan), { kind: 'ended', date: '2025-12-31' });
      assert.equal(validityGap(reg.find('Kollektivtrafiknämnden')!, plan), undefined);
    });
  });

  describe('Names in Unicode', () => {
    it('Should match a decomposed ”ä” to the composed one, with the length in the text', () => {
      const reg = load(json(TWO_KOMMUNER));
      const decomposed = 'Samha\u0308llsna\u0308mnden';
      assert.equal(reg.find(decomposed)?.name, 'Samhällsnämnden');
      const text = `${decomposed} ska bygga.`;
      assert.equal(reg.matchAt(text)?.length, decomposed.length);
      assert.equal(reg.matchAt('Kommunstyrelsen i A\u030asby ska')?.body.organisation, 'Åsby kommun');
      assert.deepEqual(
        reg.parseList(`Kommunstyrelsen och ${decomposed}`).map((m) => m.body?.name),
        ['Kommunstyrelsen', 'Samhällsnämnden'],
      );
      const data: RegistryData = { municipality: 'X', bodies: [{ name: 'Go\u0308teborgsnämnden', kind: 'nämnd' }] };
      assert.equal(new Registry(data).find('Göteborgsnämnden')?.kind, 'nämnd', 'a decomposed name in the registry');
    });
  });

  // Each of these took tens of seconds with backtracking patterns (quadratic); linear they take
  // milliseconds. The test's own timeout (20 s) is the measure: no timing is asserted.
  describe('Hostile input runs in linear time', () => {
    const N = 210_000;
    const reg = DEFAULT_REGISTRY;

    it('Should trim a long run of trailing punctuation from a name', () => {
      assert.equal(reg.find(':'.repeat(N)), undefined);
      assert.equal(reg.find(`${':'.repeat(N)}x`), undefined, 'a run of colons that does not end the value');
      assert.equal(reg.find(`KS${':'.repeat(N)} x`), undefined);
      assert.equal(reg.find(`Kommunstyrelsen${':.;'.repeat(N / 3)}`)?.name, 'Kommunstyrelsen');
      assert.equal(reg.find(`Kommunstyrelsen${' '.repeat(N)}x`), undefined);
    });

    it('Should split a list with a long run of spaces, with and without a conjunction', () => {
      assert.deepEqual(
        reg.parseList(`Kommunstyrelsen${' '.repeat(N)}och${' '.repeat(N)}HFAB`).map((m) => m.body?.name),
        ['Kommunstyrelsen', 'Halmstads Fastighets AB'],
      );
      const spaces = reg.parseList(`a${' '.repeat(N)}b`);
      assert.equal(spaces.length, 1);
      assert.equal(spaces[0].range.end - spaces[0].range.start, N + 2);
      assert.equal(reg.parseList(' '.repeat(N)).length, 0);
      assert.equal(reg.parseList(`${':'.repeat(N)}x`)[0].body, undefined);
      assert.equal(reg.parseList(`${'.'.repeat(N)}x`)[0].text.length, N + 1);
      assert.equal(reg.parseList(`x${' \t'.repeat(N / 2)}samt`).length, 1, 'a conjunction needs white space after it');
    });

    it('Should split a list with very many conjunctions and hanging hyphens', () => {
      assert.equal(reg.parseList('KS och '.repeat(N / 7) + 'KS').length, N / 7 + 1);
      // ”och och och …”: each match takes the space on both sides, so every other word is a piece.
      assert.equal(reg.parseList('och '.repeat(N / 4)).length, N / 8);
      assert.equal(reg.parseList('barn- och '.repeat(N / 10) + 'ungdomsnämnden').length, 1);
    });

    it('Should trim long runs of spaces, dots, stars and underscores around list items', () => {
      const m = reg.parseList(`${' *_'.repeat(N / 3)}HFAB${' .*_'.repeat(N / 4)}x`);
      assert.equal(m.length, 1);
      assert.ok(m[0].text.startsWith('HFAB'));
      assert.equal(m[0].range.start, N);
      assert.deepEqual(
        reg.parseList(`Kommunstyrelsen${'.'.repeat(N)}`).map((x) => [x.text, x.body?.name]),
        [['Kommunstyrelsen', 'Kommunstyrelsen']],
      );
      assert.deepEqual(
        reg.parseList(`HFAB${' '.repeat(N)}x${' '.repeat(N)}`).map((x) => x.text.length),
        [N + 5],
      );
    });

    it('Should find no near name for a long unknown value without comparing it to every name', () => {
      assert.deepEqual(reg.nearestNames(':'.repeat(N)), []);
      assert.deepEqual(reg.nearestNames('x'.repeat(N)), []);
      assert.deepEqual(reg.nearestNames('Kulturnämden'), ['Kulturnämnden'], 'a short misspelling still has its suggestion');
    });

    it('Should match bodies at every word of a long text, and not across a long run of spaces', () => {
      const text = 'KS '.repeat(N / 3);
      let hits = 0;
      for (let i = 0; i < text.length; i += 3) if (reg.matchAt(text, i)?.length === 2) hits++;
      assert.equal(hits, N / 3);
      const spaced = `Kommunstyrelsens${' '.repeat(N)}utskott för hållbar utveckling ska`;
      assert.equal(reg.matchAt(spaced)?.body.name, 'Kommunstyrelsen');
      assert.equal(reg.matchAt(spaced)?.length, 'Kommunstyrelsens'.length);
      assert.equal(reg.matchAt(' '.repeat(N) + 'KS', 0), undefined);
      const words = 'Kommunstyrelsens '.repeat(N / 15);
      let found = 0;
      for (let i = 0; i < words.length; i += 17) if (reg.matchAt(words, i)?.body.name === 'Kommunstyrelsen') found++;
      assert.equal(found, Math.floor(N / 15));
    });

    it('Should load a registry file with a long name and find it', () => {
      const name = `${'a '.repeat(N / 2)}nämnden`;
      const r = loadRegistry(json({ municipality: 'X', bodies: [{ name, kind: 'nämnd' }] }), 'x.organisation.json');
      assert.deepEqual(r.findings, []);
      assert.equal(new Registry(r.registry!).find(`${name}${':'.repeat(N)}`)?.kind, 'nämnd');
    });
  });

  describe('Suggestions, compared with comparing every name', () => {
    it('Should suggest the same names as before for misspellings of every name in the registry', () => {
      const reg = DEFAULT_REGISTRY;
      const everyName = (word: string) =>
        nearest(word, reg.allNames())
          .map((n) => reg.find(n)?.name ?? n)
          .filter((n, i, a) => a.indexOf(n) === i);
      for (const name of reg.allNames()) {
        for (const word of [
          name,
          name.slice(1),
          name.slice(0, -2),
          `${name}x`,
          name.replace(/n/g, ''),
          `${name} och mer text efter`,
          name.slice(0, 4),
          `Övriga ${name}`,
        ]) {
          assert.deepEqual(reg.nearestNames(word), everyName(word), word);
        }
      }
    });
  });

  describe('Splitting lists, compared with the earlier patterns', () => {
    /** The earlier implementation, with backtracking patterns: right, but quadratic on long runs. */
    function earlierParseList(reg: Registry, text: string): Array<[string, number, number, string | undefined]> {
      const out: Array<[string, number, number, string | undefined]> = [];
      const parts: Array<{ text: string; start: number }> = [];
      let depth = 0;
      let last = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text[i];
        if (c === '(') depth++;
        else if (c === ')') depth = Math.max(0, depth - 1);
        else if ((c === ',' || c === ';') && depth === 0) {
          parts.push({ text: text.slice(last, i), start: last });
          last = i + 1;
        }
      }
      parts.push({ text: text.slice(last), start: last });
      for (const part of parts) {
        const pieces: Array<{ text: string; start: number }> = [];
        if (reg.find(part.text.trim().replace(/[.]+$/, ''))) pieces.push(part);
        else {
          let from = 0;
          for (const m of part.text.matchAll(/\s+(?:och|samt|&|and)\s+/giu)) {
            if (/-$/.test(part.text.slice(0, m.index))) continue;
            pieces.push({ text: part.text.slice(from, m.index), start: part.start + from });
            from = m.index! + m[0].length;
          }
          pieces.push({ text: part.text.slice(from), start: part.start + from });
        }
        for (const piece of pieces) {
          const trimmed = piece.text.replace(/^[\s*_]+/, '').replace(/[\s.*_]+$/, '');
          if (!trimmed) continue;
          const start = piece.start + piece.text.length - piece.text.replace(/^[\s*_]+/, '').length;
          out.push([trimmed, start, start + trimmed.length, reg.find(trimmed)?.name]);
        }
      }
      return out;
    }

    it('Should split 5,000 random short lists exactly as before', () => {
      const atoms = [
        ' ',
        '  ',
        '\t',
        '\n',
        ' och ',
        ' OCH ',
        ' samt ',
        ' & ',
        ' and ',
        'och',
        'Och',
        '-',
        ',',
        ';',
        '(',
        ')',
        '.',
        '*',
        '_',
        'KS',
        'HFAB',
        'barn',
        'ungdomsnämnden',
        'Kommunstyrelsen',
        's',
        'x',
      ];
      let seed = 42;
      const random = (n: number) => {
        seed = (seed * 1103515245 + 12345) % 2147483648;
        return seed % n;
      };
      for (let run = 0; run < 5000; run++) {
        let text = '';
        const length = 1 + random(12);
        for (let i = 0; i < length; i++) text += atoms[random(atoms.length)];
        const now = DEFAULT_REGISTRY.parseList(text).map((m) => [m.text, m.range.start, m.range.end, m.body?.name]);
        assert.deepEqual(now, earlierParseList(DEFAULT_REGISTRY, text), JSON.stringify(text));
      }
    });
  });
});
