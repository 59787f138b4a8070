/** plan-publish on the command line: formats, the default output beside the plan, no overwriting without --force, clear errors. */
import * as assert from 'node:assert/strict';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import mammoth from 'mammoth';
import { PUBLISH_EXIT, runPublish } from '../../server/src/cli/plan-publish';
import { setLocale } from '../../server/src/core/index';
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
      [[plan, '--format', 'pdf', '--locale', 'en'], 'Unknown format pdf; use docx or html.'],
      [[plan, '--locale', 'en'], 'Choose a format with --format docx or --format html.'],
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
