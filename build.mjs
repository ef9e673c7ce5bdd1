// Bundles the CLI into dist/ for a fast cold start: one file for the common path,
// with the table renderer (chalk, cli-table3) split out and loaded only when needed.
// `sweep-worker` is the worker-thread entry of `hashpivot sweep`; the command finds it at
// run time as dist/sweep-worker.js, next to the chunk that starts it.
import { rmSync } from 'node:fs';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });

await build({
  entryPoints: { hashpivot: 'src/cli/entry.ts', 'sweep-worker': 'src/cli/sweep-worker.ts' },
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  outdir: 'dist',
  minify: process.env.HP_NO_MINIFY !== "1",
  legalComments: 'none',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  logLevel: 'warning',
});
