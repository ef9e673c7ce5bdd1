/**
 * The built CLI as a real process: `hashpivot sweep` where the worker threads really run
 * (dist/sweep-worker.js), whose output must be byte-identical at any --jobs; and output
 * through a real pipe (src/cli/node-io.ts writes fds 1 and 2 directly).
 *
 * The bundle is built afresh with the project's own build.mjs into a temporary directory
 * (its `src` and `node_modules` are links to this checkout's), so the test never depends
 * on, nor disturbs, a possibly stale dist/ in the checkout.
 *
 * And the code cache that build trains: V8 must accept it in a new process. It checks the
 * cache against V8's flags, which `run` changes while it simulates (simulate-once.ts) and
 * puts back; a rejected cache is silent, only slower.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const ROOT = process.cwd();
const REF = 'fixtures/plans/reference.yaml';
/** The reference plan cut to 6 months, without its checks: cheap points. */
const SHORT_PLAN = ((text) => text.slice(0, text.indexOf('\nchecks:') + 1))(readFileSync(REF, 'utf8').replace(/^months: 36\b/m, 'months: 6'));

let dir = '';

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hashpivot-sweep-build-'));
  symlinkSync(resolve(ROOT, 'src'), join(dir, 'src'), 'dir');
  symlinkSync(resolve(ROOT, 'node_modules'), join(dir, 'node_modules'), 'dir');
  // with the fixtures, build.mjs trains the code cache on the reference plan, as in a checkout
  symlinkSync(resolve(ROOT, 'fixtures'), join(dir, 'fixtures'), 'dir');
  const build = spawnSync(process.execPath, [resolve(ROOT, 'build.mjs')], { cwd: dir, encoding: 'utf8' });
  if (build.status !== 0) throw new Error(`build failed: ${build.stderr}`);
  if (!existsSync(join(dir, 'dist', 'sweep-worker.js'))) throw new Error('build.mjs made no dist/sweep-worker.js entry');
}, 120_000);

afterAll(() => {
  if (dir !== '') rmSync(dir, { recursive: true, force: true });
});

function sweep(args: readonly string[], stdin: string): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [join(dir, 'dist', 'hashpivot.cjs'), 'sweep', ...args], {
    cwd: ROOT,
    input: stdin,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('hashpivot sweep with worker threads (built CLI)', () => {
  const grid = ['-', '--vary', 'market.btc_price_usd.start=40000:110000:10000', '--vary', 'market.network_hashrate_ehs.growth_pct_per_year=0:35:5'];

  it('gives byte-identical output at --jobs 1, 2 and 3 (64 points: the smallest grid that uses workers)', () => {
    for (const format of ['csv', 'json']) {
      const one = sweep([...grid, '--metric', 'cash_usd:min', '--format', format, '--jobs', '1'], SHORT_PLAN);
      expect(one.status, one.stderr).toBe(0);
      expect(one.stderr).toBe('');
      for (const jobs of format === 'csv' ? ['2', '3'] : ['2']) {
        const many = sweep([...grid, '--metric', 'cash_usd:min', '--format', format, '--jobs', jobs], SHORT_PLAN);
        expect(many.status, many.stderr).toBe(0);
        expect(many.stdout).toBe(one.stdout);
      }
      if (format === 'csv') expect(one.stdout.split('\r\n')).toHaveLength(1 + 64 + 1);
    }
  }, 120_000);

  it('reports the same, lowest-index invalid point at any --jobs', () => {
    const args = ['-', '--vary', 'treasury.policy.sell_production_pct=0:200:1', '--metric', 'btc_held'];
    const one = sweep([...args, '--jobs', '1'], SHORT_PLAN);
    const three = sweep([...args, '--jobs', '3'], SHORT_PLAN);
    expect(one.status).toBe(2);
    expect(one.stderr).toContain('sweep point treasury.policy.sell_production_pct=101 gives an invalid plan');
    expect(three.status).toBe(2);
    expect(three.stderr).toBe(one.stderr);
    expect(three.stdout).toBe('');
  }, 120_000);
});

describe('output through a pipe (built CLI)', () => {
  it('writes a result larger than a pipe buffer whole, and exits 0 when the reader stops early', () => {
    const cli = join(dir, 'dist', 'hashpivot.cjs');
    const args = [cli, 'run', REF, '--format', 'json', '--by', 'batch'];
    const whole = spawnSync(process.execPath, args, { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 26 });
    expect(whole.status, whole.stderr).toBe(0);
    // nothing on stderr: not even V8's line for a flag it does not know (run sets flags: simulate-once.ts)
    expect(whole.stderr).toBe('');
    // 64 KiB is the usual pipe buffer: the document must be larger for this to test anything
    expect(whole.stdout.length).toBeGreaterThan(65536);
    expect(() => JSON.parse(whole.stdout)).not.toThrow();
    // the reader takes 100 bytes and leaves: no stack trace, exit 0 (bash's PIPESTATUS)
    const line = `"${process.execPath}" ${args.map((a) => `"${a}"`).join(' ')} | head -c 100 >/dev/null; echo "exit=\${PIPESTATUS[0]}"`;
    const cut = spawnSync('bash', ['-c', line], { cwd: ROOT, encoding: 'utf8' });
    expect(cut.stderr).toBe('');
    expect(cut.stdout).toBe('exit=0\n');
  }, 60_000);
});

describe('a broken installation (built launcher without its bundle)', () => {
  it('exits 70 with an internal-error line, not a bare unhandled rejection', () => {
    const broken = mkdtempSync(join(tmpdir(), 'hashpivot-broken-'));
    try {
      mkdirSync(join(broken, 'dist'));
      copyFileSync(join(dir, 'dist', 'hashpivot.cjs'), join(broken, 'dist', 'hashpivot.cjs'));
      const r = spawnSync(process.execPath, [join(broken, 'dist', 'hashpivot.cjs'), '--version'], { encoding: 'utf8' });
      expect(r.status).toBe(70);
      expect(r.stderr.split('\n')[0]).toMatch(/^hashpivot: internal error: cannot load the CLI bundle: ENOENT/);
    } finally {
      rmSync(broken, { recursive: true, force: true });
    }
  });
});

describe('the code cache made at build time', () => {
  it('is accepted by V8 in a new process', () => {
    const launcher = JSON.stringify(join(dir, 'dist', 'hashpivot.cjs'));
    const r = spawnSync(process.execPath, ['-e', `const { script } = require(${launcher}).loadBundle(); process.stdout.write(String(script.cachedDataRejected))`], {
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(existsSync(join(dir, 'dist', 'hashpivot-bundle.cjs.cache'))).toBe(true);
    expect(r.stdout).toBe('false');
  });
});
