// Sweep benchmark: `npm run build && node bench/sweep-bench.mjs [JOBS]`
// A 1,000-point sweep (40 BTC prices x 25 hashrate growth rates, metric cash_usd:min) of
// fixtures/plans/reference.yaml through the built CLI, once with --jobs 1 (in-process) and
// once with --jobs JOBS (default: every core Node may use), checking both print the same
// bytes. Prints the wall times and the speed-up, and first a calibration: the speed-up of
// the same pure-CPU loop on 1 and on JOBS threads, i.e. how many cores this machine really
// gives right now (a shared or busy machine gives fewer than it reports).
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { availableParallelism, cpus, loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';

const root = fileURLToPath(new URL('..', import.meta.url));
const cli = fileURLToPath(new URL('../bin/hashpivot.js', import.meta.url));
if (!existsSync(fileURLToPath(new URL('../dist/sweep-worker.js', import.meta.url)))) {
  console.error('dist/sweep-worker.js is missing: run `npm run build` first');
  process.exit(2);
}

const cores = availableParallelism();
const jobs = Number(process.argv[2] ?? cores);
const args = [
  cli,
  'sweep',
  'fixtures/plans/reference.yaml',
  '--vary', 'market.btc_price_usd.start=40000:137500:2500', // 40 values
  '--vary', 'market.network_hashrate_ehs.growth_pct_per_year=0:48:2', // 25 values
  '--metric', 'cash_usd:min',
  '--format', 'csv',
];

function timed(n) {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [...args, '--jobs', String(n)], { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  if (r.status !== 0) {
    console.error(r.stderr);
    process.exit(1);
  }
  return { seconds, stdout: r.stdout };
}

/** Wall ms of `threads` copies of a fixed CPU-bound loop run at once, in worker threads. */
async function spin(threads) {
  const code = 'let x = 0; for (let i = 0; i < 2e8; i++) x += i % 7; require("node:worker_threads").parentPort.postMessage(x);';
  const t0 = performance.now();
  await Promise.all(Array.from({ length: threads }, () => new Promise((done) => new Worker(code, { eval: true }).once('message', done))));
  return performance.now() - t0;
}

console.log(`node ${process.version}, ${cores} cores available (${cpus()[0]?.model ?? 'unknown cpu'}), load average ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
const spinOne = await spin(1);
const spinMany = await spin(jobs);
console.log(`calibration: ${jobs} CPU-bound threads did ${jobs}x the work of 1 in ${(spinMany / spinOne).toFixed(2)}x the time: ~${((jobs * spinOne) / spinMany).toFixed(2)} cores effectively available`);
const one = timed(1);
const points = one.stdout.split('\r\n').length - 2;
console.log(`--jobs 1: ${points} points in ${one.seconds.toFixed(2)} s (${((one.seconds / points) * 1000).toFixed(1)} ms/point)`);
const many = timed(jobs);
console.log(`--jobs ${jobs}: ${points} points in ${many.seconds.toFixed(2)} s (${((many.seconds / points) * 1000).toFixed(1)} ms/point)`);
console.log(`speed-up: ${(one.seconds / many.seconds).toFixed(2)}x on ${jobs} jobs; identical output: ${one.stdout === many.stdout ? 'yes' : 'NO'}`);
if (one.stdout !== many.stdout) process.exit(1);
