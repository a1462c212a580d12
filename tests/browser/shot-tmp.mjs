import { chromium } from 'playwright-core';
const [,, url, out, sel] = process.argv;
const b = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--no-sandbox'] });
const p = await b.newPage({ viewport: { width: 1300, height: 1000 } });
await p.goto(url);
if (sel) { const el = await p.locator(sel).first(); await el.scrollIntoViewIfNeeded(); await p.evaluate(() => window.scrollBy(0, -80)); }
await p.screenshot({ path: out });
await b.close();
