import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

/** The local images the README shows (`![alt](path)`, `<img src="path">`), as package paths. */
function readmeImages(): string[] {
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const refs = [...readme.matchAll(/!\[[^\]]*\]\(\s*<?([^)\s>]+)>?(?:\s+"[^"]*")?\s*\)|<img\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? m[2]);
  return refs.filter((r) => !/^[a-z]+:/i.test(r)).map((r) => decodeURI(r.replace(/^\.\//, '').replace(/[?#].*$/, '')));
}

describe('The README', () => {
  it('Should show only images that exist, and at least the screenshot', () => {
    const images = readmeImages();
    assert.ok(images.includes('docs/screenshot.png'), `the README shows the screenshot (found ${images.join(', ')})`);
    assert.deepEqual(
      images.filter((f) => !existsSync(join(ROOT, f))),
      [],
      'every image the README shows exists',
    );
  });

  it('Should be for users, with the developer parts linked from it', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    for (const heading of [
      '## Kom igång',
      '### Installera i VS Code',
      '### VS Code i webbläsaren',
      '## Inställningar',
      '### Egna mallar och organisationsregister',
      '## Arkitektur',
    ])
      assert.ok(readme.includes(`\n${heading}\n`), `README has ${heading}`);
    assert.ok(readme.includes('docs/development.md'), 'README links the developer documentation');
    assert.ok(existsSync(join(ROOT, 'docs/development.md')) && existsSync(join(ROOT, 'CHANGELOG.md')));
  });
});

describe('The packaged extension', () => {
  it('Should ship only the bundles, the manifest, texts, grammar, schemas, media and the README', function () {
    this.timeout(60_000);
    const vsce = join(ROOT, 'node_modules/@vscode/vsce/vsce');
    const r = spawnSync(process.execPath, [vsce, 'ls', '--no-dependencies'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    const files = r.stdout
      .split('\n')
      .map((s) => s.trim())
      .filter(Boolean)
      .sort();
    const allowed =
      /^(package\.json|package\.nls(\.sv)?\.json|README\.md|CHANGELOG\.md|LICENSE|docs\/icon\.png|docs\/screenshot\.png|docs\/screenshots\/[\w.-]+\.png|dist\/(extension|server|server-main|analysis-worker|browser-extension|browser-server|word|worksheet)\.js|dist\/schemas\/[\w.-]+\.json|dist\/media\/[\w.-]+\.(js|css)|l10n\/bundle\.l10n\.sv\.json|syntaxes\/[\w.-]+\.json)$/;
    assert.deepEqual(
      files.filter((f) => !allowed.test(f)),
      [],
      'nothing else is packaged',
    );
    for (const needed of [
      'package.json',
      'dist/extension.js',
      'dist/server.js',
      'dist/server-main.js',
      'dist/analysis-worker.js',
      'dist/word.js',
      'dist/worksheet.js',
      'l10n/bundle.l10n.sv.json',
      'syntaxes/plan.injection.tmLanguage.json',
      'dist/schemas/template.schema.json',
      'dist/media/overview.js',
      'dist/browser-extension.js',
      'dist/browser-server.js',
      'CHANGELOG.md',
      ...readmeImages(),
    ])
      assert.ok(files.includes(needed), `${needed} is packaged`);
  });

  it('Should declare what a marketplace expects, and activate only on Markdown or its own commands', () => {
    const pj = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const k of ['displayName', 'description', 'icon', 'categories', 'keywords', 'repository', 'license', 'publisher']) assert.ok(pj[k], k);
    assert.equal(pj.preview, true, 'marked as a preview until the template format is stable');
    assert.equal(pj.browser, './dist/browser-extension.js', 'a browser entry for VS Code in the browser');
    assert.ok(pj.capabilities?.untrustedWorkspaces?.supported !== undefined);
    assert.ok(!pj.activationEvents.includes('*') && !pj.activationEvents.includes('onStartupFinished'));
    assert.ok(pj.activationEvents.every((e: string) => /^on(Language:markdown|WebviewPanel:plan\.|Command:plan\.)/.test(e)));
  });
});
