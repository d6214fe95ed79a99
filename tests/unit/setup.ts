import 'fake-indexeddb/auto';
import { z } from 'zod';

// The extension runs zod jitless (extension CSP forbids new Function); tests run it the same way.
z.config({ jitless: true });
