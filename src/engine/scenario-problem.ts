import { VccSimError } from '../errors.js';

/** A mistake in a scenario, at a JSON Pointer; `parseScenario` adds the file and position. */
export class ScenarioProblem extends VccSimError {
  readonly pointer: string;
  readonly problem: string;

  constructor(pointer: string, problem: string) {
    super('scenario', `${pointer || '/'}: ${problem}`);
    this.pointer = pointer;
    this.problem = problem;
  }
}
