import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { runInNewContext } from 'node:vm';

/*
 * web/embed.js runs in a browser. Here it runs in a vm context with just enough of a DOM: the
 * elements it creates, fetch, and a fake window.WebChat whose Direct Line reports connection
 * statuses the way botframework-directlinejs does (0 uninitialised ... 2 online, 3 expired token,
 * 4 failed to connect).
 */

const repoRoot = resolve(__dirname, '..', '..', '..');
const EMBED_SOURCE = readFileSync(join(repoRoot, 'web', 'embed.js'), 'utf8');

type Listener = (event: { type: string }) => void;

class FakeElement {
  readonly children: FakeElement[] = [];
  readonly attributes = new Map<string, string>();
  readonly listeners = new Map<string, Listener[]>();
  parent: FakeElement | undefined;
  private text = '';
  hidden = false;
  type = '';
  src = '';
  async = false;
  nonce = '';
  readonly classList = {
    add: (name: string) => {
      const names = new Set(this.className.split(' ').filter(Boolean));
      names.add(name);
      this.className = [...names].join(' ');
    },
    contains: (name: string) => this.className.split(' ').includes(name),
  };

  constructor(
    readonly tagName: string,
    private readonly doc: FakeDocument,
  ) {}

  get id(): string {
    return this.attributes.get('id') ?? '';
  }
  set id(value: string) {
    this.attributes.set('id', value);
  }
  get className(): string {
    return this.attributes.get('class') ?? '';
  }
  set className(value: string) {
    this.attributes.set('class', value);
  }
  getAttribute(name: string): string | null {
    return this.attributes.get(name) ?? null;
  }
  setAttribute(name: string, value: string): void {
    this.attributes.set(name, String(value));
  }
  get firstChild(): FakeElement | null {
    return this.children[0] ?? null;
  }
  appendChild(child: FakeElement): FakeElement {
    child.parent = this;
    this.children.push(child);
    return child;
  }
  removeChild(child: FakeElement): FakeElement {
    const i = this.children.indexOf(child);
    if (i >= 0) this.children.splice(i, 1);
    child.parent = undefined;
    return child;
  }
  get textContent(): string {
    return this.text + this.children.map((c) => c.textContent).join('');
  }
  set textContent(value: string) {
    this.children.length = 0;
    this.text = value;
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatch(type: string): void {
    for (const l of this.listeners.get(type) ?? []) l({ type });
  }
  focus(): void {
    this.doc.activeElement = this;
  }
  *walk(): Generator<FakeElement> {
    yield this;
    for (const c of this.children) yield* c.walk();
  }
  find(predicate: (e: FakeElement) => boolean): FakeElement | undefined {
    for (const e of this.walk()) if (predicate(e)) return e;
    return undefined;
  }
}

class FakeDocument {
  readonly documentElement: FakeElement;
  readonly head: FakeElement;
  readonly body: FakeElement;
  readonly listeners = new Map<string, Listener[]>();
  readyState = 'complete';
  visibilityState = 'visible';
  activeElement: FakeElement | undefined;
  currentScript: FakeElement | null = null;

  constructor() {
    this.documentElement = new FakeElement('html', this);
    this.head = this.documentElement.appendChild(new FakeElement('head', this));
    this.body = this.documentElement.appendChild(new FakeElement('body', this));
  }
  createElement(tag: string): FakeElement {
    return new FakeElement(tag.toLowerCase(), this);
  }
  getElementById(id: string): FakeElement | null {
    return this.documentElement.find((e) => e.id === id) ?? null;
  }
  addEventListener(type: string, listener: Listener): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener]);
  }
  dispatch(type: string): void {
    for (const l of this.listeners.get(type) ?? []) l({ type });
  }
}

interface Observer {
  next(value: number): void;
}

/** The part of an RxJS BehaviorSubject that embed.js uses. */
class FakeStatus {
  private observers: Observer[] = [];
  constructor(private value: number) {}
  subscribe(observer: Observer): { unsubscribe(): void } {
    this.observers.push(observer);
    observer.next(this.value);
    return { unsubscribe: () => (this.observers = this.observers.filter((o) => o !== observer)) };
  }
  next(value: number): void {
    this.value = value;
    for (const o of [...this.observers]) o.next(value);
  }
  /** Changes the value without telling anyone (a status change missed while the page slept). */
  setSilently(value: number): void {
    this.value = value;
  }
  getValue(): number {
    return this.value;
  }
}

class FakeDirectLine {
  readonly connectionStatus$ = new FakeStatus(0);
  ended = false;
  constructor(readonly options: { token: string; domain: string; webSocket: boolean }) {}
  end(): void {
    this.ended = true;
  }
}

interface RenderCall {
  readonly props: {
    directLine: FakeDirectLine;
    userID: string;
    locale: string;
    role: string;
    nonce?: string;
    styleOptions: Record<string, unknown>;
  };
  readonly element: FakeElement;
}

class FakeWebChat {
  readonly directLines: FakeDirectLine[] = [];
  readonly renders: RenderCall[] = [];
  createDirectLine = (options: { token: string; domain: string; webSocket: boolean }): FakeDirectLine => {
    const dl = new FakeDirectLine(options);
    this.directLines.push(dl);
    return dl;
  };
  renderWebChat = (props: RenderCall['props'], element: FakeElement): void => {
    this.renders.push({ props, element });
  };
  get lastDirectLine(): FakeDirectLine {
    const dl = this.directLines.at(-1);
    assert.ok(dl, 'no Direct Line was created');
    return dl;
  }
}

interface FetchCall {
  readonly url: string;
  readonly init: { method?: string; credentials?: string; body?: unknown; headers?: Record<string, string> };
}

interface FakeResponse {
  readonly ok: boolean;
  readonly status: number;
  json(): Promise<unknown>;
}

const tokenResponse = (n: number): FakeResponse => ({
  ok: true,
  status: 200,
  json: async () => ({ token: `token-${n}`, userId: `dl_user-${n}`, domain: 'https://europe.directline.botframework.com/v3/directline' }),
});

interface Page {
  readonly document: FakeDocument;
  readonly container: FakeElement;
  readonly webChat: FakeWebChat;
  readonly fetches: FetchCall[];
  readonly errors: string[];
  readonly window: Record<string, unknown>;
  /** The controller embed.js returned for the page's container. */
  instance(): { ready: Promise<void>; phase(): string };
  status(): FakeElement;
  retry(): FakeElement;
  heading(): FakeElement;
}

interface PageOptions {
  readonly tokenUrl?: string | null;
  readonly responses?: (FakeResponse | Error)[];
  /** Whether the host page already has window.WebChat. */
  readonly webChatOnPage?: boolean;
  readonly fallbackContent?: boolean;
}

function loadPage(options: PageOptions = {}): Page {
  const document = new FakeDocument();
  const container = document.createElement('div');
  container.id = 'send-assistant';
  const tokenUrl = options.tokenUrl === undefined ? 'https://send.example.gov.uk/api/webchat/token' : options.tokenUrl;
  if (tokenUrl !== null) container.setAttribute('data-token-url', tokenUrl);
  if (options.fallbackContent) container.appendChild(document.createElement('p')).textContent = 'Chat needs JavaScript.';
  document.body.appendChild(container);
  const script = document.createElement('script');
  script.src = 'https://send.example.gov.uk/embed.js';
  script.nonce = 'n0nce';
  document.currentScript = script;

  const webChat = new FakeWebChat();
  const fetches: FetchCall[] = [];
  const errors: string[] = [];
  const responses = [...(options.responses ?? [tokenResponse(1), tokenResponse(2), tokenResponse(3), tokenResponse(4), tokenResponse(5)])];
  const window: Record<string, unknown> = {
    location: { href: 'https://localoffer.example.gov.uk/send/ask' },
    fetch: async (url: string, init: FetchCall['init']) => {
      fetches.push({ url, init });
      const next = responses.shift();
      if (!next) throw new Error('no more fake responses');
      if (next instanceof Error) throw next;
      return next;
    },
    setTimeout,
    clearTimeout,
    console: { error: (m: string) => errors.push(m), warn: (m: string) => errors.push(m) },
  };
  if (options.webChatOnPage ?? true) window['WebChat'] = webChat;
  runInNewContext(EMBED_SOURCE, { window, document, URL, AbortController }, { filename: 'web/embed.js' });

  const byClass = (name: string) => (): FakeElement => {
    const e = container.find((x) => x.classList.contains(name));
    assert.ok(e, `no .${name}`);
    return e;
  };
  return {
    document,
    container,
    webChat,
    fetches,
    errors,
    window,
    instance: () => (window['SendAssistant'] as { instance: ReturnType<Page['instance']> }).instance,
    status: byClass('send-assistant__status'),
    retry: byClass('send-assistant__retry'),
    heading: byClass('send-assistant__heading'),
  };
}

/** Lets pending promise callbacks run. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await new Promise((r) => setImmediate(r));
}

function relativeLuminance(hex: string): number {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  assert.ok(m, `${hex} is not #rrggbb`);
  const [r, g, b] = [m[1], m[2], m[3]].map((h) => {
    const c = parseInt(h ?? '0', 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * (r ?? 0) + 0.7152 * (g ?? 0) + 0.0722 * (b ?? 0);
}

function contrast(a: string, b: string): number {
  const [hi, lo] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return ((hi ?? 0) + 0.05) / ((lo ?? 0) + 0.05);
}

describe('web/embed.js', () => {
  it('builds a named region with a heading and a polite status line, replacing fallback content', async () => {
    const page = loadPage({ fallbackContent: true });
    await page.instance().ready;
    const heading = page.heading();
    assert.equal(heading.tagName, 'h2');
    assert.equal(heading.textContent, 'Ask the SEND Assistant');
    assert.equal(page.container.getAttribute('role'), 'region');
    assert.equal(page.container.getAttribute('aria-labelledby'), heading.id);
    assert.ok(heading.id);
    const status = page.status();
    assert.equal(status.getAttribute('role'), 'status');
    assert.equal(status.getAttribute('aria-live'), 'polite');
    assert.ok(!page.container.textContent.includes('Chat needs JavaScript.'));
  });

  it('asks for a token with a bare POST (no cookies, no body) and renders Web Chat with it', async () => {
    const page = loadPage();
    await page.instance().ready;
    assert.equal(page.fetches.length, 1);
    const [call] = page.fetches;
    assert.equal(call?.url, 'https://send.example.gov.uk/api/webchat/token');
    assert.equal(call?.init.method, 'POST');
    assert.equal(call?.init.credentials, 'omit');
    assert.equal(call?.init.body, undefined);
    assert.deepEqual(JSON.parse(JSON.stringify(page.webChat.lastDirectLine.options)), {
      token: 'token-1',
      domain: 'https://europe.directline.botframework.com/v3/directline',
      webSocket: true,
    });
    const render = page.webChat.renders[0];
    assert.ok(render);
    assert.equal(render.props.userID, 'dl_user-1');
    assert.equal(render.props.locale, 'en-GB');
    assert.equal(render.props.role, 'region');
    assert.equal(render.props.nonce, 'n0nce');
    assert.equal(render.props.styleOptions['hideUploadButton'], true);
    assert.equal(render.element.parent?.className, 'send-assistant__chat');
  });

  it('says "Connecting…" until Direct Line is online, then "Connected"', async () => {
    const page = loadPage();
    await page.instance().ready;
    assert.equal(page.status().textContent, 'Connecting…');
    page.webChat.lastDirectLine.connectionStatus$.next(1);
    assert.equal(page.status().textContent, 'Connecting…');
    page.webChat.lastDirectLine.connectionStatus$.next(2);
    assert.equal(page.status().textContent, 'Connected');
    assert.equal(page.retry().hidden, true);
  });

  it('loads Web Chat from the service when the page has no window.WebChat', async () => {
    const page = loadPage({ webChatOnPage: false });
    await settle();
    const script = page.document.head.children.find((c) => c.tagName === 'script');
    assert.ok(script, 'no script element added');
    assert.equal(script.src, 'https://send.example.gov.uk/webchat/webchat.js');
    assert.equal(script.nonce, 'n0nce');
    page.window['WebChat'] = page.webChat;
    script.dispatch('load');
    await page.instance().ready;
    assert.equal(page.webChat.renders.length, 1);
  });

  it('when the token endpoint fails: says the assistant is unavailable, offers Try again, and Try again reconnects', async () => {
    const page = loadPage({ responses: [{ ok: false, status: 503, json: async () => ({}) }, tokenResponse(2)] });
    await page.instance().ready;
    assert.equal(page.status().textContent, 'Sorry, the assistant is not available right now. Please try again later or contact the SEND team.');
    assert.equal(page.status().getAttribute('data-state'), 'error');
    assert.equal(page.retry().hidden, false);
    assert.equal(page.webChat.renders.length, 0);
    assert.match(page.errors.join('\n'), /token endpoint answered 503/);

    page.retry().dispatch('click');
    assert.equal(page.document.activeElement, page.heading(), 'focus stays in the assistant when the button hides');
    await settle();
    assert.equal(page.retry().hidden, true);
    assert.equal(page.webChat.renders.length, 1);
    page.webChat.lastDirectLine.connectionStatus$.next(2);
    assert.equal(page.status().textContent, 'Connected');
  });

  it('when the token expires, gets a new token, starts a new conversation and says so', async () => {
    const page = loadPage();
    await page.instance().ready;
    const first = page.webChat.lastDirectLine;
    first.connectionStatus$.next(2);
    first.connectionStatus$.next(3); // ExpiredToken: the client could not refresh in time
    await settle();
    assert.equal(page.fetches.length, 2);
    assert.equal(first.ended, true);
    const second = page.webChat.lastDirectLine;
    assert.notEqual(second, first);
    assert.equal(second.options.token, 'token-2');
    assert.equal(page.status().textContent, 'Reconnecting…');
    second.connectionStatus$.next(2);
    assert.match(page.status().textContent, /^Connected\. The chat started again/);
    first.connectionStatus$.next(4); // the old connection no longer speaks for the page
    assert.match(page.status().textContent, /^Connected\./);
  });

  it('stops restarting after repeated failures and offers Try again', async () => {
    const page = loadPage();
    await page.instance().ready;
    for (let i = 0; i < 4; i += 1) {
      page.webChat.lastDirectLine.connectionStatus$.next(2);
      page.webChat.lastDirectLine.connectionStatus$.next(3);
      await settle();
    }
    assert.equal(page.fetches.length, 4, 'the first connection and three restarts');
    assert.equal(page.instance().phase(), 'failed');
    assert.equal(page.retry().hidden, false);
    assert.match(page.status().textContent, /^Sorry, the assistant is not available/);
  });

  it('on returning to the page, restarts if the token ran out while it was hidden', async () => {
    const page = loadPage();
    await page.instance().ready;
    page.webChat.lastDirectLine.connectionStatus$.next(2);
    page.document.dispatch('visibilitychange');
    await settle();
    assert.equal(page.fetches.length, 1, 'nothing to do while the connection is fine');
    page.webChat.lastDirectLine.connectionStatus$.setSilently(3);
    page.document.dispatch('visibilitychange');
    await settle();
    assert.equal(page.fetches.length, 2);
  });

  it('refuses a token URL that is not https, and never calls it', async () => {
    const page = loadPage({ tokenUrl: 'http://send.example.gov.uk/api/webchat/token' });
    await page.instance().ready;
    assert.equal(page.fetches.length, 0);
    assert.match(page.status().textContent, /^Sorry, the assistant is not available/);
    assert.match(page.errors.join('\n'), /data-token-url is missing or not an https:\/\/ address/);
  });

  it('refuses a token response without a user id', async () => {
    const page = loadPage({ responses: [{ ok: true, status: 200, json: async () => ({ token: 't', domain: 'https://directline.botframework.com/v3/directline' }) }] });
    await page.instance().ready;
    assert.equal(page.webChat.renders.length, 0);
    assert.match(page.errors.join('\n'), /without a token and user id/);
  });

  it('styles Web Chat with colours that meet WCAG 2.2 AA', () => {
    const page = loadPage();
    const s = (page.window['SendAssistant'] as { styleOptions: Record<string, string> }).styleOptions;
    const text: [string, string, string][] = [
      ['bot message text', s['bubbleTextColor'] ?? '', s['bubbleBackground'] ?? ''],
      ['user message text', s['bubbleFromUserTextColor'] ?? '', s['bubbleFromUserBackground'] ?? ''],
      ['links and accent on the page', s['accent'] ?? '', s['backgroundColor'] ?? ''],
      ['links inside bot messages', s['accent'] ?? '', s['bubbleBackground'] ?? ''],
      ['timestamps', s['timestampColor'] ?? '', s['backgroundColor'] ?? ''],
      ['secondary text', s['subtle'] ?? '', s['backgroundColor'] ?? ''],
      ['typed text', s['sendBoxTextColor'] ?? '', s['sendBoxBackground'] ?? ''],
      ['placeholder', s['sendBoxPlaceholderColor'] ?? '', s['sendBoxBackground'] ?? ''],
      ['suggested actions', s['suggestedActionTextColor'] ?? '', s['suggestedActionBackgroundColor'] ?? ''],
      ['suggested actions on hover', s['suggestedActionTextColorOnHover'] ?? '', s['suggestedActionBackgroundColorOnHover'] ?? ''],
    ];
    for (const [what, fg, bg] of text) assert.ok(contrast(fg, bg) >= 4.5, `${what}: ${fg} on ${bg} is ${contrast(fg, bg).toFixed(2)}:1`);
    const focus: [string, string, string][] = [
      ['transcript focus', s['transcriptVisualKeyboardIndicatorColor'] ?? '', s['backgroundColor'] ?? ''],
      ['message focus', s['transcriptActivityVisualKeyboardIndicatorColor'] ?? '', s['bubbleBackground'] ?? ''],
      ['send button focus', s['sendBoxButtonKeyboardFocusIndicatorBorderColor'] ?? '', s['sendBoxBackground'] ?? ''],
      ['send button', s['sendBoxButtonColor'] ?? '', s['sendBoxBackground'] ?? ''],
    ];
    for (const [what, fg, bg] of focus) assert.ok(contrast(fg, bg) >= 3, `${what}: ${fg} on ${bg} is ${contrast(fg, bg).toFixed(2)}:1`);
    assert.ok(Number(s['transcriptVisualKeyboardIndicatorWidth']) >= 2, 'focus indicator at least 2px');
    assert.equal(contrast('#ffffff', '#ffffff'), 1, 'contrast() sanity check');
  });
});
