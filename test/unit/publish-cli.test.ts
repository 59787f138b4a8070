/** plan-publish on the command line: formats, the default output beside the plan, no overwriting without --force, clear errors. */
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import JSZip from 'jszip';
import mammoth from 'mammoth';
import { PUBLISH_EXIT, runPublish } from '../../server/src/cli/plan-publish';
import { setLocale } from '../../server/src/core/index';
import { findPdfConverter } from '../../server/src/node/pdf';
import { lookOf } from '../../server/src/publish/look';
import { lookCss } from '../../server/src/publish/styles';
import { PNG_1PX, ROOT } from '../helpers/publish';

const CLEAN = join(ROOT, 'examples/halmstad/ren-plan.plan.md');

async function publish(args: string[]): Promise<{ code: number; out: string[]; err: string[] }> {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runPublish(
    args,
    (s) => out.push(s),
    (s) => err.push(s),
  );
  return { code, out, err };
}

describe('plan-publish', function () {
  this.timeout(30_000);
  let dir: string;
  let plan: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plan-publish-'));
    plan = join(dir, 'cykel.plan.md');
    copyFileSync(CLEAN, plan);
  });
  afterEach(() => {
    rmSync(dir, { recursive: true, force: true });
    setLocale('sv');
  });

  it('Should write a Word document beside the plan by default', async () => {
    const r = await publish([plan, '--format', 'docx', '--locale', 'sv']);
    assert.equal(r.code, PUBLISH_EXIT.written, r.err.join('\n'));
    const out = join(dir, 'cykel.docx');
    assert.deepEqual(r.out, [`plan-publish: skrev ${out}.`]);
    const text = (await mammoth.extractRawText({ path: out })).value;
    assert.ok(text.includes('Plan för cykling 2025–2028'));
  });

  it('Should write a web page to -o, taking the format from its name', async () => {
    const out = join(dir, 'sida.html');
    const r = await publish([plan, '-o', out]);
    assert.equal(r.code, PUBLISH_EXIT.written, r.err.join('\n'));
    assert.match(readFileSync(out, 'utf8'), /^<!DOCTYPE html>\n<html lang="sv">/);
  });

  it('Should refuse to replace a file without --force, and replace it with --force', async () => {
    const out = join(dir, 'cykel.html');
    writeFileSync(out, 'keep me');
    const refused = await publish([plan, '--format', 'html', '--locale', 'en']);
    assert.equal(refused.code, PUBLISH_EXIT.failed);
    assert.deepEqual(refused.err, [`plan-publish: ${out} exists; use --force to replace it.`]);
    assert.equal(readFileSync(out, 'utf8'), 'keep me');
    const forced = await publish([plan, '--format', 'html', '--force']);
    assert.equal(forced.code, PUBLISH_EXIT.written);
    assert.match(readFileSync(out, 'utf8'), /<h1 id="title">Plan för cykling 2025–2028<\/h1>/);
  });

  it('Should never write over the plan itself', async () => {
    const r = await publish([plan, '--format', 'html', '-o', plan, '--force', '--locale', 'en']);
    assert.equal(r.code, PUBLISH_EXIT.failed);
    assert.match(r.err[0], /the output would replace the plan itself/);
    assert.equal(readFileSync(plan, 'utf8'), readFileSync(CLEAN, 'utf8'));
  });

  it('Should say what is wrong with the command line (exit code 2)', async () => {
    for (const [args, message] of [
      [[plan, '--format', 'rtf', '--locale', 'en'], 'Unknown format rtf; use docx, html or pdf.'],
      [[plan, '--locale', 'en'], 'Choose a format with --format docx, --format html or --format pdf.'],
      [['--format', 'docx', '--locale', 'en'], 'Name the plan to publish.'],
      [[plan, plan, '--format', 'docx', '--locale', 'en'], 'plan-publish publishes one file at a time.'],
      [[plan, '--format', 'docx', '--locale', 'en', '--bogus'], 'Unknown option --bogus.'],
      [[plan, '--format', 'docx', '--locale', 'fi'], 'Okänt språk fi. Använd sv eller en.'],
    ] as Array<[string[], string]>) {
      const r = await publish(args);
      assert.equal(r.code, PUBLISH_EXIT.usage, args.join(' '));
      assert.equal(r.err[0], `plan-publish: ${message}`, args.join(' '));
      assert.match(r.err[1], /^(Usage|Användning): plan-publish/);
    }
  });

  it('Should refuse a file that is not a plan, or that cannot be read, and write nothing', async () => {
    const notes = join(dir, 'anteckningar.md');
    copyFileSync(join(ROOT, 'examples/anteckningar.md'), notes);
    const r = await publish([notes, '--format', 'docx', '--locale', 'en']);
    assert.equal(r.code, PUBLISH_EXIT.failed);
    assert.match(r.err[0], /is not a governing document/);
    assert.ok(!existsSync(join(dir, 'anteckningar.docx')));
    const missing = await publish([join(dir, 'saknas.md'), '--format', 'docx', '--locale', 'en']);
    assert.equal(missing.code, PUBLISH_EXIT.failed);
    assert.match(missing.err[0], /saknas\.md: /);
    const folder = await publish([dir, '--format', 'docx', '--locale', 'en']);
    assert.equal(folder.code, PUBLISH_EXIT.failed);
  });

  it('Should say that a plan with errors is published as it is', async () => {
    const ref = join(dir, 'ref.plan.md');
    copyFileSync(join(ROOT, 'examples/halmstad/attraktivitet-och-hallbar-tillvaxt.plan.md'), ref);
    const r = await publish([ref, '--format', 'html', '--locale', 'en']);
    assert.equal(r.code, PUBLISH_EXIT.written);
    assert.match(r.err[0], /^plan-publish: .*ref\.plan\.md has \d+ errors; see plan-check\. It is published as it is\.$/);
  });

  it('Should carry images beside the plan into both formats, and never one outside a relative path', async () => {
    writeFileSync(join(dir, 'karta.png'), PNG_1PX);
    writeFileSync(plan, readFileSync(plan, 'utf8') + '\n![Karta över cykelvägarna](karta.png)\n\n![Lösenord](/etc/passwd.png)\n');
    assert.equal((await publish([plan, '--format', 'html'])).code, 0);
    const html = readFileSync(join(dir, 'cykel.html'), 'utf8');
    assert.match(html, /<img src="data:image\/png;base64,[^"]+" alt="Karta över cykelvägarna">/);
    assert.match(html, /<img src="\/etc\/passwd\.png" alt="Lösenord">/);
    assert.equal((await publish([plan, '--format', 'docx'])).code, 0);
    const docx = (await mammoth.convertToHtml({ path: join(dir, 'cykel.docx') })).value;
    assert.match(docx, /<img alt="Karta över cykelvägarna" src="data:image\/png;base64,/);
    assert.ok(docx.includes('[Bild: Lösenord]'));
    assert.ok(statSync(join(dir, 'cykel.docx')).size > 1000);
  });
});

describe('plan-publish with a template’s look', function () {
  this.timeout(30_000);
  let dir: string;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'plan-look-'));
    const tpl = JSON.parse(readFileSync(join(ROOT, 'server/src/core/data/plan.template.json'), 'utf8')) as Record<string, unknown>;
    delete tpl.$schema;
    tpl.publish = { font: 'Arial', headingFont: 'Georgia', fontSize: 12, headingColor: '#1F4E79', margin: 2, logo: 'bilder/logo.png', logoAlt: 'Provkommunen' };
    writeFileSync(join(dir, 'prov.planmall.json'), JSON.stringify(tpl));
    mkdirSync(join(dir, 'bilder'));
    writeFileSync(join(dir, 'bilder/logo.png'), PNG_1PX);
    copyFileSync(CLEAN, join(dir, 'cykel.plan.md'));
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('Should use the template’s fonts, colour, size, margin and logo in Word', async () => {
    assert.equal((await publish([join(dir, 'cykel.plan.md'), '--format', 'docx'])).code, 0);
    const bytes = readFileSync(join(dir, 'cykel.docx'));
    const zip = await JSZip.loadAsync(bytes);
    const styles = await zip.file('word/styles.xml')!.async('string');
    assert.match(styles, /<w:rFonts w:ascii="Arial"/);
    assert.match(styles, /w:styleId="Heading1"[\s\S]*?<w:rFonts w:ascii="Georgia"[\s\S]*?<w:color w:val="1F4E79"\/>/);
    assert.match(styles, /<w:sz w:val="24"\/>/);
    assert.match(await zip.file('word/document.xml')!.async('string'), /<w:pgMar w:top="1134" w:right="1134" w:bottom="1134" w:left="1134"/);
    const html = (await mammoth.convertToHtml({ buffer: bytes })).value;
    assert.match(html, /^<p><img alt="Provkommunen" src="data:image\/png;base64,/);
  });

  it('Should use the template’s look and logo on the web page', async () => {
    assert.equal((await publish([join(dir, 'cykel.plan.md'), '--format', 'html'])).code, 0);
    const html = readFileSync(join(dir, 'cykel.html'), 'utf8');
    assert.match(html, /body \{ font-family: "Arial", [^}]*font-size: 12pt; \}/);
    assert.match(html, /h1, h2, h3, h4, h5, h6 \{ font-family: "Georgia", "Arial", [^}]*color: #1F4E79; \}/);
    assert.match(html, /<header>\n<img class="logo" src="data:image\/png;base64,[^"]+" alt="Provkommunen">\n?<h1/);
  });

  it('Should never let a template’s look end the style sheet or the element', () => {
    const look = lookOf({ font: 'x"; } </style><script>alert(1)</script>', headingColor: 'red; } body { display: none', fontSize: 1e9, margin: -1 });
    assert.equal(look.font, 'x stylescriptalert1script');
    assert.equal(look.headingColor, undefined);
    assert.equal(look.fontSize, 11);
    assert.equal(look.margin, 2.5);
    const css = lookCss(look);
    assert.ok(!/[<>{]\s*script|<\/style/i.test(css), css);
  });
});

describe('plan-publish --format pdf', function () {
  this.timeout(120_000);
  let dir: string;
  let plan: string;
  const saved = { PATH: process.env.PATH, PLAN_PDF_CONVERTER: process.env.PLAN_PDF_CONVERTER };
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'plan-pdf-'));
    plan = join(dir, 'cykel.plan.md');
    copyFileSync(CLEAN, plan);
  });
  afterEach(() => {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  });

  it('Should say what to install when no converter is found, and write nothing', async () => {
    delete process.env.PLAN_PDF_CONVERTER;
    process.env.PATH = join(dir, 'empty');
    const r = await publish([plan, '--format', 'pdf', '--locale', 'en']);
    assert.equal(r.code, PUBLISH_EXIT.failed);
    assert.match(r.err[0], /No PDF converter was found: install LibreOffice \(soffice\) or Chromium/);
    assert.ok(!existsSync(join(dir, 'cykel.pdf')));
  });

  it('Should hand the Word file to LibreOffice when it is on PATH', async function () {
    if (process.platform === 'win32') this.skip(); // the stand-in for soffice is a shell script
    delete process.env.PLAN_PDF_CONVERTER;
    const bin = join(dir, 'bin');
    mkdirSync(bin);
    // A stand-in for soffice: checks that it gets a .docx (a zip) and writes "the PDF" into --outdir.
    writeFileSync(
      join(bin, 'soffice'),
      '#!/bin/sh\nfor a; do last="$a"; done\nwhile [ "$1" != "--outdir" ]; do shift; done\nhead -c 2 "$last" | grep -q PK || exit 3\nprintf "%%PDF-1.7 stand-in" > "$2/plan.pdf"\n',
      { mode: 0o755 },
    );
    process.env.PATH = [bin, saved.PATH].join(delimiter);
    assert.deepEqual(findPdfConverter(), { kind: 'libreoffice', path: join(bin, 'soffice') });
    const r = await publish([plan, '--format', 'pdf']);
    assert.equal(r.code, PUBLISH_EXIT.written, r.err.join('\n'));
    assert.equal(readFileSync(join(dir, 'cykel.pdf'), 'latin1'), '%PDF-1.7 stand-in');
    const again = await publish([plan, '-o', join(dir, 'cykel.pdf'), '--locale', 'en']);
    assert.equal(again.code, PUBLISH_EXIT.failed);
    assert.match(again.err[0], /exists; use --force to replace it/);
  });

  it('Should print the web page to PDF with Chromium', async () => {
    const chromium = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    if (!existsSync(chromium)) throw new Error(`No Chromium at ${chromium}: this test needs it (apt-get install chromium, or set CHROMIUM_PATH).`);
    process.env.PLAN_PDF_CONVERTER = chromium;
    const r = await publish([plan, '--format', 'pdf']);
    assert.equal(r.code, PUBLISH_EXIT.written, r.err.join('\n'));
    const pdf = readFileSync(join(dir, 'cykel.pdf'));
    assert.equal(pdf.subarray(0, 5).toString('latin1'), '%PDF-');
    assert.ok(pdf.length > 5000);
  });
});
