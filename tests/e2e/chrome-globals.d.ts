// Extension pages evaluated by the e2e suite have the real chrome.* API; these are the parts used.
export {};

declare global {
  const chrome: {
    tabs: {
      query(q: object): Promise<Array<{ id?: number; url?: string }>>;
      remove(tabId: number): Promise<void>;
    };
    action: {
      getBadgeText(d: { tabId: number }): Promise<string>;
      getBadgeBackgroundColor(d: { tabId: number }): Promise<number[]>;
      getTitle(d: { tabId: number }): Promise<string>;
    };
    storage: {
      session: { get(k?: string | null): Promise<Record<string, unknown>> };
      onChanged: {
        addListener(
          fn: (changes: Record<string, { oldValue?: unknown; newValue?: unknown }>, area: string) => void,
        ): void;
      };
    };
    runtime: { reload(): void; id: string; sendMessage(message: unknown): Promise<unknown> };
    permissions: { getAll(): Promise<{ origins?: string[]; permissions?: string[] }> };
    scripting: { getRegisteredContentScripts(): Promise<Array<{ id: string; matches?: string[] }>> };
    /** chrome://extensions only: what its "Site access" controls call. */
    developerPrivate: { addHostPermission(extensionId: string, host: string): Promise<void> };
  };
}
