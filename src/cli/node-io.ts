/**
 * The real process's CliIo.
 */
import type { CliIo } from './io.js';

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

/**
 * The TTY flags are getters: Node creates process.stdout and process.stderr on first use,
 * and for a terminal or a pipe that loads node:tty and node:net (~5 ms cold). A run that
 * prints nothing on stderr never creates it.
 */
export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin,
    get stdoutIsTTY() {
      return process.stdout.isTTY === true;
    },
    get stderrIsTTY() {
      return process.stderr.isTTY === true;
    },
    env: process.env,
    cwd: process.cwd(),
  };
}
