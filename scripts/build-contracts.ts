/**
 * Writes `contracts/` from the event catalogue (`npm run contracts`): a JSON Schema per event type
 * and `asyncapi.yaml`. The files are committed so other tools can use them without vcc-sim; a test
 * fails when they drift from the catalogue.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ASYNCAPI_FILE, asyncApiText } from '../src/contract/asyncapi-document.js';
import { contractDocuments, contractFileText } from '../src/contract/schema-documents.js';

const directory = fileURLToPath(new URL('../contracts/', import.meta.url));
await mkdir(directory, { recursive: true });
const documents = contractDocuments();
for (const name of await readdir(directory)) {
  if (name.endsWith('.schema.json') && !documents.has(name)) await rm(directory + name);
}
for (const [name, document] of documents)
  await writeFile(directory + name, contractFileText(document));
await writeFile(directory + ASYNCAPI_FILE, asyncApiText());
console.log(`Wrote ${documents.size} schemas and ${ASYNCAPI_FILE} to contracts/`);
