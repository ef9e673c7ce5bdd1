/**
 * Writing results: atomically (a temporary file in the same directory, then rename), never
 * over a plan that was read as input, and never over an existing file unless the caller
 * allows it. A failed write leaves any existing file untouched.
 */
import { randomBytes } from 'node:crypto';
import { link, open, realpath, rename, stat, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { OutputError } from './output-error.js';


async function realOrResolved(path: string): Promise<string> {
  try {
    return await realpath(path);
  } catch {
    return resolve(path);
  }
}

export interface WriteOptions {
  /** input files that must never be overwritten */
  readonly inputs?: readonly string[];
  /** refuse when the file exists (for `init`) */
  readonly noClobber?: boolean;
}

/** Writes `text` to `path` atomically. Throws OutputError (a usage error) on refusal. */
export async function writeOutputAtomic(path: string, text: string, options: WriteOptions = {}): Promise<void> {
  const target = await realOrResolved(path);
  for (const input of options.inputs ?? []) {
    if (input === '-') continue;
    if ((await realOrResolved(input)) === target) {
      throw new OutputError(`refusing to overwrite the input plan ${input}`, 'choose another --output file');
    }
  }
  let exists = false;
  try {
    const info = await stat(path);
    exists = true;
    if (info.isDirectory()) throw new OutputError(`${path} is a directory`, 'give a file name, e.g. results.json');
  } catch (e) {
    if (e instanceof OutputError) throw e;
  }
  if (exists && options.noClobber) {
    throw new OutputError(`${path} already exists; refusing to overwrite it`, 'choose another file name or remove the file first');
  }
  const dir = dirname(resolve(path));
  const temp = join(dir, `.${basename(path)}.tmp-${randomBytes(6).toString('hex')}`);
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    if (options.noClobber) {
      // link() fails with EEXIST if the name was taken meanwhile: atomic, never replaces a file
      try {
        await link(temp, path);
      } catch (e) {
        if ((e as NodeJS.ErrnoException).code === 'EEXIST') {
          throw new OutputError(`${path} already exists; refusing to overwrite it`, 'choose another file name or remove the file first');
        }
        throw e;
      }
      await unlink(temp);
    } else await rename(temp, path);
  } catch (e) {
    await unlink(temp).catch(() => undefined);
    if (e instanceof OutputError) throw e;
    const code = (e as NodeJS.ErrnoException).code ?? 'error';
    throw new OutputError(`cannot write ${path}: ${code}`, 'check that the directory exists and is writable');
  }
}

