#!/usr/bin/env node
// Browser inspector for journeykit's tests (driven by tests/browser_harness.py).
//
// stdin:  {"pages":   [{"url": "file:///..." | "http://127.0.0.1:PORT/...",
//                       "screenshot": "/abs/path.png" | null, "full_page": true,
//                       "viewport": {"width": 1280, "height": 900}, "timeout_ms": 20000,
//                       "steps": [...], "layout": true,     // optional: steps before reading; layout: see layoutProblems
//                                                           // (a CSS selector instead of true: only the text inside it)
//                       "measure": {...}}],                 // optional: computed styles after the steps, see inspectPage
//          "mermaid": [{"id": "x", "source": "journey\n ..."}],
//          "timeout_ms": 20000}                       // optional default per page / diagram
// stdout: {"browser": "...", "pages": [...], "mermaid": [...], "mermaid_page": {...}}
//
// Every request that would leave the machine (anything but file:, data:, blob:, about:, or
// http(s)/ws(s) to 127.0.0.1 / localhost / [::1]) is aborted through context.route and
// reported. Behind that, chromium itself is pointed at a dead local proxy and a resolver that
// resolves nothing, so a request that slips past the router (preconnect, DNS prefetch...) can't
// leave either. Mermaid is rendered with the local node_modules/mermaid bundle.
//
// Exit codes: 0 = job done (individual pages may still report errors), 2 = bad job,
// 3 = browser could not start, 4 = whole job hit its watchdog (partial JSON is still printed).

import { chromium } from 'playwright-core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const MERMAID_JS = join(HERE, 'node_modules', 'mermaid', 'dist', 'mermaid.min.js');
const MERMAID_VERSION = (() => {
  try { return JSON.parse(readFileSync(join(HERE, 'node_modules', 'mermaid', 'package.json'), 'utf8')).version; }
  catch { return null; }
})();
const CHROMIUM = process.env.JOURNEYKIT_CHROMIUM || '/usr/bin/chromium';
const DEFAULT_TIMEOUT_MS = 20_000;
const LAUNCH_TIMEOUT_MS = 30_000;
const SETTLE_MS = 150;          // quiet network time after `load` before reading the page
const SETTLE_CAP_MS = 3_000;    // ...but never wait longer than this for it
const MAX_TEXT = 200_000;

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]', '::1']);
const LOCAL_SCHEMES = new Set(['file:', 'data:', 'blob:', 'about:', 'chrome-error:']);

/** Would a request to `url` leave the machine? */
export function isExternal(url) {
  let u;
  try { u = new URL(url); } catch { return true; }
  if (LOCAL_SCHEMES.has(u.protocol)) return false;
  if (['http:', 'https:', 'ws:', 'wss:'].includes(u.protocol)) return !LOCAL_HOSTS.has(u.hostname);
  return true;
}

function fail(code, message) {
  process.stderr.write(`inspect.mjs: ${message}\n`);
  process.exit(code);
}

function withTimeout(promise, ms, what) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

const errText = (e) => (e && (e.message || e.str)) ? String(e.message || e.str) : String(e);

/**
 * A fresh browser context whose network is fenced off: records every request, aborts the ones
 * that would leave the machine, and keeps an in-flight count so callers can wait for quiet.
 */
async function fencedContext(browser, options = {}) {
  const context = await browser.newContext({ serviceWorkers: 'block', ...options });
  const log = { requests: [], external: [], inflight: 0, lastActivity: Date.now() };
  const blocked = new WeakSet();
  const byRequest = new Map();

  context.on('request', (request) => {
    const url = request.url();
    log.requests.push(url);
    log.inflight += 1;
    log.lastActivity = Date.now();
    if (isExternal(url)) {
      const entry = { url, method: request.method(), resource_type: request.resourceType(),
                      blocked: blocked.has(request), failure: null };
      byRequest.set(request, entry);
      log.external.push(entry);
    }
  });
  const done = (request) => {
    log.inflight = Math.max(0, log.inflight - 1);
    log.lastActivity = Date.now();
    const entry = byRequest.get(request);
    if (entry) {
      entry.blocked = entry.blocked || blocked.has(request);
      entry.failure = request.failure()?.errorText ?? null;
    }
  };
  context.on('requestfinished', done);
  context.on('requestfailed', done);

  await context.route('**/*', async (route) => {
    const request = route.request();
    if (isExternal(request.url())) {
      blocked.add(request);
      const entry = byRequest.get(request);
      if (entry) entry.blocked = true;
      await route.abort('blockedbyclient').catch(() => {});
    } else {
      await route.continue().catch(() => {});
    }
  });
  await context.routeWebSocket(() => true, async (ws) => {
    const url = ws.url();
    log.requests.push(url);
    if (isExternal(url)) {
      log.external.push({ url, method: 'GET', resource_type: 'websocket', blocked: true,
                          failure: 'blocked websocket' });
      await ws.close({ code: 1008, reason: 'blocked by journeykit browser tests' }).catch(() => {});
    } else {
      ws.connectToServer();
    }
  });
  return { context, log };
}

function watchPage(page) {
  const console_ = [];
  const pageErrors = [];
  page.on('console', (msg) => {
    const type = msg.type();
    if (type !== 'error' && type !== 'warning') return;
    const loc = msg.location() || {};
    console_.push({ type, text: msg.text(),
                    location: { url: loc.url ?? '', line: loc.lineNumber ?? null, column: loc.columnNumber ?? null } });
  });
  page.on('pageerror', (err) => {
    pageErrors.push({ message: errText(err), stack: err?.stack ?? null });
  });
  return { console: console_, pageErrors };
}

async function settle(page, log) {
  // Web fonts start loading only once text needing them is laid out: wait for them, then for
  // the network to be quiet for SETTLE_MS (capped).
  await withTimeout(page.evaluate(() => document.fonts && document.fonts.ready.then(() => true)),
                    SETTLE_CAP_MS, 'fonts').catch(() => {});
  const start = Date.now();
  while (Date.now() - start < SETTLE_CAP_MS) {
    if (log.inflight === 0 && Date.now() - log.lastActivity >= SETTLE_MS) break;
    await new Promise((r) => setTimeout(r, 25));
  }
}

// Runs inside the page: how wide it is, text boxes that overlap, and text its box cuts off.
// Text boxes are the line boxes of every visible text node (HTML and SVG), in page coordinates.
// `within`: a CSS selector, to look only at the text inside that element (a theme's navigation around a
// page's content has its own ways of hiding text); the width is always the whole page's.
function layoutProblems(within) {
  const root = within ? document.querySelector(within) : document.body;
  if (!root) throw new Error(`layout: nothing matches ${within}`);
  const MIN = 2;  // px of overlap in both directions before two boxes count as overlapping
  // The part of a text box that shows: a scrolling or clipping box (a scrollable table, an SVG) hides
  // what lies outside it, so that part cannot overlap anything. null when nothing shows.
  const shownPart = (el, r) => {
    let x1 = r.left, y1 = r.top, x2 = r.right, y2 = r.bottom;
    for (let a = el; a && a !== document.body && a !== document.documentElement; a = a.parentElement) {
      const st = getComputedStyle(a);
      if (st.overflowX === 'visible' && st.overflowY === 'visible') continue;
      const b = a.getBoundingClientRect();
      const cx = b.left + a.clientLeft, cy = b.top + a.clientTop;
      x1 = Math.max(x1, cx); y1 = Math.max(y1, cy);
      x2 = Math.min(x2, cx + (a.clientWidth || b.width)); y2 = Math.min(y2, cy + (a.clientHeight || b.height));
      if (x2 - x1 < 1 || y2 - y1 < 1) return null;
    }
    return { x1, y1, x2, y2 };
  };
  const label = (t) => t.replace(/\s+/g, ' ').trim().slice(0, 60);
  const boxes = [];
  const cut = [];
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    const text = node.textContent;
    if (!text.trim()) continue;
    const el = node.parentElement;
    if (!el || el.closest('title, desc, style, script, defs, symbol, noscript')) continue;
    const style = getComputedStyle(el);
    if (style.visibility === 'hidden' || style.display === 'none' || Number(style.opacity) === 0) continue;
    if (style.clipPath !== 'none') continue;  // visually hidden text for screen readers
    const range = document.createRange();
    range.selectNodeContents(node);
    const rects = [...range.getClientRects()].filter((r) => r.width >= 1 && r.height >= 1);
    for (const r of rects) {
      const v = shownPart(el, r);
      if (v) boxes.push({ x1: v.x1 + scrollX, y1: v.y1 + scrollY, x2: v.x2 + scrollX, y2: v.y2 + scrollY,
                          text: label(text), node });
    }
    // An SVG clips what leaves its viewport.
    const svg = el.closest('svg');
    if (svg && rects.length) {
      const b = svg.getBoundingClientRect();
      for (const r of rects) {
        if (r.left < b.left - 1 || r.right > b.right + 1 || r.top < b.top - 1 || r.bottom > b.bottom + 1) {
          cut.push({ text: label(text), why: 'buiten de SVG' });
          break;
        }
      }
    }
  }
  // Boxes that clip their content and have more than fits.
  for (const el of root.querySelectorAll('*')) {
    const st = getComputedStyle(el);
    const clips = (v) => v === 'hidden' || v === 'clip';
    if (!clips(st.overflowX) && !clips(st.overflowY) && st.textOverflow !== 'ellipsis') continue;
    if (st.clipPath !== 'none') continue;  // visually hidden on purpose, read by screen readers
    if (!el.textContent.trim()) continue;
    if (el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1) {
      cut.push({ text: label(el.textContent), why: `${el.tagName.toLowerCase()} knipt af` });
    }
  }
  boxes.sort((a, b) => a.x1 - b.x1 || a.y1 - b.y1);
  const overlaps = [];
  for (let i = 0; i < boxes.length && overlaps.length < 20; i++) {
    const a = boxes[i];
    for (let k = i + 1; k < boxes.length && boxes[k].x1 < a.x2 - MIN; k++) {
      const b = boxes[k];
      if (a.node === b.node) continue;
      const w = Math.min(a.x2, b.x2) - Math.max(a.x1, b.x1);
      const h = Math.min(a.y2, b.y2) - Math.max(a.y1, b.y1);
      if (w > MIN && h > MIN) overlaps.push({ a: a.text, b: b.text, w: Math.round(w), h: Math.round(h) });
    }
  }
  return { width: document.documentElement.scrollWidth, overlaps, cut: cut.slice(0, 20), boxes: boxes.length };
}

async function inspectPage(browser, spec, defaultTimeout) {
  const timeout = Number(spec.timeout_ms) || defaultTimeout;
  const result = {
    url: spec.url, ok: false, error: null, status: null, title: null,
    console: [], page_errors: [], requests: [], external_requests: [], external_blocked: true,
    text: null, screenshot: null, elapsed_ms: null, measured: null,
  };
  const started = Date.now();
  let context;
  let log = { requests: [], external: [] };
  let watched = { console: [], pageErrors: [] };
  const work = (async () => {
    const viewport = spec.viewport || { width: 1280, height: 900 };
    ({ context, log } = await fencedContext(browser, { viewport }));
    context.setDefaultTimeout(timeout);
    context.setDefaultNavigationTimeout(timeout);
    const page = await context.newPage();
    watched = watchPage(page);
    const response = await page.goto(spec.url, { waitUntil: 'load', timeout });
    result.status = response ? response.status() : null;
    await settle(page, log);
    // Optional interaction before reading the page, e.g. typing into a search box:
    // [{"click": sel}, {"fill": sel, "text": "..."}, {"press": sel, "key": "Enter"}, {"wait_for": sel},
    //  {"hover": sel}, {"focus": sel}]
    for (const step of spec.steps || []) {
      if (step.click) await page.click(step.click, { timeout });
      if (step.hover) await page.hover(step.hover, { timeout });
      if (step.focus) await page.focus(step.focus, { timeout });
      if (step.fill) await page.fill(step.fill, step.text ?? '', { timeout });
      if (step.press) await page.press(step.press, step.key, { timeout });
      if (step.select) await page.selectOption(step.select, step.value, { timeout });
      if (step.wait_for) await page.waitForSelector(step.wait_for, { state: 'visible', timeout });
    }
    if ((spec.steps || []).length) await settle(page, log);
    result.title = await page.title();
    result.text = await page.evaluate(
      (max) => (document.body ? document.body.innerText : '').slice(0, max), MAX_TEXT);
    // Optional computed styles after the steps: {"name": {"selector": sel, "property": "opacity"}} gives
    // result.measured.name = [the property's computed value for each element matching sel].
    if (spec.measure) {
      result.measured = await page.evaluate((measure) => Object.fromEntries(Object.entries(measure).map(
        ([name, m]) => [name, Array.from(document.querySelectorAll(m.selector),
                                         (el) => getComputedStyle(el).getPropertyValue(m.property))])),
      spec.measure);
    }
    if (spec.layout) {
      result.layout = await page.evaluate(layoutProblems, typeof spec.layout === 'string' ? spec.layout : null);
    }
    if (spec.screenshot) {
      mkdirSync(dirname(spec.screenshot), { recursive: true });
      await page.screenshot({ path: spec.screenshot, fullPage: spec.full_page !== false, timeout });
      result.screenshot = spec.screenshot;
    }
    result.ok = true;
  })();
  try {
    await withTimeout(work, timeout + 2_000, `page ${spec.url}`);
  } catch (e) {
    result.ok = false;
    result.error = errText(e).split('\n')[0];
    work.catch(() => {});  // it may still reject after we gave up on it
  } finally {
    if (context) await withTimeout(context.close(), 5_000, 'closing context').catch(() => {});
  }
  result.console = watched.console;
  result.page_errors = watched.pageErrors;
  result.requests = log.requests;
  result.external_requests = log.external;
  result.external_blocked = log.external.every((r) => r.blocked);
  result.elapsed_ms = Date.now() - started;
  return result;
}

async function renderMermaid(browser, diagrams, defaultTimeout) {
  const results = diagrams.map((d) => ({ id: d.id ?? null, ok: false, error: null, svg: null }));
  const info = { ok: false, error: null, version: MERMAID_VERSION, console: [], page_errors: [],
                 external_requests: [], external_blocked: true };
  if (!diagrams.length) return { results, info: null };
  let context;
  let log = { external: [] };
  let watched = { console: [], pageErrors: [] };
  try {
    ({ context, log } = await fencedContext(browser));
    context.setDefaultTimeout(defaultTimeout);
    const page = await context.newPage();
    watched = watchPage(page);
    await withTimeout((async () => {
      await page.setContent('<!doctype html><html><head><meta charset="utf-8"></head><body></body></html>');
      if (!existsSync(MERMAID_JS)) throw new Error(`${MERMAID_JS} missing: run scripts/setup-browser-tests.sh`);
      await page.addScriptTag({ path: MERMAID_JS });
      await page.evaluate(() => {
        if (!window.mermaid) throw new Error('mermaid bundle loaded but window.mermaid is missing');
        window.mermaid.initialize({ startOnLoad: false, securityLevel: 'strict' });
      });
    })(), defaultTimeout, 'loading mermaid');
    info.ok = true;
    for (let i = 0; i < diagrams.length; i++) {
      const source = String(diagrams[i].source ?? '');
      try {
        const out = await withTimeout(page.evaluate(async ({ source, id }) => {
          const msg = (e) => (e && (e.message || e.str)) ? String(e.message || e.str) : String(e);
          try {
            await window.mermaid.parse(source);
          } catch (e) {
            return { ok: false, error: `parse: ${msg(e)}`, svg: null };
          }
          try {
            const { svg } = await window.mermaid.render(id, source);
            return { ok: true, error: null, svg };
          } catch (e) {
            return { ok: false, error: `render: ${msg(e)}`, svg: null };
          } finally {
            // mermaid leaves a scratch element (or an error drawing) behind on failure
            for (const el of document.querySelectorAll(`#${id}, #d${id}, #i${id}`)) el.remove();
          }
        }, { source, id: `jkmermaid${i}` }), defaultTimeout, `mermaid ${diagrams[i].id}`);
        Object.assign(results[i], out);
      } catch (e) {
        results[i].error = errText(e).split('\n')[0];
      }
    }
  } catch (e) {
    info.error = errText(e).split('\n')[0];
    for (const r of results) if (!r.ok && !r.error) r.error = `mermaid unavailable: ${info.error}`;
  } finally {
    if (context) await withTimeout(context.close(), 5_000, 'closing context').catch(() => {});
  }
  info.console = watched.console;
  info.page_errors = watched.pageErrors;
  info.external_requests = log.external;
  info.external_blocked = log.external.every((r) => r.blocked);
  return { results, info };
}

async function main() {
  let job;
  try {
    job = JSON.parse(readFileSync(0, 'utf8') || '{}');
  } catch (e) {
    fail(2, `job on stdin is not JSON: ${errText(e)}`);
  }
  const pages = Array.isArray(job.pages) ? job.pages : [];
  const diagrams = Array.isArray(job.mermaid) ? job.mermaid : [];
  for (const p of pages) if (!p || typeof p.url !== 'string') fail(2, 'every page needs a "url" string');
  const defaultTimeout = Number(job.timeout_ms) || DEFAULT_TIMEOUT_MS;

  const output = { browser: null, pages: [], mermaid: [], mermaid_page: null, error: null };
  // Resolve only once the data is handed to the pipe: exiting earlier truncates large output.
  const emit = () => new Promise((resolve) => process.stdout.write(JSON.stringify(output) + '\n', resolve));

  // Watchdog for the whole job: print what we have and go, whatever is stuck.
  const budget = LAUNCH_TIMEOUT_MS + pages.reduce((s, p) => s + (Number(p.timeout_ms) || defaultTimeout) + 7_000, 0)
    + (diagrams.length ? defaultTimeout * (diagrams.length + 1) + 5_000 : 0);
  const watchdog = setTimeout(() => {
    output.error = `job watchdog fired after ${budget} ms`;
    emit().then(() => process.exit(4));  // playwright's exit hook kills the browser
  }, budget);
  watchdog.unref();

  if (!existsSync(CHROMIUM)) fail(3, `${CHROMIUM} not found: run scripts/setup-browser-tests.sh`);
  let browser;
  try {
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      headless: true,
      chromiumSandbox: false,          // --no-sandbox: we run as root
      timeout: LAUNCH_TIMEOUT_MS,
      args: [
        // Safety net behind context.route: anything not to loopback goes to a dead local proxy
        // (chromium never proxies loopback itself; playwright's own `proxy` option would), and
        // no host name resolves except localhost / 127.0.0.1 / [::1].
        '--proxy-server=http://127.0.0.1:9',
        '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
        '--disable-component-update', '--disable-sync', '--disable-default-apps',
        '--disable-domain-reliability', '--no-pings', '--dns-prefetch-disable',
        '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1, EXCLUDE ::1',
        '--force-webrtc-ip-handling-policy=disable_non_proxied_udp',
        '--webrtc-ip-handling-policy=disable_non_proxied_udp',
      ],
      // playwright launches with its own fresh, empty, temporary --user-data-dir and removes it
    });
  } catch (e) {
    fail(3, `could not start ${CHROMIUM}: ${errText(e)}`);
  }
  output.browser = browser.version();
  try {
    for (const spec of pages) output.pages.push(await inspectPage(browser, spec, defaultTimeout));
    const { results, info } = await renderMermaid(browser, diagrams, defaultTimeout);
    output.mermaid = results;
    output.mermaid_page = info;
  } finally {
    await withTimeout(browser.close(), 10_000, 'closing browser').catch(() => {});
  }
  clearTimeout(watchdog);
  await emit();
}

main().then(() => process.exit(0), (e) => fail(1, `crashed: ${e?.stack || e}`));
