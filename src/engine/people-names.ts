import type { Faker, LocaleDefinition, Randomizer } from '@faker-js/faker';
import { VccSimError } from '../errors.js';
import { randomStream, type RandomStream } from './random.js';
import { modelFor } from './simulate.js';
import type { PeopleNames, PeopleNamesOptions, Scenario } from './types.js';

/**
 * faker's locales that can name people (`@faker-js/faker/locale/<name>`; its `base` names no one).
 * `people-names.test.ts` holds this list to the installed faker's.
 */
export const NAME_LOCALES = [
  'af_ZA', 'ar', 'az', 'bn_BD', 'cs_CZ', 'cy', 'da', 'de', 'de_AT', 'de_CH', 'dv', 'el', 'en',
  'en_AU', 'en_AU_ocker', 'en_BORK', 'en_CA', 'en_GB', 'en_GH', 'en_HK', 'en_IE', 'en_IN', 'en_NG',
  'en_NP', 'en_US', 'en_ZA', 'eo', 'es', 'es_MX', 'fa', 'fi', 'fr', 'fr_BE', 'fr_CA', 'fr_CH',
  'fr_LU', 'fr_SN', 'he', 'hr', 'hu', 'hy', 'id_ID', 'it', 'ja', 'ka_GE', 'ko', 'ku_ckb',
  'ku_kmr_latin', 'lv', 'mk', 'mn_MN_cyrl', 'nb_NO', 'ne', 'nl', 'nl_BE', 'pl', 'pt_BR', 'pt_PT',
  'ro', 'ro_MD', 'ru', 'sk', 'sl_SI', 'sr_RS_latin', 'sv', 'ta_IN', 'th', 'tr', 'uk', 'ur',
  'uz_UZ_latin', 'vi', 'yo_NG', 'zh_CN', 'zh_TW', 'zu_ZA',
] as const; // prettier-ignore

/** The locale names are made in unless one is asked for. */
const DEFAULT_NAME_LOCALE = 'en';

/** A locale of {@link NAME_LOCALES}. */
type NameLocale = (typeof NAME_LOCALES)[number];

/** faker's name for a locale written either way, `en_GB` or `en-gb`; undefined if it has none. */
export function nameLocale(text: string): NameLocale | undefined {
  const wanted = text.replace(/-/g, '_').toLowerCase();
  return NAME_LOCALES.find((locale) => locale.toLowerCase() === wanted);
}

/**
 * The name a roster shows: the locale's own order of first and last name (and middle name or
 * patronymic where it has one), without the titles and suffixes (`Dr.`, `PhD`) faker sometimes
 * adds.
 */
function withoutTitles(definitions: LocaleDefinition): LocaleDefinition {
  const patterns = (definitions.person?.name ?? []) as Array<{ value: string; weight: number }>;
  const plain = patterns.filter((pattern) => !/prefix|suffix/.test(pattern.value));
  return {
    person: {
      name:
        plain.length > 0
          ? plain
          : [{ value: '{{person.firstName}} {{person.lastName}}', weight: 1 }],
    },
  };
}

/**
 * A function that names a person from the run's seed and their `agentId` alone, so a name is the
 * same wherever it is shown (statistics, report) and whichever other people are named. Loads only
 * the locale asked for (faker's data for all of them is megabytes) and only when called: nothing
 * on the way to `simulate()`'s notifications, which carry no names, loads faker.
 */
async function personNamer(seed: number, locale: NameLocale): Promise<(agentId: string) => string> {
  const { faker: prebuilt } = (await import(`@faker-js/faker/locale/${locale}`)) as {
    faker: Faker;
  };
  // faker's randomizer interface, backed by the engine's streams: one stream per person.
  let stream: RandomStream = randomStream(seed, 'names');
  const randomizer: Randomizer = {
    next: () => stream.next(),
    seed: (value) => {
      stream = randomStream(seed, 'names', Array.isArray(value) ? (value[0] ?? 0) : value);
    },
  };
  // The locale's module exports a ready instance only; its class (the same `Faker` the package
  // exports) takes our randomizer without loading every locale as faker's main entry would.
  const FakerClass = prebuilt.constructor as typeof Faker;
  const faker = new FakerClass({
    locale: [withoutTitles(prebuilt.rawDefinitions), prebuilt.rawDefinitions],
    randomizer,
  });
  return (agentId) => {
    stream = randomStream(seed, `name ${agentId}`);
    return faker.person.fullName();
  };
}

/**
 * The names of a scenario's people, for reports and statistics: the names the scenario gives,
 * and for everyone else a name made by faker in `locale`, seeded by the run's seed (the same
 * seed and locale give the same names, byte for byte; another seed or locale, other names).
 * Notifications carry no names, so `simulate` never needs this: call it only where names are
 * shown. Loads faker's data for the one locale on first use.
 *
 * @example
 * const names = await peopleNames(builtInScenario('warm-transfer'), { seed: 7, locale: 'de' });
 * names.get('1001'); // a German name, the same for seed 7 on every machine
 * @throws {VccSimError} code `usage` for a locale faker does not have, or a bad seed
 */
export async function peopleNames(
  scenario: Scenario,
  options: PeopleNamesOptions = {},
): Promise<PeopleNames> {
  const model = modelFor(scenario, options.seed === undefined ? {} : { seed: options.seed });
  const people = model.teams.flatMap((team) => [...team.agents, ...team.supervisors]);
  const locale = nameLocale(options.locale ?? DEFAULT_NAME_LOCALE);
  if (locale === undefined) {
    throw new VccSimError(
      'usage',
      `No names in locale "${options.locale}": use one of faker's locales, such as en, en_GB, de, fr, es or ja.`,
    );
  }
  const unnamed = people.some((person) => person.name === undefined);
  const name = unnamed ? await personNamer(model.seed, locale) : undefined;
  return new Map(people.map((person) => [person.agentId, person.name ?? name!(person.agentId)]));
}
