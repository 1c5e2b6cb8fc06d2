import { VERSION } from '../../version.js';

/** The `User-Agent` vcc-sim sends. */
export const USER_AGENT = `vcc-sim/${VERSION}`;
