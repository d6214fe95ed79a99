/**
 * Which browser, version and OS an export came from, from what the page can read without any permission
 * (user agent, runtime.getPlatformInfo, runtime.getBrowserInfo on Firefox). Pure: strings in.
 */
import type { EvidenceEnv } from './build';

export interface EnvSources {
  userAgent: string;
  extensionVersion: string;
  /** runtime.getPlatformInfo().os: 'win' | 'mac' | 'linux' | 'android' | 'cros' | … */
  platformOs?: string;
  /** runtime.getBrowserInfo() where it exists (Firefox). */
  browserInfo?: { name: string; version: string };
  timeZone?: string;
  utcOffsetMin: number;
}

const BROWSERS: ReadonlyArray<readonly [string, RegExp]> = [
  ['Edge', /\bEdg(?:e|A|iOS)?\/([\d.]+)/],
  ['Opera', /\bOPR\/([\d.]+)/],
  ['Firefox', /\bFirefox\/([\d.]+)/],
  ['Chromium', /\bChromium\/([\d.]+)/],
  ['Chrome', /\b(?:Headless)?Chrome\/([\d.]+)/],
  ['Safari', /\bVersion\/([\d.]+).*\bSafari\//],
];

const OS_NAMES: Record<string, string> = {
  win: 'Windows',
  mac: 'macOS',
  linux: 'Linux',
  android: 'Android',
  cros: 'ChromeOS',
  openbsd: 'OpenBSD',
  fuchsia: 'Fuchsia',
};

export function browserFromUserAgent(ua: string): { browser: string; browserVersion: string } {
  for (const [browser, re] of BROWSERS) {
    const m = re.exec(ua);
    if (m?.[1]) return { browser, browserVersion: m[1] };
  }
  return { browser: 'unknown', browserVersion: '' };
}

export function osFromUserAgent(ua: string): string {
  if (/\bAndroid\b/.test(ua)) return 'Android';
  if (/\bCrOS\b/.test(ua)) return 'ChromeOS';
  if (/\bWindows\b/.test(ua)) return 'Windows';
  if (/\b(iPhone|iPad)\b/.test(ua)) return 'iOS';
  if (/\bMac OS X\b|\bMacintosh\b/.test(ua)) return 'macOS';
  if (/\bLinux\b|\bX11\b/.test(ua)) return 'Linux';
  return 'unknown';
}

const cap = (s: string, n: number) => s.slice(0, n);

export function describeEnvironment(src: EnvSources): EvidenceEnv {
  const fromUa = browserFromUserAgent(src.userAgent);
  const info = src.browserInfo;
  return {
    extensionVersion: cap(src.extensionVersion, 40),
    browser: cap(info?.name || fromUa.browser, 60),
    browserVersion: cap(info?.version || fromUa.browserVersion, 40),
    os: cap((src.platformOs && OS_NAMES[src.platformOs]) || osFromUserAgent(src.userAgent), 60),
    timeZone: cap(src.timeZone ?? '', 80),
    utcOffsetMin: Math.max(-900, Math.min(900, Math.round(src.utcOffsetMin))),
  };
}
