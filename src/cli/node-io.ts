/**
 * The real process's CliIo.
 *
 * Output goes straight to file descriptors 1 and 2 with fs.writeSync, not through
 * process.stdout / process.stderr: Node builds those streams on first use, which loads
 * its stream machinery (and node:net for a pipe), several ms of every cold start. Writes
 * are synchronous, so nothing is left to flush at exit. A full non-blocking pipe (EAGAIN)
 * is waited on; a reader that went away (EPIPE, `hashpivot ... | head`) ends the output
 * quietly, as it ends any Unix filter's.
 */
import { writeSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { CliIo } from './io.js';

const require = createRequire(import.meta.url);

async function readStdin(limit: number): Promise<Uint8Array> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of process.stdin) {
    const buf = chunk as Buffer;
    chunks.push(buf);
    total += buf.length;
    if (total >= limit) break;
  }
  return new Uint8Array(Buffer.concat(chunks));
}

/** A 1 ms pause, for a pipe that is full (no busy loop). */
function pause(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}

/** A writer for one descriptor: every byte in order, or nothing more once the reader is gone. */
export function fdWriter(fd: number, write: typeof writeSync = writeSync): (text: string) => void {
  let readerGone = false;
  return (text) => {
    if (readerGone || text === '') return;
    const bytes = Buffer.from(text, 'utf8');
    let offset = 0;
    while (offset < bytes.length) {
      try {
        offset += write(fd, bytes, offset, bytes.length - offset);
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if (code === 'EAGAIN') {
          pause();
          continue;
        }
        if (code === 'EPIPE') {
          readerGone = true;
          return;
        }
        throw e;
      }
    }
  };
}

/** isatty without building the stream (node:tty is loaded only when a command asks). */
function isTTY(fd: number): boolean {
  return (require('node:tty') as typeof import('node:tty')).isatty(fd);
}

export function nodeIo(): CliIo {
  return {
    stdout: fdWriter(1),
    stderr: fdWriter(2),
    readStdin,
    get stdoutIsTTY() {
      return isTTY(1);
    },
    get stderrIsTTY() {
      return isTTY(2);
    },
    env: process.env,
    cwd: process.cwd(),
    withoutOptimizer,
  };
}

/**
 * Runs `work` with V8's optimizing compiler (TurboFan) off, then turns it back on, which
 * also puts V8's flags back as they were, so built-in modules loaded later still use Node's
 * code cache (it is checked against the flags). Only the tier-up decisions change; what
 * the code computes does not.
 */
export function withoutOptimizer<T>(work: () => T): T {
  const v8 = require('node:v8') as typeof import('node:v8');
  v8.setFlagsFromString('--no-turbofan');
  try {
    return work();
  } finally {
    v8.setFlagsFromString('--turbofan');
  }
}
