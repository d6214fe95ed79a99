/**
 * Records every request of every target in the browser (tabs, iframes, workers, the extension's service
 * worker and its pages) over a second CDP connection. A browser-level auto-attach with
 * waitForDebuggerOnStart holds each new target until Network is enabled on it, so its first request is
 * seen too; each attached page auto-attaches its own iframes and workers the same way.
 */
import puppeteer, { type Browser, type CDPSession, type Protocol } from 'puppeteer-core';

export interface SeenTarget {
  targetId: string;
  type: string;
  /** Every URL the target has had (navigations included), first to last. */
  urls: string[];
  openerId?: string;
  /** True when the recorder attached before the target ran (so before its first request). */
  attachedWaiting?: boolean;
}

export interface SeenRequest {
  url: string;
  method: string;
  /** CDP resource type: Document, Script, XHR, Fetch, Media… */
  resourceType: string;
  documentURL: string;
  target: SeenTarget;
  initiatorType: string;
  /** The initiator's URL and every script URL on its (async) stack. */
  initiatorUrls: string[];
}

interface TargetInfo {
  targetId: string;
  type: string;
  url: string;
  openerId?: string;
}

/** The initiator's URL and every script URL on its stack, async parents included. */
function initiatorUrls(initiator: Protocol.Network.Initiator): string[] {
  const out = initiator.url ? [initiator.url] : [];
  for (let s: Protocol.Runtime.StackTrace | undefined = initiator.stack; s; s = s.parent)
    for (const f of s.callFrames) if (f.url) out.push(f.url);
  return out;
}

export class NetworkRecorder {
  readonly requests: SeenRequest[] = [];
  readonly webSockets: Array<{ url: string; target: SeenTarget; initiatorUrls: string[] }> = [];
  readonly targets = new Map<string, SeenTarget>();
  /** Commands a target refused (a worker without Network, say): kept so a test can show them. */
  readonly errors: string[] = [];

  private constructor(private readonly browser: Browser) {}

  /** Connects to the browser's DevTools endpoint (ws://…/devtools/browser/…) and starts recording. */
  static async start(browserWSEndpoint: string): Promise<NetworkRecorder> {
    // Puppeteer itself attaches to nothing: the only sessions are the recorder's own.
    const browser = await puppeteer.connect({ browserWSEndpoint, targetFilter: () => false });
    const recorder = new NetworkRecorder(browser);
    const root = await browser.target().createCDPSession();
    root.on('Target.targetInfoChanged', ({ targetInfo }: { targetInfo: TargetInfo }) =>
      recorder.noteTarget(targetInfo),
    );
    root.on('Target.targetCreated', ({ targetInfo }: { targetInfo: TargetInfo }) =>
      recorder.noteTarget(targetInfo),
    );
    await root.send('Target.setDiscoverTargets', { discover: true });
    await recorder.autoAttach(root, true, false);
    // What was running already is set up before the test goes on.
    await Promise.all(recorder.pending);
    return recorder;
  }

  private noteTarget(info: TargetInfo): SeenTarget {
    let t = this.targets.get(info.targetId);
    if (!t) {
      t = {
        targetId: info.targetId,
        type: info.type,
        urls: [],
        ...(info.openerId ? { openerId: info.openerId } : {}),
      };
      this.targets.set(info.targetId, t);
    }
    if (info.url && t.urls.at(-1) !== info.url) t.urls.push(info.url);
    return t;
  }

  /**
   * Auto-attaches `session`'s targets: for the browser, tabs and workers (not pages directly: a tab
   * opened by tabs.create would start loading before a browser-level attach to its page could hold
   * it); for a tab, its page; for a page, its iframes and workers. Children that already exist are
   * announced, and their commands sent, before this answer arrives.
   */
  private autoAttach(session: CDPSession, browserLevel: boolean, inHeldTab: boolean): Promise<unknown> {
    session.on('Target.attachedToTarget', (e) => {
      const child = session.connection()?.session(e.sessionId);
      if (child) this.pending.push(this.attached(child, e.targetInfo, e.waitingForDebugger, inHeldTab));
      else this.errors.push(`no session for ${e.targetInfo.type} ${e.targetInfo.url}`);
    });
    return session.send('Target.setAutoAttach', {
      autoAttach: true,
      waitForDebuggerOnStart: true,
      flatten: true,
      ...(browserLevel
        ? { filter: [{ type: 'browser', exclude: true }, { type: 'page', exclude: true }, {}] }
        : {}),
    });
  }

  private readonly pending: Array<Promise<void>> = [];
  /** Targets whose requests are already recorded (a worker is announced again under each page it serves). */
  private readonly recording = new Set<string>();

  /**
   * Sets a target up, then lets it run if it was held. Every command is sent before the first await,
   * so they reach the browser ahead of the resume; a page waits on its tab, and Network.enable on it
   * answers only once the tab runs, so nothing here may wait for that answer before resuming the tab.
   * `waiting`: the target itself is held; `inHeldTab`: the tab it lives in is.
   */
  private async attached(
    session: CDPSession,
    info: TargetInfo,
    waiting: boolean,
    inHeldTab: boolean,
  ): Promise<void> {
    const target = this.noteTarget(info);
    target.attachedWaiting ??= waiting || inHeldTab;
    const tryTo = (what: string, p: Promise<unknown>) =>
      p.catch((err: unknown) => {
        this.errors.push(`${info.type} ${info.url}: ${what}: ${String(err)}`);
      });
    const steps: Array<Promise<unknown>> = [];
    if (info.type === 'tab') {
      // Its page is announced (and set up) before the auto-attach answer: only then let the tab go.
      await tryTo('auto-attach', this.autoAttach(session, false, waiting));
    } else if (!this.recording.has(info.targetId)) {
      this.recording.add(info.targetId);
      session.on('Network.requestWillBeSent', (e) => {
        this.requests.push({
          url: e.request.url,
          method: e.request.method,
          resourceType: e.type ?? '',
          documentURL: e.documentURL,
          target,
          initiatorType: e.initiator.type,
          initiatorUrls: initiatorUrls(e.initiator),
        });
      });
      session.on('Network.webSocketCreated', (e) => {
        this.webSockets.push({
          url: e.url,
          target,
          initiatorUrls: e.initiator ? initiatorUrls(e.initiator) : [],
        });
      });
      steps.push(tryTo('Network.enable', session.send('Network.enable')));
      if (!/worker$/.test(info.type))
        steps.push(tryTo('auto-attach', this.autoAttach(session, false, false)));
    }
    // A target that was running already is not held (and a service worker never answers this then).
    if (waiting) steps.push(tryTo('resume', session.send('Runtime.runIfWaitingForDebugger')));
    await Promise.all(steps);
  }

  /** Leaves the browser running: only this connection closes. */
  async stop(): Promise<void> {
    await this.browser.disconnect();
  }
}
