#!/usr/bin/env node
// Accessibility check for Civic.
//
//   node tests/a11y/check.mjs BASE_URL [--login EMAIL PASSWORD] [--login-labels EMAIL PASSWORD BUTTON] [--pages FILE]
//        [--max-pages N] [--concurrency N] [--phone all|first|none]
//        [--timeout MS] [--bypass-csp] [--verbose]
//
// Crawls the same-origin HTML pages of a running Civic server in Debian's
// headless Chromium (via playwright-core; never a downloaded browser) and runs
// axe-core on each one, at desktop width (1280x800) and at phone width
// (375x667), and checks that it reflows at 320 CSS px without scrolling sideways
// (WCAG 1.4.10). Prints "ok  /path" or "FAIL /path" with the violations for each
// page, then a last line "a11y: N passed, M failed". Exit code 1 when a page
// fails, when no page was checked, when a page answered HTTP >= 500 or when
// sign-in fails; exit code 2 for bad usage or when the browser can't start.
//
// Tools come from scripts/install-test-tools.sh.

import { readFileSync, existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const HERE = dirname(fileURLToPath(import.meta.url));
const CHROMIUM = process.env.CIVIC_CHROMIUM || '/usr/bin/chromium';
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-quic',
  '--no-first-run',
  '--disable-component-update',
  '--disable-sync',
];
const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 375, height: 667 };
// WCAG 1.4.10 Reflow: content at 320 CSS px wide without scrolling sideways.
const REFLOW = { width: 320, height: 568 };
const AXE_OPTIONS = {
  runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] },
  // Best-practice rules on top of the WCAG tags: with runOnly of type 'tag',
  // axe runs a rule whose `enabled` is set explicitly whatever its tags.
  rules: {
    region: { enabled: true },
    'landmark-one-main': { enabled: true },
    'page-has-heading-one': { enabled: true },
    'skip-link': { enabled: true },
  },
  resultTypes: ['violations'],
};
const SKIP_EXTENSIONS = /\.(json|csv|xml|atom|rss|txt|pdf|zip|gz|png|jpe?g|gif|svg|webp|ico|css|js|map|woff2?)$/i;
const SKIP_PREFIXES = ['/metrics', '/healthz', '/api/'];
const SKIP_EXACT = ['/api'];
const SIGN_OUT = /\/(logout|log-out|signout|sign-out)\/?$/i;
const MAX_QUERY_VARIANTS = 3;

function usage(msg) {
  if (msg) console.error(`check.mjs: ${msg}`);
  console.error(
    'usage: node tests/a11y/check.mjs BASE_URL [--login EMAIL PASSWORD] [--login-labels EMAIL PASSWORD BUTTON] [--pages FILE]\n' +
      '         [--max-pages N (150)] [--concurrency N (2)] [--phone all|first|none (all)]\n' +
      '         [--timeout MS (15000)] [--bypass-csp] [--verbose]',
  );
  process.exit(2);
}

function parseArgs(argv) {
  const o = { base: null, login: null, pagesFile: null, maxPages: 150, concurrency: 2, phone: 'all', timeout: 15000, bypassCsp: false, verbose: false };
  const num = (v, name) => {
    const n = Number(v);
    if (!Number.isInteger(n) || n < 1) usage(`${name} needs a positive integer`);
    return n;
  };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const need = (k) => {
      if (i + k >= argv.length) usage(`${a} needs ${k} argument(s)`);
    };
    if (a === '--login') { need(2); o.login = { email: argv[++i], password: argv[++i] }; }
    else if (a === '--pages') { need(1); o.pagesFile = argv[++i]; }
    else if (a === '--login-labels') { need(3); o.labels = { email: argv[++i], password: argv[++i], button: argv[++i] }; }
    else if (a === '--max-pages') { need(1); o.maxPages = num(argv[++i], a); }
    else if (a === '--concurrency') { need(1); o.concurrency = num(argv[++i], a); }
    else if (a === '--timeout') { need(1); o.timeout = num(argv[++i], a); }
    else if (a === '--phone') { need(1); o.phone = argv[++i]; if (!['all', 'first', 'none'].includes(o.phone)) usage('--phone is all, first or none'); }
    else if (a === '--bypass-csp') o.bypassCsp = true;
    else if (a === '--verbose' || a === '-v') o.verbose = true;
    else if (a === '--help' || a === '-h') usage();
    else if (a.startsWith('-')) usage(`unknown option ${a}`);
    else if (!o.base) o.base = a;
    else usage(`unexpected argument ${a}`);
  }
  if (!o.base) usage('BASE_URL is required');
  let u;
  try { u = new URL(o.base); } catch { usage(`bad BASE_URL ${o.base}`); }
  if (!/^https?:$/.test(u.protocol)) usage('BASE_URL must be http(s)');
  u.hash = '';
  u.search = '';
  o.base = u.href.replace(/\/+$/, ''); // no trailing slash
  return o;
}

const opts = parseArgs(process.argv.slice(2));
const baseUrl = new URL(opts.base + '/');
const origin = baseUrl.origin;
const log = (...a) => { if (opts.verbose) console.error('[a11y]', ...a); };

const axePath = join(HERE, 'node_modules', 'axe-core', 'axe.min.js');
if (!existsSync(axePath)) {
  console.error(`check.mjs: ${axePath} is missing: run scripts/install-test-tools.sh`);
  process.exit(2);
}
const AXE_SOURCE = readFileSync(axePath, 'utf8');
if (!existsSync(CHROMIUM)) {
  console.error(`check.mjs: ${CHROMIUM} is missing: run scripts/install-test-tools.sh`);
  process.exit(2);
}

/** Absolute URL for a path relative to BASE_URL (keeps a base path prefix). */
function abs(path) {
  if (/^https?:\/\//i.test(path)) return new URL(path);
  return new URL(opts.base + (path.startsWith('/') ? path : '/' + path));
}
/** Display form: path + query, relative to the origin. */
const show = (u) => u.pathname + u.search;
const keyOf = (u) => u.pathname + u.search;

// ------------------------------------------------------------------ crawl state
const queue = []; // { url: URL, from: string|null, listed: bool }
const seen = new Set(); // keys queued or checked
const queryVariants = new Map(); // pathname -> Set(search)
const results = []; // in dequeue order
const notes = [];
let crawlCount = 0; // crawled (non-listed) pages taken from the queue
let capHit = false;

/** Decide whether a discovered link is followed; returns a URL or null. */
function acceptLink(href) {
  let u;
  try { u = new URL(href); } catch { return null; }
  if (!/^https?:$/.test(u.protocol)) return null; // mailto:, tel:, javascript:, ...
  if (u.origin !== origin) return null; // external
  if (!u.pathname.startsWith(baseUrl.pathname) && u.pathname + '/' !== baseUrl.pathname) return null;
  u.hash = '';
  const p = u.pathname;
  if (SKIP_EXTENSIONS.test(p)) return null;
  if (SKIP_EXACT.includes(p) || SKIP_PREFIXES.some((s) => p === s || p.startsWith(s.endsWith('/') ? s : s + '/'))) return null;
  if (SIGN_OUT.test(p)) return null;
  if (u.search) {
    const set = queryVariants.get(p) || new Set();
    if (!set.has(u.search)) {
      if (set.size >= MAX_QUERY_VARIANTS) return null;
      set.add(u.search);
    }
    queryVariants.set(p, set);
  }
  return u;
}

function enqueue(u, from, listed = false) {
  const k = keyOf(u);
  if (seen.has(k)) return;
  if (!listed && crawlCount + queue.filter((q) => !q.listed).length >= opts.maxPages) {
    capHit = true;
    return;
  }
  seen.add(k);
  queue.push({ url: u, from, listed });
}

// ------------------------------------------------------------------ axe helpers
// Two ways to put axe into the page:
//  - default: keep the app's real CSP (so the page renders exactly as a
//    visitor sees it: e.g. inline style="" attributes that `style-src 'self'`
//    blocks stay blocked) and evaluate axe's source through the DevTools
//    protocol, which CSP does not govern;
//  - --bypass-csp: context with bypassCSP: true and page.addScriptTag().
async function injectAxe(page) {
  const has = await page.evaluate(() => typeof window.axe !== 'undefined').catch(() => false);
  if (has) return;
  if (opts.bypassCsp) await page.addScriptTag({ content: AXE_SOURCE });
  else await page.evaluate(AXE_SOURCE);
}

async function runAxe(page) {
  await injectAxe(page);
  return page.evaluate((o) => window.axe.run(document, o), AXE_OPTIONS);
}

const nextFrame = (page) =>
  page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r()))));

/** A violation (in axe's shape) when the page at 320 CSS px scrolls sideways: WCAG 1.4.10. */
async function reflowViolation(page) {
  const found = await page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scroll = document.documentElement.scrollWidth;
    if (scroll <= width + 1) return null;
    const wide = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > width + 1 && r.width > 0) {
        const parentWide = el.parentElement && el.parentElement.getBoundingClientRect().right > width + 1;
        if (!parentWide || wide.length === 0) wide.push({ target: [el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') + (el.className && typeof el.className === 'string' ? '.' + el.className.trim().split(/\s+/).join('.') : '')], html: el.outerHTML.slice(0, 200) });
      }
      if (wide.length >= 5) break;
    }
    return { width, scroll, wide };
  });
  if (!found) return null;
  return {
    id: 'reflow-320',
    impact: 'serious',
    help: `Content must reflow at 320 CSS px (WCAG 1.4.10): the page is ${found.scroll}px wide`,
    helpUrl: 'https://www.w3.org/WAI/WCAG22/Understanding/reflow.html',
    nodes: found.wide,
  };
}

/** Merge desktop and phone violations: rule -> { info, nodes: Map(target -> {html, views}) } */
function mergeViolations(byView) {
  const rules = new Map();
  for (const [view, violations] of byView) {
    for (const v of violations) {
      let r = rules.get(v.id);
      if (!r) {
        r = { id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl, views: new Set(), nodes: new Map() };
        rules.set(v.id, r);
      }
      r.views.add(view);
      for (const n of v.nodes) {
        const target = n.target.map((t) => (Array.isArray(t) ? t.join(' >> ') : t)).join(' >>> ');
        const e = r.nodes.get(target) || { html: n.html, views: new Set() };
        e.views.add(view);
        r.nodes.set(target, e);
      }
    }
  }
  return [...rules.values()];
}

const clip = (s, n) => {
  const t = String(s ?? '').replace(/\s+/g, ' ').trim();
  return t.length > n ? t.slice(0, n - 1) + '…' : t;
};

// ------------------------------------------------------------------ checking
async function checkPage(page, item, index) {
  const t0 = Date.now();
  const res = { index, path: show(item.url), from: item.from, listed: item.listed, status: null, error: null, violations: [], skipped: null, views: [] };
  await page.setViewportSize(DESKTOP);
  let response;
  try {
    response = await page.goto(item.url.href, { waitUntil: 'load', timeout: opts.timeout });
  } catch (e) {
    const msg = String(e.message || e).split('\n')[0];
    if (/Download is starting/i.test(msg)) { res.skipped = 'download'; return res; }
    res.error = `navigation failed: ${msg}`;
    return res;
  }
  res.status = response ? response.status() : null;
  const finalUrl = new URL(page.url());
  finalUrl.hash = '';
  if (finalUrl.origin !== origin) { res.skipped = `redirected off-site to ${finalUrl.origin}`; return res; }
  if (keyOf(finalUrl) !== keyOf(item.url)) {
    const fk = keyOf(finalUrl);
    res.redirectedTo = show(finalUrl);
    if (opts.login && finalUrl.pathname === abs('/staff/login').pathname && item.url.pathname !== finalUrl.pathname) {
      // The page itself was never checked: that is a failure, not a pass.
      res.error = `redirected to the sign-in page instead of being checked: session lost, or the account lacks the role for it`;
      return res;
    }
    if (seen.has(fk) && !item.listed) { res.skipped = `redirects to ${show(finalUrl)}, checked on its own`; return res; }
    seen.add(fk);
    if (SIGN_OUT.test(finalUrl.pathname)) { res.skipped = 'redirects to sign-out'; return res; }
  }
  const ctype = response ? (response.headers()['content-type'] || '') : '';
  if (ctype && !/html/i.test(ctype)) { res.skipped = `not HTML (${ctype})`; return res; }

  // Links first, from the page as served.
  try {
    const hrefs = await page.$$eval('a[href], area[href]', (els) => els.map((e) => e.href));
    for (const h of hrefs) {
      const u = acceptLink(h);
      if (u) enqueue(u, res.path);
    }
  } catch (e) {
    notes.push(`${res.path}: could not read links: ${String(e.message || e).split('\n')[0]}`);
  }

  const byView = [];
  try {
    byView.push(['desktop', (await runAxe(page)).violations]);
    res.views.push('desktop');
    if (opts.phone === 'all' || (opts.phone === 'first' && index === 0)) {
      await page.setViewportSize(PHONE);
      await nextFrame(page);
      byView.push(['phone', (await runAxe(page)).violations]);
      res.views.push('phone');
    }
    await page.setViewportSize(REFLOW);
    await nextFrame(page);
    const reflow = await reflowViolation(page);
    if (reflow) byView.push(['320px', [reflow]]);
    await page.setViewportSize(DESKTOP);
  } catch (e) {
    res.error = `axe failed: ${String(e.message || e).split('\n')[0]}`;
  }
  res.violations = mergeViolations(byView);
  res.ms = Date.now() - t0;
  log(`${res.path} ${res.status} ${res.ms}ms`);
  return res;
}

async function login(page) {
  const loginUrl = abs('/staff/login');
  const resp = await page.goto(loginUrl.href, { waitUntil: 'load', timeout: opts.timeout });
  if (!resp || resp.status() >= 400) throw new Error(`GET ${show(loginUrl)} answered HTTP ${resp ? resp.status() : '?'}`);
  const field = async (label) => {
    let l = page.getByLabel(label, { exact: true });
    if ((await l.count()) === 0) l = page.getByLabel(label);
    if ((await l.count()) === 0) throw new Error(`no field labelled "${label}" on ${show(loginUrl)}`);
    return l.first();
  };
  // The sign-in form's labels, in the language of the pages checked (--login-labels).
  const labels = opts.labels || { email: 'Email address', password: 'Password', button: 'Sign in' };
  await (await field(labels.email)).fill(opts.login.email);
  await (await field(labels.password)).fill(opts.login.password);
  let button = page.getByRole('button', { name: labels.button, exact: true });
  if ((await button.count()) === 0) button = page.getByRole('button', { name: labels.button });
  if ((await button.count()) === 0) throw new Error(`no button named "${labels.button}" on ${show(loginUrl)}`);
  // The form submission is a navigation: wait for the document it lands on.
  const landed = page.waitForResponse(
    (r) =>
      r.request().isNavigationRequest() &&
      r.request().frame() === page.mainFrame() &&
      (r.status() < 300 || r.status() >= 400), // the end of any redirect chain
    { timeout: opts.timeout },
  );
  await button.first().click();
  const r = await landed;
  await page.waitForLoadState('load', { timeout: opts.timeout });
  const after = new URL(page.url());
  if (r.status() >= 400) throw new Error(`sign-in answered HTTP ${r.status()} at ${show(after)}`);
  if (after.pathname.replace(/\/$/, '') === loginUrl.pathname) {
    throw new Error(`still on ${show(after)} after clicking "Sign in": wrong credentials?`);
  }
  return show(after);
}

// ------------------------------------------------------------------ main
async function main() {
  const started = Date.now();
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60000 });
  } catch (e) {
    console.error(`check.mjs: cannot launch ${CHROMIUM}: ${e.message}`);
    process.exit(2);
  }
  const context = await browser.newContext({ bypassCSP: opts.bypassCsp, viewport: DESKTOP, serviceWorkers: 'block' });
  context.setDefaultTimeout(opts.timeout);

  // Check that the extra best-practice rules exist in this axe version.
  {
    const p = await context.newPage();
    await p.setContent('<!doctype html><title>x</title>');
    await injectAxe(p);
    const ids = await p.evaluate(() => window.axe.getRules().map((r) => r.ruleId));
    const missing = Object.keys(AXE_OPTIONS.rules).filter((r) => !ids.includes(r));
    if (missing.length) notes.push(`axe-core has no rule(s) ${missing.join(', ')}`);
    await p.close();
  }

  // Extra pages (one path per line; blank lines and # comments ignored).
  const listed = [];
  if (opts.pagesFile) {
    let text;
    try { text = readFileSync(opts.pagesFile, 'utf8'); } catch (e) { console.error(`check.mjs: cannot read ${opts.pagesFile}: ${e.message}`); await browser.close(); process.exit(2); }
    for (const line of text.split(/\r?\n/)) {
      const l = line.trim();
      if (!l || l.startsWith('#')) continue;
      const u = abs(l);
      u.hash = '';
      listed.push(u);
    }
  }

  let order = 0;
  if (opts.login) {
    const p = await context.newPage();
    // The sign-in page itself is checked while still signed out.
    const loginItem = { url: abs('/staff/login'), from: 'sign-in', listed: false };
    seen.add(keyOf(loginItem.url));
    crawlCount++;
    results.push(await checkPage(p, loginItem, order++));
    try {
      const landed = await login(p);
      console.log(`signed in as ${opts.login.email} (landed on ${landed})`);
    } catch (e) {
      console.error(`check.mjs: sign-in failed: ${String(e.message || e).split('\n')[0]}`);
      await browser.close();
      console.log('a11y: 0 passed, 1 failed');
      process.exit(1);
    }
    await p.close();
  }

  enqueue(abs('/'), null);
  if (opts.login) enqueue(abs('/staff'), null);
  for (const u of listed) enqueue(u, '--pages', true);

  let active = 0;
  const worker = async () => {
    const page = await context.newPage();
    // CSP reports on the page as the app serves it (not failures, but worth
    // knowing: what the CSP blocks, a visitor never gets).
    let current = null;
    page.on('console', (m) => {
      if (current && m.type() === 'error' && /Content Security Policy/i.test(m.text())) current.add(m.text().split('. ')[0]);
    });
    for (;;) {
      const item = queue.shift();
      if (!item) {
        if (active === 0) break;
        await new Promise((r) => setTimeout(r, 25));
        continue;
      }
      active++;
      if (!item.listed) crawlCount++;
      const idx = order++;
      current = new Set();
      try {
        const r = await checkPage(page, item, idx);
        r.csp = [...current];
        results.push(r);
      } catch (e) {
        results.push({ index: idx, path: show(item.url), listed: item.listed, error: String(e.message || e).split('\n')[0], violations: [], views: [] });
      } finally {
        active--;
      }
    }
    await page.close();
  };
  await Promise.all(Array.from({ length: opts.concurrency }, worker));
  await browser.close();

  // ---------------------------------------------------------------- report
  results.sort((a, b) => a.index - b.index);
  let passed = 0;
  let failed = 0;
  let serverErrors = 0;
  for (const r of results) {
    if (r.skipped) {
      console.log(`skip ${r.path} (${r.skipped})`);
      continue;
    }
    const status = r.status != null ? ` [HTTP ${r.status}]` : '';
    const redirect = r.redirectedTo ? ` -> ${r.redirectedTo}` : '';
    const is5xx = r.status != null && r.status >= 500;
    if (is5xx) serverErrors++;
    if (r.csp && r.csp.length) {
      notes.push(`${r.path}: ${r.csp.length} CSP violation(s) in the browser, e.g. ${clip(r.csp[0], 200)}`);
    }
    if (r.status != null && r.status >= 400 && r.status < 500 && !r.listed) {
      notes.push(`${r.path} answered HTTP ${r.status} (linked from ${r.from ?? 'start'})`);
    }
    if (!r.error && !is5xx && r.violations.length === 0) {
      passed++;
      const extra = r.status != null && r.status !== 200 ? status : '';
      console.log(`ok  ${r.path}${redirect}${extra}`);
      continue;
    }
    failed++;
    console.log(`FAIL ${r.path}${redirect}${status}`);
    if (is5xx) console.log(`  - server error: HTTP ${r.status}`);
    if (r.error) console.log(`  - ${r.error}`);
    for (const v of r.violations) {
      const views = r.views.length > 1 ? ` (${[...v.views].join('+')})` : '';
      console.log(`  - ${v.id} [${v.impact ?? 'n/a'}] ${v.help}${views}  ${v.helpUrl ? '<' + v.helpUrl.replace(/\?.*$/, '') + '>' : ''}`);
      const nodes = [...v.nodes.entries()];
      for (const [target, n] of nodes.slice(0, 3)) {
        console.log(`      ${clip(target, 120)}  ${clip(n.html, 200)}`);
      }
      if (nodes.length > 3) console.log(`      … and ${nodes.length - 3} more`);
    }
  }
  if (capHit) notes.push(`stopped following links at the cap of ${opts.maxPages} crawled pages`);
  for (const n of notes) console.log(`note: ${n}`);
  const checked = passed + failed;
  const secs = ((Date.now() - started) / 1000).toFixed(1);
  const phoneNote = opts.phone === 'none' ? 'desktop only' : opts.phone === 'first' ? 'desktop; phone for the first page' : 'desktop + phone';
  console.log(`checked ${checked} page(s) at ${phoneNote} in ${secs}s`);
  if (checked === 0) {
    console.log('no page was checked');
    failed = Math.max(failed, 1);
  }
  console.log(`a11y: ${passed} passed, ${failed} failed`);
  process.exit(failed > 0 || checked === 0 || serverErrors > 0 ? 1 : 0);
}

main().catch((e) => {
  console.error(`check.mjs: ${e.stack || e}`);
  process.exit(2);
});
