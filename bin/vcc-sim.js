#!/usr/bin/env node
// The published entry point; all logic lives in the compiled CLI module.
import { main } from '../dist/src/cli/main.js';

await main();
