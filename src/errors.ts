/**
 * The one error class vcc-sim throws on purpose. `code` says what kind of failure it is, so the CLI
 * can choose an exit code and callers can branch without parsing messages; `cause` keeps the
 * underlying error when one is wrapped.
 */
export type VccSimErrorCode =
  /** The caller asked for something that cannot be done as asked (a bad option value). */
  | 'usage'
  /** Input could not be read or parsed (a missing file, malformed JSON). */
  | 'input'
  /** A scenario file or object does not match the scenario schema. */
  | 'scenario'
  /** A network peer (webhook, broker) failed in a way retries did not fix. */
  | 'delivery'
  /** Pact could not load, write or verify a contract. */
  | 'pact';

/** An expected failure with a message meant for a person, never a stack trace. */
export class VccSimError extends Error {
  override readonly name = 'VccSimError';
  readonly code: VccSimErrorCode;

  constructor(code: VccSimErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}

/** Narrows an unknown thrown value to a {@link VccSimError}, optionally of one code. */
export function isVccSimError(error: unknown, code?: VccSimErrorCode): error is VccSimError {
  return error instanceof VccSimError && (code === undefined || error.code === code);
}
