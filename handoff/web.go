package handoff

import (
	"archive/zip"
	"bytes"
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"path"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/console"
)

// webFiles holds the console's templates and static files; embed.FS is
// read-only, so this is not mutable state.
//
//go:embed web
var webFiles embed.FS

type web struct {
	s     *Service
	pages *template.Template
	mux   *http.ServeMux
	// pingEvery is how often a live view's event stream sends a comment
	// to keep it open; tests shorten it.
	pingEvery time.Duration
}

func newWeb(s *Service) (*web, error) {
	funcs := template.FuncMap{
		"since":     s.sinceIn,
		"clock":     func(t time.Time) string { return t.Format("15:04") },
		"mediaKind": mediaKind,
		// kb is a file's size in kilobytes, rounded up.
		"kb": func(n int) int { return (n + 1023) / 1024 },
	}
	for name, f := range s.viewFuncs() {
		funcs[name] = f
	}
	t, err := console.Templates(s.cat, webFiles, funcs, "web/*.html")
	if err != nil {
		return nil, fmt.Errorf("console templates: %w", err)
	}
	w := &web{s: s, pages: t, mux: http.NewServeMux(), pingEvery: 20 * time.Second}
	w.routes()
	return w, nil
}

// Handler serves the console under /console and the JSON API under
// /api/v1; mount it for both prefixes, without stripping them.
func (s *Service) Handler() http.Handler { return console.Headers(s.gate.Pages(s.web.mux)) }

func (w *web) routes() {
	m := w.mux
	// API
	m.HandleFunc("GET /api/v1/me", w.api(w.apiMe))
	m.HandleFunc("GET /api/v1/cases", w.api(w.apiList))
	m.HandleFunc("GET /api/v1/cases/{id}", w.api(w.apiGet))
	m.HandleFunc("GET /api/v1/cases/{id}/media/{mid}", w.api(w.apiMedia))
	m.HandleFunc("GET /api/v1/cases/{id}/export", w.api(func(rw http.ResponseWriter, r *http.Request, op Operator) error {
		return w.s.exportCase(r.Context(), rw, op, w.s.gate.Viewer(r, op).Lang, r.PathValue("id"))
	}))
	m.HandleFunc("GET /api/v1/cases/{id}/export.zip", w.api(func(rw http.ResponseWriter, r *http.Request, op Operator) error {
		return w.s.exportFiles(r.Context(), rw, op, w.s.gate.Viewer(r, op).Lang, r.PathValue("id"))
	}))
	m.HandleFunc("POST /api/v1/cases/next", w.api(w.apiNext))
	m.HandleFunc("POST /api/v1/cases/{id}/claim", w.api(w.apiClaim))
	m.HandleFunc("POST /api/v1/cases/{id}/reply", w.api(w.apiReply))
	m.HandleFunc("POST /api/v1/cases/{id}/file", w.api(w.apiFile))
	m.HandleFunc("POST /api/v1/cases/{id}/note", w.api(w.apiNote))
	m.HandleFunc("POST /api/v1/cases/{id}/replies/{entry}/delete", w.api(w.apiDeleteReply))
	m.HandleFunc("POST /api/v1/cases/{id}/here", w.api(w.apiHere))
	m.HandleFunc("POST /api/v1/cases/{id}/transfer", w.api(w.apiTransfer))
	m.HandleFunc("POST /api/v1/cases/{id}/close", w.api(w.apiClose))
	m.HandleFunc("GET /api/v1/audit", w.api(w.apiAudit))
	m.HandleFunc("GET /api/v1/stats", w.api(w.apiStats))
	m.HandleFunc("/api/v1/", func(rw http.ResponseWriter, r *http.Request) {
		console.Refuse(rw, r, w.s.cat, console.Denial{Status: http.StatusNotFound, Code: "no_endpoint", Text: "console.refuse.no_endpoint"})
	})
	// Console
	m.Handle("GET "+console.StaticPath, console.Static())
	m.HandleFunc("GET /console", func(rw http.ResponseWriter, r *http.Request) { http.Redirect(rw, r, "/console/", http.StatusSeeOther) })
	m.HandleFunc("GET /console/{$}", w.page(w.queuePage))
	// The sign-in and the operators page are the console's gate's.
	gate := w.s.gate.Handler()
	for _, p := range []string{console.LoginPath, console.LogoutPath, console.OperatorsPath, console.OperatorsPath + "/", console.AuditPath} {
		m.Handle(p, gate)
	}
	m.HandleFunc("GET /console/queue", w.page(w.queueFragment))
	m.HandleFunc("GET /console/events", w.page(w.events))
	m.HandleFunc("POST /console/next", w.form(w.formNext))
	m.HandleFunc("GET /console/cases/{id}", w.page(w.casePage))
	m.HandleFunc("GET /console/cases/{id}/transcript", w.page(w.transcriptFragment))
	m.HandleFunc("GET /console/cases/{id}/export", w.page(func(rw http.ResponseWriter, r *http.Request, op Operator, _ session) error {
		return w.s.exportCase(r.Context(), rw, op, w.s.gate.Viewer(r, op).Lang, r.PathValue("id"))
	}))
	m.HandleFunc("GET /console/cases/{id}/export.zip", w.page(func(rw http.ResponseWriter, r *http.Request, op Operator, _ session) error {
		return w.s.exportFiles(r.Context(), rw, op, w.s.gate.Viewer(r, op).Lang, r.PathValue("id"))
	}))
	m.HandleFunc("GET /console/cases/{id}/media/{mid}", w.consoleMedia)
	m.HandleFunc("GET /console/whatsapp", w.page(w.whatsappPage))
	m.HandleFunc("GET /console/whatsapp/status", w.page(w.whatsappStatus))
	m.HandleFunc("POST /console/whatsapp/link", w.form(w.whatsappLink))
	m.HandleFunc("GET /console/cases/{id}/events", w.page(w.events))
	m.HandleFunc("POST /console/cases/{id}/claim", w.form(w.formClaim))
	m.HandleFunc("POST /console/cases/{id}/reply", w.form(w.formReply))
	m.HandleFunc("POST /console/cases/{id}/note", w.form(w.formNote))
	m.HandleFunc("POST /console/cases/{id}/replies/{entry}/delete", w.form(w.formDeleteReply))
	m.HandleFunc("POST /console/cases/{id}/file", w.upload(w.formFile))
	m.HandleFunc("POST /console/cases/{id}/here", w.form(w.formHere))
	m.HandleFunc("POST /console/cases/{id}/transfer", w.form(w.formTransfer))
	m.HandleFunc("POST /console/cases/{id}/close", w.form(w.formClose))
	m.HandleFunc("GET "+cannedPath, w.page(w.cannedPage))
	m.HandleFunc("POST "+cannedPath, w.form(w.formCanned))
}

// ---- shared ----

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// status maps queue errors to HTTP statuses.
func status(err error) int { return denialOf(err).Status }

var (
	errForbidden  = errors.New("not allowed for this operator")
	errBadRequest = errors.New("bad request")
)

// denialOf is how the console and the API refuse err: its status, its
// stable code and its words in the catalogues. An unexpected error is an
// internal one, whose details (a Redis address) stay in the log.
func denialOf(err error) console.Denial {
	d := func(status int, code, text string) console.Denial {
		return console.Denial{Status: status, Code: code, Text: text}
	}
	switch {
	case errors.Is(err, ErrNotFound):
		return d(http.StatusNotFound, "no_case", "console.refuse.no_case")
	case errors.Is(err, ErrNoOperator):
		return d(http.StatusNotFound, "no_operator", "console.operators.error.no_such")
	case errors.Is(err, ErrNoMedia):
		return d(http.StatusNotFound, "no_file", "console.refuse.no_media")
	case errors.Is(err, ErrNothing):
		return d(http.StatusNotFound, "nothing_waiting", "console.error.nothing")
	case errors.Is(err, ErrNotYours):
		return d(http.StatusForbidden, "not_yours", "console.refuse.not_yours")
	case errors.Is(err, ErrSkills):
		return d(http.StatusForbidden, "skills", "console.refuse.skills")
	case errors.Is(err, errForbidden):
		return console.Forbidden()
	case errors.Is(err, ErrTaken):
		return d(http.StatusConflict, "taken", "console.error.taken")
	case errors.Is(err, ErrCapacity):
		return d(http.StatusConflict, "capacity", "console.error.capacity")
	case errors.Is(err, ErrNotAssigned):
		return d(http.StatusConflict, "not_assigned", "console.error.not_assigned")
	case errors.Is(err, ErrClosed):
		return d(http.StatusConflict, "closed", "console.error.closed")
	case errors.Is(err, ErrCannotUnsend):
		return d(http.StatusConflict, "cannot_unsend", "console.error.unsend")
	case errors.Is(err, ErrBadOutcome):
		return d(http.StatusBadRequest, "bad_outcome", "console.error.outcome")
	case errors.Is(err, ErrEmptyMessage):
		return d(http.StatusBadRequest, "empty", "console.error.empty")
	case errors.Is(err, ErrFileTooBig):
		return d(http.StatusBadRequest, "file_too_big", "console.error.file_too_big")
	case errors.Is(err, ErrFileType):
		return d(http.StatusBadRequest, "file_type", "console.error.file_type")
	case errors.Is(err, ErrNoFile):
		return d(http.StatusBadRequest, "no_file_chosen", "console.error.no_file")
	case errors.Is(err, errBadRequest):
		bad := d(http.StatusBadRequest, "bad_request", "console.refuse.bad_request")
		bad.Detail = err.Error()
		return bad
	}
	return console.Internal()
}

// visible reports whether op may see a case: their own, a waiting one
// that matches their skills, or any for an admin.
func (s *Service) visible(op Operator, cs Case) bool {
	if op.Admin || cs.Operator == op.Name {
		return true
	}
	if cs.Status != StatusWaiting {
		return false
	}
	return matches(op, s.q.lang(cs.Lang), s.q.area(cs.Area))
}

func matches(op Operator, lang, area string) bool {
	okLang := lang == anyLang || slices.Contains(op.Languages, lang) || slices.Contains(op.Languages, "*")
	okArea := area == "-" || slices.Contains(op.Areas, area) || slices.Contains(op.Areas, "*")
	return okLang && okArea
}

// queueFor lists the cases an operator sees: waiting ones matching their
// skills, and their own (all, for an admin).
func (s *Service) queueFor(ctx context.Context, op Operator) (waiting, assigned []Case, err error) {
	w, a, err := s.q.List(ctx, 1000)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range w {
		if s.visible(op, c) {
			waiting = append(waiting, c)
		}
	}
	for _, c := range a {
		if s.visible(op, c) {
			assigned = append(assigned, c)
		}
	}
	return waiting, assigned, nil
}

func (s *Service) readCase(ctx context.Context, op Operator, id string) (Case, []Entry, error) {
	cs, err := s.q.Get(ctx, id)
	if err != nil {
		return Case{}, nil, err
	}
	if !s.visible(op, cs) {
		if cs.Status == StatusAssigned {
			return Case{}, nil, ErrNotYours
		}
		return Case{}, nil, errForbidden
	}
	tx, err := s.transcriptOf(ctx, cs)
	if err != nil {
		return Case{}, nil, err
	}
	s.auditRead(ctx, op.Name, id)
	return cs, tx, nil
}

// readAuditEvery is how often an operator's reading of one case is
// logged: the live page re-reads the transcript at each new line, and one
// line per look keeps the log readable and long.
const readAuditEvery = 10 * time.Minute

// auditRead logs that op read case id, once per readAuditEvery.
func (s *Service) auditRead(ctx context.Context, op, id string) {
	first, err := s.rdb.SetNX(ctx, s.q.k("auditread", op, id), 1, readAuditEvery).Result()
	if err != nil {
		s.warn(ctx, "auditing a read", id, err)
		return
	}
	if first {
		s.warn(ctx, "auditing a read", id, s.q.audit(ctx, op, "read", id, ""))
	}
}

// exportCase writes a case and its transcript as plain text, in the
// operator's language lang, to keep in the desk's own records, and logs
// the export.
func (s *Service) exportCase(ctx context.Context, rw http.ResponseWriter, op Operator, lang, id string) error {
	cs, tx, err := s.readCase(ctx, op, id)
	if err != nil {
		return err
	}
	s.warn(ctx, "auditing an export", id, s.q.audit(ctx, op.Name, "export", id, ""))
	rw.Header().Set("Content-Type", "text/plain; charset=utf-8")
	rw.Header().Set("Content-Disposition", `attachment; filename="case-`+id+`.txt"`)
	rw.Header().Set("Cache-Control", "no-store")
	t := func(id string) string { return s.cat.Text(lang, id, nil) }
	subject := s.subjectIn(lang, cs)
	if cs.Urgent {
		subject = s.urgentIn(lang, cs)
	}
	status := s.statusIn(lang, string(cs.Status))
	if o := s.outcomeIn(lang, cs.Outcome); o != "" {
		status += " · " + o
	}
	fmt.Fprintf(rw, "%s\n", s.cat.Text(lang, "console.case.heading", map[string]any{"ID": cs.ID}))
	for _, f := range [][2]string{
		{t("console.case.language"), s.langIn(lang, cs)},
		{t("console.case.channel"), s.channelIn(lang, cs.Contact.Channel)},
		{t("console.case.subject"), subject},
		{t("console.case.why"), s.reasonIn(lang, cs)},
		{t("console.case.status"), status},
		{t("console.case.opened"), cs.Opened.Format(time.RFC3339)},
	} {
		fmt.Fprintf(rw, "%s: %s\n", f[0], f[1])
	}
	fmt.Fprintln(rw)
	for _, e := range tx {
		who := s.byIn(lang, e)
		if e.Before {
			who += " (" + t("console.case.before") + ")"
		}
		text := e.Text
		switch {
		case e.By == "system":
			text = s.systemIn(lang, cs, e)
		case e.Deleted:
			text = t("console.case.deleted_by_person")
		}
		if e.Kind != "" {
			text = strings.TrimSpace("[" + s.attachmentIn(lang, e.Kind) + "] " + text)
		}
		if e.MediaError != "" {
			text += " (" + s.mediaFaultIn(lang, e) + ")"
		}
		if e.Media != "" {
			// The file itself is in the export with files (exportFiles),
			// under this name.
			size := s.cat.Text(lang, "console.case.size", map[string]any{"KB": (e.Size + 1023) / 1024})
			text += " (" + exportName(e) + ", " + e.Mime + ", " + size + ")"
		}
		switch e.Unsent {
		case UnsendAsked:
			text += " — " + t("console.case.unsend.asked")
		case UnsendDone:
			text += " — " + t("console.case.unsend.done")
		case UnsendFailed:
			text += " — " + t("console.case.unsend.failed") + ": " + s.failureIn(lang, e.UnsentWhy)
		}
		fmt.Fprintf(rw, "%s  %s: %s\n", e.Time.Format("2006-01-02 15:04"), who, text)
	}
	return nil
}

// exportName is the name a transcript line's file has in the export with
// files: its id, so that two files of one name stay apart, and its own
// name or an extension of its type.
func exportName(e Entry) string {
	name := e.File
	if name == "" {
		_, ext, _ := safeType(e.Mime)
		name = e.Kind + ext
	}
	return e.Media + "-" + fileName(name, path.Ext(name))
}

// exportFiles writes a case as a zip: the text export (case.txt) and the
// files still kept (files/), those the person sent and those operators
// sent, for the desk's records or a person's request for their data. It
// is audited like the text export.
func (s *Service) exportFiles(ctx context.Context, rw http.ResponseWriter, op Operator, lang, id string) error {
	var text bytes.Buffer
	tw := &textExport{h: http.Header{}, w: &text}
	if err := s.exportCase(ctx, tw, op, lang, id); err != nil {
		return err
	}
	tx, err := s.q.Transcript(ctx, id)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("case-" + id + ".txt")
	if err != nil {
		return fmt.Errorf("export zip: %w", err)
	}
	w.Write(text.Bytes())
	for _, e := range tx {
		if e.Media == "" {
			continue
		}
		data, err := s.rdb.HGet(ctx, s.q.media(id), e.Media).Bytes()
		if errors.Is(err, redis.Nil) {
			continue // expired or erased: the text says it was there
		}
		if err != nil {
			return fmt.Errorf("export a file: %w", err)
		}
		fw, err := zw.CreateHeader(&zip.FileHeader{Name: "files/" + exportName(e), Method: zip.Store, Modified: e.Time})
		if err != nil {
			return fmt.Errorf("export zip: %w", err)
		}
		fw.Write(data)
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("export zip: %w", err)
	}
	rw.Header().Set("Content-Type", "application/zip")
	rw.Header().Set("Content-Disposition", `attachment; filename="case-`+id+`.zip"`)
	rw.Header().Set("Cache-Control", "no-store")
	_, err = rw.Write(buf.Bytes())
	return err
}

// textExport collects the text export for the zip.
type textExport struct {
	h http.Header
	w io.Writer
}

func (t *textExport) Header() http.Header         { return t.h }
func (t *textExport) Write(b []byte) (int, error) { return t.w.Write(b) }
func (t *textExport) WriteHeader(int)             {}
