import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/** End-to-end tests spawn the built `bin/vcc-sim.js`: build once so they never run stale code. */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  // The pages first: the build compiles the modules they are bundled into.
  execFileSync(process.execPath, ['scripts/build-pages.mjs'], { cwd: root, stdio: 'inherit' });
  execFileSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json'], {
    cwd: root,
    stdio: 'inherit',
  });
}
