// Step links: an independent internal-link checker over the built files. Every HTML file is
// parsed with parse5; every URL-bearing attribute is resolved against the file's place in the
// site, as a browser browsing the file system would; the target file must exist and any
// #fragment must be an id (or <a name>) in the target. CSS url()/@import references are
// resolved the same way. One check per file.

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'parse5';
import { fail } from './harness.mjs';

// Attributes that hold one URL, by element (null: any element).
const URL_ATTRS = {
  a: ['href'],
  area: ['href'],
  link: ['href'],
  base: [],
  img: ['src'],
  script: ['src'],
  iframe: ['src'],
  embed: ['src'],
  source: ['src'],
  track: ['src'],
  audio: ['src'],
  video: ['src', 'poster'],
  input: ['src'],
  object: ['data'],
  form: ['action'],
  button: ['formaction'],
  blockquote: ['cite'],
  q: ['cite'],
  ins: ['cite'],
  del: ['cite'],
  use: ['href', 'xlink:href'],
  image: ['href', 'xlink:href'],
};
const SRCSET_TAGS = new Set(['img', 'source']);

/** Runs the check over every HTML and CSS file of the site. */
export async function checkLinks(h, root, files) {
  const fileSet = new Set(files);
  const dirSet = new Set();
  for (const f of files) {
    let d = path.posix.dirname(f);
    while (d !== '.' && !dirSet.has(d)) {
      dirSet.add(d);
      d = path.posix.dirname(d);
    }
  }
  const htmlFiles = files.filter((f) => /\.html?$/i.test(f));
  const cssFiles = files.filter((f) => /\.css$/i.test(f));

  // Parse every HTML file once: its anchors (targets) and its references (sources).
  const docs = new Map();
  for (const rel of htmlFiles) docs.set(rel, scanHtml(fs.readFileSync(path.join(root, rel), 'utf8')));

  const site = { fileSet, dirSet, docs };
  let internal = 0;
  for (const rel of htmlFiles) {
    const { refs, base, duplicateIds } = docs.get(rel);
    await h.check(`links: ${rel}`, () => {
      const problems = [];
      for (const id of duplicateIds) problems.push(`duplicate id "${id}" (a #${id} link would be ambiguous)`);
      if (rel !== "404.html" && base !== null && /^([a-z][a-z0-9+.-]*:|\/)/i.test(base.trim())) {
        problems.push(`<base href="${base}"> is absolute: relative links then leave the site when it is opened from the file system`);
      }
      let checked = 0;
      for (const ref of refs) {
        const r = resolveRef(site, rel, ref.url, { base, is404: rel === '404.html', fromHtml: true });
        if (r.internal) checked += 1;
        if (r.error) problems.push(`line ${ref.line}: <${ref.tag} ${ref.attr}="${ref.url}">: ${r.error}`);
      }
      internal += checked;
      if (problems.length) fail([`${problems.length} broken reference(s) in ${rel}:`, ...problems]);
      return `${checked} internal reference(s)`;
    });
  }
  for (const rel of cssFiles) {
    await h.check(`links: ${rel}`, () => {
      const problems = [];
      let checked = 0;
      for (const ref of scanCss(fs.readFileSync(path.join(root, rel), 'utf8'))) {
        const r = resolveRef(site, rel, ref.url, { fromHtml: false });
        if (r.internal) checked += 1;
        if (r.error) problems.push(`line ${ref.line}: url(${ref.url}): ${r.error}`);
      }
      internal += checked;
      if (problems.length) fail([`${problems.length} broken reference(s) in ${rel}:`, ...problems]);
      return `${checked} internal reference(s)`;
    });
  }
  // A checker that found nothing to check has proved nothing.
  await h.check('links: the site has internal links to check', () => {
    if (internal === 0) fail('no internal link found in any HTML file');
    return `${internal} internal reference(s) in ${htmlFiles.length} HTML and ${cssFiles.length} CSS file(s)`;
  });
}

/**
 * Resolves `url`, written in the file `fromRel`, to a file of the site.
 * Returns { internal: bool, error?: string }.
 */
export function resolveRef(site, fromRel, rawUrl, { base = null, is404 = false, fromHtml = true } = {}) {
  const url = rawUrl.trim();
  if (/^[a-z][a-z0-9+.-]*:/i.test(url)) {
    // Other sites, mail, data: URLs are not this check's business; a file: URL would only
    // work on the machine that built the site.
    if (/^file:/i.test(url)) return { internal: false, error: 'file: URL points outside the site' };
    return { internal: false };
  }
  if (url.startsWith('//')) return { internal: false };

  const hashAt = url.indexOf('#');
  const fragment = hashAt >= 0 ? url.slice(hashAt + 1) : null;
  let pathPart = hashAt >= 0 ? url.slice(0, hashAt) : url;
  const queryAt = pathPart.indexOf('?');
  if (queryAt >= 0) pathPart = pathPart.slice(0, queryAt);

  let decoded;
  try {
    decoded = decodeURIComponent(pathPart);
  } catch {
    return { internal: true, error: 'malformed percent-encoding in the path' };
  }

  let target;
  if (decoded.startsWith('/')) {
    // Root-relative URLs resolve to the file system's root when the site is opened from
    // disk; only the 404 page, which a server shows at any depth, may use them.
    if (!is404) {
      return {
        internal: true,
        error: 'root-relative URL: it breaks when the site is opened from the file system or served under a sub-path; use a relative URL',
      };
    }
    target = path.posix.normalize(decoded.slice(1) || '.');
  } else {
    let dir = path.posix.dirname(fromRel);
    if (fromHtml && base && !/^([a-z][a-z0-9+.-]*:|\/)/i.test(base.trim())) dir = path.posix.normalize(path.posix.join(dir, base.endsWith('/') ? base : path.posix.dirname(base)));
    target = decoded === '' ? fromRel : path.posix.normalize(path.posix.join(dir, decoded));
  }
  if (target === '..' || target.startsWith('../')) {
    return { internal: true, error: `climbs above the site's root (resolves to ${target})` };
  }
  if (target === '.' || decoded.endsWith('/') || site.dirSet.has(target)) {
    const shown = target === '.' ? '' : `${target.replace(/\/$/, '')}/`;
    const exists = site.fileSet.has(`${shown}index.html`);
    return {
      internal: true,
      error: `points to a directory (${shown || './'}); ${
        exists ? `link to ${shown}index.html` : `and there is no ${shown}index.html`
      } so that it works from the file system`,
    };
  }
  if (!site.fileSet.has(target)) return { internal: true, error: `target not found: ${target}` };

  if (fragment !== null && fragment !== '' && site.docs.has(target)) {
    let frag = fragment;
    try {
      frag = decodeURIComponent(fragment);
    } catch {
      /* keep it raw */
    }
    const { ids } = site.docs.get(target);
    // "#top" scrolls to the top of any HTML document (HTML's indicated-part rules).
    if (!ids.has(fragment) && !ids.has(frag) && frag.toLowerCase() !== 'top') {
      return { internal: true, error: `anchor #${frag} not found: no id="${frag}" in ${target}` };
    }
  }
  return { internal: true };
}

/** Ids, references, <base href> and duplicate ids of one HTML document. */
export function scanHtml(text) {
  const doc = parse(text, { sourceCodeLocationInfo: true });
  const ids = new Set();
  const duplicateIds = new Set();
  const refs = [];
  let base = null;
  const visit = (node) => {
    if (node.attrs) {
      const tag = node.tagName;
      const attr = (name) => node.attrs.find((a) => (a.prefix ? `${a.prefix}:${a.name}` : a.name) === name);
      const line = node.sourceCodeLocation ? node.sourceCodeLocation.startLine : '?';
      const id = attr('id');
      if (id && id.value !== '') {
        if (ids.has(id.value)) duplicateIds.add(id.value);
        ids.add(id.value);
      }
      if (tag === 'a' && attr('name')) ids.add(attr('name').value);
      if (tag === 'base' && attr('href') && base === null) base = attr('href').value;
      for (const name of URL_ATTRS[tag] || []) {
        const a = attr(name);
        if (a) refs.push({ tag, attr: name, url: a.value, line });
      }
      if (SRCSET_TAGS.has(tag) && attr('srcset')) {
        for (const candidate of attr('srcset').value.split(',')) {
          const url = candidate.trim().split(/\s+/)[0];
          if (url) refs.push({ tag, attr: 'srcset', url, line });
        }
      }
      if (tag === 'meta' && /^refresh$/i.test(attr('http-equiv')?.value || '')) {
        const m = /url\s*=\s*['"]?([^'"]+)/i.exec(attr('content')?.value || '');
        if (m) refs.push({ tag, attr: 'content', url: m[1], line });
      }
    }
    for (const child of node.childNodes || []) visit(child);
    if (node.content) visit(node.content); // <template>
  };
  visit(doc);
  return { ids, refs, base, duplicateIds };
}

/** url(...) and @import references of a stylesheet, with line numbers. */
export function scanCss(text) {
  const noComments = text.replace(/\/\*[\s\S]*?\*\//g, (c) => c.replace(/[^\n]/g, ' '));
  const refs = [];
  const re = /url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/gi;
  for (const m of noComments.matchAll(re)) {
    const url = m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5] ?? '';
    if (url === '' || url.startsWith('#')) continue; // SVG filter/mask references
    const line = noComments.slice(0, m.index).split('\n').length;
    refs.push({ url, line });
  }
  return refs;
}
