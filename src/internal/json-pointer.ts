/** JSON Pointers (RFC 6901) into parsed JSON, for messages and for reading untrusted input. */

/** Appends one property name to a JSON Pointer, escaping it as RFC 6901 requires. */
export function childPointer(pointer: string, key: string): string {
  return `${pointer}/${key.replaceAll('~', '~0').replaceAll('/', '~1')}`;
}

/** The value at a JSON Pointer, or `undefined` when the path does not exist. */
export function valueAt(root: unknown, pointer: string): unknown {
  if (pointer === '') return root;
  let value: unknown = root;
  for (const raw of pointer.slice(1).split('/')) {
    if (value === null || typeof value !== 'object') return undefined;
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** The string at a JSON Pointer (`stringAt(body, '/data/timestamp')`), or `undefined`. */
export function stringAt(root: unknown, pointer: string): string | undefined {
  const value = valueAt(root, pointer);
  return typeof value === 'string' ? value : undefined;
}
