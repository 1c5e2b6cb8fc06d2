import { Job } from 'kubernetes-models/batch/v1/Job';
import { parseAllDocuments } from 'yaml';
import { describe, expect, it } from 'vitest';
import { runCli } from './support/cli.js';

const SECRET = 'k4J6bYx0w2YQ9pD3hT7sVn1cRz5uAe8LmGf0qWiXoPs=';
const PUSH = ['push', 'https://hooks.example/vcc', '-s', 'contact-centre-day', '--speed', '60'];

type Container = {
  name: string;
  image: string;
  args: string[];
  env: Array<{ name: string; value?: string; valueFrom?: Record<string, Record<string, string>> }>;
  resources: { requests: Record<string, string>; limits: Record<string, string> };
  securityContext: Record<string, unknown>;
  volumeMounts: Array<{ name: string; mountPath: string }>;
};

type JobDocument = {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string };
  spec: {
    completionMode: string;
    completions: number;
    parallelism: number;
    backoffLimitPerIndex: number;
    podFailurePolicy: { rules: Array<{ action: string }> };
    template: {
      spec: {
        restartPolicy: string;
        containers: Container[];
        volumes: Array<Record<string, unknown>>;
      };
    };
  };
};

/** Validates against the batch/v1 Job schema of the Kubernetes API (kubernetes-models, ajv). */
function validateJob(value: unknown): void {
  new Job(value as ConstructorParameters<typeof Job>[0]).validate();
}

/** Runs `vcc-sim k8s job`, with a secret in the environment that must not leak into the output. */
async function manifest(args: string[]) {
  const result = await runCli(['k8s', 'job', ...args], { env: { VCC_WEBHOOK_SECRET: SECRET } });
  expect(result.stderr).toBe('');
  expect(result.code).toBe(0);
  const documents = parseAllDocuments(result.stdout);
  expect(documents).toHaveLength(1);
  expect(documents[0]!.errors).toEqual([]);
  return { text: result.stdout, job: documents[0]!.toJS() as JobDocument };
}

describe('vcc-sim k8s job', () => {
  it('prints an Indexed Job the Kubernetes API schemas accept, one pod per shard', async () => {
    const { text, job } = await manifest([
      '--shards',
      '8',
      '--image',
      'ghcr.io/acme/vcc-sim:0.1.0',
      '--namespace',
      'load',
      '--',
      ...PUSH,
      '--start-at',
      '2026-01-05T09:00:00Z',
    ]);
    expect(() => validateJob(job)).not.toThrow();
    expect(job).toMatchObject({
      apiVersion: 'batch/v1',
      kind: 'Job',
      metadata: { name: 'vcc-sim-push', namespace: 'load' },
      spec: {
        completionMode: 'Indexed',
        completions: 8,
        parallelism: 8,
        backoffLimitPerIndex: 1,
      },
    });
    const pod = job.spec.template.spec;
    expect(pod.restartPolicy).toBe('Never');
    const [container] = pod.containers;
    expect(container!.image).toBe('ghcr.io/acme/vcc-sim:0.1.0');
    // Each pod reads its index from JOB_COMPLETION_INDEX and prints its report on stdout.
    expect(container!.args).toEqual([
      ...PUSH,
      '--start-at',
      '2026-01-05T09:00:00Z',
      '--shards',
      '8',
      '--json',
    ]);
    const env = Object.fromEntries(container!.env.map((variable) => [variable.name, variable]));
    expect(env['JOB_COMPLETION_INDEX']!.valueFrom).toEqual({
      fieldRef: { fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']" },
    });
    // The secret comes from a Kubernetes Secret, never inline.
    expect(env['VCC_WEBHOOK_SECRET']).toEqual({
      name: 'VCC_WEBHOOK_SECRET',
      valueFrom: { secretKeyRef: { name: 'vcc-sim-webhook', key: 'secret' } },
    });
    expect(text).not.toContain(SECRET);
    expect(container!.resources).toEqual({
      requests: { cpu: '1', memory: '512Mi' },
      limits: { memory: '512Mi' },
    });
    expect(container!.securityContext).toMatchObject({
      allowPrivilegeEscalation: false,
      readOnlyRootFilesystem: true,
    });
    expect(job.spec.podFailurePolicy.rules.map((rule) => rule.action)).toEqual([
      'FailJob',
      'FailIndex',
      'Ignore',
    ]);
    // The commands that collect the reports and merge them, as comments kubectl ignores.
    expect(text).toContain(
      '#     pod=$(kubectl get pods -n load -l batch.kubernetes.io/job-name=vcc-sim-push,batch.kubernetes.io/job-completion-index=$i',
    );
    expect(text).toContain('#   npx vcc-sim report merge vcc-sim-push-shard-*.json');
    expect(text).toContain(
      '#   kubectl create secret generic vcc-sim-webhook -n load --from-file=secret=webhook-secret.txt',
    );
    expect(text).not.toContain('add --start-at');
  });

  it('writes reports to a volume when given a claim, and leaves the secret out of unsigned pushes', async () => {
    const { text, job } = await manifest([
      '--shards',
      '3',
      '--image',
      'vcc-sim:dev',
      '--name',
      'day-load',
      '--report-volume',
      'vcc-sim-reports',
      '--cpu',
      '500m',
      '--memory',
      '1Gi',
      '--backoff-limit-per-index',
      '0',
      '--',
      'push',
      'http://webhook.default.svc:8080/',
      '--no-sign',
    ]);
    expect(() => validateJob(job)).not.toThrow();
    const [container] = job.spec.template.spec.containers;
    expect(container!.args).toEqual([
      'push',
      'http://webhook.default.svc:8080/',
      '--no-sign',
      '--shards',
      '3',
      '--report',
      '/reports/shard-$(JOB_COMPLETION_INDEX).json',
      '--dead-letter',
      '/reports/dead-letters-$(JOB_COMPLETION_INDEX).ndjson',
    ]);
    expect(container!.env.map((variable) => variable.name)).toEqual(['JOB_COMPLETION_INDEX']);
    expect(container!.volumeMounts).toContainEqual({ name: 'reports', mountPath: '/reports' });
    expect(job.spec.template.spec.volumes).toContainEqual({
      name: 'reports',
      persistentVolumeClaim: { claimName: 'vcc-sim-reports' },
    });
    expect(job.spec.backoffLimitPerIndex).toBe(0);
    expect(container!.resources.requests).toEqual({ cpu: '500m', memory: '1Gi' });
    expect(text).toContain('# Pods start when they are scheduled: add --start-at');
    expect(text).toContain('#   npx vcc-sim report merge ./day-load-reports/shard-*.json');
  });

  it('runs one check burst as shards: each pod sends its share, the reports merge', async () => {
    const CHECK = ['check', 'https://hooks.example/vcc', '--only', 'burst', '--burst', '100'];
    const { text, job } = await manifest([
      '--shards',
      '4',
      '--image',
      'vcc-sim:dev',
      '--',
      ...CHECK,
      '--start-at',
      '2026-01-05T09:00:00Z',
    ]);
    expect(() => validateJob(job)).not.toThrow();
    expect(job.metadata.name).toBe('vcc-sim-check');
    const [container] = job.spec.template.spec.containers;
    expect(container!.name).toBe('check');
    expect(container!.args).toEqual([
      ...CHECK,
      '--start-at',
      '2026-01-05T09:00:00Z',
      '--shards',
      '4',
      '--json',
    ]);
    // A check always signs: the secret comes from the Kubernetes Secret.
    expect(container!.env.map((variable) => variable.name)).toEqual([
      'JOB_COMPLETION_INDEX',
      'VCC_WEBHOOK_SECRET',
    ]);
    expect(JSON.stringify(job.spec.podFailurePolicy)).toContain('"containerName":"check"');
    expect(JSON.stringify(job.spec.podFailurePolicy)).not.toContain('"containerName":"push"');
    expect(text).toContain('as 4 shards of one burst');
    expect(text).toContain('#   npx vcc-sim report merge vcc-sim-check-shard-*.json');
  });

  it('gives a check burst its reports in a volume, without dead letters', async () => {
    const { job } = await manifest([
      '--shards',
      '2',
      '--image',
      'vcc-sim:dev',
      '--report-volume',
      'burst-reports',
      '--',
      'check',
      'http://webhook.default.svc:8080/',
      '--only',
      'burst',
      '--seed',
      '7',
    ]);
    expect(() => validateJob(job)).not.toThrow();
    expect(job.spec.template.spec.containers[0]!.args).toEqual([
      'check',
      'http://webhook.default.svc:8080/',
      '--only',
      'burst',
      '--seed',
      '7',
      '--shards',
      '2',
      '--report',
      '/reports/shard-$(JOB_COMPLETION_INDEX).json',
    ]);
  });

  it('the schemas refuse what a mistake would make of it', () => {
    // The same validation, shown to catch what Kubernetes would refuse.
    const broken = { apiVersion: 'batch/v1', kind: 'Job', spec: { completionMode: 'Indexd' } };
    expect(() => validateJob(broken)).toThrow(
      /completionMode must be equal to one of the allowed values/,
    );
  });

  it.each([
    [['--', ...PUSH, '--secret', SECRET], '--secret would write the secret into the manifest'],
    [['--', ...PUSH, '--shard', '0/2'], 'Leave --shard out of the push arguments'],
    [['--', ...PUSH, '--report', 'r.json'], 'Leave --report out of the push arguments'],
    [['--', ...PUSH, '--sped', '3'], 'In the push arguments: Unknown argument: sped'],
    [['--', 'generate'], 'Give the push (or the check burst) to run after "--"'],
    [['--', 'check', 'https://hooks.example/vcc'], 'Only the burst splits into shards'],
    [
      ['--', 'check', 'https://hooks.example/vcc', '--only', 'burst'],
      'The shards of a burst must send parts of the same one: add --start-at',
    ],
    [
      ['--', 'check', 'https://hooks.example/vcc', '--only', 'burst', 'security'],
      'Only the burst splits into shards',
    ],
    [
      [
        '--',
        'check',
        'https://hooks.example/vcc',
        '--only',
        'burst',
        '--seed',
        '1',
        '--report',
        'r.json',
      ],
      'Leave --report out of the check arguments',
    ],
    [['--', 'check', 'https://hooks.example/vcc', '--brust', '9'], 'In the check arguments'],
    [['--name', 'Load_Test', '--', ...PUSH], '--name must be a DNS label'],
    [['--cpu', 'lots', '--', ...PUSH], '--cpu must be a quantity such as 1 or 500m'],
  ])('refuses %j with one line and exit 2', async (args, message) => {
    const result = await runCli(['k8s', 'job', '--shards', '4', '--image', 'vcc-sim:dev', ...args]);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr.split('\n')[0]).toContain(message);
    expect(result.stderr).not.toContain(SECRET);
  });
});
