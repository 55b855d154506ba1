// Live views: the server sends "changed" over SSE; the page fetches the
// part that changed, already rendered and escaped by the server.
(function () {
  "use strict";
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
  var canned = document.getElementById("canned");
  var reply = document.getElementById("reply");
  if (canned && reply) {
    canned.addEventListener("change", function () {
      if (canned.value) reply.value = canned.value;
      reply.focus();
    });
  }
})();
