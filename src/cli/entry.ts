/**
 * The process entry point bundled into dist/hashpivot.js: runs main() with the real
 * process's streams and sets the exit code (never calls process.exit mid-write).
 */
import { main } from './main.js';
import { nodeIo } from './node-io.js';

process.exitCode = await main(process.argv.slice(2), nodeIo());
