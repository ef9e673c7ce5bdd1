/**
 * Exit codes and refusals that have no fixture file: plans over 10 MB (a file, and on
 * standard input), usage errors, and an internal error (exit 70, "please report" first).
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { MAX_PLAN_BYTES } from '../../src/io/read-source.js';
import { captureIo, runCli } from '../helpers.js';

describe('exit codes', () => {
  it('refuses a plan file over 10 MB before reading it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hp-big-'));
    const path = join(dir, 'big.yaml');
    // 10 MB = 10 * 1024 * 1024 bytes; one byte more is refused
    writeFileSync(path, Buffer.alloc(MAX_PLAN_BYTES + 1, 0x20));
    const run = await runCli(['validate', path]);
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain(`${path}: error[file-too-large]: ${path} is 10485761 bytes; plans are limited to 10485760 bytes (10 MB)`);
  });

  it('refuses standard input over 10 MB', async () => {
    const run = await runCli(['validate', '-'], { stdin: new Uint8Array(MAX_PLAN_BYTES + 1).fill(0x20) });
    expect(run.exit).toBe(2);
    expect(run.stderr).toContain('<stdin>: error[file-too-large]');
  });

  it('exits 2 for an unknown command or a missing argument, with the usage on stderr', async () => {
    const unknown = await runCli(['frobnicate']);
    expect(unknown.exit).toBe(2);
    expect(unknown.stderr).toContain("unknown command 'frobnicate'");
    const missing = await runCli(['validate']);
    expect(missing.exit).toBe(2);
    expect(missing.stdout).toBe('');
  });

  it('lists every command in --help and `help`, and suggests one for a misspelt name', async () => {
    // the program defines only the named subcommand when argv starts with one (program.ts)
    const commands = ['run', 'check', 'compare', 'diff', 'sweep', 'validate', 'schema', 'explain', 'init'];
    for (const argv of [['--help'], ['help']]) {
      const help = await runCli(argv);
      for (const name of commands) expect(help.stdout).toMatch(new RegExp(`^  ${name}\\b`, 'm'));
    }
    const misspelt = await runCli(['rnu']);
    expect(misspelt.stderr).toContain('(Did you mean run?)');
    const runHelp = await runCli(['run', '--help']);
    expect(runHelp.exit).toBe(0);
    expect(runHelp.stdout).toContain('Usage: hashpivot run [options] <plan>');
  });

  it('exits 0 for --help and --version', async () => {
    expect((await runCli(['--help'])).exit).toBe(0);
    const version = await runCli(['--version']);
    expect(version.exit).toBe(0);
    expect(version.stdout).toBe('0.1.0\n');
  });

  it('exits 70 on an internal error: a "please report" line first, then the stack trace', async () => {
    const { io, out } = captureIo();
    // a broken stdout stands in for a bug: nothing in hashpivot expects it to throw
    const broken = { ...io, stdout: () => { throw new Error('boom'); } };
    const exit = await main(['run', 'fixtures/plans/reference.yaml', '--format', 'csv'], broken);
    expect(exit).toBe(70);
    const lines = out.stderr.split('\n');
    expect(lines[0]).toBe('hashpivot: internal error: boom');
    expect(lines[1]).toMatch(/^This is a bug in hashpivot, not in your plan\. Please report it/);
    expect(lines[2]).toMatch(/^Error: boom/);
  });
});
