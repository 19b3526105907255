// Steps browser, axe, no-js and file-urls: the key pages in headless Chromium (Debian's
// /usr/bin/chromium driven by playwright-core; nothing downloads a browser), served by a
// tiny static server on 127.0.0.1 started here, plus file:// browsing.

import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { fail } from './harness.mjs';

const require = createRequire(import.meta.url);
const AXE_PATH = require.resolve('axe-core/axe.min.js');

export const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';
const LAUNCH_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
export const VIEWPORTS = {
  phone: { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 1 },
  desktop: { viewport: { width: 1280, height: 900 }, deviceScaleFactor: 1 },
};
const NAV_TIMEOUT = 30_000;

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.otf': 'font/otf',
  '.pdf': 'application/pdf',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static file server for `root` on 127.0.0.1 and a free port; `/dir/` serves dir/index.html. */
export function startServer(root) {
  const server = http.createServer((req, res) => {
    let rel;
    try {
      rel = decodeURIComponent(new URL(req.url, 'http://127.0.0.1').pathname);
    } catch {
      res.writeHead(400).end('bad request');
      return;
    }
    let file = path.join(root, path.normalize(rel));
    if (!file.startsWith(path.resolve(root))) {
      res.writeHead(403).end('forbidden');
      return;
    }
    if (fs.existsSync(file) && fs.statSync(file).isDirectory()) file = path.join(file, 'index.html');
    let status = 200;
    if (!fs.existsSync(file)) {
      status = 404;
      file = path.join(root, '404.html');
    }
    const body = fs.existsSync(file) ? fs.readFileSync(file) : Buffer.from('not found');
    res.writeHead(status, {
      'content-type': TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream',
      'content-length': body.length,
      'cache-control': 'no-store',
    });
    res.end(req.method === 'HEAD' ? undefined : body);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(server));
  });
}

/**
 * Opens `url` in a new page of `context`, recording console errors, uncaught exceptions,
 * failed requests, HTTP errors and requests that would leave this machine.
 */
async function openPage(context, url, origin) {
  const page = await context.newPage();
  const problems = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') {
      const loc = msg.location();
      problems.push(`console error: ${msg.text()}${loc && loc.url ? ` (at ${loc.url}:${loc.lineNumber + 1})` : ''}`);
    }
  });
  page.on('pageerror', (err) => problems.push(`uncaught exception: ${err.message}`));
  page.on('requestfailed', (req) => problems.push(`failed request: ${req.url()} (${req.failure()?.errorText})`));
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`HTTP ${res.status()} for ${res.url()}`);
  });
  await page.route('**/*', (route) => {
    const u = route.request().url();
    if (origin && u.startsWith(origin)) return route.continue();
    if (/^(data|blob|file):/.test(u)) return route.continue();
    problems.push(`request leaves the site (blocked): ${u}`);
    return route.abort('blockedbyclient');
  });
  const response = await page.goto(url, { waitUntil: 'load', timeout: NAV_TIMEOUT });
  if (response && !response.ok() && !url.startsWith('file:')) problems.push(`HTTP ${response.status()} for the page itself`);
  // Let late console errors (deferred scripts, fonts) arrive before judging.
  await page.waitForLoadState('networkidle', { timeout: 5_000 }).catch(() => {});
  return { page, problems };
}

/** Throws if the page has no visible h1, or (on a theme page) no visible quotes. */
async function checkContent(page, { theme }) {
  const problems = [];
  const h1 = page.locator('h1');
  const h1Count = await h1.count();
  if (h1Count === 0) problems.push('no <h1> on the page');
  else if (!(await h1.first().isVisible())) problems.push('the <h1> is not visible');
  else if (!(await h1.first().innerText()).trim()) problems.push('the <h1> is empty');
  if (theme) {
    const quotes = page.locator('figure.quote');
    const n = await quotes.count();
    if (n === 0) problems.push('no figure.quote on the theme page');
    for (let i = 0; i < n; i += 1) {
      if (!(await quotes.nth(i).isVisible())) {
        const id = await quotes.nth(i).getAttribute('id');
        problems.push(`figure.quote #${i + 1}${id ? ` (id=${id})` : ''} is not visible`);
      }
    }
  }
  return problems;
}

/** Problems of a missing responsive viewport and of sideways scrolling at phone width. */
async function checkPhoneLayout(page) {
  const width = VIEWPORTS.phone.viewport.width;
  const m = await page.evaluate((w) => {
    const meta = document.querySelector('meta[name="viewport"]');
    const over = [];
    for (const el of document.body.querySelectorAll('*')) {
      const r = el.getBoundingClientRect();
      if (r.right > w + 1 && r.width > 0) {
        const cls = typeof el.className === 'string' && el.className.trim() ? `.${el.className.trim().split(/\s+/).join('.')}` : '';
        over.push(`${el.tagName.toLowerCase()}${el.id ? `#${el.id}` : ''}${cls} (right edge at ${Math.round(r.right)}px)`);
        if (over.length >= 5) break;
      }
    }
    return {
      meta: meta ? meta.getAttribute('content') : null,
      innerWidth: window.innerWidth,
      scrollWidth: document.documentElement.scrollWidth,
      over,
    };
  }, width);
  const problems = [];
  if (!m.meta || !/width\s*=\s*device-width/.test(m.meta)) {
    problems.push(`no <meta name="viewport" content="width=device-width, initial-scale=1"> (found: ${m.meta === null ? 'none' : JSON.stringify(m.meta)})`);
  }
  if (m.scrollWidth > width + 1 || m.innerWidth > width + 1) {
    problems.push(`the page is wider than a ${width}px phone screen (${Math.max(m.scrollWidth, m.innerWidth)}px): it scrolls sideways or is zoomed out; too wide: ${m.over.join(', ') || '(no single element found)'}`);
  }
  return problems;
}

/** axe-core's serious and critical violations, formatted one rule per block. */
async function axeViolations(page) {
  await page.addScriptTag({ path: AXE_PATH });
  const result = await page.evaluate(async () => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      helpUrl: v.helpUrl,
      nodes: v.nodes.map((n) => ({
        target: n.target.join(' '),
        html: n.html,
        summary: n.failureSummary,
        impact: n.impact,
      })),
    }));
  });
  const lines = [];
  for (const v of result) {
    const nodes = v.nodes.filter((n) => ['serious', 'critical'].includes(n.impact || v.impact));
    if (!nodes.length) continue;
    lines.push(`[${v.impact}] ${v.id}: ${v.help} (${v.helpUrl.replace(/\?.*$/, '')}) — ${nodes.length} element(s):`);
    for (const n of nodes.slice(0, 8)) {
      lines.push(`    ${n.target}: ${n.html.replace(/\s+/g, ' ').slice(0, 160)}`);
      if (n.summary) lines.push(`      ${n.summary.replace(/\n\s*/g, ' | ').slice(0, 300)}`);
    }
    if (nodes.length > 8) lines.push(`    … and ${nodes.length - 8} more`);
  }
  return lines;
}

function assertNone(problems, what) {
  if (problems.length) fail([`${what}:`, ...problems.map((p) => `  - ${p}`)]);
}

/** Runs the browser-based steps; `only` filters which of them. */
export async function browserSteps(h, root, pages, screenshotDir, only) {
  const want = (s) => !only || only.has(s);
  fs.mkdirSync(screenshotDir, { recursive: true });
  let browser;
  let server;
  try {
    await h.step('browser-launch', async () => {
      await h.check('browser: launch Chromium', async () => {
        if (!fs.existsSync(CHROMIUM)) fail(`${CHROMIUM} does not exist: apt-get install chromium`);
        browser = await chromium.launch({ executablePath: CHROMIUM, args: LAUNCH_ARGS, headless: true });
        return `${CHROMIUM} ${browser.version()}`;
      });
      if (!browser) return;
      await h.check('browser: start the static server', async () => {
        server = await startServer(root);
        return `http://127.0.0.1:${server.address().port}/`;
      });
      for (const p of pages.filter((q) => q.missing)) {
        await h.check(`browser: ${p.name} page exists`, () => fail(`${p.rel} is missing from the site`));
      }
    });
    if (!browser || !server) return;
    const origin = `http://127.0.0.1:${server.address().port}`;
    const present = pages.filter((p) => !p.missing);
    const urlOf = (p) => `${origin}/${p.rel}`;

    if (want('browser')) {
      await h.step('browser (http)', async () => {
        for (const [vpName, vp] of Object.entries(VIEWPORTS)) {
          const context = await browser.newContext(vp);
          for (const p of present) {
            await h.check(`browser ${vpName}: ${p.name} (${p.rel})`, async () => {
              const { page, problems } = await openPage(context, urlOf(p), origin);
              try {
                problems.push(...(await checkContent(page, p)));
                if (vpName === 'phone') problems.push(...(await checkPhoneLayout(page)));
                const shot = path.join(screenshotDir, `${p.name}-${vpName}.png`);
                await page.screenshot({ path: shot, fullPage: true });
                assertNone(problems, `${p.rel} at ${vp.viewport.width}×${vp.viewport.height}`);
                return `screenshot ${path.relative(process.cwd(), shot)}`;
              } finally {
                await page.close();
              }
            });
          }
          await context.close();
        }
      });
    }

    if (want('axe')) {
      await h.step('axe', async () => {
        for (const [vpName, vp] of Object.entries(VIEWPORTS)) {
          const context = await browser.newContext(vp);
          for (const p of present) {
            await h.check(`axe ${vpName}: ${p.name} (${p.rel})`, async () => {
              const { page } = await openPage(context, urlOf(p), origin);
              try {
                const lines = await axeViolations(page);
                if (lines.length) fail([`axe-core: serious/critical violations on ${p.rel} at ${vp.viewport.width}px:`, ...lines]);
              } finally {
                await page.close();
              }
            });
          }
          await context.close();
        }
      });
    }

    if (want('no-js')) {
      await h.step('no-js', async () => {
        const context = await browser.newContext({ ...VIEWPORTS.desktop, javaScriptEnabled: false });
        for (const p of present) {
          await h.check(`no-js: ${p.name} (${p.rel})`, async () => {
            const { page, problems } = await openPage(context, urlOf(p), origin);
            try {
              problems.push(...(await checkContent(page, p)));
              const nav = page.locator('nav a');
              const n = await nav.count();
              if (n === 0) problems.push('no `nav a` link on the page');
              else if (!(await nav.first().isVisible())) problems.push('the first `nav a` link is not visible');
              const words = (await page.locator('body').innerText()).split(/\s+/).filter(Boolean).length;
              if (words < 5) problems.push(`the page shows only ${words} word(s) without JavaScript`);
              assertNone(problems, `${p.rel} with JavaScript disabled`);
              return `${n} nav link(s), ${words} words`;
            } finally {
              await page.close();
            }
          });
        }
        await context.close();
      });
    }

    if (want('file-urls')) {
      await h.step('file-urls', async () => {
        const context = await browser.newContext(VIEWPORTS.desktop);
        const home = present.find((p) => p.name === 'home');
        const theme = present.find((p) => p.name === 'theme');
        if (!home) return;
        const homeUrl = pathToFileURL(path.join(path.resolve(root), home.rel)).href;
        await h.check('file-urls: home opened from the file system', async () => {
          const { page, problems } = await openPage(context, homeUrl, null);
          try {
            problems.push(...(await checkContent(page, home)));
            await page.screenshot({ path: path.join(screenshotDir, 'home-file-desktop.png'), fullPage: true });
            assertNone(problems, homeUrl);
          } finally {
            await page.close();
          }
        });
        await h.check('file-urls: clicking through from home (nav links and a theme)', async () => {
          const { page, problems } = await openPage(context, homeUrl, null);
          const visited = [];
          try {
            const hrefs = await page.locator('nav a').evaluateAll((as) => as.map((a) => a.href));
            const themeLink = page.locator('a[href*="themes/"]:visible').first();
            if (theme && (await themeLink.count()) === 0) problems.push('home has no link to a theme page');
            if (hrefs.length === 0) problems.push('home has no `nav a` link');
            // A real click on the first theme link: the browser must land on an HTML page.
            if (theme && (await themeLink.count()) > 0) {
              await Promise.all([page.waitForEvent('load', { timeout: NAV_TIMEOUT }), themeLink.click()]);
              visited.push(page.url());
              problems.push(...(await landed(page, { theme: true })));
            }
            for (const href of hrefs) {
              if (!href.startsWith('file:')) continue;
              await page.goto(href, { waitUntil: 'load', timeout: NAV_TIMEOUT });
              visited.push(page.url());
              problems.push(...(await landed(page, { theme: false })));
            }
            assertNone(problems, 'browsing from the file system');
            return `visited ${visited.length} page(s)`;
          } finally {
            await page.close();
          }
        });
        await context.close();
      });
    }
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (server) server.close();
  }
}

/** After following a link on file://: a page, not a directory listing, with its h1. */
async function landed(page, opts) {
  const url = page.url();
  const problems = [];
  if (!/\.html?(#.*)?$/.test(url)) problems.push(`${url}: landed on something that is not an .html file (a directory listing?)`);
  for (const p of await checkContent(page, opts)) problems.push(`${url}: ${p}`);
  return problems;
}
