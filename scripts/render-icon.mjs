// Renders docs/icon.svg to docs/icon.png (128×128) with Debian's Chromium. Run by hand when the icon changes.
import { chromium } from 'playwright-core';
import { readFileSync } from 'node:fs';

const svg = readFileSync('docs/icon.svg', 'utf8');
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
const page = await browser.newPage({ viewport: { width: 128, height: 128 } });
await page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
await page.screenshot({ path: 'docs/icon.png', omitBackground: true, clip: { x: 0, y: 0, width: 128, height: 128 } });
await browser.close();
