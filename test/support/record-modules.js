// Loaded with `node --import`: appends the URL of every module the process resolves (ESM imports,
// including the entry of a CommonJS package) to the file named by VCC_SIM_MODULES_FILE, one a
// line, so a test can tell what a command loaded.
import { register } from 'node:module';

const file = process.env['VCC_SIM_MODULES_FILE'];
if (file) register('./record-modules-hooks.js', import.meta.url, { data: { file } });
