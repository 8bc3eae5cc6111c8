/*!
 * SEND Assistant: web chat for the council's Local Offer site. No dependencies.
 *
 *   <link rel="stylesheet" href="https://<service>/embed.css">
 *   <div id="send-assistant" data-token-url="https://<service>/api/webchat/token"></div>
 *   <script src="https://<service>/embed.js" defer></script>
 *
 * It asks the service for a Direct Line token (the secret never reaches the browser), loads Web
 * Chat's bundle from the service, and renders it with accessible styling, a heading and a status
 * line that screen readers announce. See docs/embedding.md.
 */
(function (window, document) {
  'use strict';

  var CONTAINER_ID = 'send-assistant';

  var MESSAGES = {
    connecting: 'Connecting\u2026',
    connected: 'Connected',
    reconnecting: 'Reconnecting\u2026',
    restarted: 'Connected. The chat started again because the connection was lost, so earlier messages are not shown.',
    unavailable: 'Sorry, the assistant is not available right now. Please try again later or contact the SEND team.',
  };

  /** botframework-directlinejs ConnectionStatus values. */
  var CONNECTION = { uninitialized: 0, connecting: 1, online: 2, expiredToken: 3, failedToConnect: 4, ended: 5 };

  /** How long a token request may take before we give up. */
  var TOKEN_TIMEOUT_MS = 15000;

  /** At most this many automatic restarts (new token, new conversation) in RESTART_WINDOW_MS. */
  var MAX_RESTARTS = 3;
  var RESTART_WINDOW_MS = 10 * 60 * 1000;

  /**
   * Web Chat style options. Colours meet WCAG 2.2 AA: text at least 4.5:1 against its background,
   * focus indicators at least 3:1. The unit tests check each pair.
   */
  var COLOURS = {
    text: '#0b0c0c',
    secondaryText: '#505a5f',
    background: '#ffffff',
    botBubble: '#f3f2f1',
    border: '#b1b4b6',
    brand: '#1d70b8',
    brandDark: '#003078',
    focus: '#0b0c0c',
  };

  var STYLE_OPTIONS = {
    accent: COLOURS.brand,
    backgroundColor: COLOURS.background,
    subtle: COLOURS.secondaryText,
    paddingRegular: 12,
    paddingWide: 20,
    fontSizeSmall: '90%',
    bubbleBackground: COLOURS.botBubble,
    bubbleBorderColor: COLOURS.border,
    bubbleBorderRadius: 4,
    bubbleBorderWidth: 1,
    bubbleTextColor: COLOURS.text,
    bubbleFromUserBackground: COLOURS.brand,
    bubbleFromUserBorderColor: COLOURS.brand,
    bubbleFromUserBorderRadius: 4,
    bubbleFromUserTextColor: '#ffffff',
    bubbleMaxWidth: 560,
    timestampColor: COLOURS.secondaryText,
    notificationText: COLOURS.text,
    hideUploadButton: true,
    sendBoxBackground: COLOURS.background,
    sendBoxTextColor: COLOURS.text,
    sendBoxPlaceholderColor: COLOURS.secondaryText,
    sendBoxBorderTop: 'solid 2px ' + COLOURS.text,
    sendBoxTextWrap: true,
    sendBoxButtonColor: COLOURS.brand,
    sendBoxButtonColorOnHover: COLOURS.brandDark,
    sendBoxButtonColorOnFocus: COLOURS.brandDark,
    sendBoxButtonKeyboardFocusIndicatorBorderColor: COLOURS.focus,
    sendBoxButtonKeyboardFocusIndicatorBorderWidth: 3,
    suggestedActionBackgroundColor: COLOURS.background,
    suggestedActionTextColor: COLOURS.brand,
    suggestedActionBorderColor: COLOURS.brand,
    suggestedActionBorderWidth: 2,
    suggestedActionBorderRadius: 4,
    suggestedActionBackgroundColorOnHover: COLOURS.brandDark,
    suggestedActionTextColorOnHover: '#ffffff',
    suggestedActionKeyboardFocusIndicatorBorderColor: COLOURS.focus,
    suggestedActionKeyboardFocusIndicatorBorderWidth: 3,
    transcriptVisualKeyboardIndicatorColor: COLOURS.focus,
    transcriptVisualKeyboardIndicatorStyle: 'solid',
    transcriptVisualKeyboardIndicatorWidth: 3,
    transcriptActivityVisualKeyboardIndicatorColor: COLOURS.focus,
    transcriptActivityVisualKeyboardIndicatorStyle: 'solid',
    transcriptActivityVisualKeyboardIndicatorWidth: 3,
  };

  var DEFAULT_FONT = 'arial, sans-serif';

  // The script element that loaded us: its src gives the service's address, its nonce the CSP nonce.
  var currentScript = document.currentScript || null;

  var bundlePromise = null;

  function isLocalHost(hostname) {
    return hostname === 'localhost' || hostname === '127.0.0.1' || hostname === '[::1]';
  }

  /** An absolute URL that is https (or http on this machine), or null. */
  function safeUrl(value, base) {
    if (!value) return null;
    var url;
    try {
      url = new URL(value, base);
    } catch {
      return null;
    }
    if (url.protocol === 'https:' || (url.protocol === 'http:' && isLocalHost(url.hostname))) return url;
    return null;
  }

  function readOptions(container) {
    var scriptSrc = currentScript && currentScript.src ? currentScript.src : undefined;
    var tokenUrl = safeUrl(container.getAttribute('data-token-url'), scriptSrc || window.location.href);
    var bundleUrl =
      safeUrl(container.getAttribute('data-webchat-url'), scriptSrc || window.location.href) ||
      (scriptSrc ? safeUrl('/webchat/webchat.js', scriptSrc) : null) ||
      (tokenUrl ? safeUrl('/webchat/webchat.js', tokenUrl.href) : null);
    var level = parseInt(container.getAttribute('data-heading-level') || '2', 10);
    return {
      tokenUrl: tokenUrl,
      bundleUrl: bundleUrl,
      title: container.getAttribute('data-title') || 'Ask the SEND Assistant',
      headingLevel: level >= 2 && level <= 6 ? level : 2,
      nonce: container.getAttribute('data-nonce') || (currentScript && currentScript.nonce) || undefined,
      locale: container.getAttribute('data-locale') || 'en-GB',
    };
  }

  function uniqueId(base) {
    var id = base;
    var n = 1;
    while (document.getElementById(id)) {
      n += 1;
      id = base + '-' + n;
    }
    return id;
  }

  function hostFont(container) {
    try {
      var family = window.getComputedStyle ? window.getComputedStyle(container).fontFamily : '';
      return family || DEFAULT_FONT;
    } catch {
      return DEFAULT_FONT;
    }
  }

  /** Builds the heading, status line, chat area and retry button inside the container. */
  function buildFrame(container, options) {
    while (container.firstChild) container.removeChild(container.firstChild);
    container.classList.add('send-assistant');

    var heading = document.createElement('h' + options.headingLevel);
    heading.id = uniqueId('send-assistant-heading');
    heading.className = 'send-assistant__heading';
    heading.setAttribute('tabindex', '-1');
    heading.textContent = options.title;

    // The container becomes a named landmark: "Ask the SEND Assistant, region".
    container.setAttribute('role', 'region');
    container.setAttribute('aria-labelledby', heading.id);

    var status = document.createElement('p');
    status.className = 'send-assistant__status';
    status.setAttribute('role', 'status');
    status.setAttribute('aria-live', 'polite');
    status.setAttribute('aria-atomic', 'true');

    var chat = document.createElement('div');
    chat.className = 'send-assistant__chat';

    var retry = document.createElement('button');
    retry.type = 'button';
    retry.className = 'send-assistant__retry';
    retry.textContent = 'Try again';
    retry.hidden = true;

    container.appendChild(heading);
    container.appendChild(status);
    container.appendChild(chat);
    container.appendChild(retry);
    return { heading: heading, status: status, chat: chat, retry: retry };
  }

  function fetchToken(tokenUrl) {
    var controller = typeof AbortController === 'function' ? new AbortController() : null;
    var timer = controller
      ? window.setTimeout(function () {
          controller.abort();
        }, TOKEN_TIMEOUT_MS)
      : null;
    // No body and no custom headers: a "simple" CORS request, so no preflight. No cookies either:
    // the service chooses the user id, the browser does not identify itself.
    return window
      .fetch(tokenUrl.href, {
        method: 'POST',
        headers: { Accept: 'application/json' },
        credentials: 'omit',
        cache: 'no-store',
        mode: 'cors',
        signal: controller ? controller.signal : undefined,
      })
      .then(function (response) {
        if (!response.ok) throw new Error('token endpoint answered ' + response.status);
        return response.json();
      })
      .then(function (body) {
        if (!body || typeof body.token !== 'string' || !body.token || typeof body.userId !== 'string' || !body.userId) {
          throw new Error('token endpoint answered without a token and user id');
        }
        var domain = typeof body.domain === 'string' ? safeUrl(body.domain) : null;
        if (!domain) throw new Error('token endpoint answered without a usable Direct Line domain');
        return { token: body.token, userId: body.userId, domain: domain.href.replace(/\/+$/, '') };
      })
      .finally(function () {
        if (timer !== null) window.clearTimeout(timer);
      });
  }

  /** Web Chat's bundle: the page's window.WebChat, or our copy loaded once. */
  function loadWebChat(bundleUrl, nonce) {
    if (window.WebChat && typeof window.WebChat.renderWebChat === 'function') return Promise.resolve(window.WebChat);
    if (bundlePromise) return bundlePromise;
    if (!bundleUrl) return Promise.reject(new Error('no address for the Web Chat bundle'));
    bundlePromise = new Promise(function (resolve, reject) {
      var script = document.createElement('script');
      script.src = bundleUrl.href;
      script.async = true;
      if (nonce) script.nonce = nonce;
      script.addEventListener('load', function () {
        if (window.WebChat && typeof window.WebChat.renderWebChat === 'function') resolve(window.WebChat);
        else reject(new Error('the Web Chat bundle loaded but window.WebChat is missing'));
      });
      script.addEventListener('error', function () {
        reject(new Error('could not load the Web Chat bundle from ' + bundleUrl.href));
      });
      (document.head || document.documentElement).appendChild(script);
    }).catch(function (err) {
      bundlePromise = null; // let "Try again" reload it
      throw err;
    });
    return bundlePromise;
  }

  /**
   * Starts the assistant in a container. Returns a small controller (used by tests, and by hosts
   * that want to restart or remove the chat).
   */
  function start(container, overrides) {
    var options = readOptions(container);
    if (overrides) for (var key in overrides) if (Object.prototype.hasOwnProperty.call(overrides, key)) options[key] = overrides[key];
    var frame = buildFrame(container, options);
    var styleOptions = Object.assign({ primaryFont: hostFont(container) }, STYLE_OPTIONS);

    var state = {
      phase: 'idle',
      directLine: null,
      subscription: null,
      connectedOnce: false,
      restarted: false,
      restarts: [],
      generation: 0,
    };

    function setStatus(text, kind) {
      if (frame.status.textContent !== text) frame.status.textContent = text;
      frame.status.setAttribute('data-state', kind);
    }

    function teardown() {
      if (state.subscription && typeof state.subscription.unsubscribe === 'function') state.subscription.unsubscribe();
      state.subscription = null;
      if (state.directLine && typeof state.directLine.end === 'function') {
        try {
          state.directLine.end();
        } catch {
          // already ended
        }
      }
      state.directLine = null;
    }

    function fail(reason) {
      teardown();
      state.phase = 'failed';
      setStatus(MESSAGES.unavailable, 'error');
      frame.retry.hidden = false;
      if (window.console && reason) window.console.error('SEND Assistant: ' + (reason && reason.message ? reason.message : reason));
    }

    /**
     * Direct Line tokens last 30 minutes. Web Chat's Direct Line client refreshes its token every
     * 15 minutes on its own, so an open chat keeps going. If the refresh could not happen in time
     * (a laptop asleep for an hour) the token expires: we then fetch a new one and start a new
     * conversation, and say so, rather than leave a chat that silently cannot send.
     */
    function restartAfterLostConnection() {
      var now = Date.now();
      state.restarts = state.restarts.filter(function (t) {
        return now - t < RESTART_WINDOW_MS;
      });
      if (state.restarts.length >= MAX_RESTARTS) {
        fail(new Error('the connection keeps failing'));
        return;
      }
      state.restarts.push(now);
      connect(true);
    }

    function onConnectionStatus(generation, status) {
      if (generation !== state.generation) return; // an older connection
      if (status === CONNECTION.connecting) {
        setStatus(state.connectedOnce ? MESSAGES.reconnecting : MESSAGES.connecting, 'connecting');
      } else if (status === CONNECTION.online) {
        state.phase = 'connected';
        setStatus(state.restarted ? MESSAGES.restarted : MESSAGES.connected, 'connected');
        state.connectedOnce = true;
      } else if (status === CONNECTION.expiredToken || (status === CONNECTION.failedToConnect && state.connectedOnce)) {
        restartAfterLostConnection();
      } else if (status === CONNECTION.failedToConnect) {
        fail(new Error('could not connect to Direct Line'));
      }
    }

    function connect(isRestart) {
      teardown();
      state.generation += 1;
      var generation = state.generation;
      state.phase = 'connecting';
      state.restarted = Boolean(isRestart);
      frame.retry.hidden = true;
      setStatus(isRestart ? MESSAGES.reconnecting : MESSAGES.connecting, 'connecting');

      if (!options.tokenUrl) {
        fail(new Error('data-token-url is missing or not an https:// address'));
        return Promise.resolve();
      }

      return Promise.all([fetchToken(options.tokenUrl), loadWebChat(options.bundleUrl, options.nonce)])
        .then(function (results) {
          if (generation !== state.generation) return;
          var session = results[0];
          var WebChat = results[1];
          var directLine = WebChat.createDirectLine({ token: session.token, domain: session.domain, webSocket: true });
          state.directLine = directLine;
          if (directLine.connectionStatus$ && typeof directLine.connectionStatus$.subscribe === 'function') {
            state.subscription = directLine.connectionStatus$.subscribe({
              next: function (status) {
                onConnectionStatus(generation, status);
              },
            });
          }
          // A fresh element for each conversation, so Web Chat starts clean.
          var target = document.createElement('div');
          target.className = 'send-assistant__webchat';
          while (frame.chat.firstChild) frame.chat.removeChild(frame.chat.firstChild);
          frame.chat.appendChild(target);
          WebChat.renderWebChat(
            {
              directLine: directLine,
              userID: session.userId,
              locale: options.locale,
              styleOptions: styleOptions,
              // The container is the named landmark; Web Chat's root must not be a second one.
              role: 'region',
              nonce: options.nonce,
            },
            target,
          );
        })
        .catch(function (err) {
          if (generation === state.generation) fail(err);
        });
    }

    frame.retry.addEventListener('click', function () {
      state.restarts = [];
      // The button is about to hide; keep keyboard focus inside the assistant.
      frame.heading.focus();
      connect(false);
    });

    // Back from sleep or another tab: if the token ran out meanwhile, start again now rather than
    // when the user next presses Send.
    document.addEventListener('visibilitychange', function () {
      if (document.visibilityState !== 'visible' || !state.directLine || state.phase !== 'connected') return;
      var subject = state.directLine.connectionStatus$;
      var current = subject && typeof subject.getValue === 'function' ? subject.getValue() : undefined;
      if (current === CONNECTION.expiredToken || current === CONNECTION.failedToConnect) restartAfterLostConnection();
    });

    var ready = connect(false);
    return {
      ready: ready,
      frame: frame,
      styleOptions: styleOptions,
      phase: function () {
        return state.phase;
      },
      restart: function () {
        return connect(false);
      },
      stop: teardown,
    };
  }

  function autoStart() {
    var container = document.getElementById(CONTAINER_ID);
    if (!container) {
      if (window.console) window.console.warn('SEND Assistant: no element with id="' + CONTAINER_ID + '" on this page.');
      return;
    }
    if (container.getAttribute('data-send-assistant-started') === 'true') return;
    container.setAttribute('data-send-assistant-started', 'true');
    window.SendAssistant.instance = start(container);
  }

  window.SendAssistant = {
    start: start,
    styleOptions: STYLE_OPTIONS,
    colours: COLOURS,
    messages: MESSAGES,
    instance: null,
  };

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', autoStart);
  else autoStart();
})(window, document);
