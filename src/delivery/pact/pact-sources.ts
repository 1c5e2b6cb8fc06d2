import { readFile, readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { VccSimError } from '../../errors.js';
import { parsePact } from './pact-file.js';
import type { PactDocument } from './types.js';

/** A pact read from disk: its path, exact text and what it holds. */
export interface PactFile {
  path: string;
  text: string;
  document: PactDocument;
}

async function kind(path: string): Promise<'file' | 'directory'> {
  try {
    return (await stat(path)).isDirectory() ? 'directory' : 'file';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new VccSimError(
      'input',
      `Cannot read ${JSON.stringify(path)}: ${code === 'ENOENT' ? 'no such file or directory' : String(code ?? error)}`,
      { cause: error },
    );
  }
}

/** Every `.json` file a list of files and directories names, directories read one level deep. */
async function expandPactPaths(paths: readonly string[]): Promise<string[]> {
  const files: string[] = [];
  for (const path of paths) {
    if ((await kind(path)) === 'file') {
      files.push(path);
      continue;
    }
    const names = (await readdir(path)).filter((name) => name.endsWith('.json')).sort();
    for (const name of names) {
      const file = join(path, name);
      if ((await kind(file)) === 'file') files.push(file);
    }
  }
  return files;
}

/** Reads and parses pact files; a file that is not a pact is an `input` error naming it. */
export async function readPactFiles(paths: readonly string[]): Promise<PactFile[]> {
  const files = await expandPactPaths(paths);
  if (files.length === 0) {
    throw new VccSimError('input', `No pact files (*.json) found in ${paths.join(', ')}.`);
  }
  const pacts: PactFile[] = [];
  for (const path of files) {
    const text = await readFile(path, 'utf8');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (error) {
      throw new VccSimError('input', `${path} is not valid JSON (${(error as Error).message}).`, {
        cause: error,
      });
    }
    try {
      pacts.push({ path, text, document: parsePact(json, path) });
    } catch (error) {
      throw new VccSimError('input', (error as Error).message, { cause: error });
    }
  }
  return pacts;
}
