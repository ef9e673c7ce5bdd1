/**
 * Worker-thread entry of `hashpivot sweep` (bundled as dist/sweep-worker.js): evaluates
 * one contiguous chunk of points and posts `{kind: 'progress', done}` messages (when asked)
 * and then one {@link ChunkOutcome}. An exception surfaces as the worker's `error` event
 * in the parent, which turns it into an internal error.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { evaluateChunk, type ChunkJob } from './sweep-chunk.js';

const port = parentPort;
if (port === null) throw new Error('sweep-worker.js runs as a worker thread of hashpivot sweep');
const job = workerData as ChunkJob;
const outcome = evaluateChunk(job, job.progress ? (done) => port.postMessage({ kind: 'progress', done }) : undefined);
port.postMessage(outcome);
