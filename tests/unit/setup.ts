import 'fake-indexeddb/auto';
import { z } from 'zod';
import { useCatalog } from './catalogs';

// The extension runs zod jitless (extension CSP forbids new Function); tests run it the same way.
z.config({ jitless: true });

// Unit tests read English, as an en-US browser shows it (fakeBrowser has no browser.i18n of its own).
useCatalog('en', 'en-US');
