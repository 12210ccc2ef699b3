import { ENGLISH, type MessageKey } from './english';
import { FRENCH } from './french';

export type { MessageKey } from './english';

/** A language the server's labels come in; English is the fallback for any other. */
export type Locale = 'en' | 'fr';

/** The languages the catalogue has, in the order `--help` names them. */
export const LOCALES: readonly Locale[] = ['en', 'fr'];

const CATALOGUES: Record<Locale, Readonly<Partial<Record<MessageKey, string>>>> = { en: ENGLISH, fr: FRENCH };

/** A BCP 47 tag such as `fr`, `fr-CA`, `en_GB` (as LSP's `InitializeParams.locale` or `--locale` give it). */
const TAG = /^([a-z]{2,3})(?:[-_][a-z0-9]{1,8})*$/i;

/** The catalogue's language for a tag (`fr`, `fr-CA`, `FR` -> `fr`), or undefined when it has none (`de`, `x!`). */
export function supportedLocale(tag: string | null | undefined): Locale | undefined {
  const language = TAG.exec((tag ?? '').trim())?.[1]?.toLowerCase();
  return LOCALES.find((l) => l === language);
}

/** The catalogue's language for a tag, English for anything it does not have (an editor in German gets English labels). */
export function localeOf(tag: string | null | undefined): Locale {
  return supportedLocale(tag) ?? 'en';
}

/** The values a message's `{name}` placeholders take; numbers are written the locale's way (`12,5` in French). */
export type MessageArgs = Readonly<Record<string, string | number>>;

/** Keys with a singular (`.one`) and a plural (`.other`) form, named without the suffix. */
export type CountedKey = { [K in MessageKey]: K extends `${infer Base}.one` ? (`${Base}.other` extends MessageKey ? Base : never) : never }[MessageKey];

/** Looks messages up in one locale. */
export interface Translator {
  readonly locale: Locale;
  /** The message for `key` with its placeholders filled (English when the locale has no text for it). */
  (key: MessageKey, args?: MessageArgs): string;
  /** The singular or plural form of `key` for `count` (French uses the singular for 0 and 1), `{count}` filled with it. */
  count(key: CountedKey, count: number, args?: MessageArgs): string;
  /** A number written the locale's way: a decimal comma in French. */
  number(value: number): string;
}

/** A number as the locale writes it (`12.5`, `12,5`), without grouping so it reads like the note. */
function numberIn(locale: Locale, value: number): string {
  const text = String(value);
  return locale === 'fr' ? text.replace('.', ',') : text;
}

/** The message for `key` in `locale`, placeholders filled; an unknown placeholder is left as written. */
export function message(locale: Locale, key: MessageKey, args: MessageArgs = {}): string {
  const template = CATALOGUES[locale][key] ?? ENGLISH[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = args[name];
    return value === undefined ? whole : typeof value === 'number' ? numberIn(locale, value) : value;
  });
}

/** The singular form for `count`: English for exactly 1, French for 0 and 1 (« 0 visite », « 1 visite »). */
function isSingular(locale: Locale, count: number): boolean {
  return locale === 'fr' ? Math.abs(count) < 2 : count === 1;
}

/**
 * A translator for `locale` (default English).
 * ```ts
 * const t = translator('fr');
 * t('lens.preview');              // 'Aperçu'
 * t.count('lens.history', 3);     // 'Historique : 3 visites'
 * ```
 */
export function translator(locale: Locale = 'en'): Translator {
  const t = ((key: MessageKey, args?: MessageArgs) => message(locale, key, args)) as Translator;
  Object.defineProperty(t, 'locale', { value: locale });
  t.count = (key, count, args = {}) => message(locale, `${key}.${isSingular(locale, count) ? 'one' : 'other'}` as MessageKey, { ...args, count });
  t.number = (value) => numberIn(locale, value);
  return t;
}
