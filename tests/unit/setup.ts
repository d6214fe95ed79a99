import 'fake-indexeddb/auto';
import { beforeEach } from 'vitest';
import { z } from 'zod';
import { useCatalog } from './catalogs';
import { installFakePermissions } from './fake-permissions';

// The extension runs zod jitless (extension CSP forbids new Function); tests run it the same way.
z.config({ jitless: true });

// WXT's fake browser has no permissions or scripting; every test starts with an empty in-memory one.
beforeEach(() => void installFakePermissions());
// Unit tests read English, as an en-US browser shows it (fakeBrowser has no browser.i18n of its own).
useCatalog('en', 'en-US');
// The popup keeps its copy of the history's first page in localStorage, which would outlive a test.
beforeEach(() => {
  if (typeof localStorage !== 'undefined') localStorage.clear();
});
