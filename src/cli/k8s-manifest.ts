import type { IJob } from 'kubernetes-models/batch/v1/Job';

/**
 * A Kubernetes Indexed Job that runs `vcc-sim push` as n shards of one run (or `vcc-sim check
 * --only burst` as n shards of one burst): each pod reads its shard from `JOB_COMPLETION_INDEX`
 * (`--shards n`), signs with the secret a Kubernetes Secret holds, and leaves its report
 * (mergeable histograms) on stdout or in a volume. The shapes are
 * checked against Kubernetes' own types at compile time, and the tests validate the result
 * against its API schemas.
 */

/** What the manifest is made of. */
export type JobManifestOptions = {
  /** What each pod runs. */
  command: 'push' | 'check';
  name: string;
  namespace?: string;
  image: string;
  shards: number;
  /** The command and its arguments, without the shard, report and secret options the job adds. */
  commandArgs: string[];
  /** The Kubernetes Secret and key holding the webhook secret; none when pushes are unsigned. */
  secret?: { name: string; key: string };
  cpu: string;
  memory: string;
  backoffLimitPerIndex: number;
  /** A PersistentVolumeClaim (ReadWriteMany) the reports go to; without one, each pod's stdout. */
  reportClaim?: string;
};

/** The exit codes of `vcc-sim push` and `vcc-sim check` (see their --help). */
const EXIT_FINDING = 1;
const EXIT_USAGE = 2;
/** Where the container's files go: an emptyDir (the root file system is read-only). */
const WORK_DIR = '/work';
const REPORTS_DIR = '/reports';
const INDEX_VARIABLE = 'JOB_COMPLETION_INDEX';
/** The `node` user of the official Node images. */
const NODE_USER = 1000;

/** The report file of each pod, by its index (Kubernetes expands `$(VAR)` in args). */
function reportPath(): string {
  return `${REPORTS_DIR}/shard-$(${INDEX_VARIABLE}).json`;
}

/** The Job, as an object (the command prints it as YAML). */
export function jobManifest(options: JobManifestOptions): object {
  const labels = {
    'app.kubernetes.io/name': 'vcc-sim',
    'app.kubernetes.io/component': options.command,
    'app.kubernetes.io/instance': options.name,
  };
  const container = options.command;
  const reports = options.reportClaim
    ? [
        '--report',
        reportPath(),
        // A check burst keeps nothing undelivered: it reports what each answer was.
        ...(options.command === 'push'
          ? ['--dead-letter', `${REPORTS_DIR}/dead-letters-$(${INDEX_VARIABLE}).ndjson`]
          : []),
      ]
    : ['--json'];
  const job = {
    apiVersion: 'batch/v1',
    kind: 'Job',
    metadata: {
      name: options.name,
      ...(options.namespace ? { namespace: options.namespace } : {}),
      labels,
    },
    spec: {
      completionMode: 'Indexed',
      completions: options.shards,
      parallelism: options.shards,
      backoffLimitPerIndex: options.backoffLimitPerIndex,
      podFailurePolicy: {
        rules: [
          // A usage error fails every shard alike: stop the whole job.
          {
            action: 'FailJob',
            onExitCodes: { containerName: container, operator: 'In', values: [EXIT_USAGE] },
          },
          // Dead letters, an accepted bad signature or a failed check are findings about the
          // webhook: keep them, do not run the shard again.
          {
            action: 'FailIndex',
            onExitCodes: { containerName: container, operator: 'In', values: [EXIT_FINDING] },
          },
          // Evicted or preempted: run the shard again without counting it as a failure.
          { action: 'Ignore', onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] },
        ],
      },
      template: {
        metadata: { labels },
        spec: {
          restartPolicy: 'Never',
          securityContext: {
            runAsNonRoot: true,
            runAsUser: NODE_USER,
            runAsGroup: NODE_USER,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: container,
              image: options.image,
              args: [...options.commandArgs, '--shards', String(options.shards), ...reports],
              workingDir: WORK_DIR,
              env: [
                // The Job controller sets it too; declared here so that `$(…)` in args expands.
                {
                  name: INDEX_VARIABLE,
                  valueFrom: {
                    fieldRef: {
                      fieldPath: "metadata.annotations['batch.kubernetes.io/job-completion-index']",
                    },
                  },
                },
                ...(options.secret
                  ? [
                      {
                        name: 'VCC_WEBHOOK_SECRET',
                        valueFrom: {
                          secretKeyRef: { name: options.secret.name, key: options.secret.key },
                        },
                      },
                    ]
                  : []),
              ],
              resources: {
                requests: { cpu: options.cpu, memory: options.memory },
                limits: { memory: options.memory },
              },
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                capabilities: { drop: ['ALL'] },
              },
              volumeMounts: [
                { name: 'work', mountPath: WORK_DIR },
                ...(options.reportClaim ? [{ name: 'reports', mountPath: REPORTS_DIR }] : []),
              ],
            },
          ],
          volumes: [
            { name: 'work', emptyDir: {} },
            ...(options.reportClaim
              ? [{ name: 'reports', persistentVolumeClaim: { claimName: options.reportClaim } }]
              : []),
          ],
        },
      },
    },
  } satisfies IJob;
  return job;
}

/** The shell commands that collect the shards' reports and merge them, once the job is done. */
export function collectCommands(options: JobManifestOptions): string[] {
  const namespace = options.namespace ? ` -n ${options.namespace}` : '';
  const job = options.name;
  // Complete, or Failed when a shard failed (its report still counts): wait for either.
  const wait = `until kubectl get${namespace} job/${job} -o jsonpath='{.status.conditions[?(@.status=="True")].type}' | grep -qE 'Complete|Failed'; do sleep 10; done`;
  if (options.reportClaim) {
    return [
      wait,
      `# the reports are in the volume ${options.reportClaim}: copy them out through any pod that mounts it, e.g.`,
      `#   kubectl cp${namespace} <pod>:${REPORTS_DIR} ./${job}-reports`,
      `npx vcc-sim report merge ./${job}-reports/shard-*.json`,
    ];
  }
  const selector = `batch.kubernetes.io/job-name=${job},batch.kubernetes.io/job-completion-index=$i`;
  return [
    wait,
    `for i in $(seq 0 ${options.shards - 1}); do`,
    `  pod=$(kubectl get pods${namespace} -l ${selector} --sort-by=.metadata.creationTimestamp -o name | tail -n 1)`,
    `  kubectl logs${namespace} "$pod" > ${job}-shard-$i.json`,
    'done',
    `npx vcc-sim report merge ${job}-shard-*.json`,
  ];
}
