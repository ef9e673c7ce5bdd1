/**
 * What the CLI bundle (dist/hashpivot-bundle.cjs) exports to its launcher
 * (dist/hashpivot.cjs): the one error boundary and the real process's I/O.
 */
export { main } from './main.js';
export { nodeIo } from './node-io.js';
