import { execFile } from 'node:child_process';

/**
 * The version properties a consumer publishes with (`--auto-detect-version-properties`): commit,
 * branch and build URL, from the variables of well-known CI services, else from git, as Pact's own
 * clients detect them.
 */

/** What was detected; fields stay undefined when nothing says. */
export interface VersionProperties {
  commit?: string;
  branch?: string;
  buildUrl?: string;
}

type Env = Readonly<Record<string, string | undefined>>;

/** Runs `git` with arguments and returns its trimmed output, or `undefined` when it fails. */
export type GitRunner = (args: readonly string[]) => Promise<string | undefined>;

interface CiService {
  detect: (env: Env) => boolean;
  commit: (env: Env) => string | undefined;
  branch: (env: Env) => string | undefined;
  buildUrl: (env: Env) => string | undefined;
}

const CI_SERVICES: readonly CiService[] = [
  {
    detect: (env) => env['GITHUB_ACTIONS'] === 'true',
    commit: (env) => env['GITHUB_SHA'],
    branch: (env) => env['GITHUB_HEAD_REF'] || env['GITHUB_REF_NAME'],
    buildUrl: (env) =>
      env['GITHUB_SERVER_URL'] && env['GITHUB_REPOSITORY'] && env['GITHUB_RUN_ID']
        ? `${env['GITHUB_SERVER_URL']}/${env['GITHUB_REPOSITORY']}/actions/runs/${env['GITHUB_RUN_ID']}`
        : undefined,
  },
  {
    detect: (env) => env['GITLAB_CI'] === 'true',
    commit: (env) => env['CI_COMMIT_SHA'],
    branch: (env) => env['CI_COMMIT_REF_NAME'],
    buildUrl: (env) => env['CI_JOB_URL'],
  },
  {
    detect: (env) => env['BUILDKITE'] === 'true',
    commit: (env) => env['BUILDKITE_COMMIT'],
    branch: (env) => env['BUILDKITE_BRANCH'],
    buildUrl: (env) => env['BUILDKITE_BUILD_URL'],
  },
  {
    detect: (env) => env['CIRCLECI'] === 'true',
    commit: (env) => env['CIRCLE_SHA1'],
    branch: (env) => env['CIRCLE_BRANCH'],
    buildUrl: (env) => env['CIRCLE_BUILD_URL'],
  },
  {
    detect: (env) => env['BITBUCKET_BUILD_NUMBER'] !== undefined,
    commit: (env) => env['BITBUCKET_COMMIT'],
    branch: (env) => env['BITBUCKET_BRANCH'],
    buildUrl: () => undefined,
  },
  {
    detect: (env) => env['TF_BUILD'] === 'True',
    commit: (env) => env['BUILD_SOURCEVERSION'],
    branch: (env) => env['BUILD_SOURCEBRANCHNAME'],
    buildUrl: () => undefined,
  },
  {
    detect: (env) => env['JENKINS_URL'] !== undefined,
    commit: (env) => env['GIT_COMMIT'],
    branch: (env) => env['GIT_BRANCH']?.replace(/^origin\//, ''),
    buildUrl: (env) => env['BUILD_URL'],
  },
];

/** Detects commit, branch and build URL from CI variables, falling back to `git`. */
export async function detectVersionProperties(
  env: Env,
  git: GitRunner,
): Promise<VersionProperties> {
  const service = CI_SERVICES.find((candidate) => candidate.detect(env));
  const properties: VersionProperties = {};
  const commit = service?.commit(env) || (await git(['rev-parse', 'HEAD']));
  const branch = service?.branch(env) || (await git(['rev-parse', '--abbrev-ref', 'HEAD']));
  const buildUrl = service?.buildUrl(env);
  if (commit) properties.commit = commit;
  if (branch && branch !== 'HEAD') properties.branch = branch;
  if (buildUrl) properties.buildUrl = buildUrl;
  return properties;
}

/** Runs the real `git` in `cwd`; any failure (no git, not a repository) reads as "nothing". */
export function gitRunner(cwd?: string): GitRunner {
  return (args) =>
    new Promise((resolve) => {
      execFile('git', [...args], { cwd, timeout: 5000 }, (error, stdout) =>
        resolve(error ? undefined : stdout.trim() || undefined),
      );
    });
}
