import { join } from 'node:path';
import ts from 'typescript';
import { expect, it } from 'vitest';
import packageJson from '../package.json' with { type: 'json' };
import { ROOT } from './support/cli.js';

/**
 * Every name a package entry exports (`exports` in package.json) carries JSDoc, so an editor shows
 * what it is for: the TypeScript program of the sources, each entry's exports resolved through
 * re-exports to the declaration that documents them.
 */

/** Each entry's source module, from its `types` path in `dist/`. */
function entrySources(): Array<[string, string]> {
  return Object.entries(packageJson.exports).flatMap(([subpath, target]) => {
    if (typeof target === 'string') return [];
    const source = target.types.replace('./dist/', '').replace(/\.d\.ts$/, '.ts');
    return [[subpath, join(ROOT, source)] as [string, string]];
  });
}

/** Whether a declaration, or the statement that holds it, has a JSDoc comment. */
function hasJsDoc(declaration: ts.Declaration): boolean {
  for (let node: ts.Node | undefined = declaration; node; node = node.parent) {
    if (ts.getJSDocCommentsAndTags(node).length > 0) return true;
    if (ts.isSourceFile(node) || ts.isVariableStatement(node)) break;
  }
  return false;
}

it('documents every export of every package entry with JSDoc', () => {
  const entries = entrySources();
  const config = ts.getParsedCommandLineOfConfigFile(
    join(ROOT, 'tsconfig.build.json'),
    {},
    { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined },
  )!;
  const program = ts.createProgram(
    entries.map(([, file]) => file),
    config.options,
  );
  const checker = program.getTypeChecker();
  const undocumented: string[] = [];
  let checked = 0;
  for (const [subpath, file] of entries) {
    const source = program.getSourceFile(file);
    expect(source, file).toBeDefined();
    const module = checker.getSymbolAtLocation(source!)!;
    for (const exported of checker.getExportsOfModule(module)) {
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      const declarations = symbol.declarations ?? [];
      checked++;
      if (!declarations.some(hasJsDoc)) {
        undocumented.push(`vcc-sim${subpath === '.' ? '' : subpath.slice(1)}: ${exported.name}`);
      }
    }
  }
  expect(checked).toBeGreaterThan(100);
  expect(undocumented).toEqual([]);
}, 60_000);
