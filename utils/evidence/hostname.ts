import { z } from '../schema/zod';

/** A hostname (optionally with port or an IPv6 literal): no scheme, path, query or credentials. */
export const Hostname = z.string().regex(/^[A-Za-z0-9._:[\]-]{0,255}$/);
