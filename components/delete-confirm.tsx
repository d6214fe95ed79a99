import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '@/utils/i18n';

export interface DeleteConfirmProps {
  /** The first button's label, e.g. "Delete this session". */
  label: string;
  /** data-testid of the first button. */
  testId: string;
  /** What the confirm step asks, in full words. */
  question: string;
  /** The confirm button's label, e.g. "Delete session". */
  confirmLabel: string;
  /** Does the deletion; a rejection is shown as an alert and nothing else changes. */
  onConfirm: () => Promise<void>;
}

type Step = { at: 'idle' } | { at: 'asking' } | { at: 'working' } | { at: 'failed'; message: string };

const errorText = (err: unknown): string =>
  err instanceof Error ? err.message || err.name : String(err ?? t('unknownError'));

/**
 * A delete button with an inline, two-step confirmation: the confirm step takes keyboard focus, Escape
 * or Cancel leaves it (focus goes back to the button), and a failure is announced and keeps the data.
 */
export function DeleteConfirm({ label, testId, question, confirmLabel, onConfirm }: DeleteConfirmProps) {
  const [step, setStep] = useState<Step>({ at: 'idle' });
  const confirmRef = useRef<HTMLButtonElement>(null);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  const live = useRef(true);
  useEffect(
    () => () => {
      live.current = false;
    },
    [],
  );

  useEffect(() => {
    if (step.at === 'asking' || step.at === 'failed') confirmRef.current?.focus();
    if (step.at === 'idle' && returnFocus.current) {
      returnFocus.current = false;
      triggerRef.current?.focus();
    }
  }, [step.at]);

  const cancel = () => {
    returnFocus.current = true;
    setStep({ at: 'idle' });
  };
  const confirm = () => {
    setStep({ at: 'working' });
    onConfirm().then(
      // On success the parent usually moves away; if it does not, come back to the button.
      () => live.current && setStep({ at: 'idle' }),
      (err: unknown) => live.current && setStep({ at: 'failed', message: errorText(err) }),
    );
  };

  if (step.at === 'idle') {
    return (
      <button
        type="button"
        class="danger"
        data-testid={testId}
        ref={triggerRef}
        onClick={() => setStep({ at: 'asking' })}
      >
        {label}
      </button>
    );
  }

  const working = step.at === 'working';
  return (
    <div
      class="confirm note warn"
      role="alertdialog"
      aria-label={label}
      aria-describedby={`${testId}-q`}
      data-testid={`${testId}-confirm`}
      onKeyDown={(e) => {
        if (e.key !== 'Escape') return;
        // Escape leaves the confirmation only, never the view around it.
        e.preventDefault();
        e.stopPropagation();
        if (!working) cancel();
      }}
    >
      <p id={`${testId}-q`}>{question}</p>
      {step.at === 'failed' && (
        <p class="note bad" role="alert" data-testid="delete-error">
          {t('deleteFailed', step.message)}
        </p>
      )}
      <button
        type="button"
        class="danger"
        data-testid="confirm-delete"
        ref={confirmRef}
        disabled={working}
        onClick={confirm}
      >
        {working ? t('deleting') : confirmLabel}
      </button>{' '}
      <button type="button" data-testid="cancel-delete" disabled={working} onClick={cancel}>
        {t('cancel')}
      </button>
    </div>
  );
}

/** What the last deletion did, announced and focused so the keyboard place is not lost with the row. */
export function DeleteStatus({ message }: { message: string }) {
  const ref = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, [message]);
  return (
    <p class="note" role="status" tabIndex={-1} ref={ref} data-testid="delete-status">
      {message}
    </p>
  );
}
