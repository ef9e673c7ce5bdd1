// dist/hashpivot.js: starts the CLI bundle (dist/hashpivot-bundle.cjs) through V8's code
// cache (dist/hashpivot-bundle.cjs.cache, written by build.mjs after a training run), so a
// cold start skips parsing and compiling most of the code. When the cache is missing or
// was made by another V8, V8 rejects it and compiles as usual: same behaviour, slower start.
import { readFileSync, realpathSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';

const here = fileURLToPath(import.meta.url);
const dir = dirname(here);
export const BUNDLE = join(dir, 'hashpivot-bundle.cjs');
export const CODE_CACHE = `${BUNDLE}.cache`;

/** Evaluates the bundle; `api` holds its exports (main, nodeIo), `script` can make a cache. */
export function loadBundle() {
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(CODE_CACHE);
  } catch {
    cachedData = undefined;
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: BUNDLE, cachedData });
  const module = { exports: {} };
  script.runInThisContext()(module.exports, createRequire(BUNDLE), module, BUNDLE, dir);
  return { api: module.exports, script };
}

/** Runs the CLI on this process's arguments and sets the exit code (never process.exit). */
export async function run() {
  const { api } = loadBundle();
  process.exitCode = await api.main(process.argv.slice(2), api.nodeIo());
}

let invokedDirectly = false;
try {
  invokedDirectly = process.argv[1] !== undefined && realpathSync(process.argv[1]) === realpathSync(here);
} catch {
  invokedDirectly = false;
}
if (invokedDirectly) await run();
