// Loaded with `node --import`: makes any import of Pact fail, so a test can prove a code path
// never loads it (and with it, Pact's native library).
import { register } from 'node:module';

register('./forbid-pact-hooks.js', import.meta.url);
