// Part of `npm run build`: renders every `--help` page of the compiled CLI into
// dist/src/cli/help-pages.json, so `vcc-sim --help` answers without loading yargs.
import { writeHelpPages } from '../dist/src/cli/help-pages.js';

await writeHelpPages();
