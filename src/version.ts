/**
 * vcc-sim's version, as in package.json. A module rather than a JSON import of package.json, which
 * would make the compiler copy package.json into dist/ (a second package.json that Node and
 * bundlers read as the package's own). `npm version` rewrites it (scripts/sync-version.ts) and a
 * test holds it equal to package.json.
 */
export const VERSION = '0.1.0';
