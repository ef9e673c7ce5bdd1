// Cold start: wall time of `hashpivot run fixtures/plans/reference.yaml --format json` as a
// new process, beside `node -e 0` on the same machine (the floor). N runs each (default 31),
// interleaved so machine load affects both alike; reported as the median and the
// interquartile mean (the mean of the middle half), which a shared VM's outliers move less.
// Needs the built CLI (npm run build).
import { spawnSync } from 'node:child_process';

const RUNS = Number(process.env.BENCH_RUNS ?? 31);
const node = process.execPath;
const cases = {
  'node -e 0': [node, ['-e', '0']],
  'hashpivot run reference --format json': [node, ['bin/hashpivot.js', 'run', 'fixtures/plans/reference.yaml', '--format', 'json']],
};
const times = Object.fromEntries(Object.keys(cases).map((k) => [k, []]));
for (let i = 0; i < RUNS; i++) {
  for (const [name, [cmd, args]] of Object.entries(cases)) {
    const t = process.hrtime.bigint();
    const r = spawnSync(cmd, args, { stdio: ['ignore', 'ignore', 'inherit'] });
    if (r.status !== 0) throw new Error(`${name} exited ${r.status}`);
    times[name].push(Number(process.hrtime.bigint() - t) / 1e6);
  }
}
const sorted = (xs) => [...xs].sort((a, b) => a - b);
const median = (xs) => sorted(xs)[Math.floor(xs.length / 2)];
const iqm = (xs) => {
  const middle = sorted(xs).slice(Math.floor(xs.length / 4), Math.ceil((xs.length * 3) / 4));
  return middle.reduce((a, b) => a + b, 0) / middle.length;
};
const floor = times['node -e 0'];
for (const [name, xs] of Object.entries(times)) {
  console.log(
    `${name.padEnd(40)} median ${median(xs).toFixed(1)} ms (${(median(xs) / median(floor)).toFixed(2)}x the floor), ` +
      `interquartile mean ${iqm(xs).toFixed(1)} ms (${(iqm(xs) / iqm(floor)).toFixed(2)}x), min ${Math.min(...xs).toFixed(1)}`,
  );
}
