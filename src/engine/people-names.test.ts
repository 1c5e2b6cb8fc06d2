import { readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isVccSimError } from '../errors.js';
import { builtInScenario } from './built-in-scenarios.js';
import { parseScenario } from './parse-scenario.js';
import { NAME_LOCALES, nameLocale, peopleNames } from './people-names.js';

const day = builtInScenario('contact-centre-day');

describe('peopleNames', () => {
  it('names every agent and supervisor, the same way for the same seed and locale', async () => {
    const names = await peopleNames(day, { seed: 7, locale: 'de' });
    expect(names.size).toBe(81);
    for (const name of names.values()) expect(name).toMatch(/^\p{L}[\p{L}\p{M}' .-]*\p{L}$/u);
    expect(new Set(names.values()).size).toBeGreaterThan(75);
    expect([...(await peopleNames(day, { seed: 7, locale: 'de' }))]).toEqual([...names]);
  });

  it('makes other names for another seed, and for another locale', async () => {
    const one = [...(await peopleNames(day, { seed: 1 })).values()];
    const two = [...(await peopleNames(day, { seed: 2 })).values()];
    const french = [...(await peopleNames(day, { seed: 1, locale: 'fr' })).values()];
    const same = (a: string[], b: string[]) => a.filter((name, index) => name === b[index]).length;
    expect(same(one, two)).toBeLessThan(3);
    expect(same(one, french)).toBeLessThan(3);
  });

  it('names a person from the seed and their agentId alone, whoever else is in the scenario', async () => {
    const small = await peopleNames(builtInScenario('warm-transfer'), { seed: 3 });
    const large = await peopleNames(day, { seed: 3 });
    expect(small.get('1001')).toBe(large.get('1001'));
    expect(small.get('1003')).toBe(large.get('1003'));
  });

  it('gives the same names on every machine (faker is pinned, the stream is the engine’s)', async () => {
    const names = await peopleNames(builtInScenario('warm-transfer'), { seed: 1 });
    expect([...names.values()].slice(0, 3)).toMatchInlineSnapshot(`
      [
        "Bennie Jaskolski",
        "Silvia Reichert",
        "Winfield Farrell",
      ]
    `);
    const japanese = await peopleNames(builtInScenario('warm-transfer'), { seed: 1, locale: 'ja' });
    expect(japanese.get('1001')).toMatchInlineSnapshot(`"嶋田 健太郎"`);
  });

  it('takes the scenario’s seed when none is given', async () => {
    const scenario = parseScenario({ ...day.definition, seed: 42 }, 'seeded');
    expect([...(await peopleNames(scenario))]).toEqual([
      ...(await peopleNames(scenario, { seed: 42 })),
    ]);
  });

  it('keeps the names a scenario gives and makes up the others', async () => {
    const scenario = parseScenario(
      {
        name: 'named',
        description: 'Two named agents and one without a name',
        calls: 5,
        arrivals: { process: 'rate', perHour: 10 },
        teams: [
          {
            name: 'support',
            agents: [
              {
                agentId: '7',
                userId: '3e71f453-116a-3abc-7769-bc678ef6e080',
                name: 'Ada Lovelace',
              },
              { agentId: '8', userId: '3e71f453-116a-3abc-7769-bc678ef6e081' },
            ],
            supervisors: 1,
          },
        ],
        mix: [{ flow: 'inbound-answered' }],
      },
      'named',
    );
    const names = await peopleNames(scenario, { seed: 1 });
    expect(names.get('7')).toBe('Ada Lovelace');
    expect(names.get('8')).toMatch(/\S+ \S+/);
    expect(names.get('1001')).toMatch(/\S+ \S+/);
  });

  it('refuses a locale faker does not have, with the usage code', async () => {
    const error = await peopleNames(day, { locale: 'xx' }).catch((caught: unknown) => caught);
    expect(isVccSimError(error) && error.code).toBe('usage');
    expect((error as Error).message).toContain('"xx"');
  });
});

describe('name locales', () => {
  it('are the locales of the installed faker that can name people', () => {
    const require = createRequire(import.meta.url);
    const folder = join(dirname(require.resolve('@faker-js/faker/locale/en')), '.');
    const installed = readdirSync(folder)
      .filter((file) => file.endsWith('.js'))
      .map((file) => file.slice(0, -3))
      .filter((locale) => locale !== 'base');
    expect([...NAME_LOCALES].sort()).toEqual(installed.sort());
  });

  it('are found however a user writes them', () => {
    expect(nameLocale('en-GB')).toBe('en_GB');
    expect(nameLocale('pt_br')).toBe('pt_BR');
    expect(nameLocale('klingon')).toBeUndefined();
  });

  it('each name people, in their own order and without titles', async () => {
    const scenario = builtInScenario('inbound-answered');
    for (const locale of NAME_LOCALES) {
      const names = await peopleNames(scenario, { seed: 1, locale });
      for (const name of names.values()) {
        expect(name, locale).not.toMatch(/\{\{|^(Mr|Mrs|Ms|Miss|Dr)\.? |\b(PhD|MD|DDS|DVM)$/);
        expect(name.length, locale).toBeGreaterThan(1);
      }
    }
    const japanese = await peopleNames(scenario, { seed: 1, locale: 'ja' });
    expect([...japanese.values()][0]).toMatch(/^\S+ \S+$/);
  });
});
