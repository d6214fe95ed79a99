import { useCallback, useMemo, useState } from 'preact/hooks';
import type { StoredSession } from '@/utils/db';

/** Picked sessions by id, in the order picked, with each one's site (so deleting a site can tell). */
type Picked = ReadonlyMap<string, string>;

const NONE: Picked = new Map();

export interface SelectionState {
  selecting: boolean;
  /** The picked ids, in the order picked. */
  ids: readonly string[];
  has: ReadonlySet<string>;
  /** Checkboxes on or off; off also drops what was picked. */
  setSelecting: (on: boolean) => void;
  toggle: (s: StoredSession) => void;
  add: (sessions: readonly StoredSession[]) => void;
  clear: () => void;
  /** After a deletion: drops the whole selection if any picked session matches. */
  forgetIf: (deleted: (id: string, host: string) => boolean) => void;
}

/**
 * The history's multi-select. It lives above the list, so it survives "load more" and a visit to a
 * session's detail; the popup clears it when the filter changes or a picked session is deleted, since
 * what was picked is then no longer what is shown.
 */
export function useSelection(): SelectionState {
  const [selecting, setOn] = useState(false);
  const [picked, setPicked] = useState<Picked>(NONE);

  const setSelecting = useCallback((on: boolean) => {
    setOn(on);
    if (!on) setPicked(NONE);
  }, []);
  const toggle = useCallback((s: StoredSession) => {
    setPicked((prev) => {
      const next = new Map(prev);
      if (!next.delete(s.id)) next.set(s.id, s.pageHost);
      return next;
    });
  }, []);
  const add = useCallback((sessions: readonly StoredSession[]) => {
    setPicked((prev) => {
      const next = new Map(prev);
      for (const s of sessions) if (!next.has(s.id)) next.set(s.id, s.pageHost);
      return next;
    });
  }, []);
  const clear = useCallback(() => setPicked(NONE), []);
  const forgetIf = useCallback((deleted: (id: string, host: string) => boolean) => {
    setPicked((prev) => ([...prev].some(([id, host]) => deleted(id, host)) ? NONE : prev));
  }, []);

  const ids = useMemo(() => [...picked.keys()], [picked]);
  const has = useMemo(() => new Set(ids), [ids]);
  return { selecting, ids, has, setSelecting, toggle, add, clear, forgetIf };
}
