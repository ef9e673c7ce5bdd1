// Cold start: wall time of `hashpivot run fixtures/plans/reference.yaml --format json` as a
// new process, beside `node -e 0` on the same machine (the floor). Median of N runs each,
// interleaved so machine load affects both alike. Needs the built CLI (npm run build).
import { spawnSync } from 'node:child_process';

const RUNS = Number(process.env.BENCH_RUNS ?? 15);
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
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const floor = median(times['node -e 0']);
for (const [name, xs] of Object.entries(times)) {
  const m = median(xs);
  console.log(`${name.padEnd(40)} median ${m.toFixed(1)} ms  (min ${Math.min(...xs).toFixed(1)}, ${(m / floor).toFixed(2)}x the floor)`);
}
