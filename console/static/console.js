// Live views: the server sends "changed" over SSE; the page fetches the
// part that changed, already rendered and escaped by the server.
(function () {
  "use strict";
  // Called after each live refresh of the page's changing part.
  var afterRefresh = [];
  var main = document.querySelector("main[data-live]");
  if (main) {
    var target = document.getElementById(main.dataset.target);
    var refresh = function () {
      fetch(main.dataset.fragment, {credentials: "same-origin"}).then(function (r) {
        return r.ok ? r.text() : null;
      }).then(function (html) {
        if (html === null || !target) return;
        target.innerHTML = html;
        var t = target.querySelector(".transcript");
        if (t) t.scrollTop = t.scrollHeight;
        afterRefresh.forEach(function (f) { f(); });
        // Says the live part has been fetched at least once (tests wait
        // for it before clicking what the refresh replaces).
        main.dataset.refreshed = String(Number(main.dataset.refreshed || 0) + 1);
      });
    };
    var es = new EventSource(main.dataset.live);
    es.addEventListener("changed", refresh);
    // Changes made between rendering the page and opening the stream, or
    // while the connection was down, sent no event to this page: fetch
    // once the server is subscribed.
    es.addEventListener("open", refresh);
    setInterval(refresh, 30000);
    var t0 = document.querySelector(".transcript");
    if (t0) t0.scrollTop = t0.scrollHeight;
  }
  // Pages that change without events (WhatsApp linking) are polled.
  var poll = document.querySelector("main[data-poll]");
  if (poll) {
    var box = document.getElementById(poll.dataset.target);
    setInterval(function () {
      fetch(poll.dataset.poll, {credentials: "same-origin"}).then(function (r) {
        return r.ok ? r.text() : null;
      }).then(function (html) {
        if (html !== null && box) box.innerHTML = html;
      });
    }, 2000);
  }
  var alertsButton = document.getElementById("alerts");
  if (alertsButton) urgentAlerts(alertsButton, afterRefresh);
  var canned = document.getElementById("canned");
  var reply = document.getElementById("reply");
  if (canned && reply) {
    canned.addEventListener("change", function () {
      if (canned.value) reply.value = canned.value;
      reply.focus();
    });
  }

  // Urgent cases on the queue page: the title counts those waiting, and each
  // new one in the live list plays a short sound (generated: no file, nothing
  // for the Content-Security-Policy to allow) and, once the operator allowed
  // it with the button, shows a desktop notification. The notification says
  // the kind of danger and the language, never what the person wrote.
  function urgentAlerts(button, afterRefresh) {
    // The words come from the server, in the operator's language; plural
    // forms are picked with the browser's CLDR rules.
    var words = {};
    try { words = JSON.parse(button.dataset.texts || "{}"); } catch (e) { words = {}; }
    var rules = null;
    try { rules = new Intl.PluralRules(words.lang || "en"); } catch (e) { rules = null; }
    function say(key) { return typeof words[key] === "string" ? words[key] : ""; }
    function counted(key, n) {
      var forms = words[key] || {};
      var form = rules ? rules.select(n) : "other";
      var text = forms[form] || forms.other || "";
      return text.split("{count}").join(String(n));
    }
    var state = document.getElementById("alerts-state");
    var news = document.getElementById("urgent-news");
    var baseTitle = document.title;
    var audio = null;
    var seen = {};

    // Browsers let a page play sound only after a gesture on it: the
    // context is made (or resumed) by the button, or by any touch or key.
    function audioContext() {
      if (!audio) {
        var AC = window.AudioContext || window.webkitAudioContext;
        if (!AC) return null;
        try { audio = new AC(); } catch (e) { return null; }
      }
      if (audio.state === "suspended" && audio.resume) {
        var p = audio.resume();
        if (p && p.catch) p.catch(function () {});
      }
      return audio;
    }
    ["pointerdown", "keydown"].forEach(function (name) {
      document.addEventListener(name, function unlock() {
        audioContext();
        document.removeEventListener(name, unlock);
      });
    });

    // Two falling tones, about half a second.
    function beep() {
      var ac = audioContext();
      if (!ac) return;
      var t = ac.currentTime;
      [880, 660].forEach(function (freq, i) {
        var start = t + i * 0.22;
        var osc = ac.createOscillator();
        var gain = ac.createGain();
        osc.type = "sine";
        osc.frequency.value = freq;
        gain.gain.setValueAtTime(0.0001, start);
        gain.gain.exponentialRampToValueAtTime(0.4, start + 0.02);
        gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.2);
        osc.connect(gain);
        gain.connect(ac.destination);
        osc.start(start);
        osc.stop(start + 0.21);
      });
    }

    function label(li) {
      var b = li.querySelector(".badge");
      return b ? b.textContent.trim() : say("urgent");
    }

    function notify(li) {
      var N = window.Notification;
      if (!N || N.permission !== "granted") return;
      var lang = li.querySelector(".lang");
      var id = li.dataset.case;
      try {
        var n = new N(label(li), {
          body: lang ? say("body").split("{lang}").join(lang.textContent.trim()) : say("bodyNone"),
          tag: "frontdoor-urgent-" + id,
          requireInteraction: true
        });
        n.onclick = function () {
          window.focus();
          location.href = "/console/cases/" + encodeURIComponent(id);
          if (n.close) n.close();
        };
      } catch (e) {
        // Chrome on Android shows notifications only from a service
        // worker: the sound, the title and the banner still tell.
      }
    }

    function update(alert) {
      var items = document.querySelectorAll("#queue li[data-urgent]");
      var now = {};
      var fresh = [];
      for (var i = 0; i < items.length; i++) {
        var id = items[i].dataset.case;
        now[id] = true;
        if (!seen[id]) fresh.push(items[i]);
      }
      // A case that leaves the list and comes back (abandoned by its
      // operator) is news again.
      seen = now;
      document.title = items.length ? counted("title", items.length) + " " + baseTitle : baseTitle;
      if (!items.length && news) news.hidden = true;
      if (!alert || !fresh.length) return;
      beep();
      fresh.forEach(notify);
      if (news) {
        news.textContent = fresh.length === 1 ? say("newOne").split("{what}").join(label(fresh[0])) : counted("newMany", fresh.length);
        news.hidden = false;
      }
    }

    function showState() {
      var N = window.Notification;
      if (!state) return;
      if (!N) {
        state.textContent = say("none");
      } else if (N.permission === "granted") {
        state.textContent = say("on");
        button.textContent = say("test");
      } else if (N.permission === "denied") {
        state.textContent = say("blocked");
      } else {
        state.textContent = "";
      }
    }

    button.hidden = false;
    button.addEventListener("click", function () {
      audioContext();
      var N = window.Notification;
      var asked = N && N.permission === "default" && N.requestPermission ? N.requestPermission() : null;
      if (asked && asked.then) asked.then(showState, showState);
      else showState();
      // The operator hears what an urgent case will sound like.
      beep();
    });
    if (window.Notification && window.Notification.permission !== "default") showState();
    // The cases on the page when it opens are not news: the title counts them.
    update(false);
    afterRefresh.push(function () { update(true); });
  }
})();

// A campaign's progress: the bar and the figures follow the sending live,
// polled from the page's data-progress URL, whose answer carries the
// progress in words in the operator's language (line); when the status changes (the
// campaign ends by itself) the page reloads, so its words and buttons
// match the new status.
(function () {
  "use strict";
  var s = document.querySelector("[data-progress]");
  if (!s) return;
  var bar = document.getElementById("bar");
  var text = document.getElementById("progress");
  var shown = s.dataset.status;
  // Redis not answering the campaign's pacer (a failover), or this page
  // not reaching the server: said, so that staff know why the bar stops.
  var stalled = document.getElementById("stalled");
  var unreachable = document.getElementById("unreachable");
  // A channel paused (a 429, the platform down): until when and why, in
  // the server's words; sending goes on by itself.
  var paused = document.getElementById("paused");
  // Only recipients the platform keeps refusing left on a channel: since
  // when and until when at the latest they are failed, in the server's
  // words; the campaign ends by itself.
  var refusing = document.getElementById("refusing");
  function tick() {
    fetch(s.dataset.progress, {credentials: "same-origin"}).then(function (r) {
      if (!r.ok) throw new Error(r.status);
      return r.json();
    }).then(function (r) {
      stalled.hidden = !r.stalled_since;
      paused.textContent = r.paused_line;
      paused.hidden = !r.paused_line;
      refusing.textContent = r.refusing_line;
      refusing.hidden = !r.refusing_line;
      unreachable.hidden = true;
      bar.max = r.total > 0 ? r.total : 1;
      bar.value = r.total > 0 ? r.done : (r.status === "done" ? 1 : 0);
      text.textContent = r.line;
      // A new status brings other buttons and words: the server's page.
      if (r.status !== shown) { location.reload(); return; }
      if (r.status !== "done" && r.status !== "cancelled") setTimeout(tick, 1000);
    }).catch(function () { unreachable.hidden = false; setTimeout(tick, 3000); });
  }
  tick();
})();
