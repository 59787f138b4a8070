import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '../..');

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
      /^(package\.json|package\.nls(\.sv)?\.json|README\.md|LICENSE|docs\/icon\.png|dist\/(extension|server|worksheet)\.js|dist\/schemas\/[\w.-]+\.json|dist\/media\/[\w.-]+\.(js|css)|l10n\/bundle\.l10n\.sv\.json|syntaxes\/[\w.-]+\.json)$/;
    assert.deepEqual(
      files.filter((f) => !allowed.test(f)),
      [],
      'nothing else is packaged',
    );
    for (const needed of [
      'package.json',
      'dist/extension.js',
      'dist/server.js',
      'dist/worksheet.js',
      'l10n/bundle.l10n.sv.json',
      'syntaxes/plan.injection.tmLanguage.json',
      'dist/schemas/template.schema.json',
      'dist/media/overview.js',
    ])
      assert.ok(files.includes(needed), `${needed} is packaged`);
  });

  it('Should declare what a marketplace expects, and activate only on Markdown or its own commands', () => {
    const pj = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    for (const k of ['displayName', 'description', 'icon', 'categories', 'keywords', 'repository', 'license', 'publisher']) assert.ok(pj[k], k);
    assert.ok(pj.capabilities?.untrustedWorkspaces?.supported !== undefined);
    assert.ok(!pj.activationEvents.includes('*') && !pj.activationEvents.includes('onStartupFinished'));
    assert.ok(pj.activationEvents.every((e: string) => /^on(Language:markdown|WebviewPanel:plan\.|Command:plan\.)/.test(e)));
  });
});
