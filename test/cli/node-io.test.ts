/**
 * The real process's output path (src/cli/node-io.ts): every byte in order through partial
 * writes and a full pipe, and a quiet stop when the reader goes away (through a real pipe:
 * built-cli.test.ts). And the one-simulation policy (simulate-once.ts): the optimizer off
 * for small plans only, never changing a result.
 */
import { describe, expect, it } from 'vitest';
import { fdWriter, withoutOptimizer } from '../../src/cli/node-io.js';
import { SHORT_SIMULATION_SIZE, simulateOnce, simulationSize } from '../../src/cli/simulate-once.js';
import { simulate } from '../../src/core/simulate.js';
import { captureIo, loadFixture } from '../helpers.js';

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

describe('withoutOptimizer', () => {
  it("returns the work's result and passes its errors on", () => {
    expect(withoutOptimizer(() => 6 * 7)).toBe(42);
    expect(() =>
      withoutOptimizer(() => {
        throw new Error('boom');
      }),
    ).toThrow('boom');
    // and it can be entered again afterwards
    expect(withoutOptimizer(() => 'again')).toBe('again');
  });
});

describe('simulateOnce', () => {
  const hosted = () => {
    const calls: string[] = [];
    const io = {
      ...captureIo().io,
      withoutOptimizer: <T>(work: () => T): T => {
        calls.push('without optimizer');
        return work();
      },
    };
    return { io, calls };
  };

  it('simulates a small plan with the optimizer off, with the same result', () => {
    const plan = loadFixture('reference');
    // 36 months x (2 sites + 3 batches + 2 contracts) = 252 month-entities
    expect(simulationSize(plan)).toBe(252);
    const { io, calls } = hosted();
    const simulation = simulateOnce(plan, io);
    expect(calls).toEqual(['without optimizer']);
    expect(simulation).toEqual(simulate(plan));
  });

  it('leaves the optimizer on for a plan too large to gain', () => {
    const plan = { ...loadFixture('reference'), months: 150 };
    // 150 x 7 = 1,050 > SHORT_SIMULATION_SIZE
    expect(simulationSize(plan)).toBe(1050);
    expect(simulationSize(plan)).toBeGreaterThan(SHORT_SIMULATION_SIZE);
    const { io, calls } = hosted();
    simulateOnce(plan, io);
    expect(calls).toEqual([]);
  });

  it('simulates as usual where the host cannot turn the optimizer off', () => {
    const plan = loadFixture('reference');
    expect(simulateOnce(plan, captureIo().io)).toEqual(simulate(plan));
  });
});
