/** The options of `vcc-sim listen`, as yargs parses them (numbers as text, checked by the handler). */
export interface ListenArgs {
  port: string;
  host: string;
  secret?: string;
  verify: boolean;
  json: boolean;
  strict: boolean;
  failRate?: string;
  status?: string[];
  retryAfter?: string;
  delay?: string;
  seed: string;
  save?: string;
  exitAfter?: string;
  clockTolerance: string;
  maxBody: string;
  window: string;
  ui: boolean;
}
