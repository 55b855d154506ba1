// The recordings of a message's page: record in the browser, or upload a
// file, and send it with the form token in a header. What is recorded is
// sent exactly as a chosen file is: one upload path, which the server
// checks by content. The recorder asks for the formats every channel
// plays as a voice (OGG/Opus, then MP4/AAC); a browser that can only
// make WebM gets no record button, and is told so.
(function () {
  "use strict";
  var form = document.getElementById("voice-form");
  if (!form) return;
  var status = document.getElementById("voice-status");
  function say(msg, bad) {
    status.textContent = msg;
    status.className = bad ? "flash error" : "flash";
    status.setAttribute("role", bad ? "alert" : "status");
    status.hidden = false;
  }
  function send(blob, name) {
    var fd = new FormData();
    fd.append("lang", form.elements.lang.value);
    fd.append("id", form.elements.id.value);
    fd.append("do", "upload");
    fd.append("audio", blob, name);
    say(form.dataset.sending, false);
    form.dataset.busy = "1";
    fetch(form.action, {
      method: "POST", body: fd, credentials: "same-origin",
      headers: {"X-CSRF-Token": form.dataset.csrf, "Accept": "application/json"}
    }).then(function (r) {
      return r.json().then(function (j) { return {ok: r.ok, j: j}; });
    }).then(function (res) {
      form.dataset.busy = "";
      if (res.ok && res.j.location) {
        window.location.assign(res.j.location);
        return;
      }
      say(res.j.error || form.dataset.failed, true);
    }).catch(function () {
      form.dataset.busy = "";
      say(form.dataset.failed, true);
    });
  }
  form.addEventListener("submit", function (ev) {
    var f = form.elements.audio.files[0];
    if (!f) return;
    ev.preventDefault();
    send(f, f.name);
  });

  var record = document.getElementById("voice-record");
  var stop = document.getElementById("voice-stop");
  var types = ["audio/ogg;codecs=opus", "audio/mp4;codecs=mp4a.40.2", "audio/mp4"];
  var type = null;
  if (window.MediaRecorder && navigator.mediaDevices && navigator.mediaDevices.getUserMedia) {
    for (var i = 0; i < types.length && !type; i++) {
      if (MediaRecorder.isTypeSupported(types[i])) type = types[i];
    }
  }
  if (!type) {
    var note = document.createElement("p");
    note.className = "hint";
    note.id = "voice-no-recorder";
    note.textContent = form.dataset.noRecorder;
    record.parentNode.appendChild(note);
    return;
  }
  record.hidden = false;
  record.addEventListener("click", function () {
    navigator.mediaDevices.getUserMedia({audio: true}).then(function (stream) {
      var chunks = [];
      var rec = new MediaRecorder(stream, {mimeType: type});
      var limit = setTimeout(function () { if (rec.state === "recording") rec.stop(); }, Number(form.dataset.maxMs));
      rec.addEventListener("dataavailable", function (e) { if (e.data.size) chunks.push(e.data); });
      rec.addEventListener("stop", function () {
        clearTimeout(limit);
        stream.getTracks().forEach(function (t) { t.stop(); });
        record.hidden = false;
        stop.hidden = true;
        send(new Blob(chunks, {type: type}), type.indexOf("ogg") >= 0 ? "recording.ogg" : "recording.m4a");
      });
      stop.onclick = function () { rec.stop(); };
      rec.start();
      record.hidden = true;
      stop.hidden = false;
      say(form.dataset.recording, false);
    }).catch(function () {
      say(form.dataset.noRecorder, true);
    });
  });
})();
