/**
 * The _locales catalogs for unit tests. WXT's fakeBrowser does not implement browser.i18n, so tests
 * install this one: getMessage reads a catalog with Chrome's substitution rules. Tests only: the
 * extension itself never bundles a catalog.
 */
import { fakeBrowser } from 'wxt/testing';
import de from '@/public/_locales/de/messages.json';
import en from '@/public/_locales/en/messages.json';
import es from '@/public/_locales/es/messages.json';

export interface CatalogEntry {
  message: string;
  description?: string;
  placeholders?: Record<string, { content: string }>;
}
export type Catalog = Record<string, CatalogEntry>;
export type Lang = 'en' | 'es' | 'de';
export const CATALOGS: Record<Lang, Catalog> = { en, es, de };

/** Chrome's getMessage: named placeholders ($name$) to their content, then $1…$9 to the substitutions. */
export function getMessage(catalog: Catalog, key: string, subs?: string | string[]): string {
  const entry =
    catalog[key] ?? Object.entries(catalog).find(([k]) => k.toLowerCase() === key.toLowerCase())?.[1];
  if (!entry) return '';
  const args = subs === undefined ? [] : Array.isArray(subs) ? subs : [subs];
  const fill = (s: string) => s.replace(/\$(\d)/g, (_, d: string) => args[Number(d) - 1] ?? '');
  return entry.message
    .replace(/\$(\w+)\$/g, (whole, name: string) => {
      const ph = entry.placeholders?.[name.toLowerCase()] ?? entry.placeholders?.[name];
      return ph ? fill(ph.content) : whole;
    })
    .replace(/\$\$/g, '$');
}

/** Makes browser.i18n answer in `lang`, as a browser whose UI language is `uiLanguage` would. */
export function useCatalog(lang: Lang, uiLanguage: string = lang): void {
  const catalog = CATALOGS[lang];
  fakeBrowser.i18n.getMessage = ((key: string, subs?: string | string[]) =>
    getMessage(catalog, key, subs)) as typeof fakeBrowser.i18n.getMessage;
  fakeBrowser.i18n.getUILanguage = () => uiLanguage;
}
