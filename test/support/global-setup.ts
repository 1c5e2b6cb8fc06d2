import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * End-to-end tests spawn the built `bin/vcc-sim.js`: build once, as `npm run build` does (bundle the
 * pages, compile, then render the help pages), so they never run stale code.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const node = (args: string[]) =>
    execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  // The pages first: the build compiles the modules they are bundled into.
  node(['scripts/build-pages.mjs']);
  node(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
  node(['scripts/write-help-pages.js']);
}
