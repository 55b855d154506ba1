// Frontdoor browser chat. Plain script, no build step, no dependencies.
//
// Reply text is only ever put on the page with textContent or text nodes: a
// reply must never be able to become markup. Nothing here logs message text.
(function () {
  'use strict';

  var root = document.getElementById('chat');
  var log = document.getElementById('log');
  var form = document.getElementById('composer');
  var input = document.getElementById('text');
  var label = document.getElementById('text-label');
  var sendBtn = document.getElementById('send');
  var statusEl = document.getElementById('status');
  var countEl = document.getElementById('count');
  var maxText = parseInt(root.getAttribute('data-max-text'), 10) || 4096;

  // The page's own few words: English until the server sends them in the
  // person's language (GET chat/ui), from the same catalogue as the bot's
  // replies, so that a new language needs nothing here.
  var words = ['Message', 'Send', 'Connecting…', 'Not sent'];

  // localStorage can be refused (private modes, third-party iframes); the
  // chat then still works for the life of the page.
  var memory = {};
  function load(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return key in memory ? memory[key] : null; }
  }
  function save(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { memory[key] = value; }
  }

  function randomId() {
    var b = new Uint8Array(16);
    window.crypto.getRandomValues(b);
    var s = '';
    for (var i = 0; i < b.length; i++) s += (b[i] < 16 ? '0' : '') + b[i].toString(16);
    return s;
  }

  var session = load('fd.session');
  if (!/^[0-9a-f]{32}$/.test(session || '')) {
    session = randomId();
    save('fd.session', session);
  }

  var params = new URLSearchParams(window.location.search);
  var startPayload = params.get('start');
  if (startPayload !== null && !/^[A-Za-z0-9_-]{1,64}$/.test(startPayload)) startPayload = null;

  // The languages the person may read, most wanted first: a lang_xx start
  // link, the one this page used before, the browser's.
  var wanted = [];
  var m = /^lang_([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,8})?)/.exec(startPayload || '');
  if (m) wanted.push(m[1]);
  if (load('fd.lang')) wanted.push(load('fd.lang'));
  wanted = wanted.concat(navigator.languages || [navigator.language || 'en']);
  // lang is the page's language once the server has chosen it; until then
  // the wishes go with each message, for the notices the server may send.
  var lang = wanted.slice(0, 5).join(',');
  // The direction comes from the server with every reply (its rtl flag),
  // so a new right-to-left language needs nothing here; until the first
  // reply, the page keeps the direction of the last one it showed.
  function setPageDir(rtl) {
    document.documentElement.dir = rtl ? 'rtl' : 'ltr';
  }
  setPageDir(load('fd.dir') === 'rtl');
  function showWords() {
    input.placeholder = words[0];
    label.textContent = words[0];
    sendBtn.setAttribute('aria-label', words[1]);
  }
  showWords();
  log.setAttribute('aria-label', 'Frontdoor');
  fetch('chat/ui?want=' + encodeURIComponent(lang), { headers: { Accept: 'application/json' } })
    .then(function (res) { return res.ok ? res.json() : null; })
    .then(function (ui) {
      if (!ui || !ui.lang) return;
      lang = ui.lang;
      if (m) save('fd.lang', lang);
      document.documentElement.lang = lang;
      words = [ui.message, ui.send, ui.connecting, ui.not_sent];
      showWords();
      if (statusEl.textContent) setStatus(words[2]);
      var notes = log.querySelectorAll('.failed .note');
      for (var i = 0; i < notes.length; i++) notes[i].textContent = words[3];
    })
    .catch(function () { /* the English words stay */ });

  function setStatus(text) {
    statusEl.textContent = text;
    log.setAttribute('aria-busy', text ? 'true' : 'false');
  }

  // --- rendering ---------------------------------------------------------

  var shown = {}; // the person's message id -> bubble (or true when hidden)
  var labels = {}; // choice id -> label, to show which option was picked

  function isStart(text) { return /^\/start(\s|$)/.test(text || ''); }

  // Unsent messages stay at the bottom; everything that arrives goes above
  // them, which is also its true place in the conversation.
  function place(el) {
    var pending = log.querySelector('.msg.me.pending');
    if (pending) log.insertBefore(el, pending); else log.appendChild(el);
    log.scrollTop = log.scrollHeight;
  }

  function clearChoices() {
    var old = log.querySelectorAll('.choices');
    for (var i = 0; i < old.length; i++) old[i].parentNode.removeChild(old[i]);
  }

  // Web addresses, and phone numbers written the international way
  // (+39 011 000 0000) or as Italian numbers of at least 8 digits.
  var linkRe = /\bhttps?:\/\/[^\s<>"]+|\+\d[\d .\-]{6,}\d|\b0\d[\d .\-]{6,}\d|\b3\d{2}[ .\-]?\d{3}[ .\-]?\d{3,4}\b/g;
  // linkLabel is what a web address shows: its site and a mark when there
  // is more, not a long raw address.
  function linkLabel(url) {
    try {
      var u = new URL(url);
      var more = (u.pathname && u.pathname !== '/') || u.search || u.hash;
      return u.host + (more ? '/… ↗' : ' ↗');
    } catch (e) { return url; }
  }
  // addText fills el with text, making web addresses and phone numbers
  // links. Only text nodes and anchors whose href is an http(s) address or
  // a tel: number made of digits are created.
  function addText(el, text) {
    var last = 0;
    text = String(text);
    text.replace(linkRe, function (match, at) {
      var a = document.createElement('a');
      var shown;
      if (/^https?:/.test(match)) {
        shown = match.replace(/[.,;:!?)\]]+$/, '');
        a.href = shown;
        a.textContent = linkLabel(shown);
        a.title = shown;
        a.target = '_blank';
        a.rel = 'noopener noreferrer';
      } else {
        shown = match;
        a.href = 'tel:' + match.replace(/[^\d+]/g, '');
        a.textContent = match;
        a.className = 'tel';
      }
      el.appendChild(document.createTextNode(text.slice(last, at)));
      el.appendChild(a);
      last = at + shown.length;
      return match;
    });
    el.appendChild(document.createTextNode(text.slice(last)));
  }

  // addMedia puts a reply's recording (a player) and file (a picture, or
  // a link to download a PDF) in its bubble, before the text. They are
  // fetched with this page's session, the only one the server gives them
  // to; only the server's own chat/ paths are used.
  function addMedia(el, r) {
    var sid = '?session=' + session;
    if (typeof r.voice === 'string' && /^chat\/voice\/[0-9a-f]+$/.test(r.voice)) {
      var audio = document.createElement('audio');
      audio.controls = true;
      audio.preload = 'metadata';
      audio.className = 'voice';
      audio.src = r.voice + sid;
      el.appendChild(audio);
    }
    var f = r.file;
    if (f && typeof f.url === 'string' && /^chat\/file\/[0-9a-f]+\.[0-9a-f]+$/.test(f.url)) {
      var a = document.createElement('a');
      a.href = f.url + sid;
      a.className = 'file';
      if (f.image) {
        var img = document.createElement('img');
        img.src = f.url + sid;
        img.alt = f.name || '';
        a.target = '_blank';
        a.rel = 'noopener';
        a.appendChild(img);
      } else {
        a.setAttribute('download', f.name || '');
        a.textContent = f.name || 'file';
      }
      el.appendChild(a);
    }
  }

  function showReply(r) {
    clearChoices();
    var dir = r.rtl ? 'rtl' : 'auto';
    setPageDir(!!r.rtl);
    save('fd.dir', r.rtl ? 'rtl' : 'ltr');
    var bubble = document.createElement('div');
    bubble.className = 'msg bot';
    bubble.dir = dir;
    addMedia(bubble, r);
    addText(bubble, r.text || '');
    place(bubble);
    var choices = Array.isArray(r.choices) ? r.choices : [];
    if (!choices.length) return;
    var box = document.createElement('div');
    box.className = 'choices';
    box.dir = dir;
    box.setAttribute('role', 'group');
    choices.forEach(function (c) {
      labels[c.id] = c.label;
      var b = document.createElement('button');
      b.type = 'button';
      b.textContent = c.label;
      b.addEventListener('click', function () { pick(c); });
      box.appendChild(b);
    });
    place(box);
  }

  // showMine shows one of the person's messages once, however often it
  // arrives (own send, echo from the server, other tabs, retries).
  function showMine(m, pending) {
    if (shown[m.id]) return;
    if (m.text && isStart(m.text)) { shown[m.id] = true; return; }
    clearChoices();
    var bubble = document.createElement('div');
    bubble.className = 'msg me' + (pending ? ' pending' : '');
    bubble.dir = 'auto';
    bubble.textContent = m.text || m.label || labels[m.choice] || m.choice || '';
    shown[m.id] = bubble;
    if (pending) {
      log.appendChild(bubble);
      log.scrollTop = log.scrollHeight;
    } else {
      place(bubble);
    }
  }

  function settle(id, ok) {
    var bubble = shown[id];
    if (!bubble || bubble === true) return;
    bubble.classList.remove('pending');
    if (!ok && !bubble.classList.contains('failed')) {
      bubble.classList.add('failed');
      var note = document.createElement('span');
      note.className = 'note';
      note.textContent = words[3];
      bubble.appendChild(note);
    }
  }

  // A notice says why messages wait (the person writes too fast, or the
  // chat is too busy to start). Its text comes from the server, already in
  // the person's language; there is one at a time, gone once a message
  // goes through.
  var notice = null;
  function showNotice(text, rtl) {
    if (!text) return;
    if (notice && notice.parentNode && notice.textContent === text) return;
    if (!notice) {
      notice = document.createElement('div');
      notice.className = 'msg notice';
    }
    notice.dir = rtl ? 'rtl' : 'auto';
    notice.textContent = text;
    if (notice.parentNode) notice.parentNode.removeChild(notice);
    place(notice);
  }
  function clearNotice() {
    if (notice && notice.parentNode) notice.parentNode.removeChild(notice);
    notice = null;
  }

  // --- sending -----------------------------------------------------------

  // The outbox survives reloads, so a message typed while offline is sent
  // later with the same id, and the server drops it if it already has it.
  var outbox = [];
  try { outbox = JSON.parse(load('fd.outbox') || '[]') || []; } catch (e) { outbox = []; }
  function saveOutbox() { save('fd.outbox', JSON.stringify(outbox)); }

  var sending = false;
  var retryDelay = 1000;
  var retryTimer = null;

  function queue(item) {
    outbox.push(item);
    saveOutbox();
    flush();
  }

  function flush() {
    if (sending || !outbox.length) return;
    sending = true;
    var item = outbox[0];
    // lang: the page's language, for the notices the server may send back.
    var body = { session: session, id: item.id, lang: lang };
    if (item.text) body.text = item.text;
    if (item.choice) body.choice = item.choice;
    function retry() {
      sending = false;
      clearTimeout(retryTimer);
      retryTimer = setTimeout(flush, retryDelay);
      retryDelay = Math.min(retryDelay * 2, 15000);
    }
    fetch('chat/send', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      cache: 'no-store'
    }).then(function (res) {
      if (res.ok) {
        clearNotice();
        return finish(item, true);
      }
      // Too fast (429) or too busy (503): the message stays first in the
      // outbox and goes again, with the same id, when the server says.
      if (res.status === 429 || res.status === 503) return later(res);
      // A request the server refuses as such will not get better by retrying.
      if (res.status >= 400 && res.status < 500 && res.status !== 408) return finish(item, false);
      retry();
    }, retry);
    function later(res) {
      var after = parseInt(res.headers.get('Retry-After'), 10);
      return res.json().catch(function () { return {}; }).then(function (b) {
        b = b || {};
        showNotice(b.message, !!b.rtl);
        if (!(after > 0) && b.retry_after > 0) after = b.retry_after;
        if (!(after > 0)) return retry();
        sending = false;
        clearTimeout(retryTimer);
        retryTimer = setTimeout(flush, Math.min(after, 3600) * 1000);
      });
    }
  }

  function finish(item, ok) {
    outbox.shift();
    saveOutbox();
    sending = false;
    retryDelay = 1000;
    settle(item.id, ok);
    flush();
  }

  window.addEventListener('online', function () {
    clearTimeout(retryTimer);
    retryDelay = 1000;
    flush();
  });

  function focusAfterPick() {
    // On phones, focusing the text box would pop up the keyboard over the
    // next buttons; the message list keeps focus on the conversation.
    if (window.matchMedia && window.matchMedia('(pointer: fine)').matches) input.focus();
    else log.focus({ preventScroll: true });
  }

  function pick(choice) {
    var item = { id: randomId(), choice: choice.id, label: choice.label };
    showMine(item, true);
    queue(item);
    focusAfterPick();
  }

  function submitText() {
    var text = input.value.trim();
    if (!text) return;
    input.value = '';
    resize();
    count();
    var item = { id: randomId(), text: text };
    showMine(item, true);
    queue(item);
    input.focus();
  }

  form.addEventListener('submit', function (e) {
    e.preventDefault();
    submitText();
  });
  input.addEventListener('keydown', function (e) {
    // isComposing: Enter also confirms a Chinese or other IME composition.
    if (e.key === 'Enter' && !e.shiftKey && !e.isComposing && e.keyCode !== 229) {
      e.preventDefault();
      submitText();
    }
  });

  function resize() {
    input.style.height = 'auto';
    // border-box sizing: add the borders, or a scrollbar shows.
    input.style.height = (input.scrollHeight + input.offsetHeight - input.clientHeight) + 'px';
  }
  // The limit is shown, not enforced: cutting pasted text would lose words
  // silently, and the bot explains a message that is too long.
  function count() {
    var n = Array.from(input.value).length;
    if (n < maxText * 0.8) {
      countEl.textContent = '';
      countEl.className = 'count';
      return;
    }
    countEl.textContent = n + ' / ' + maxText;
    countEl.className = n > maxText ? 'count over' : 'count';
  }
  input.addEventListener('input', function () { resize(); count(); });

  // --- receiving ---------------------------------------------------------

  var lastEventId = '';
  var reconnectDelay = 1000;

  function connect() {
    setStatus(words[2]);
    var url = 'chat/events?session=' + session;
    if (lastEventId) url += '&after=' + encodeURIComponent(lastEventId);
    var es = new EventSource(url);
    es.onopen = function () {
      reconnectDelay = 1000;
      setStatus('');
    };
    es.onmessage = function (e) {
      if (e.lastEventId) lastEventId = e.lastEventId;
      var r;
      try { r = JSON.parse(e.data); } catch (err) { return; }
      showReply(r);
    };
    // "clear": the person asked to remove the conversation from this
    // device; what the page shows goes, and nothing of it is kept here.
    es.addEventListener('clear', function (e) {
      if (e.lastEventId) lastEventId = e.lastEventId;
      while (log.firstChild) log.removeChild(log.firstChild);
      shown = {};
      labels = {};
    });
    es.addEventListener('echo', function (e) {
      if (e.lastEventId) lastEventId = e.lastEventId;
      var m;
      try { m = JSON.parse(e.data); } catch (err) { return; }
      if (!m || !m.id) return;
      showMine(m, false);
      // Stored means received: later replies belong after it.
      settle(m.id, true);
    });
    es.onerror = function () {
      setStatus(words[2]);
      // EventSource reconnects by itself (sending Last-Event-ID) unless the
      // server answered with an error status; then a new one resumes from
      // the last event seen.
      if (es.readyState === EventSource.CLOSED) {
        es.close();
        setTimeout(connect, reconnectDelay);
        reconnectDelay = Math.min(reconnectDelay * 2, 30000);
      }
    };
  }

  // Messages left unsent by an earlier visit are shown at the bottom until
  // they go through.
  outbox.forEach(function (item) { showMine(item, true); });

  // The greeting: "/start" once per browser, or again when a link carries a
  // different start payload (such as lang_ar).
  var started = load('fd.started');
  if (started === null || (startPayload && startPayload !== started)) {
    save('fd.started', startPayload || '');
    queue({ id: randomId(), text: startPayload ? '/start ' + startPayload : '/start' });
  }
  if (startPayload !== null && window.history.replaceState) {
    params.delete('start');
    var q = params.toString();
    window.history.replaceState(null, '', window.location.pathname + (q ? '?' + q : '') + window.location.hash);
  }

  connect();
  flush();
})();
