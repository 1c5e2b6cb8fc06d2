#!/usr/bin/env node
// The published entry point. Help pages and the version are answered from text yargs rendered at
// build time, so they start as fast as Node does; everything else loads the CLI.
import { precomputedOutput } from '../dist/src/cli/fast-path.js';

const output = precomputedOutput(process.argv.slice(2), process.stdout);
if (output === undefined) {
  const { main } = await import('../dist/src/cli/main.js');
  await main();
} else {
  process.stdout.write(output);
}
