/**
 * The settings page: statements about the user's line, retention, the badge, the sites the user turned
 * on (straight from the browser's granted permissions), and deleting the history. State and reads live
 * here; the components render only.
 */
import { useEffect, useState } from 'preact/hooks';
import { DeleteConfirm, DeleteStatus } from '@/components/delete-confirm';
import { type FormErrors, OptionsForm } from '@/components/options-form';
import { WatchedSites } from '@/components/watched-sites';
import { defaultTemplateFor, TEMPLATES } from '@/utils/evidence/complaint/templates';
import { fromForm, readSettings, type SettingsForm, saveSettings, toForm } from '@/utils/settings/store';
import { watchedSites } from '@/utils/sites/watch';

const errorText = (err: unknown): string =>
  err instanceof Error ? err.message || err.name : String(err ?? 'unknown error');

export function App() {
  // null until the stored settings are read, so nothing typed before then is overwritten.
  const [form, setForm] = useState<SettingsForm | null>(null);
  const [errors, setErrors] = useState<FormErrors>({});
  const [problems, setProblems] = useState<string[]>([]);
  const [status, setStatus] = useState<string | null>(null);
  const [sites, setSites] = useState<string[]>([]);
  const [siteError, setSiteError] = useState<string | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);

  useEffect(() => {
    void readSettings().then((l) => {
      setForm(toForm(l.settings));
      setProblems(l.problems);
    });
    const refresh = () =>
      void browser.permissions.getAll().then(
        (p) => setSites(watchedSites(p.origins ?? [], browser.runtime.getManifest().host_permissions ?? [])),
        (e: unknown) => setSiteError(errorText(e)),
      );
    refresh();
    browser.permissions.onAdded.addListener(refresh);
    browser.permissions.onRemoved.addListener(refresh);
    return () => {
      browser.permissions.onAdded.removeListener(refresh);
      browser.permissions.onRemoved.removeListener(refresh);
    };
  }, []);

  const save = () => {
    if (!form) return;
    const r = fromForm(form);
    if (!r.ok) {
      setErrors(r.errors);
      setStatus('Not saved: check the fields marked above.');
      return;
    }
    setErrors({});
    saveSettings(r.settings).then(
      () => {
        setForm(toForm(r.settings));
        setProblems([]);
        setStatus('Saved.');
      },
      (e: unknown) => setStatus(`Not saved: ${errorText(e)}`),
    );
  };
  const remove = (pattern: string) => {
    setSiteError(null);
    browser.permissions.remove({ origins: [pattern] }).then(
      (ok) =>
        !ok && setSiteError('The browser did not remove the access; remove it in its extension settings.'),
      (e: unknown) => setSiteError(errorText(e)),
    );
  };
  const deleteAll = async () => {
    const db = await import('@/utils/db');
    await db.deleteAll();
    setDeleted('Deleted all recorded history.');
  };
  const template = TEMPLATES[defaultTemplateFor(form?.country.trim() ?? null)];

  return (
    <main>
      <h1>StreamWitness settings</h1>
      {problems.length > 0 && (
        <div class="note" role="alert" data-testid="settings-problems">
          <p>Some stored settings could not be used:</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p>The values below are what is in use. Saving replaces the stored settings with them.</p>
        </div>
      )}
      {!form && <p class="muted">Loading…</p>}
      {form && (
        <OptionsForm
          value={form}
          errors={errors}
          templateLabel={template.label}
          onChange={(key, v) => {
            setForm((f) => f && { ...f, [key]: v });
            setStatus(null);
          }}
          onSave={save}
          status={status}
        />
      )}
      <WatchedSites sites={sites} onRemove={remove} error={siteError} />
      <section aria-labelledby="data-h">
        <h2 id="data-h">Your data</h2>
        <p class="muted small">
          Everything StreamWitness records stays in this browser. Your settings and watched sites are kept.
        </p>
        {deleted && <DeleteStatus message={deleted} />}
        <DeleteConfirm
          label="Delete all recorded data…"
          testId="delete-all"
          question="Delete every recorded session, sample and note, on all sites? This cannot be undone."
          confirmLabel="Delete everything"
          onConfirm={deleteAll}
        />
      </section>
    </main>
  );
}
