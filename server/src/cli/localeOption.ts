import { LOCALES, supportedLocale, type Locale } from '../core/l10n/localize';
import { UsageError, type OptionSpec } from './usage';

/** `--locale en|fr`: the language of a report's fixed labels (a regional form such as `fr-CA` is accepted). */
export const LOCALE_OPTION: OptionSpec = { type: 'string', value: LOCALES.join('|'), help: 'language of the report\'s labels (fr-CA and other regional forms accepted); findings stay in English', default: 'en' };

/** The locale `--locale` names (English when absent); an unsupported one is a usage error, not a silent English report. */
export function cliLocale(value: unknown): Locale {
  if (value === undefined) {
    return 'en';
  }
  const locale = typeof value === 'string' ? supportedLocale(value) : undefined;
  if (!locale) {
    throw new UsageError(`unknown --locale '${String(value)}': use ${LOCALES.join(' or ')} (a regional form such as fr-CA works too)`);
  }
  return locale;
}
