// `npm run bench`: bundles the engine benchmark with the sources (esbuild) and runs it, then
// times the built CLI's cold start and, when present, the sweep benchmark.
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { build } from 'esbuild';

mkdirSync('.bench-build', { recursive: true });
await build({
  entryPoints: ['bench/engine-bench.mjs'],
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outfile: '.bench-build/engine-bench.mjs',
  packages: 'external',
  logLevel: 'warning',
});
const run = (file) => execFileSync(process.execPath, ['--max-old-space-size=4096', file], { stdio: 'inherit' });
console.log('## simulate()');
run('.bench-build/engine-bench.mjs');
console.log('\n## cold start of the built CLI');
run('bench/cold-start.mjs');
if (existsSync('bench/sweep-bench.mjs')) {
  console.log('\n## sweep');
  run('bench/sweep-bench.mjs');
}
