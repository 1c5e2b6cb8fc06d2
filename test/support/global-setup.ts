import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * End-to-end tests spawn the built `bin/vcc-sim.js`: build once, as `npm run build` does (compile,
 * then render the help pages), so they never run stale code.
 */
export default function setup(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const node = (args: string[]) =>
    execFileSync(process.execPath, args, { cwd: root, stdio: 'inherit' });
  node(['node_modules/typescript/bin/tsc', '-p', 'tsconfig.build.json']);
  node(['scripts/write-help-pages.js']);
}
