// A very small test harness: named steps made of named checks, each check run at once and
// reported as it finishes, a timing per step, and a closing `N passed, M failed` line.

export class Harness {
  constructor() {
    this.passed = 0;
    this.failed = 0;
    this.failures = [];
    this.steps = [];
  }

  /** Runs `fn` as one step: a heading, its checks, and its time. */
  async step(name, fn) {
    console.log(`\n=== step: ${name} ===`);
    const started = performance.now();
    const before = { passed: this.passed, failed: this.failed };
    try {
      await fn();
    } catch (err) {
      // A step that throws outside a check (a crash of the harness code, a tool that would not
      // start) counts as one failed check, so it can never pass silently.
      this.record(`${name}: step crashed`, false, describe(err), 0);
    }
    const ms = performance.now() - started;
    this.steps.push({
      name,
      ms,
      passed: this.passed - before.passed,
      failed: this.failed - before.failed,
    });
    console.log(`--- step ${name}: ${this.passed - before.passed} passed, ${this.failed - before.failed} failed, ${fmtMs(ms)}`);
  }

  /** Runs one check. It fails when `fn` throws; the error's message says what and where. */
  async check(name, fn) {
    const started = performance.now();
    try {
      const note = await fn();
      this.record(name, true, typeof note === 'string' ? note : '', performance.now() - started);
    } catch (err) {
      this.record(name, false, describe(err), performance.now() - started);
    }
  }

  record(name, ok, detail, ms) {
    if (ok) {
      this.passed += 1;
      console.log(`PASS  ${name}${detail ? ` — ${detail}` : ''} (${fmtMs(ms)})`);
    } else {
      this.failed += 1;
      this.failures.push({ name, detail });
      console.log(`FAIL  ${name} (${fmtMs(ms)})`);
      console.log(indent(detail || '(no detail)', '      '));
    }
  }

  /** Prints the failures again, the step timings, and the closing summary line. */
  finish() {
    if (this.failures.length) {
      console.log('\n=== failures ===');
      for (const f of this.failures) {
        console.log(`FAIL  ${f.name}`);
        console.log(indent(f.detail || '(no detail)', '      '));
      }
    }
    console.log('\n=== timings ===');
    for (const s of this.steps) {
      console.log(`${s.name.padEnd(24)} ${fmtMs(s.ms).padStart(9)}  ${s.passed} passed, ${s.failed} failed`);
    }
    console.log(`\n${this.passed} passed, ${this.failed} failed`);
    return this.failed === 0 && this.passed > 0 ? 0 : 1;
  }
}

/** An error whose message is the whole report; thrown by checks to fail with a clear text. */
export class CheckFailure extends Error {}

export function fail(lines) {
  throw new CheckFailure(Array.isArray(lines) ? lines.join('\n') : String(lines));
}

function describe(err) {
  if (err instanceof CheckFailure) return err.message;
  return (err && err.stack) || String(err);
}

function indent(text, prefix) {
  return text
    .split('\n')
    .map((l) => prefix + l)
    .join('\n');
}

export function fmtMs(ms) {
  return ms >= 1000 ? `${(ms / 1000).toFixed(1)} s` : `${Math.round(ms)} ms`;
}
