import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { VerifyResult } from '@/components/evidence/verify-result';
import { checkSize, normalizeDigest, type VerifyOutcome, verifyEvidenceText } from '@/utils/evidence/verify';
import { t, uiLocale } from '@/utils/i18n';

type State =
  | { step: 'idle' }
  | { step: 'checking'; name: string }
  | { step: 'done'; outcome: VerifyOutcome; name?: string };

/**
 * Checks an evidence file chosen, dropped or pasted here. Reads the file in this page only: it has no
 * access to the history store and stores nothing, so no input can change what is recorded.
 */
export function App() {
  const [state, setState] = useState<State>({ step: 'idle' });
  const locale = useMemo(uiLocale, []);
  const [expected, setExpected] = useState('');
  const [pasted, setPasted] = useState('');
  const [over, setOver] = useState(false);
  const expectedOk = expected.trim() === '' || normalizeDigest(expected) !== null;

  const run = async (name: string | undefined, read: () => Promise<string>) => {
    setState({ step: 'checking', name: name ?? t('verifyPastedText') });
    try {
      const text = await read();
      const outcome = await verifyEvidenceText(
        text,
        expectedOk && expected.trim() ? { expectedDigest: expected } : {},
      );
      setState({ step: 'done', outcome, ...(name ? { name } : {}) });
    } catch (e) {
      setState({
        step: 'done',
        ...(name ? { name } : {}),
        outcome: {
          ok: false,
          code: 'unreadable',
          title: 'The file could not be read.',
          details: [e instanceof Error ? e.message : String(e)],
        },
      });
    }
  };

  const checkFileRef = useRef<(file: File | undefined) => void>(() => undefined);
  // The whole page takes a dropped file, so a near miss does not make the browser open it instead.
  useEffect(() => {
    const onOver = (e: DragEvent) => {
      e.preventDefault();
      setOver(true);
    };
    const onLeave = () => setOver(false);
    const onDrop = (e: DragEvent) => {
      e.preventDefault();
      setOver(false);
      checkFileRef.current(e.dataTransfer?.files[0]);
    };
    window.addEventListener('dragover', onOver);
    window.addEventListener('dragleave', onLeave);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onOver);
      window.removeEventListener('dragleave', onLeave);
      window.removeEventListener('drop', onDrop);
    };
  }, []);

  const checkFile = (file: File | undefined) => {
    if (!file) return;
    // Refuse by size before reading a byte: a huge file would freeze or crash the tab.
    const tooBig = checkSize(file.size);
    if (tooBig) {
      setState({ step: 'done', outcome: tooBig, name: file.name });
      return;
    }
    void run(file.name, () => file.text());
  };
  checkFileRef.current = checkFile;

  return (
    <main>
      <header>
        <h1>{t('verifyHeading')}</h1>
        <p class="muted">{t('verifyIntro')}</p>
      </header>
      <section class={`drop${over ? ' over' : ''}`} aria-label={t('verifyChoose')}>
        <p>{t('verifyDrop')}</p>
        <input
          type="file"
          accept=".json,application/json"
          data-testid="file"
          onChange={(e) => checkFile((e.target as HTMLInputElement).files?.[0])}
        />
      </section>
      <div class="toolbar">
        <label>
          {t('verifyExpected')}{' '}
          <input
            type="text"
            size={70}
            spellcheck={false}
            value={expected}
            data-testid="expected"
            aria-invalid={!expectedOk}
            onInput={(e) => setExpected((e.target as HTMLInputElement).value)}
          />
        </label>
      </div>
      {!expectedOk && <p role="alert">{t('verifyBadDigest')}</p>}
      <details>
        <summary>{t('verifyPaste')}</summary>
        <textarea
          rows={8}
          style={{ width: '100%' }}
          value={pasted}
          data-testid="paste"
          onInput={(e) => setPasted((e.target as HTMLTextAreaElement).value)}
        />
        <button
          type="button"
          disabled={pasted.trim() === ''}
          onClick={() => void run(undefined, async () => pasted)}
        >
          {t('verifyCheckPasted')}
        </button>
      </details>
      {state.step === 'checking' && <p class="muted">{t('verifyChecking', state.name)}</p>}
      {state.step === 'done' && (
        <VerifyResult
          outcome={state.outcome}
          locale={locale}
          {...(state.name ? { fileName: state.name } : {})}
        />
      )}
      <p class="muted">
        {t('verifySchemaNote')} <code>evidence-schema.json</code> (
        <a href="evidence-schema.json">{t('open')}</a>). {t('verifyChainNote')}
      </p>
    </main>
  );
}
