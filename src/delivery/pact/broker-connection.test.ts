import { describe, expect, it } from 'vitest';
import { authorizationHeader, brokerConnection, describeAuth } from './broker-connection.js';
import { detectVersionProperties, type GitRunner } from './version-properties.js';

describe('brokerConnection', () => {
  const env = {
    PACT_BROKER_BASE_URL: 'https://broker.example/',
    PACT_BROKER_TOKEN: 'env-token',
    PACT_BROKER_USERNAME: 'env-user',
    PACT_BROKER_PASSWORD: 'env-pass',
  };

  it('falls back to the PACT_BROKER_* variables, a token before a username', () => {
    expect(brokerConnection({}, env)).toEqual({
      baseUrl: 'https://broker.example',
      auth: { type: 'bearer', token: 'env-token' },
    });
    const { PACT_BROKER_TOKEN: _, ...basic } = env;
    expect(brokerConnection({}, basic).auth).toEqual({
      type: 'basic',
      username: 'env-user',
      password: 'env-pass',
    });
  });

  it('lets explicit credentials replace the variables entirely', () => {
    expect(brokerConnection({ url: 'http://b.test', username: 'me', password: 'pw' }, env)).toEqual(
      {
        baseUrl: 'http://b.test',
        auth: { type: 'basic', username: 'me', password: 'pw' },
      },
    );
  });

  it('moves credentials out of the URL into basic auth', () => {
    expect(brokerConnection({ url: 'https://me:p%40ss@broker.example/base/' })).toEqual({
      baseUrl: 'https://broker.example/base',
      auth: { type: 'basic', username: 'me', password: 'p@ss' },
    });
  });

  it('refuses no URL, a bad URL and two kinds of credentials', () => {
    expect(() => brokerConnection({})).toThrow('No Pact Broker given');
    expect(() => brokerConnection({ url: 'broker' })).toThrow('is not a URL');
    expect(() => brokerConnection({ url: 'ftp://x' })).toThrow('must be http or https');
    expect(() => brokerConnection({ url: 'http://x', token: 't', username: 'u' })).toThrow(
      'not both',
    );
  });

  it('builds Authorization headers and describes auth without the secret', () => {
    const basic = brokerConnection({ url: 'http://x', username: 'u', password: 'secret' });
    expect(authorizationHeader(basic)).toBe(`Basic ${Buffer.from('u:secret').toString('base64')}`);
    expect(describeAuth(basic)).toBe('as "u" (basic auth)');
    const bearer = brokerConnection({ url: 'http://x', token: 'secret' });
    expect(authorizationHeader(bearer)).toBe('Bearer secret');
    expect(describeAuth(bearer)).not.toContain('secret');
    expect(authorizationHeader(brokerConnection({ url: 'http://x' }))).toBeUndefined();
  });
});

describe('detectVersionProperties', () => {
  const git: GitRunner = async (args) => (args.includes('--abbrev-ref') ? 'feature/x' : 'abc123');
  const noGit: GitRunner = async () => undefined;

  it('reads GitHub Actions variables, preferring the pull request’s head branch', async () => {
    const env = {
      GITHUB_ACTIONS: 'true',
      GITHUB_SHA: 'sha1',
      GITHUB_HEAD_REF: 'pr-branch',
      GITHUB_REF_NAME: '12/merge',
      GITHUB_SERVER_URL: 'https://github.com',
      GITHUB_REPOSITORY: 'acme/crm',
      GITHUB_RUN_ID: '99',
    };
    expect(await detectVersionProperties(env, noGit)).toEqual({
      commit: 'sha1',
      branch: 'pr-branch',
      buildUrl: 'https://github.com/acme/crm/actions/runs/99',
    });
  });

  it('reads GitLab and Jenkins variables', async () => {
    expect(
      await detectVersionProperties(
        {
          GITLAB_CI: 'true',
          CI_COMMIT_SHA: 'g',
          CI_COMMIT_REF_NAME: 'main',
          CI_JOB_URL: 'https://gl/j/1',
        },
        noGit,
      ),
    ).toEqual({ commit: 'g', branch: 'main', buildUrl: 'https://gl/j/1' });
    expect(
      await detectVersionProperties(
        { JENKINS_URL: 'x', GIT_COMMIT: 'j', GIT_BRANCH: 'origin/dev' },
        noGit,
      ),
    ).toEqual({ commit: 'j', branch: 'dev' });
  });

  it('falls back to git outside CI, and ignores a detached HEAD', async () => {
    expect(await detectVersionProperties({}, git)).toEqual({
      commit: 'abc123',
      branch: 'feature/x',
    });
    const detached: GitRunner = async (args) => (args.includes('--abbrev-ref') ? 'HEAD' : 'abc');
    expect(await detectVersionProperties({}, detached)).toEqual({ commit: 'abc' });
  });
});
