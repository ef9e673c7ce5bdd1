/**
 * Reads a plan's bytes from a path or standard input and decodes them as UTF-8.
 * Refused, each as a diagnostic (never an exception): a missing path, a directory, more
 * than MAX_PLAN_BYTES (checked before reading a file; stdin is read up to the limit),
 * invalid UTF-8 and NUL bytes (refused, never repaired).
 * A file is read synchronously: one small read per command, and it spares a cold start
 * loading node:fs/promises and starting libuv's thread pool.
 */
import { readFileSync, statSync } from 'node:fs';
import { error, type Diagnostic } from './diagnostic.js';

export const MAX_PLAN_BYTES = 10 * 1024 * 1024;
export const STDIN_NAME = '<stdin>';

export type SourceText =
  | { readonly ok: true; readonly file: string; readonly text: string; readonly bytes: Uint8Array }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

/** Reads `path` (`-` = standard input, read through `readStdin`). */
export async function readSource(path: string, readStdin: (limit: number) => Promise<Uint8Array>): Promise<SourceText> {
  if (path === '-') {
    const bytes = await readStdin(MAX_PLAN_BYTES + 1);
    return decodeSource(STDIN_NAME, bytes);
  }
  let info;
  try {
    info = statSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') {
      return fail(error('file-not-found', `no such file: ${path}`, path, undefined, 'check the path; `-` reads the plan from standard input'));
    }
    return fail(error('file-unreadable', `cannot read ${path}: ${code ?? 'unknown error'}`, path, undefined, 'check the file permissions'));
  }
  if (info.isDirectory()) {
    return fail(error('not-a-file', `${path} is a directory, not a plan file`, path, undefined, 'name a .yaml file inside it'));
  }
  if (!info.isFile()) {
    return fail(error('not-a-file', `${path} is not a regular file`, path, undefined, 'to read from a pipe use `-`'));
  }
  if (info.size > MAX_PLAN_BYTES) {
    return fail(tooLarge(path, info.size));
  }
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return fail(error('file-unreadable', `cannot read ${path}: ${code ?? 'unknown error'}`, path, undefined, 'check the file permissions'));
  }
  return decodeSource(path, bytes);
}

/** Checks size, NUL bytes and UTF-8; strips a leading byte-order mark. */
export function decodeSource(file: string, bytes: Uint8Array): SourceText {
  if (bytes.length > MAX_PLAN_BYTES) return fail(tooLarge(file, bytes.length));
  const nul = bytes.indexOf(0);
  if (nul >= 0) {
    return fail(
      error('binary-file', `${file} contains a NUL byte at byte ${nul}: it is not a text file`, file, undefined, 'a plan is a UTF-8 YAML text file'),
    );
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(bytes);
  } catch {
    const at = firstInvalidUtf8(bytes);
    return fail(
      error('invalid-utf8', `${file} is not valid UTF-8 (first bad byte at offset ${at})`, file, undefined, 'save the file as UTF-8; it is refused, never repaired'),
    );
  }
  return { ok: true, file, text, bytes };
}

function tooLarge(file: string, size: number): Diagnostic {
  return error(
    'file-too-large',
    `${file} is ${size} bytes; plans are limited to ${MAX_PLAN_BYTES} bytes (10 MB)`,
    file,
    undefined,
    'a plan is a few kilobytes; check that this is the right file',
  );
}

function fail(diagnostic: Diagnostic): SourceText {
  return { ok: false, diagnostic };
}

/** Offset of the first byte that starts an invalid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    const need = b < 0x80 ? 0 : b >= 0xc2 && b < 0xe0 ? 1 : b >= 0xe0 && b < 0xf0 ? 2 : b >= 0xf0 && b < 0xf5 ? 3 : -1;
    if (need < 0) return i;
    for (let j = 1; j <= need; j++) {
      const c = bytes[i + j];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return i;
}
