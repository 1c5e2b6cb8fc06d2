/**
 * Writes `contracts/` from the event catalogue (a JSON Schema per event type and `asyncapi.yaml`),
 * and the validators compiled from the schemas (`npm run contracts`). The files are committed so
 * other tools can use them without vcc-sim, and so no schema is compiled at run time; tests fail
 * when they drift.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { ASYNCAPI_FILE, asyncApiText } from './asyncapi-document.js';
import { contractDocuments, contractFileText } from '../src/contract/schema-documents.js';
import {
  CONTRACT_VALIDATORS_PATH,
  JOB_FILE_VALIDATORS_PATH,
  SCENARIO_VALIDATOR_PATH,
  contractValidatorsModule,
  jobFileValidatorsModule,
  scenarioValidatorModule,
} from './standalone-validators.js';

const root = new URL('../', import.meta.url);
const directory = fileURLToPath(new URL('contracts/', root));
await mkdir(directory, { recursive: true });
const documents = contractDocuments();
for (const name of await readdir(directory)) {
  if (name.endsWith('.schema.json') && !documents.has(name)) await rm(directory + name);
}
for (const [name, document] of documents)
  await writeFile(directory + name, contractFileText(document));
await writeFile(directory + ASYNCAPI_FILE, asyncApiText());
console.log(`Wrote ${documents.size} schemas and ${ASYNCAPI_FILE} to contracts/`);

for (const [path, text] of [
  [CONTRACT_VALIDATORS_PATH, contractValidatorsModule()],
  [SCENARIO_VALIDATOR_PATH, scenarioValidatorModule()],
  [JOB_FILE_VALIDATORS_PATH, jobFileValidatorsModule()],
] as const) {
  const file = new URL(path, root);
  await mkdir(new URL('.', file), { recursive: true });
  await writeFile(file, text);
  console.log(`Wrote ${path}`);
}
