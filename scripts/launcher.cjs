// dist/hashpivot.cjs: starts the CLI bundle (dist/hashpivot-bundle.cjs) through V8's code
// cache (dist/hashpivot-bundle.cjs.cache, written by build.mjs after a training run), so a
// cold start skips parsing and compiling most of the code. When the cache is missing or
// was made by another V8, V8 rejects it and compiles as usual: same behaviour, slower start.
// CommonJS on purpose: an ES module entry costs Node's ESM loader (~9 ms per cold start here).
'use strict';
const { readFileSync } = require('node:fs');
const { createRequire } = require('node:module');
const { join } = require('node:path');
const { Script } = require('node:vm');

const BUNDLE = join(__dirname, 'hashpivot-bundle.cjs');
const CODE_CACHE = `${BUNDLE}.cache`;

/** Evaluates the bundle; `api` holds its exports (main, nodeIo), `script` can make a cache. */
function loadBundle() {
  const source = readFileSync(BUNDLE, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(CODE_CACHE);
  } catch {
    cachedData = undefined;
  }
  const wrapped = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapped, { filename: BUNDLE, cachedData });
  const bundle = { exports: {} };
  script.runInThisContext()(bundle.exports, createRequire(BUNDLE), bundle, BUNDLE, __dirname);
  return { api: bundle.exports, script };
}

/**
 * Runs the CLI on this process's arguments and sets the exit code (never process.exit).
 * main() is the error boundary; a bundle that can't even load (missing, corrupt) is an
 * internal error too: exit 70, as the README says.
 */
async function run() {
  try {
    const { api } = loadBundle();
    process.exitCode = await api.main(process.argv.slice(2), api.nodeIo());
  } catch (e) {
    const err = e instanceof Error ? e : new Error(String(e));
    process.stderr.write(
      `hashpivot: internal error: cannot load the CLI bundle: ${err.message}\n` +
        'The installation is broken, not your plan: reinstall (npm ci builds dist/), and please report it if that does not help.\n' +
        `${err.stack ?? ''}\n`,
    );
    process.exitCode = 70;
  }
}

module.exports = { BUNDLE, CODE_CACHE, loadBundle, run };

if (require.main === module) void run();
