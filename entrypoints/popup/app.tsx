import { useMemo, useState } from 'preact/hooks';
import { DeleteConfirm, DeleteStatus } from '@/components/delete-confirm';
import { EvidenceActions } from '@/components/evidence-actions';
import { HistoryFilter, isFiltered } from '@/components/history-filter';
import { HistoryList } from '@/components/history-list';
import { SelectionBar, SelectToggle } from '@/components/history-selection';
import { NowPlaying } from '@/components/now-playing';
import { SessionDetailView } from '@/components/session-detail';
import { notWatchedOf, WatchedSite } from '@/components/site-access';
import { StatusNotes } from '@/components/status-notes';
import { type TabSpec, Tabs } from '@/components/tabs';
import { t, tn, uiLocale } from '@/utils/i18n';
import { ComparePanel } from './compare-panel';
import {
  historyClient,
  openEvidencePage,
  openSettings,
  readParams,
  type View,
  viewerOffsetMin,
} from './popup-data';
import { useCompare } from './use-compare';
import { useHistory } from './use-history';
import { type LiveLoad, useLive } from './use-live';
import { useSelection } from './use-selection';
import { type SiteState, useSite } from './use-site';
import { type StoreStatus, useSessionDetail, useStoreStatus } from './use-store';

const tabs = (): readonly TabSpec<View>[] => [
  { id: 'now', label: t('tabNow') },
  { id: 'history', label: t('tabHistory') },
  { id: 'compare', label: t('tabCompare') },
];

/** The popup's state and reads. Components below only render what they are given. */
export function App() {
  const params = useMemo(() => readParams(location.search), []);
  const locale = useMemo(uiLocale, []);
  const [view, setView] = useState<View>(params.view);
  const [openId, setOpenId] = useState<string | null>(params.session);
  // The session just closed, so the list can put keyboard focus back on its row.
  const [closedId, setClosedId] = useState<string | null>(null);
  // What the last deletion did; shown above the list until another session is opened.
  const [deleted, setDeleted] = useState<string | null>(null);
  // Bumped after "delete everything", which also clears the storage and quarantine notes.
  const [cleared, setCleared] = useState(0);

  const live = useLive(params.tabId, view === 'now');
  const site = useSite(params.tabId);
  const history = useHistory(view === 'history' && openId === null);
  const selection = useSelection();
  const comparison = useCompare(view === 'compare');
  const detail = useSessionDetail(openId);
  const status = useStoreStatus(cleared);
  const tz = viewerOffsetMin();

  const open = (id: string) => {
    setDeleted(null);
    setOpenId(id);
  };
  /** After a deletion: back to a freshly read list, saying what was done. */
  const afterDelete = (message: string) => {
    setClosedId(null);
    setOpenId(null);
    setDeleted(message);
    history.reload();
  };
  const deleteSession = async (id: string) => {
    await historyClient.deleteSession(id);
    selection.forgetIf((picked) => picked === id);
    afterDelete(t('deletedOne'));
  };
  const deleteHost = async (host: string) => {
    const n = await historyClient.deleteHost(host);
    selection.forgetIf((_, pickedHost) => pickedHost === host);
    afterDelete(tn('deletedHost', n, host));
  };
  const deleteAll = async () => {
    await historyClient.deleteAll();
    selection.clear();
    setCleared((n) => n + 1);
    afterDelete(t('deletedAll'));
  };
  const load = history.load;
  const shown = load.status === 'ready' ? load.sessions : [];
  const filtered = isFiltered(history.filter);

  return (
    <main>
      <header class="popup-header">
        <h1>{t('extName')}</h1>
        <button type="button" class="link" data-testid="open-settings" onClick={openSettings}>
          {t('openSettings')}
        </button>
      </header>
      <Tabs tabs={tabs()} selected={view} onSelect={setView} label={t('tabsLabel')}>
        {view === 'now' ? (
          <NowPanel live={live} status={status} tz={tz} site={site} locale={locale} />
        ) : view === 'compare' ? (
          <ComparePanel load={comparison} locale={locale} />
        ) : openId !== null ? (
          <SessionDetailView
            load={detail}
            onBack={() => {
              setClosedId(openId);
              setOpenId(null);
            }}
            onDeleteSession={() => deleteSession(openId)}
            onDeleteHost={deleteHost}
            onEvidence={openEvidencePage}
            locale={locale}
          />
        ) : (
          <>
            <StatusNotes
              storage={status.storage}
              quarantine={status.quarantine}
              error={status.error}
              tzOffsetMin={tz}
              locale={locale}
            />
            {deleted && <DeleteStatus message={deleted} />}
            <HistoryFilter
              value={history.filter}
              onChange={(f) => {
                // What was picked under the old filter may not be shown under the new one.
                selection.clear();
                history.setFilter(f);
              }}
            />
            {shown.length > 0 && (
              <SelectToggle selecting={selection.selecting} onChange={selection.setSelecting} />
            )}
            <HistoryList
              load={load}
              filtered={filtered}
              onOpen={open}
              onMore={history.more}
              onRetry={history.retry}
              focusId={closedId}
              locale={locale}
              {...(selection.selecting ? { selected: selection.has, onToggle: selection.toggle } : {})}
            />
            {selection.selecting && (
              <SelectionBar
                ids={selection.ids}
                onClear={selection.clear}
                onOpen={openEvidencePage}
                {...(shown.some((s) => !selection.has.has(s.id))
                  ? { onSelectShown: () => selection.add(shown) }
                  : {})}
              />
            )}
            {shown.length > 0 && <EvidenceActions filter={history.filter} onOpen={openEvidencePage} />}
            {load.status === 'ready' && (load.sessions.length > 0 || filtered) && (
              <div class="delete-actions">
                <DeleteConfirm
                  label={t('deleteAllLabel')}
                  testId="delete-all"
                  question={t('deleteAllQuestion')}
                  confirmLabel={t('deleteAllConfirm')}
                  onConfirm={deleteAll}
                />
              </div>
            )}
          </>
        )}
      </Tabs>
    </main>
  );
}

function NowPanel({
  live,
  status,
  tz,
  site,
  locale,
}: {
  live: LiveLoad;
  status: StoreStatus;
  tz: number;
  site: SiteState;
  locale: string;
}) {
  // Only the storage trouble that stops recording belongs here; the rest is shown with the history.
  const full = status.storage?.state === 'full' ? status.storage : null;
  const actions = { onWatch: site.watch, onStop: site.stop, busy: site.busy, error: site.error };
  return (
    <>
      <StatusNotes storage={full} quarantine={null} tzOffsetMin={tz} locale={locale} />
      <WatchedSite access={site.access} actions={actions} />
      {live.status === 'loading' && (
        <p class="muted" role="status">
          {t('loading')}
        </p>
      )}
      {live.status === 'error' && (
        <p class="note bad" role="alert" data-testid="live-error">
          {t('liveError', live.message)}
        </p>
      )}
      {live.status === 'ready' && (
        <NowPlaying
          live={live.live}
          now={live.at}
          saved={live.saved}
          savedError={live.savedError}
          notWatched={notWatchedOf(site.access, actions)}
          locale={locale}
        />
      )}
    </>
  );
}
