// Step validate-html: the Nu HTML Checker (vnu.jar from the vnu-jar package, run on the
// system's Java) over every .html file of the site; one check per file, zero errors allowed.

import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fail } from './harness.mjs';

const require = createRequire(import.meta.url);

export async function validateHtml(h, root, htmlFiles) {
  if (htmlFiles.length === 0) {
    await h.check('validate-html: the site has HTML files', () => fail(`no .html file under ${root}`));
    return;
  }
  const jar = String(require('vnu-jar'));
  const java = process.env.JAVA || 'java';
  // One JVM for the whole site: vnu walks the directory itself. JSON on stdout is parsed
  // below; --errors-only drops warnings and info messages.
  const run = spawnSync(
    java,
    ['-Xss1m', '-jar', jar, '--errors-only', '--skip-non-html', '--format', 'json', '--stdout', root],
    { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 },
  );
  let report;
  await h.check('validate-html: run the Nu HTML Checker', () => {
    if (run.error) fail(`could not start ${java} -jar ${jar}: ${run.error.message}`);
    try {
      report = JSON.parse(run.stdout);
    } catch {
      fail([
        `vnu exited with status ${run.status} and no JSON report`,
        `stdout: ${run.stdout.slice(0, 2000)}`,
        `stderr: ${run.stderr.slice(0, 2000)}`,
      ]);
    }
    return `vnu ${report.version}, exit ${run.status}`;
  });
  if (!report) return;

  const byFile = new Map(htmlFiles.map((f) => [f, []]));
  const other = [];
  for (const m of report.messages || []) {
    if (m.type === 'info') continue;
    const rel = m.url ? path.relative(root, fileURLToPath(m.url)).split(path.sep).join('/') : null;
    const where = `${rel ?? '(no file)'}:${m.lastLine ?? m.firstLine ?? '?'}:${m.firstColumn ?? m.lastColumn ?? '?'}`;
    const line = `${where}: ${m.type}${m.subType ? `/${m.subType}` : ''}: ${m.message}${
      m.extract ? `\n    near: ${JSON.stringify(m.extract.replace(/\s+/g, ' ').trim())}` : ''
    }`;
    if (rel && byFile.has(rel)) byFile.get(rel).push(line);
    else other.push(line);
  }
  for (const [rel, errors] of byFile) {
    await h.check(`validate-html: ${rel}`, () => {
      if (errors.length) fail([`${errors.length} error(s) from the Nu HTML Checker:`, ...errors]);
    });
  }
  if (other.length) {
    await h.check('validate-html: messages about no listed file', () => fail(other));
  }
}
