import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { isVccSimError } from '../../errors.js';
import { readNotificationFile, readNotifications } from './read-notifications.js';

async function read(text: string) {
  const records = [];
  for await (const record of readNotifications(Readable.from([text]), 'input.json'))
    records.push(record);
  return records;
}

async function readError(text: string): Promise<string> {
  try {
    await read(text);
  } catch (error) {
    if (isVccSimError(error, 'input')) return error.message;
    throw error;
  }
  throw new Error('expected an input error');
}

describe('readNotifications', () => {
  it('reads NDJSON line by line, skipping blank lines, with line numbers', async () => {
    const records = await read('{"a":1}\n\n{"a":2}\r\n{"a":3}');
    expect(records.map((record) => [record.value, record.location.line])).toEqual([
      [{ a: 1 }, 1],
      [{ a: 2 }, 3],
      [{ a: 3 }, 4],
    ]);
  });

  it('reads a pretty-printed object as one notification', async () => {
    const records = await read('\n{\n  "a": 1,\n  "b": [1, 2]\n}\n');
    expect(records).toEqual([
      { value: { a: 1, b: [1, 2] }, location: { file: 'input.json', line: 2 } },
    ]);
  });

  it('reads a JSON array, one notification per element with its index', async () => {
    const records = await read('[\n  {"a": 1},\n  {"a": 2}\n]');
    expect(records.map((record) => record.location)).toEqual([
      { file: 'input.json', line: 1, index: 0 },
      { file: 'input.json', line: 1, index: 1 },
    ]);
  });

  it('passes non-object values on, for the validator to reject', async () => {
    expect((await read('[1, null]')).map((record) => record.value)).toEqual([1, null]);
  });

  it('reads nothing from an empty file', async () => {
    expect(await read('  \n\n')).toEqual([]);
  });

  it('names the line and column of malformed NDJSON', async () => {
    expect(await readError('{"a":1}\n{"a":2,}\n')).toBe(
      'input.json:2:8: not valid JSON (Expected double-quoted property name)',
    );
  });

  it('names the line and column of a malformed document', async () => {
    expect(await readError('{\n  "a": 1\n  "b": 2\n}')).toBe(
      "input.json:3:3: not valid JSON (Expected ',' or '}' after property value)",
    );
    expect(await readError('[{"a": 1},\n')).toBe(
      'input.json:1:11: not valid JSON (Unexpected end of JSON input)',
    );
  });

  it('refuses input that is not JSON at all', async () => {
    expect(await readError('\n  hello')).toBe(
      'input.json:2:3: not JSON or NDJSON (expected "{" or "[", found "h")',
    );
  });

  it('explains files that cannot be read', async () => {
    const open = async (path: string) => {
      for await (const _ of readNotificationFile(path)) void _;
    };
    await expect(open('/no/such/file.json')).rejects.toThrow(
      'Cannot read "/no/such/file.json": no such file',
    );
    await expect(open('.')).rejects.toThrow('Cannot read ".": is a directory');
  });
});
