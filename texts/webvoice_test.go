package texts

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"encoding/json"
	"io"
	"maps"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"frontdoor/console/consoletest"
)

// upload sends audio as the page's script does: multipart, the form token
// in a header, asking for JSON. It returns the status and the answer.
func upload(t *testing.T, b *consoletest.Browser, base, lang, id string, audio []byte) (int, map[string]string) {
	t.Helper()
	_, page := b.Get(editPath(lang, id))
	var body bytes.Buffer
	w := multipart.NewWriter(&body)
	w.WriteField("lang", lang)
	w.WriteField("id", id)
	w.WriteField("do", "upload")
	f, _ := w.CreateFormFile("audio", "recording.ogg")
	f.Write(audio)
	w.Close()
	req, _ := http.NewRequest(http.MethodPost, base+voicePage, &body)
	req.Header.Set("Content-Type", w.FormDataContentType())
	req.Header.Set("X-CSRF-Token", consoletest.FormToken(t, page))
	req.Header.Set("Accept", "application/json")
	res, err := b.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var out map[string]string
	if err := json.NewDecoder(res.Body).Decode(&out); err != nil {
		t.Fatalf("upload answer: %v", err)
	}
	return res.StatusCode, out
}

// An editor uploads a recording: it is kept, played back from the page
// with its type, audited without the sound; a file that is too big, too
// long or not a voice format is refused with the reason in the editor's
// language (Italian for eva) and changes nothing; removing it erases it.
func TestEditorVoiceUpload(t *testing.T) {
	d := newDesk(t)
	b := d.editor(t).Lang("it")
	ogg := oggOpus(3 * time.Second)
	for _, tc := range []struct {
		name string
		data []byte
		code int
		msg  string
	}{
		{"too big", append(oggOpus(time.Second), make([]byte, MaxVoiceBytes)...), http.StatusRequestEntityTooLarge, "la registrazione supera 1 MiB"},
		{"too long", oggOpus(MaxVoiceLength + 5*time.Second), http.StatusUnprocessableEntity, "dura più di 1:30"},
		{"webm", []byte("\x1a\x45\xdf\xa3\x9f\x42\x86\x81\x01 webm"), http.StatusUnsupportedMediaType, "non è audio OGG/Opus, MP3 o M4A (AAC)"},
	} {
		code, out := upload(t, b, d.url, "ti", "menu.prompt", tc.data)
		if code != tc.code || !strings.Contains(out["error"], tc.msg) {
			t.Errorf("%s: %d %q, want %d and %q", tc.name, code, out, tc.code, tc.msg)
		}
	}
	if _, ok, _ := d.store.VoiceOf(t.Context(), "ti", "menu.prompt"); ok {
		t.Fatal("a refused recording was kept")
	}
	code, out := upload(t, b, d.url, "ti", "menu.prompt", ogg)
	if code != http.StatusOK || !strings.Contains(out["location"], "m=voice-saved") {
		t.Fatalf("upload: %d %q", code, out)
	}
	_, page := b.Get(out["location"])
	src := regexp.MustCompile(`<audio controls preload="metadata" src="(/console/texts/audio/[0-9a-f]{64})"`).FindStringSubmatch(page)
	if src == nil || !strings.Contains(page, "Registrazione salvata") {
		t.Fatalf("no player after the upload:\n%s", page)
	}
	res, err := b.Client().Get(d.url + src[1])
	if err != nil {
		t.Fatal(err)
	}
	got, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "audio/ogg" || !bytes.Equal(got, ogg) {
		t.Errorf("audio served: %d %q, %d bytes", res.StatusCode, res.Header.Get("Content-Type"), len(got))
	}
	// Without the script: a plain form post removes it.
	if code, loc, _ := post(t, b, editPath("ti", "menu.prompt"), voicePage, url.Values{"lang": {"ti"}, "id": {"menu.prompt"}, "do": {"remove"}}); code != http.StatusSeeOther || !strings.Contains(loc, "m=voice-removed") {
		t.Fatalf("remove: %d %s", code, loc)
	}
	if code, _ := b.Get(src[1]); code != http.StatusNotFound {
		t.Errorf("the removed recording is still served: %d", code)
	}
	_, page = b.Get(editPath("ti", "menu.prompt"))
	if !strings.Contains(page, `id="no-voice"`) || !strings.Contains(page, `id="voice-history"`) {
		t.Errorf("after removal, the page shows no 'none' or no history:\n%s", page)
	}
	var audit []string
	es, _ := d.acc.Audit(t.Context(), 20)
	for _, e := range es {
		if strings.HasPrefix(e.Action, "voice-") {
			audit = append(audit, e.Operator+" "+e.Action+" "+e.Detail)
		}
	}
	ref := strings.TrimPrefix(src[1], audioPath)
	if want := []string{"eva voice-remove ti menu.prompt", "eva voice-upload ti menu.prompt " + ref[:12] + " 1 KiB"}; !slices.Equal(audit, want) {
		t.Errorf("audit = %q, want %q", audit, want)
	}
}

// The export of recordings: a zip with the list of which message each
// file says and each audio once; desk data only, so the uploader's name
// is not in it (it stays in the console's history and audit log).
func TestEditorVoiceExport(t *testing.T) {
	d := newDesk(t)
	b := d.editor(t)
	ogg, other := oggOpus(2*time.Second), oggOpus(3*time.Second)
	for _, up := range []struct {
		lang string
		data []byte
	}{{"ti", ogg}, {"wo", ogg}, {"ar", other}} {
		if code, out := upload(t, b, d.url, up.lang, "menu.prompt", up.data); code != http.StatusOK {
			t.Fatalf("upload %s: %d %q", up.lang, code, out)
		}
	}
	res, err := b.Client().Get(d.url + exportPath)
	if err != nil {
		t.Fatal(err)
	}
	body, _ := io.ReadAll(res.Body)
	res.Body.Close()
	if res.StatusCode != 200 || res.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("export: %d %q", res.StatusCode, res.Header.Get("Content-Type"))
	}
	z, err := zip.NewReader(bytes.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range z.File {
		r, _ := f.Open()
		files[f.Name], _ = io.ReadAll(r)
		r.Close()
	}
	if len(files) != 3 {
		t.Errorf("%d files in the zip, want the list and 2 audio files: %v", len(files), slices.Collect(maps.Keys(files)))
	}
	rows, err := csv.NewReader(bytes.NewReader(files["recordings.csv"])).ReadAll()
	if err != nil || len(rows) != 4 {
		t.Fatalf("recordings.csv: %q %v", rows, err)
	}
	for _, row := range rows[1:] {
		want := ogg
		if row[0] == "ar" {
			want = other
		}
		if row[1] != "menu.prompt" || !bytes.Equal(files[row[2]], want) || row[3] != "audio/ogg" {
			t.Errorf("row %q does not name its audio", row)
		}
	}
	if bytes.Contains(body, []byte("eva")) {
		t.Error("the export names the uploader")
	}
}
