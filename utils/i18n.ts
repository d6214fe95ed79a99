/**
 * UI words. Every user-visible string lives in public/_locales/<lang>/messages.json, which the browser
 * loads and picks itself (browser.i18n), so no page bundles a catalog. Keys are typed from the English
 * catalog (a type-only import: nothing of it reaches the bundle), so a misspelt key fails `tsc`.
 * Numbers passed as substitutions are written the way the UI locale writes them.
 */

import type en from '../public/_locales/en/messages.json';
import { browser } from './native-browser';

export type MessageKey = keyof typeof en;
/** Keys with `_one` and `_other` forms, without the suffix: for `tn`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_one`
    ? `${Base}_other` extends MessageKey
      ? Base
      : never
    : never;
}[MessageKey];
export type Sub = string | number;

const numberFormats = new Map<string, Intl.NumberFormat>();

function formatSub(sub: Sub, locale: string): string {
  if (typeof sub === 'string') return sub;
  let nf = numberFormats.get(locale);
  if (!nf) {
    try {
      nf = new Intl.NumberFormat(locale);
    } catch {
      nf = new Intl.NumberFormat('en');
    }
    numberFormats.set(locale, nf);
  }
  return nf.format(sub);
}

/**
 * The locale numbers and dates are written in: the browser's UI language when the catalog shown is in
 * that language (so de-AT or en-GB keep their own conventions), else the catalog's own language, so a
 * page in English fallback never mixes in another language's dates.
 */
export function uiLocale(): string {
  const catalog = browser.i18n.getMessage('locale') || 'en';
  const ui = browser.i18n.getUILanguage();
  return ui.split(/[-_]/)[0]?.toLowerCase() === catalog ? ui : catalog;
}

/** The message `key` with its placeholders filled in ($1… in the order given). */
export function t(key: MessageKey, ...subs: Sub[]): string {
  const locale = subs.some((s) => typeof s === 'number') ? uiLocale() : '';
  const message = browser.i18n.getMessage(
    key,
    subs.map((s) => formatSub(s, locale)),
  );
  // An empty answer means a key missing from every catalog: show the key rather than nothing.
  return message || key;
}

let pluralRules: { locale: string; rules: Intl.PluralRules } | null = null;

/** `base_one` or `base_other` by `count` (the locale's plural rule); `count` is the first substitution. */
export function tn(base: PluralKey, count: number, ...subs: Sub[]): string {
  const locale = uiLocale();
  if (pluralRules?.locale !== locale) pluralRules = { locale, rules: new Intl.PluralRules(locale) };
  const form = pluralRules.rules.select(count) === 'one' ? 'one' : 'other';
  return t(`${base}_${form}`, count, ...subs);
}

/** An extension page's `lang` and window title in the UI language ("StreamWitness — evidence report"). */
export function localizeDocument(title?: MessageKey): void {
  document.documentElement.lang = uiLocale();
  document.title = title ? `${t('extName')} — ${t(title)}` : t('extName');
}
