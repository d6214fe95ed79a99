import { useEffect, useRef, useState } from 'preact/hooks';
import { VerifyResult } from '@/components/evidence/verify-result';
import { checkSize, normalizeDigest, type VerifyOutcome, verifyEvidenceText } from '@/utils/evidence/verify';

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
  const [expected, setExpected] = useState('');
  const [pasted, setPasted] = useState('');
  const [over, setOver] = useState(false);
  const expectedOk = expected.trim() === '' || normalizeDigest(expected) !== null;

  const run = async (name: string | undefined, read: () => Promise<string>) => {
    setState({ step: 'checking', name: name ?? 'pasted text' });
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
          code: 'not-json',
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
        <h1>Verify an evidence file</h1>
        <p class="muted">
          Checks that a StreamWitness evidence file (.json) matches the published schema and that its SHA-256
          hash chain is intact, and tells you exactly what is wrong if not. The file stays on this computer.
        </p>
      </header>
      <section class={`drop${over ? ' over' : ''}`} aria-label="Choose an evidence file">
        <p>Drop the .json file anywhere on this page, or</p>
        <input
          type="file"
          accept=".json,application/json"
          data-testid="file"
          onChange={(e) => checkFile((e.target as HTMLInputElement).files?.[0])}
        />
      </section>
      <div class="toolbar">
        <label>
          Digest you were given (optional){' '}
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
      {!expectedOk && (
        <p role="alert">That is not a SHA-256 digest (64 hexadecimal characters); it will be ignored.</p>
      )}
      <details>
        <summary>Or paste the file's text</summary>
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
          Check pasted text
        </button>
      </details>
      {state.step === 'checking' && <p class="muted">Checking {state.name}…</p>}
      {state.step === 'done' && (
        <VerifyResult outcome={state.outcome} {...(state.name ? { fileName: state.name } : {})} />
      )}
      <p class="muted">
        The file format is documented in the extension's <code>evidence-schema.json</code> (
        <a href="evidence-schema.json">open</a>). The chain proves the file has not changed since its digest
        was made; compare the digest with the one quoted in the report or complaint.
      </p>
    </main>
  );
}
