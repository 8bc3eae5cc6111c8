import type { Activity } from 'botbuilder';

export interface TokenResponse {
  readonly token: string;
  readonly userId: string;
  readonly domain: string;
}

/**
 * A Direct Line v3 client for tests and the conversation runner: the same HTTP calls the Web Chat
 * client makes (token, start conversation, post activity, get activities with a watermark).
 */
export class DirectLineClient {
  private watermark = '0';
  private seen: Activity[] = [];

  private constructor(
    public baseUrl: string,
    readonly userId: string,
    readonly conversationId: string,
    private token: string,
    private domain: string,
  ) {}

  /** The token bound to this conversation (as Web Chat holds it). */
  get boundToken(): string {
    return this.token;
  }

  /** Carries on this conversation through another instance sharing the same local channel. */
  moveTo(baseUrl: string): void {
    this.baseUrl = baseUrl;
    this.domain = `${baseUrl}/v3/directline`;
  }

  /**
   * Posts an activity to /api/messages with this conversation's local token, as the Teams channel
   * would (invokes, channel messages, installs). The service stamps channel, sender, bot and
   * serviceUrl from the conversation; replies land in this conversation's transcript.
   */
  postToMessages(activity: Partial<Activity> & Record<string, unknown>, token = this.token): Promise<Response> {
    const body = {
      channelId: 'msteams',
      serviceUrl: 'https://ignored.example/',
      from: { id: 'ignored' },
      recipient: { id: 'ignored' },
      ...activity,
      conversation: { ...(activity.conversation ?? {}), id: (activity.conversation as { id?: string } | undefined)?.id ?? this.conversationId },
    };
    return fetch(`${this.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
  }

  /** Posts to /api/messages and returns the bot's messages stored during that turn. */
  async viaMessages(activity: Partial<Activity> & Record<string, unknown>): Promise<{ status: number; body: unknown; replies: Activity[] }> {
    await this.poll();
    const res = await this.postToMessages(activity);
    const text = await res.text();
    const replies = (await this.poll()).filter((a) => a.from?.role !== 'user' && a.type === 'message');
    return { status: res.status, body: text ? (JSON.parse(text) as unknown) : undefined, replies };
  }

  static async open(baseUrl: string, persona = 'anonymous'): Promise<DirectLineClient> {
    const tokenRes = await fetch(`${baseUrl}/api/webchat/token`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ persona }),
    });
    if (!tokenRes.ok) throw new Error(`token request failed: ${tokenRes.status} ${await tokenRes.text()}`);
    const t = (await tokenRes.json()) as TokenResponse;
    const startRes = await fetch(`${t.domain}/conversations`, { method: 'POST', headers: { Authorization: `Bearer ${t.token}` } });
    if (!startRes.ok) throw new Error(`start conversation failed: ${startRes.status} ${await startRes.text()}`);
    const started = (await startRes.json()) as { conversationId: string; token: string };
    return new DirectLineClient(baseUrl, t.userId, started.conversationId, started.token, t.domain);
  }

  /** Posts raw JSON (or any body) and returns the HTTP response, for bad-input tests. */
  postRaw(body: string, contentType = 'application/json'): Promise<Response> {
    return fetch(`${this.domain}/conversations/${encodeURIComponent(this.conversationId)}/activities`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${this.token}`, 'Content-Type': contentType },
      body,
    });
  }

  async send(activity: Partial<Activity> | string): Promise<string> {
    const body = typeof activity === 'string' ? { type: 'message', text: activity } : { type: 'message', ...activity };
    const res = await this.postRaw(JSON.stringify(body));
    if (!res.ok) throw new Error(`post activity failed: ${res.status} ${await res.text()}`);
    return ((await res.json()) as { id: string }).id;
  }

  /** Every activity after the last call, in order (user echoes included). */
  /** What Teams sends when a member installs the app in personal scope: a conversationUpdate adding them. */
  async installApp(member: { id: string; name: string }): Promise<{ status: number; replies: Activity[] }> {
    return this.viaMessages({ type: 'conversationUpdate', id: `install-${member.id}`, conversation: { conversationType: 'personal' } as never, membersAdded: [member] });
  }

  async poll(): Promise<Activity[]> {
    const res = await fetch(`${this.domain}/conversations/${encodeURIComponent(this.conversationId)}/activities?watermark=${encodeURIComponent(this.watermark)}`, {
      headers: { Authorization: `Bearer ${this.token}` },
    });
    if (!res.ok) throw new Error(`get activities failed: ${res.status}`);
    const body = (await res.json()) as { activities: Activity[]; watermark: string };
    this.watermark = body.watermark;
    this.seen = this.seen.concat(body.activities);
    return body.activities;
  }

  /**
   * Bot messages (typing ignored) that arrive until the bot has been quiet for `quietMs`, waiting at
   * most `timeoutMs` for the first one.
   */
  async botReplies(options: { quietMs?: number; timeoutMs?: number } = {}): Promise<Activity[]> {
    const quietMs = options.quietMs ?? 400;
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    const replies: Activity[] = [];
    let lastArrival = Date.now();
    for (;;) {
      const batch = (await this.poll()).filter((a) => a.from?.role !== 'user' && a.from?.id !== this.userId && a.type === 'message');
      if (batch.length > 0) {
        replies.push(...batch);
        lastArrival = Date.now();
      }
      if (replies.length > 0 && Date.now() - lastArrival >= quietMs) return replies;
      if (replies.length === 0 && Date.now() > deadline) return replies;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Sends a message and returns the bot's replies to it. */
  async say(activity: Partial<Activity> | string, options?: { quietMs?: number; timeoutMs?: number }): Promise<Activity[]> {
    await this.send(activity);
    return this.botReplies(options);
  }
}

/** All visible text of a set of replies: message text plus the text of any Adaptive Card. */
export function replyText(activities: readonly Partial<Activity>[]): string {
  const parts: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (node && typeof node === 'object') {
      for (const [k, v] of Object.entries(node)) {
        if ((k === 'text' || k === 'title' || k === 'fallbackText' || k === 'label' || k === 'placeholder') && typeof v === 'string') parts.push(v);
        else walk(v);
      }
    }
  };
  for (const a of activities) {
    if (a.text) parts.push(a.text);
    walk(a.attachments?.map((x) => x.content));
    walk(a.suggestedActions?.actions);
  }
  return parts.join('\n');
}
