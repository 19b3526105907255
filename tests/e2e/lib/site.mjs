// Facts about a built site on disk: its files and the pages the browser checks visit.

import fs from 'node:fs';
import path from 'node:path';

/** Every file under `root`, as sorted POSIX paths relative to it. */
export function listFiles(root) {
  const out = [];
  const walk = (dir, rel) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const abs = path.join(dir, entry.name);
      const r = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(abs, r);
      else if (entry.isFile()) out.push(r);
    }
  };
  walk(root, '');
  return out.sort();
}

export const isHtml = (rel) => /\.html?$/i.test(rel);

/**
 * The pages the browser checks load, keyed by a short name used in check names and
 * screenshot files. A page that the site lacks is reported with `missing` set.
 */
export function keyPages(root) {
  const exists = (rel) => fs.existsSync(path.join(root, rel));
  const themesDir = path.join(root, 'themes');
  const themes = fs.existsSync(themesDir)
    ? fs
        .readdirSync(themesDir, { withFileTypes: true })
        .filter((d) => d.isDirectory() && exists(`themes/${d.name}/index.html`))
        .map((d) => d.name)
        .sort()
    : [];
  const pages = [
    { name: 'home', rel: 'index.html' },
    { name: 'theme', rel: themes.length ? `themes/${themes[0]}/index.html` : 'themes/<slug>/index.html', theme: true },
    { name: 'timeline', rel: 'timeline/index.html' },
    { name: 'terms', rel: 'terms/index.html' },
  ];
  for (const p of pages) p.missing = !exists(p.rel);
  return pages;
}
