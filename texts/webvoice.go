package texts

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"time"

	"frontdoor/console"
)

// The recordings' part of a message's page: record in the browser or
// upload a file, hear it, delete it. The page's script (web/voice.js)
// records with MediaRecorder and sends what it recorded as the file
// input would, with the form token in a header: the upload path is one.

// voiceBody bounds an upload's request: the recording and the form's
// few fields.
const voiceBody = MaxVoiceBytes + 64<<10

// voice uploads or removes a message's recording. The page's script asks
// for JSON (where to go, or why not); a form without the script gets the
// page again.
func (e *Editor) voice(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	r.Body = http.MaxBytesReader(rw, r.Body, voiceBody)
	if err := r.ParseMultipartForm(voiceBody); err != nil && !errors.Is(err, http.ErrNotMultipart) {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			// The fields may be lost with the body: the answer names no
			// message, only the limit.
			e.voiceRefused(rw, r, "", "", http.StatusRequestEntityTooLarge, e.text(r, "console.editor.voice.too_big", voiceLimits()...))
			return
		}
		console.Refuse(rw, r, e.cat, console.BadForm())
		return
	}
	lang, id, ok := e.message(r)
	if !ok {
		console.Refuse(rw, r, e.cat, noMessage())
		return
	}
	v, _ := console.SignedIn(r)
	switch r.FormValue("do") {
	case "upload":
		f, _, err := r.FormFile("audio")
		if err != nil {
			e.voiceRefused(rw, r, lang, id, http.StatusUnprocessableEntity, e.text(r, "console.editor.voice.format"))
			return
		}
		defer f.Close()
		data, err := io.ReadAll(io.LimitReader(f, MaxVoiceBytes+1))
		if err != nil {
			e.fail(rw, r, fmt.Errorf("texts: read an upload: %w", err))
			return
		}
		saved, err := e.store.SaveVoice(ctx, e.cat, lang, id, data, v.Name)
		switch {
		case errors.Is(err, ErrVoiceTooBig):
			e.voiceRefused(rw, r, lang, id, http.StatusRequestEntityTooLarge, e.text(r, "console.editor.voice.too_big", voiceLimits()...))
			return
		case errors.Is(err, ErrVoiceTooLong):
			e.voiceRefused(rw, r, lang, id, http.StatusUnprocessableEntity, e.text(r, "console.editor.voice.too_long", voiceLimits()...))
			return
		case errors.Is(err, ErrVoiceFormat):
			e.voiceRefused(rw, r, lang, id, http.StatusUnsupportedMediaType, e.text(r, "console.editor.voice.format"))
			return
		case err != nil:
			e.fail(rw, r, err)
			return
		}
		e.audited(ctx, v.Name, VoiceUpload, fmt.Sprintf("%s %s %s %d KiB", lang, id, saved.Ref[:12], (saved.Size+1023)>>10))
		e.voiceDone(rw, r, lang, id, "voice-saved")
	case "remove":
		if err := e.store.RemoveVoice(ctx, lang, id, v.Name); err != nil {
			e.fail(rw, r, err)
			return
		}
		e.audited(ctx, v.Name, VoiceRemove, lang+" "+id)
		e.voiceDone(rw, r, lang, id, "voice-removed")
	default:
		console.Refuse(rw, r, e.cat, console.BadForm())
	}
}

// voiceLimits are the limits as template data: a size and a length
// (minutes:seconds), which read the same in every language.
func voiceLimits() []any {
	l := MaxVoiceLength.Round(time.Second)
	return []any{"Size", fmt.Sprintf("%d MiB", MaxVoiceBytes>>20),
		"Length", fmt.Sprintf("%d:%02d", int(l.Minutes()), int(l.Seconds())%60)}
}

func wantsJSON(r *http.Request) bool { return r.Header.Get("Accept") == "application/json" }

func (e *Editor) voiceDone(rw http.ResponseWriter, r *http.Request, lang, id, flash string) {
	to := editPath(lang, id) + "&m=" + flash + "#voice"
	if wantsJSON(r) {
		writeJSON(rw, http.StatusOK, map[string]string{"location": to})
		return
	}
	http.Redirect(rw, r, to, http.StatusSeeOther)
}

// voiceRefused says why a recording was not kept; nothing was changed.
func (e *Editor) voiceRefused(rw http.ResponseWriter, r *http.Request, lang, id string, code int, msg string) {
	if wantsJSON(r) || lang == "" {
		writeJSON(rw, code, map[string]string{"error": msg})
		return
	}
	d, err := e.editData(r, lang, id, nil)
	if err != nil {
		e.fail(rw, r, err)
		return
	}
	d.VoiceError = msg
	rw.WriteHeader(code)
	console.Render(rw, r, e.cat, e.pages, "edit.html", d, e.log)
}

func writeJSON(rw http.ResponseWriter, code int, v any) {
	rw.Header().Set("Content-Type", "application/json")
	rw.WriteHeader(code)
	json.NewEncoder(rw).Encode(v)
}

// audited records a change of recordings in the audit log.
func (e *Editor) audited(ctx context.Context, by, action, detail string) {
	if err := e.audit.Record(ctx, by, action, "", detail); err != nil {
		e.log.Warn("texts: auditing a change", "err", err)
	}
}

var audioRef = regexp.MustCompile(`^[0-9a-f]{64}$`)

// audio serves a recording with its type, for the page's player; it
// never changes (its name is its hash), and ranges are served, as
// players ask for them.
func (e *Editor) audio(rw http.ResponseWriter, r *http.Request) {
	ref := r.PathValue("ref")
	if !audioRef.MatchString(ref) {
		console.Refuse(rw, r, e.cat, noRecording())
		return
	}
	data, typ, err := e.store.Audio(r.Context(), ref)
	if errors.Is(err, ErrNoRecording) {
		console.Refuse(rw, r, e.cat, noRecording())
		return
	}
	if err != nil {
		e.fail(rw, r, err)
		return
	}
	rw.Header().Set("Content-Type", typ)
	rw.Header().Set("Cache-Control", "private, max-age=86400")
	http.ServeContent(rw, r, "", time.Time{}, bytes.NewReader(data))
}

// script is the page's recorder (web/voice.js).
func (e *Editor) script(rw http.ResponseWriter, r *http.Request) {
	b, err := pageFiles.ReadFile("web/voice.js")
	if err != nil {
		e.fail(rw, r, err)
		return
	}
	rw.Header().Set("Content-Type", "text/javascript; charset=utf-8")
	rw.Header().Set("Cache-Control", "private, max-age=300")
	rw.Write(b)
}
