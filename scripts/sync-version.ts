/**
 * `npm version` runs this after bumping package.json: it writes the new version into
 * src/version.ts, which the package reads instead of importing package.json.
 */
import { readFile, writeFile } from 'node:fs/promises';

const root = new URL('..', import.meta.url);
const { version } = JSON.parse(await readFile(new URL('package.json', root), 'utf8')) as {
  version: string;
};
const file = new URL('src/version.ts', root);
const source = await readFile(file, 'utf8');
const updated = source.replace(/VERSION = '[^']*'/, `VERSION = '${version}'`);
if (updated === source && !source.includes(`'${version}'`)) {
  throw new Error('src/version.ts has no VERSION constant to update');
}
await writeFile(file, updated);
