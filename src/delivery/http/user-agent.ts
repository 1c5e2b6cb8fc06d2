import packageJson from '../../../package.json' with { type: 'json' };

/** The `User-Agent` vcc-sim sends. */
export const USER_AGENT = `vcc-sim/${packageJson.version}`;
