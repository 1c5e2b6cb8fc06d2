import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ROOT } from './cli.js';

/** A fenced code block of the README: its language, its text and the line its code starts on. */
export interface CodeBlock {
  language: string;
  /** 1-based line of the README where the block's first line of code is. */
  line: number;
  code: string;
}

/** Every fenced code block of README.md, in order. */
export async function readmeBlocks(): Promise<CodeBlock[]> {
  const lines = (await readFile(join(ROOT, 'README.md'), 'utf8')).split('\n');
  const blocks: CodeBlock[] = [];
  for (let index = 0; index < lines.length; index++) {
    const open = /^```(\S*)\s*$/.exec(lines[index]!);
    if (!open) continue;
    const start = index + 1;
    let end = start;
    while (end < lines.length && !/^```\s*$/.test(lines[end]!)) end++;
    blocks.push({ language: open[1]!, line: start + 1, code: lines.slice(start, end).join('\n') });
    index = end;
  }
  return blocks;
}

/**
 * The shell blocks of the README's first screen: everything before its second `## ` section, that
 * is, the introduction with its setup and the first demo.
 */
export async function firstScreenShellBlocks(): Promise<CodeBlock[]> {
  const lines = (await readFile(join(ROOT, 'README.md'), 'utf8')).split('\n');
  const sections = lines.flatMap((line, index) => (line.startsWith('## ') ? [index + 1] : []));
  const end = sections[1] ?? lines.length;
  return (await readmeBlocks()).filter(
    (block) => ['sh', 'bash', 'shell'].includes(block.language) && block.line < end,
  );
}
