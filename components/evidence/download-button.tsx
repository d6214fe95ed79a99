import type { ComponentChildren } from 'preact';

export interface DownloadButtonProps {
  name: string;
  mime: string;
  /** Called on click, so a large export is serialised only when someone asks for it. */
  content: () => string;
  children: ComponentChildren;
  disabled?: boolean;
}

/** Saves text as a file through a Blob and `<a download>`: no `downloads` permission needed. */
export function saveText(name: string, mime: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: `${mime};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  // Revoke later: some browsers start the download after click() returns.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function DownloadButton({ name, mime, content, children, disabled }: DownloadButtonProps) {
  return (
    <button type="button" disabled={disabled} title={name} onClick={() => saveText(name, mime, content())}>
      {children}
    </button>
  );
}
