import { webCrypto, type SignatureCrypto } from '../contract/index.js';

/** The few `node:crypto` functions signing needs. */
type NodeCrypto = {
  createHmac(algorithm: 'sha256', key: Uint8Array): HashLike;
  createHash(algorithm: 'sha256'): HashLike;
  randomBytes(length: number): Uint8Array;
  randomUUID(): string;
};
type HashLike = {
  update(data: Uint8Array | string): HashLike;
  digest(): Uint8Array;
  digest(encoding: 'hex' | 'base64url'): string;
};

/** `node:crypto` when this runs in Node (20.16+), reached without an import a bundler would see. */
function nodeCryptoModule(): NodeCrypto | undefined {
  const process = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } })
    .process;
  return process?.getBuiltinModule?.('node:crypto') as NodeCrypto | undefined;
}

let platform: SignatureCrypto | undefined;

/**
 * The fastest signature crypto the platform has: in Node, `node:crypto`, which signs synchronously
 * (WebCrypto in Node hops to a thread pool twice per request, which costs the MSW twin most of its
 * in-process rate); elsewhere, WebCrypto. Either way the platform's own primitives, and the code
 * stays browser-safe: Node's module is looked up at run time, never imported.
 */
export function platformCrypto(): SignatureCrypto {
  if (platform) return platform;
  const node = nodeCryptoModule();
  platform = node
    ? {
        name: 'node',
        hmacSha256: (key) => (message) =>
          node.createHmac('sha256', key).update(message).digest('base64url'),
        sha256: (data) => node.createHash('sha256').update(data).digest(),
        sha256Hex: (data) => node.createHash('sha256').update(data).digest('hex'),
        randomBytes: (length) => node.randomBytes(length),
        randomUuid: () => node.randomUUID(),
      }
    : webCrypto;
  return platform;
}
