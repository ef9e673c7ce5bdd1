/**
 * The real process's output path (src/cli/node-io.ts): every byte in order through partial
 * writes and a full pipe, and a quiet stop when the reader goes away (through a real pipe:
 * built-cli.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { fdWriter } from '../../src/cli/node-io.js';

type Write = (fd: number, buffer: Uint8Array, offset: number, length: number) => number;

function errno(code: string): Error {
  return Object.assign(new Error(code), { code });
}

describe('fdWriter', () => {
  it('writes every byte in order through partial writes and EAGAIN', () => {
    const got: number[] = [];
    let call = 0;
    // at most 3 bytes a call, and every third call the pipe is full
    const write: Write = (_fd, buffer, offset, length) => {
      call++;
      if (call % 3 === 0) throw errno('EAGAIN');
      const n = Math.min(3, length);
      got.push(...buffer.subarray(offset, offset + n));
      return n;
    };
    const out = fdWriter(1, write as never);
    out('héllo, ');
    out('wörld\n');
    expect(Buffer.from(got).toString('utf8')).toBe('héllo, wörld\n');
  });

  it('stops quietly once the reader is gone (EPIPE), and rethrows anything else', () => {
    let calls = 0;
    const gone = fdWriter(1, (() => {
      calls++;
      throw errno('EPIPE');
    }) as never);
    gone('a');
    gone('b');
    expect(calls).toBe(1);
    const broken = fdWriter(1, (() => {
      throw errno('EBADF');
    }) as never);
    expect(() => broken('a')).toThrow('EBADF');
  });
});
