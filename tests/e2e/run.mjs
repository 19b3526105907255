#!/usr/bin/env node
// End-to-end checks of a built studyguide site.
//
//   node tests/e2e/run.mjs [PUBLIC_DIR] [--only=STEP,...] [--out=SCREENSHOT_DIR]
//
// PUBLIC_DIR defaults to `public` (relative to the current directory). Steps, in order:
//   layout         the pages the URL layout promises exist
//   validate-html  the Nu HTML Checker over every .html file: zero errors
//   links          every internal href/src and #anchor resolves, from the file system
//   browser        home, a theme, timeline and terms in headless Chromium over HTTP at phone
//                  (390×844) and desktop (1280×900) widths: no console errors or failed
//                  requests, h1 and quotes visible, screenshots into SCREENSHOT_DIR
//   axe            axe-core: no serious or critical violation on those pages at both widths
//   no-js          the same pages with JavaScript disabled: content and `nav a` present
//   file-urls      home opened via file://, and its links followed
//   pdf            every .pdf of the site opens in poppler's pdfinfo (only when there are PDFs)
// SCREENSHOT_DIR defaults to target/e2e of the repository. Prints `N passed, M failed` last and
// exits non-zero on any failure.

import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { browserSteps } from './lib/browser.mjs';
import { fail, Harness } from './lib/harness.mjs';
import { checkLinks } from './lib/links.mjs';
import { isHtml, keyPages, listFiles } from './lib/site.mjs';
import { validateHtml } from './lib/validate-html.mjs';

const STEPS = ['layout', 'validate-html', 'links', 'browser', 'axe', 'no-js', 'file-urls', 'pdf'];
const here = path.dirname(fileURLToPath(import.meta.url));

function parseArgs(argv) {
  const opts = { root: 'public', only: null, out: path.resolve(here, '../../target/e2e') };
  for (const arg of argv) {
    if (arg.startsWith('--only=')) opts.only = new Set(arg.slice(7).split(',').filter(Boolean));
    else if (arg.startsWith('--out=')) opts.out = path.resolve(arg.slice(6));
    else if (arg === '-h' || arg === '--help') {
      console.log(`usage: node tests/e2e/run.mjs [PUBLIC_DIR] [--only=${STEPS.join(',')}] [--out=DIR]`);
      process.exit(0);
    } else if (arg.startsWith('-')) {
      console.error(`unknown option ${arg}`);
      process.exit(2);
    } else opts.root = arg;
  }
  for (const s of opts.only || []) {
    if (!STEPS.includes(s)) {
      console.error(`unknown step ${s}; steps: ${STEPS.join(', ')}`);
      process.exit(2);
    }
  }
  opts.root = path.resolve(opts.root);
  return opts;
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const want = (s) => !opts.only || opts.only.has(s);
  const h = new Harness();
  console.log(`e2e: site ${opts.root}, screenshots to ${opts.out}`);

  if (!fs.existsSync(path.join(opts.root, 'index.html'))) {
    await h.step('layout', () => h.check('layout: the site is built', () => fail(`${opts.root}/index.html does not exist: build the site first`)));
    process.exit(h.finish());
  }
  const files = listFiles(opts.root);
  const htmlFiles = files.filter(isHtml);
  const pages = keyPages(opts.root);

  if (want('layout')) {
    await h.step('layout', async () => {
      const required = ['index.html', 'timeline/index.html', 'terms/index.html', '404.html'];
      for (const rel of required) {
        await h.check(`layout: ${rel} exists`, () => {
          if (!files.includes(rel)) fail(`${rel} is missing from ${opts.root}`);
        });
      }
      await h.check('layout: at least one themes/<slug>/index.html', () => {
        const themes = files.filter((f) => /^themes\/[^/]+\/index\.html$/.test(f));
        if (!themes.length) fail('no themes/<slug>/index.html in the site');
        return `${themes.length} theme page(s)`;
      });
    });
  }
  if (want('validate-html')) await h.step('validate-html', () => validateHtml(h, opts.root, htmlFiles));
  if (want('links')) await h.step('links', () => checkLinks(h, opts.root, files));
  const browserWanted = ['browser', 'axe', 'no-js', 'file-urls'].filter(want);
  if (browserWanted.length) await browserSteps(h, opts.root, pages, opts.out, new Set(browserWanted));
  const pdfs = files.filter((f) => /\.pdf$/i.test(f));
  if (want('pdf') && pdfs.length) {
    await h.step('pdf', async () => {
      for (const rel of pdfs) {
        await h.check(`pdf: ${rel}`, () => {
          const r = spawnSync('pdfinfo', [path.join(opts.root, rel)], { encoding: 'utf8' });
          if (r.error) fail(`could not run pdfinfo: ${r.error.message} (apt-get install poppler-utils)`);
          if (r.status !== 0) fail(`pdfinfo rejects ${rel}: ${r.stderr.trim()}`);
          const pagesLine = /^Pages:\s+(\d+)/m.exec(r.stdout);
          if (!pagesLine || Number(pagesLine[1]) < 1) fail(`${rel} has no pages`);
          return `${pagesLine[1]} page(s)`;
        });
      }
    });
  }
  process.exitCode = h.finish();
}

main().catch((err) => {
  console.error(err && err.stack ? err.stack : err);
  console.log('\n0 passed, 1 failed');
  process.exit(1);
});
