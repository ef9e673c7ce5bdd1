// Builds dist/ for a fast cold start:
// - dist/hashpivot-bundle.cjs: the whole CLI in one CommonJS bundle (esbuild); renderers
//   are still initialised only when a format needs them.
// - dist/hashpivot.cjs: the launcher (scripts/launcher.cjs), which evaluates the bundle with
//   V8's code cache.
// - dist/hashpivot-bundle.cjs.cache: that code cache, made after running typical commands
//   in-process (skipped when the fixtures are not there).
// - dist/sweep-worker.js: the worker-thread entry of `hashpivot sweep`, found next to the
//   bundle at run time.
import { copyFileSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { build } from 'esbuild';

rmSync('dist', { recursive: true, force: true });
const minify = process.env.HP_NO_MINIFY !== '1';
// commander requires node:child_process at load (~5 ms here) for executable subcommands,
// which hashpivot has none of: load it on first use instead. The build fails if commander
// changes that line, so the patch can't silently stop applying.
const COMMANDER_CHILD_PROCESS = "const childProcess = require('node:child_process');";
const lazyChildProcess = {
  name: 'lazy-child-process',
  setup(b) {
    b.onLoad({ filter: /commander[\\/]lib[\\/]command\.js$/ }, (args) => {
      const source = readFileSync(args.path, 'utf8');
      if (!source.includes(COMMANDER_CHILD_PROCESS)) throw new Error(`${args.path}: expected \`${COMMANDER_CHILD_PROCESS}\``);
      const lazy = "const childProcess = { spawn: (...a) => require('node:child_process').spawn(...a) };";
      return { contents: source.replace(COMMANDER_CHILD_PROCESS, lazy), loader: 'js' };
    });
  },
};
const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  minify,
  legalComments: 'none',
  logLevel: 'warning',
  plugins: [lazyChildProcess],
};

await build({
  ...common,
  entryPoints: ['src/cli/entry.ts'],
  format: 'cjs',
  outfile: 'dist/hashpivot-bundle.cjs',
  define: { 'import.meta.url': '__hashpivotModuleUrl' },
  // the bundle runs in a vm.Script, which has no dynamic import(): lazy imports become require()
  supported: { 'dynamic-import': false },
  banner: { js: "var __hashpivotModuleUrl = require('node:url').pathToFileURL(__filename).href;" },
});
await build({
  ...common,
  entryPoints: { 'sweep-worker': 'src/cli/sweep-worker.ts' },
  format: 'esm',
  outdir: 'dist',
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
});
copyFileSync(new URL('./scripts/launcher.cjs', import.meta.url), 'dist/hashpivot.cjs');

// Train the code cache: run commands users run most, output discarded, then save what V8
// compiled. Build-time only; nothing is written at run time.
const TRAINING_PLAN = 'fixtures/plans/reference.yaml';
if (existsSync(TRAINING_PLAN)) {
  const { loadBundle, CODE_CACHE } = createRequire(import.meta.url)(resolve('dist/hashpivot.cjs'));
  const { api, script } = loadBundle();
  const io = {
    ...api.nodeIo(),
    stdout: () => undefined,
    stderr: () => undefined,
    stdoutIsTTY: false,
    stderrIsTTY: false,
    readStdin: async () => new Uint8Array(readFileSync(TRAINING_PLAN)),
  };
  for (const argv of [
    ['validate', TRAINING_PLAN],
    ['run', TRAINING_PLAN, '--format', 'json'],
    ['run', TRAINING_PLAN, '--format', 'csv', '--period', 'quarter'],
    ['run', TRAINING_PLAN, '--format', 'md'],
    ['run', '-'],
    ['check', TRAINING_PLAN],
  ]) {
    await api.main(argv, io);
  }
  writeFileSync(CODE_CACHE, script.createCachedData());
}
