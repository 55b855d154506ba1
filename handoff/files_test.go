package handoff_test

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/bot/webchat"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
)

// postFile sends the case page's file form as the browser does
// (multipart), and returns the status and the redirect.
func postFile(t *testing.T, b *consoletest.Browser, base, caseID, csrf, name string, data []byte, text string) (int, string) {
	t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	if csrf != "" {
		mw.WriteField("csrf", csrf)
	}
	mw.WriteField("text", text)
	if name != "" {
		fw, err := mw.CreateFormFile("file", name)
		if err != nil {
			t.Fatal(err)
		}
		fw.Write(data)
	}
	mw.Close()
	req, _ := http.NewRequest("POST", base+"/console/cases/"+caseID+"/file", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := b.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, res.Body)
	res.Body.Close()
	return res.StatusCode, res.Header.Get("Location")
}

// flash is the message a form left for the next page.
func flash(t *testing.T, location string) string {
	t.Helper()
	u, err := url.Parse(location)
	if err != nil {
		t.Fatal(err)
	}
	return u.Query().Get("m")
}

var (
	jpegData = append([]byte("\xff\xd8\xff\xe0\x00\x10JFIF\x00\x01"), bytes.Repeat([]byte{7}, 2000)...)
	pdfData  = []byte("%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n")
)

// TestOperatorSendsALargeFile: a file larger than the part of a form the
// console keeps in memory (1 MiB: the rest waits in a temporary file
// until the page's handler has read it) reaches the person whole, with
// its caption; and a form posted to a page that takes no file, or with
// its file over the limit, changes nothing. The sign-in, the body and the
// form token are read once, in that order, by one helper for both kinds
// of form (post): reading the body before its size is bounded, or
// removing the temporary file before the handler reads it, would send a
// broken or empty photo.
func TestOperatorSendsALargeFile(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, d.svc, "amina", []string{"it"}, []string{"*"}, 3)
	const chat = 7302
	cs := open(t, d.svc, strconv.Itoa(chat), "it", "legal", false)
	if err := d.svc.Claim(ctx, "amina", cs.ID); err != nil {
		t.Fatal(err)
	}
	d.waitText(t, chat, d.cat.Text("it", "handoff.assigned", nil))
	b := consoletest.New(t, d.base).Lang("it")
	b.MustSignIn("amina", "password-amina")
	csrf := consoletest.FormToken(t, b.MustGet("/console/cases/"+cs.ID))
	large := append(append([]byte(nil), jpegData...), bytes.Repeat([]byte{9}, 3<<20)...)
	if code, loc := postFile(t, b, d.base, cs.ID, csrf, "grande.jpg", large, "Il modulo intero."); code != http.StatusSeeOther || flash(t, loc) != "" {
		t.Fatalf("a photo of 3 MB = %d %q", code, loc)
	}
	photos, err := d.tg.WaitAnswered(waitCtx(t), "sendPhoto", 1)
	if err != nil {
		t.Fatal(err)
	}
	label := d.cat.Text("it", "handoff.reply_from_name", map[string]any{"Name": "amina"})
	if p := photos[0]; !p.OK() || p.ChatID != chat || !bytes.Equal(p.File, large) || p.Caption != label+"\nIl modulo intero." {
		t.Fatalf("sendPhoto = ok %v chat %d, %d bytes of %d, caption %q", p.OK(), p.ChatID, len(p.File), len(large), p.Caption)
	}
	// A reply form (no file) sent as multipart goes through the same
	// checks: its token is read, and it is sent.
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", csrf)
	mw.WriteField("text", "Ricevuto?")
	mw.Close()
	req, _ := http.NewRequest("POST", d.base+"/console/cases/"+cs.ID+"/reply", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	res, err := b.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	res.Body.Close()
	if res.StatusCode != http.StatusSeeOther {
		t.Fatalf("a multipart reply = %d", res.StatusCode)
	}
	d.waitText(t, chat, label+"\nRicevuto?")
	if n := len(d.tg.Calls("sendPhoto")); n != 1 {
		t.Fatalf("%d photos sent, want 1", n)
	}
}

// An operator sends a photo or a PDF from the case page: it reaches the
// person on Telegram through the outbox and the real client (sendPhoto
// or sendDocument, the very bytes, the marked text as its caption), is in
// the transcript and the audit log. A file of another type (read from
// its content, whatever its name), over 10 MB, missing, or sent without
// the form's token is refused with a message in the operator's language,
// and nothing goes.
func TestOperatorSendsAFileOnTelegram(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, d.svc, "amina", []string{"it"}, []string{"*"}, 3)
	const chat = 7301
	cs := open(t, d.svc, strconv.Itoa(chat), "it", "legal", false)
	if err := d.svc.Claim(ctx, "amina", cs.ID); err != nil {
		t.Fatal(err)
	}
	d.waitText(t, chat, d.cat.Text("it", "handoff.assigned", nil))
	b := consoletest.New(t, d.base).Lang("it")
	b.MustSignIn("amina", "password-amina")
	page := b.MustGet("/console/cases/" + cs.ID)
	if !strings.Contains(page, `id="file-form"`) || !strings.Contains(page, `enctype="multipart/form-data"`) {
		t.Fatal("the case page has no file form")
	}
	csrf := consoletest.FormToken(t, page)
	label := d.cat.Text("it", "handoff.reply_from_name", map[string]any{"Name": "amina"})

	// Sent: a photo, then a PDF whose name says otherwise.
	if code, loc := postFile(t, b, d.base, cs.ID, csrf, "modulo.jpeg", jpegData, "Compila questo modulo."); code != http.StatusSeeOther || flash(t, loc) != "" {
		t.Fatalf("photo = %d %q", code, loc)
	}
	photos, err := d.tg.WaitAnswered(waitCtx(t), "sendPhoto", 1)
	if err != nil {
		t.Fatal(err)
	}
	if p := photos[0]; !p.OK() || p.ChatID != chat || !bytes.Equal(p.File, jpegData) || p.FileName != "modulo.jpg" || p.Caption != label+"\nCompila questo modulo." {
		t.Fatalf("sendPhoto = ok %v chat %d %q caption %q", p.OK(), p.ChatID, p.FileName, p.Caption)
	}
	if code, loc := postFile(t, b, d.base, cs.ID, csrf, `C:\Documenti\ricevuta.exe`, pdfData, ""); code != http.StatusSeeOther || flash(t, loc) != "" {
		t.Fatalf("pdf = %d %q", code, loc)
	}
	docs, err := d.tg.WaitAnswered(waitCtx(t), "sendDocument", 1)
	if err != nil {
		t.Fatal(err)
	}
	if p := docs[0]; !p.OK() || !bytes.Equal(p.File, pdfData) || p.FileName != "ricevuta.pdf" || p.Caption != label {
		t.Fatalf("sendDocument = ok %v %q caption %q", p.OK(), p.FileName, p.Caption)
	}

	// Refused, each with its reason in Italian.
	big := append(append([]byte(nil), jpegData...), make([]byte, handoff.MaxOutFile)...)
	for _, tc := range []struct {
		name, file string
		data       []byte
		want       string
	}{
		{"a text named like a photo", "foto.jpg", []byte("just some text, not a picture"), "console.error.file_type"},
		{"a web page", "pagina.pdf", []byte("<html><script>alert(1)</script></html>"), "console.error.file_type"},
		{"over 10 MB", "grande.jpg", big, "console.error.file_too_big"},
		{"no file", "", nil, "console.error.no_file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, loc := postFile(t, b, d.base, cs.ID, csrf, tc.file, tc.data, "")
			want := d.cat.Text("it", tc.want, nil)
			if code != http.StatusSeeOther || flash(t, loc) != want || want == tc.want {
				t.Fatalf("= %d %q, want the message %q", code, flash(t, loc), want)
			}
		})
	}
	if code, _ := postFile(t, b, d.base, cs.ID, "", "modulo.jpg", jpegData, ""); code != http.StatusForbidden {
		t.Fatalf("without the form token = %d, want 403", code)
	}
	if code, _ := postFile(t, consoletest.New(t, d.base), d.base, cs.ID, csrf, "modulo.jpg", jpegData, ""); code != http.StatusUnauthorized {
		t.Fatalf("signed out = %d, want 401", code)
	}

	// Nothing more went: one photo, one document.
	if n, m := len(d.tg.Calls("sendPhoto")), len(d.tg.Calls("sendDocument")); n != 1 || m != 1 {
		t.Fatalf("%d photos and %d documents sent, want 1 and 1", n, m)
	}
	tx, err := d.svc.Transcript(ctx, cs.ID)
	if err != nil {
		t.Fatal(err)
	}
	var files []handoff.Entry
	for _, e := range tx {
		if e.By == "operator" && e.Media != "" {
			files = append(files, e)
		}
	}
	if len(files) != 2 || files[0].Kind != "photo" || files[0].Mime != "image/jpeg" || files[0].Text != "Compila questo modulo." ||
		files[1].Kind != "document" || files[1].File != "ricevuta.pdf" || files[1].Size != len(pdfData) {
		t.Fatalf("transcript files = %+v", files)
	}
	// The case page shows them; the operator can open them.
	page = b.MustGet("/console/cases/" + cs.ID)
	if u := "/console/cases/" + cs.ID + "/media/" + files[0].Media; !strings.Contains(page, u) {
		t.Errorf("the case page does not show the photo (%s)", u)
	}
	if code, body := b.Get("/console/cases/" + cs.ID + "/media/" + files[1].Media); code != 200 || body != string(pdfData) {
		t.Errorf("the operator's own file = %d", code)
	}
	// The export with files has them, under the names the text gives.
	code, body := b.Get("/console/cases/" + cs.ID + "/export.zip")
	if code != 200 {
		t.Fatalf("export.zip = %d", code)
	}
	zr, err := zip.NewReader(strings.NewReader(body), int64(len(body)))
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, f := range zr.File {
		rc, _ := f.Open()
		data, _ := io.ReadAll(rc)
		rc.Close()
		got[f.Name] = string(data)
	}
	text := got["case-"+cs.ID+".txt"]
	for _, e := range files {
		name := e.Media + "-" + e.File
		want := map[string][]byte{"photo": jpegData, "document": pdfData}[e.Kind]
		if got["files/"+name] != string(want) {
			t.Errorf("export.zip lacks %s (has %d entries)", name, len(got))
		}
		if !strings.Contains(text, "("+name+", "+e.Mime) {
			t.Errorf("the exported text does not name %s:\n%s", name, text)
		}
	}
	audit, err := d.svc.Queue().Audit(ctx, 50)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range audit {
		if a.Action == "file" && a.Operator == "amina" && a.Case == cs.ID {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d files audited, want 2", n)
	}
}

// On the browser chat the file is a link only the person's own session
// opens; erasing the person's data (/delete) erases the file with the
// case, and a file is never given to another contact.
func TestOperatorSendsAFileOnTheBrowserChat(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, d.svc, "amina", []string{"it"}, []string{"*"}, 3)
	session := "00112233445566778899aabbccddeeff"
	contact := webchat.ContactOf(session)
	events := sse(t, d.base+"/chat/events?session="+session)
	cs, _, err := d.svc.Queue().Open(ctx, handoff.Case{Contact: contact, Lang: "it", Area: "legal", Reason: "asked"})
	if err != nil {
		t.Fatal(err)
	}
	if err := d.svc.Claim(ctx, "amina", cs.ID); err != nil {
		t.Fatal(err)
	}
	next(t, events) // assigned
	// Through the API, as the case page's form does.
	tok, err := d.svc.Queue().NewToken(ctx, "amina")
	if err != nil {
		t.Fatal(err)
	}
	apiFile := func(name string, data []byte) (int, string) {
		var body bytes.Buffer
		mw := multipart.NewWriter(&body)
		mw.WriteField("text", "Ecco la ricevuta.")
		fw, _ := mw.CreateFormFile("file", name)
		fw.Write(data)
		mw.Close()
		req, _ := http.NewRequest("POST", d.base+"/api/v1/cases/"+cs.ID+"/file", &body)
		req.Header.Set("Content-Type", mw.FormDataContentType())
		req.Header.Set("Authorization", "Bearer "+tok)
		res, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		b, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(b)
	}
	if code, body := apiFile("x.gif", []byte("GIF89a not allowed")); code != http.StatusBadRequest || !strings.Contains(body, `"code":"file_type"`) {
		t.Fatalf("a GIF through the API = %d %s", code, body)
	}
	if code, body := apiFile("ricevuta.pdf", pdfData); code != http.StatusAccepted {
		t.Fatalf("a PDF through the API = %d %s", code, body)
	}
	r := next(t, events)
	if r.File == nil || r.File.Name != "ricevuta.pdf" || r.File.Image || !strings.HasSuffix(r.Text, "\nEcco la ricevuta.") {
		t.Fatalf("reply = %+v", r)
	}
	get := func(s string) (int, string) {
		res, err := http.Get(d.base + "/" + r.File.URL + "?session=" + s)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, string(body)
	}
	if code, body := get(session); code != 200 || body != string(pdfData) {
		t.Fatalf("own session = %d", code)
	}
	if code, _ := get(strings.Repeat("a", 32)); code != 404 {
		t.Fatalf("another session = %d, want 404", code)
	}
	ref := strings.TrimPrefix(r.File.URL, "chat/file/")
	files := handoff.NewFiles(d.rdb, d.keys)
	if _, _, _, err := files.File(ctx, bot.Contact{Channel: "telegram", ID: contact.ID}, ref); !errors.Is(err, handoff.ErrNoMedia) {
		t.Fatalf("the file for another channel's contact: %v", err)
	}

	// A file the person sent is not given back through this path.
	if err := d.svc.Erase(ctx, contact); err != nil {
		t.Fatal(err)
	}
	if code, _ := get(session); code != 404 {
		t.Fatalf("after erasure = %d, want 404", code)
	}
	if _, _, _, err := files.File(ctx, contact, ref); !errors.Is(err, handoff.ErrNoMedia) {
		t.Fatalf("after erasure: %v", err)
	}
	if keys, _ := d.rdb.Keys(ctx, "*{case:"+cs.ID+"}*").Result(); len(keys) != 0 {
		t.Fatalf("left after erasure: %v", keys)
	}
}

// Files are only of the case's operator: another operator, or a closed
// case, cannot send one.
func TestSendFileRefusals(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "amina", []string{"it"}, []string{"*"}, 3)
	addOperator(t, f.svc, "bea", []string{"it"}, []string{"*"}, 3)
	cs := open(t, f.svc, "41", "it", "legal", false)
	if err := f.svc.SendFile(ctx, "amina", cs.ID, jpegData, "a.jpg", ""); err == nil {
		t.Fatal("a file to a waiting case was sent")
	}
	if err := f.svc.Claim(ctx, "amina", cs.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.SendFile(ctx, "bea", cs.ID, jpegData, "a.jpg", ""); !errors.Is(err, handoff.ErrNotYours) {
		t.Fatalf("another operator's file: %v", err)
	}
	for _, tc := range []struct {
		data []byte
		want error
	}{
		{nil, handoff.ErrNoFile},
		{[]byte("GIF89a fake gif"), handoff.ErrFileType},
		{make([]byte, handoff.MaxOutFile+1), handoff.ErrFileTooBig},
	} {
		if err := f.svc.SendFile(ctx, "amina", cs.ID, tc.data, "x", ""); !errors.Is(err, tc.want) {
			t.Errorf("%d bytes: %v, want %v", len(tc.data), err, tc.want)
		}
	}
	if got := f.sent.to(cs.Contact); slices.ContainsFunc(got, func(r bot.Reply) bool { return r.File != nil }) {
		t.Fatalf("a refused file was sent: %+v", got)
	}
	if err := f.svc.SendFile(ctx, "amina", cs.ID, pdfData, "", ""); err != nil {
		t.Fatal(err)
	}
	got := f.sent.to(cs.Contact)
	if last := got[len(got)-1]; last.File == nil || last.File.Type != "application/pdf" || last.File.Name != "file.pdf" {
		t.Fatalf("sent %+v", last)
	}
}
