import { readFile, stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { BUILT_IN_SCENARIOS, builtInScenario, isBuiltInScenario } from '../../engine/index.js';
import type { Scenario } from '../../engine/index.js';
import { VccSimError } from '../../errors.js';

const SCENARIO_EXTENSIONS = new Set(['.yaml', '.yml', '.json']);
/** The largest scenario file read: scenarios are a few kilobytes; a bigger file is a mistake. */
const MAX_SCENARIO_BYTES = 4 * 1024 * 1024;

/**
 * A scenario by built-in name (`inbound-answered`) or by path to a YAML or JSON file.
 * @throws {VccSimError} code `usage` for an unknown name, `input` for an unreadable file, and
 *   `scenario` for a file that is not a valid scenario (naming the file, line, JSON Pointer and
 *   what was expected).
 */
export async function loadScenario(nameOrPath: string): Promise<Scenario> {
  if (isBuiltInScenario(nameOrPath)) return builtInScenario(nameOrPath);
  if (!SCENARIO_EXTENSIONS.has(extname(nameOrPath).toLowerCase())) {
    throw new VccSimError(
      'usage',
      `"${nameOrPath}" is neither a built-in scenario nor a .yaml, .yml or .json file. Built-in scenarios: ${BUILT_IN_SCENARIOS.map((scenario) => scenario.name).join(', ')}.`,
    );
  }
  let text: string;
  try {
    const info = await stat(nameOrPath);
    if (info.isDirectory()) throw Object.assign(new Error(), { code: 'EISDIR' });
    if (info.size > MAX_SCENARIO_BYTES) {
      throw new VccSimError(
        'input',
        `Cannot read scenario "${nameOrPath}": it is ${Math.round(info.size / 1024 / 1024)} MiB; a scenario file is at most ${MAX_SCENARIO_BYTES / 1024 / 1024} MiB.`,
      );
    }
    text = await readFile(nameOrPath, 'utf8');
  } catch (error) {
    if (error instanceof VccSimError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    const reason =
      code === 'ENOENT'
        ? 'no such file'
        : code === 'EISDIR'
          ? 'is a directory'
          : code === 'EACCES'
            ? 'permission denied'
            : (error as Error).message;
    throw new VccSimError('input', `Cannot read scenario "${nameOrPath}": ${reason}`, {
      cause: error,
    });
  }
  // Only reading a scenario file loads `yaml`: not the engine's public face, nor `validate`.
  const { parseScenarioText } = await import('../../engine/parse-scenario-text.js');
  return parseScenarioText(text, nameOrPath);
}
