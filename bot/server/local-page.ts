/** A persona a newcomer can try on the local page. */
export interface PersonaOption {
  readonly value: string;
  readonly label: string;
}

const escapeHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * The local try-it page: Web Chat (the npm package's prebuilt bundle) on the local Direct Line, a
 * persona switch and a "connecting / can't connect" status that screen readers announce.
 * Colours follow the GOV.UK palette (text #0b0c0c on white, 19:1; links #1d70b8, 5.2:1; focus #ffdd00).
 */
export function renderLocalPage(options: { councilName: string; personas: readonly PersonaOption[] }): string {
  const personaOptions = options.personas.map((p) => `<option value="${escapeHtml(p.value)}">${escapeHtml(p.label)}</option>`).join('\n          ');
  return `<!doctype html>
<html lang="en-GB">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>SEND Assistant (local) – ${escapeHtml(options.councilName)}</title>
  <style>
    :root { color-scheme: light; }
    body { margin: 0; font-family: Arial, Helvetica, sans-serif; font-size: 19px; line-height: 1.4; color: #0b0c0c; background: #ffffff; }
    header { background: #0b0c0c; color: #ffffff; padding: 12px 24px; }
    header p { margin: 0; font-weight: bold; }
    main { max-width: 960px; margin: 0 auto; padding: 16px 24px 32px; }
    h1 { font-size: 32px; margin: 16px 0 8px; }
    .controls { display: flex; flex-wrap: wrap; gap: 12px; align-items: end; margin: 16px 0; }
    label { display: block; font-weight: bold; margin-bottom: 4px; }
    select, button { font: inherit; padding: 6px 10px; border: 2px solid #0b0c0c; background: #ffffff; color: #0b0c0c; }
    button { background: #00703c; color: #ffffff; border-color: #00703c; cursor: pointer; }
    select:focus, button:focus, a:focus { outline: 3px solid #ffdd00; outline-offset: 0; box-shadow: 0 0 0 6px #0b0c0c; }
    #status { margin: 8px 0; padding: 8px 12px; border-left: 5px solid #1d70b8; background: #f3f2f1; }
    #status[data-state="failed"] { border-left-color: #d4351c; }
    #webchat { height: 560px; border: 2px solid #0b0c0c; }
    .hint { color: #484949; font-size: 16px; }
    a { color: #1d70b8; }
  </style>
</head>
<body>
  <header><p>${escapeHtml(options.councilName)} – SEND Assistant (local mode)</p></header>
  <main>
    <h1>Try the SEND Assistant</h1>
    <p class="hint">Local mode: synthetic demo data only, nothing leaves this computer. Choose who you want to be, then type in the chat.</p>
    <div class="controls">
      <div>
        <label for="persona">Who you are</label>
        <select id="persona" name="persona">
          ${personaOptions}
        </select>
      </div>
      <button type="button" id="restart">Start a new chat</button>
    </div>
    <div id="status" role="status" aria-live="polite" data-state="connecting">Connecting to the assistant…</div>
    <section aria-labelledby="chat-heading">
      <h2 id="chat-heading" class="hint">Chat</h2>
      <div id="webchat"></div>
    </section>
  </main>
  <script src="/webchat/webchat.js"></script>
  <script>
  (function () {
    var statusEl = document.getElementById('status');
    var personaEl = document.getElementById('persona');
    var subscription;
    var STATES = {
      1: ['connecting', 'Connecting to the assistant…'],
      2: ['online', 'Connected. Type your message in the box at the bottom of the chat.'],
      3: ['failed', 'Your chat has expired. Select "Start a new chat".'],
      4: ['failed', 'Sorry, we cannot connect to the assistant. Check the service is running, then select "Start a new chat".'],
      5: ['failed', 'The chat has ended. Select "Start a new chat".']
    };
    function setStatus(state, text) { statusEl.setAttribute('data-state', state); statusEl.textContent = text; }
    function start() {
      if (subscription) { subscription.unsubscribe(); }
      setStatus('connecting', 'Connecting to the assistant…');
      fetch('/api/webchat/token', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ persona: personaEl.value }) })
        .then(function (r) { if (!r.ok) { throw new Error('token ' + r.status); } return r.json(); })
        .then(function (t) {
          var directLine = window.WebChat.createDirectLine({ token: t.token, domain: t.domain, webSocket: false, pollingInterval: 500 });
          subscription = directLine.connectionStatus$.subscribe(function (s) { var m = STATES[s]; if (m) { setStatus(m[0], m[1]); } });
          window.WebChat.renderWebChat({
            directLine: directLine,
            userID: t.userId,
            locale: 'en-GB',
            styleOptions: {
              accent: '#1d70b8', primaryFont: 'Arial, Helvetica, sans-serif', fontSizeSmall: '80%',
              bubbleBackground: '#f3f2f1', bubbleTextColor: '#0b0c0c', bubbleFromUserBackground: '#1d70b8', bubbleFromUserTextColor: '#ffffff',
              sendBoxTextColor: '#0b0c0c', sendBoxPlaceholderColor: '#484949', suggestedActionTextColor: '#1d70b8', suggestedActionBorderColor: '#1d70b8',
              timestampColor: '#484949', subtle: '#484949', hideUploadButton: true
            }
          }, document.getElementById('webchat'));
        })
        .catch(function () { setStatus('failed', STATES[4][1]); });
    }
    document.getElementById('restart').addEventListener('click', start);
    personaEl.addEventListener('change', start);
    if (!window.WebChat) { setStatus('failed', 'Sorry, the chat could not load. Check the service is running, then reload the page.'); return; }
    start();
  })();
  </script>
</body>
</html>
`;
}
