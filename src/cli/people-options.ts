import type { PeopleNames, Scenario } from '../engine/index.js';
import { didYouMean } from './suggest.js';
import { usageError } from './usage-error.js';

/** `--locale`'s description, for the commands that show people's names. */
export const LOCALE_DESCRIPTION =
  'Locale of the names made up for agents: one of faker’s (en, en_GB, de, fr, es, ja…) [default: en]';

/**
 * The names of a scenario's people for a run (`peopleNames`), in the locale `--locale` asks for:
 * a locale faker does not have is a usage error naming the closest one. Loads faker's data for
 * that one locale only, and only here, where names are shown.
 */
export async function namesFromArgs(
  scenario: Scenario,
  seed: number | undefined,
  locale: string | undefined,
): Promise<PeopleNames> {
  const { NAME_LOCALES, nameLocale, peopleNames } = await import('../engine/people-names.js');
  if (locale !== undefined && nameLocale(locale) === undefined) {
    const suggestion = didYouMean(locale, NAME_LOCALES);
    throw usageError(
      `--locale must be one of faker’s locales (got "${locale}").${suggestion || ` Locales: ${NAME_LOCALES.join(', ')}.`}`,
    );
  }
  return peopleNames(scenario, {
    ...(seed === undefined ? {} : { seed }),
    ...(locale === undefined ? {} : { locale }),
  });
}
