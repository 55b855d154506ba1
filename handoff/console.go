package handoff

import (
	"bytes"
	"io"
	"slices"
	"strings"

	"context"
	"encoding/json"
	"errors"
	"fmt"
	"github.com/redis/go-redis/v9"
	"net/http"
	"net/url"
	"time"

	"frontdoor/console"
)

type pageHandler func(w http.ResponseWriter, r *http.Request, op Operator, sess session) error

// session is a signed-in operator's console session.
type session = console.Session

// signedIn reads the session cookie, through the console's gate.
func (w *web) signedIn(r *http.Request) (Operator, session, error) {
	acc, sess, err := w.s.gate.Session(r)
	if err != nil {
		return Operator{}, session{}, err
	}
	op, err := w.s.q.Operator(r.Context(), acc.Name)
	return op, sess, err
}

// page requires a signed-in operator; others go to the sign-in page.
func (w *web) page(h pageHandler) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		op, sess, err := w.signedIn(r)
		if errors.Is(err, ErrNoOperator) {
			http.Redirect(rw, r, console.LoginPath, http.StatusSeeOther)
			return
		}
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		if err := h(rw, r, op, sess); err != nil {
			w.fail(rw, r, err)
		}
	}
}

// form is page for POSTs: a small form, with the session's form token.
func (w *web) form(h pageHandler) http.HandlerFunc {
	return w.post(func(rw http.ResponseWriter, r *http.Request, _ Operator) bool {
		r.Body = http.MaxBytesReader(rw, r.Body, 64<<10)
		return true // read with the token, below
	}, h)
}

// bodyReader takes a POST's body, before its form token is looked at; when
// it cannot, it answers and returns false.
type bodyReader func(rw http.ResponseWriter, r *http.Request, op Operator) bool

// post serves a POST of a signed-in operator: read takes the body, the
// form's token is checked, and h runs. The order is upload's: a file too
// large is read to its end and answered before any token is looked for.
// (The console's Require reads the token first, from a body it bounds to
// 1 MiB, so a file over that would be refused as a missing token, and the
// connection cut while the browser is still sending: that is why these
// pages are not behind it.)
func (w *web) post(read bodyReader, h pageHandler) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		op, sess, err := w.signedIn(r)
		if errors.Is(err, ErrNoOperator) {
			console.Refuse(rw, r, w.s.cat, console.SignInFirst())
			return
		}
		if err != nil {
			w.fail(rw, r, err)
			return
		}
		// The parts of a multipart form kept in temporary files last
		// until h is done with them.
		defer func() {
			if r.MultipartForm != nil {
				_ = r.MultipartForm.RemoveAll()
			}
		}()
		if !read(rw, r, op) {
			return
		}
		if !console.SameToken(r.PostFormValue("csrf"), sess.CSRF) {
			console.RefuseIn(rw, r, w.s.cat, w.s.gate.Viewer(r, op).Lang, console.WrongFormToken())
			return
		}
		if err := h(rw, r, op, sess); err != nil {
			w.fail(rw, r, err)
		}
	}
}

// Gate is the console's sign-in the service's pages are behind: its
// Require is what the other packages' pages are mounted behind, its
// Handler serves the sign-in and the operators page.
func (s *Service) Gate() *console.Gate { return s.gate }

// Require is the console's Require (Gate().Require), kept for callers of
// the service.
func (s *Service) Require(role string, h http.Handler) http.Handler { return s.gate.Require(role, h) }

// fail refuses a request in the operator's language (the viewer of a
// request behind the sign-in, else the browser's).
func (w *web) fail(rw http.ResponseWriter, r *http.Request, err error) {
	d := denialOf(err)
	if d.Status == http.StatusInternalServerError {
		w.s.log.Error("console", "err", err)
	}
	if _, ok := console.SignedIn(r); !ok {
		// The page's own sign-in: the refusal shows the operator's menu
		// in their language.
		if op, sess, e := w.signedIn(r); e == nil {
			r = r.WithContext(console.WithViewer(r.Context(), w.s.gate.Viewer(r, op), sess.CSRF))
		}
	}
	console.Refuse(rw, r, w.s.cat, d)
}

// render writes a page or a fragment; a template that fails half-way
// gives a clear error instead of half a page.
func (w *web) render(rw http.ResponseWriter, name string, data any) error {
	var buf bytes.Buffer
	if err := w.pages.ExecuteTemplate(&buf, name, data); err != nil {
		return fmt.Errorf("console page %s: %w", name, err)
	}
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	_, err := rw.Write(buf.Bytes())
	return err
}

// layout is the console's layout data for a page of the case queue.
func (w *web) layout(r *http.Request, op Operator, sess session, title, section string) console.Page {
	return console.Page{Title: title, Section: section, Viewer: w.s.gate.Viewer(r, op), CSRF: sess.CSRF}
}

// ---- queue ----

type queueData struct {
	Page     console.Page
	Op       Operator
	CSRF     string
	Waiting  []Case
	Assigned []Case
	Flash    string
	// Last is the preview of the person's last message, by case id.
	Last map[string]string
	// Area and Lang filter the waiting cases ("" = all; Lang "-" = the
	// languages Frontdoor does not speak); Areas and Langs are the
	// filters' options: the operator's.
	Area, Lang   string
	Areas, Langs []string
	// Query keeps the filters for the live updates of the list.
	Query string
	// AlertTexts are the words of the urgent alerts, for the script.
	AlertTexts string
}

func (w *web) queueData(r *http.Request, op Operator, sess session) (queueData, error) {
	ctx := r.Context()
	lang := w.s.gate.Viewer(r, op).Lang
	waiting, assigned, err := w.s.queueFor(ctx, op)
	if err != nil {
		return queueData{}, err
	}
	d := queueData{Page: w.layout(r, op, sess, w.s.cat.Text(lang, "console.queue.title", nil), console.SectionCases), Op: op, CSRF: sess.CSRF,
		Assigned: assigned, Flash: flash(r, sess), Areas: op.Areas, Langs: op.Languages}
	if slices.Contains(d.Areas, "*") {
		d.Areas = w.s.q.areas
	}
	if slices.Contains(d.Langs, "*") {
		d.Langs = w.s.q.langs
	}
	d.Langs = append(slices.Clone(d.Langs), anyLang)
	q := r.URL.Query()
	if a := q.Get("area"); slices.Contains(d.Areas, a) {
		d.Area = a
	}
	if l := q.Get("lang"); slices.Contains(d.Langs, l) {
		d.Lang = l
	}
	for _, c := range waiting {
		if (d.Area == "" || c.Area == d.Area) && (d.Lang == "" || w.s.q.lang(c.Lang) == d.Lang) {
			d.Waiting = append(d.Waiting, c)
		}
	}
	keep := url.Values{}
	if d.Area != "" {
		keep.Set("area", d.Area)
	}
	if d.Lang != "" {
		keep.Set("lang", d.Lang)
	}
	if len(keep) > 0 {
		d.Query = "?" + keep.Encode()
	}
	d.Last, err = w.s.lastWords(ctx, lang, append(slices.Clone(d.Waiting), d.Assigned...))
	return d, err
}

// previewRunes bounds the preview of a person's last message in the
// queue: enough to tell a case from another, not the whole story.
const previewRunes = 140

// previewLines is how far back from a transcript's end the preview looks:
// the last lines are often the bot's queue updates.
const previewLines = 8

// lastWords are the previews of what the person last wrote in each case
// (a file is named by its kind in lang), read from the end of the
// transcripts, or, where the tail read holds nothing of the person's, from
// the opening lines the case still owes (see transcriptOf). Those come
// before the whole transcript, and are read whenever they are owed, not
// only when the tail is all of it: a case whose opening could not be
// written, often the danger that opened it, showed an empty preview once
// the bot had sent previewLines queue updates (review revE). Past a full
// tail a line of the person's may stand between the owed opening and the
// tail; the preview then shows the opening, the danger, rather than
// nothing.
func (s *Service) lastWords(ctx context.Context, lang string, cases []Case) (map[string]string, error) {
	out := make(map[string]string, len(cases))
	if len(cases) == 0 {
		return out, nil
	}
	pipe := s.rdb.Pipeline()
	tails := make([]*redis.StringSliceCmd, len(cases))
	for i, c := range cases {
		tails[i] = pipe.LRange(ctx, s.q.tx(c.ID), -previewLines, -1)
	}
	if _, err := pipe.Exec(ctx); err != nil && !errors.Is(err, redis.Nil) {
		return nil, fmt.Errorf("read the last messages: %w", err)
	}
	for i, c := range cases {
		var lines []Entry
		if c.owed != "" {
			lines = owedEntries(c)
		}
		for _, l := range tails[i].Val() {
			var e Entry
			if json.Unmarshal([]byte(l), &e) == nil {
				lines = append(lines, e)
			}
		}
		if e, ok := lastOfPerson(lines); ok {
			out[c.ID] = s.preview(lang, e)
		}
	}
	return out, nil
}

// lastOfPerson is the last line of lines the person wrote.
func lastOfPerson(lines []Entry) (Entry, bool) {
	for j := len(lines) - 1; j >= 0; j-- {
		if lines[j].By == "person" {
			return lines[j], true
		}
	}
	return Entry{}, false
}

// preview is line e as the queue shows it: its text, cut, or the kind of
// file it is, in lang.
func (s *Service) preview(lang string, e Entry) string {
	text := strings.TrimSpace(e.Text)
	if text == "" && e.Kind != "" {
		text = "[" + s.attachmentIn(lang, e.Kind) + "]"
	}
	if r := []rune(text); len(r) > previewRunes {
		text = string(r[:previewRunes-1]) + "…"
	}
	return text
}

func (w *web) queuePage(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	d, err := w.queueData(r, op, sess)
	if err != nil {
		return err
	}
	d.AlertTexts = w.alertTexts(d.Page.Viewer.Lang)
	return w.render(rw, "queue.html", d)
}

// alertTexts are the words the page's script says about new urgent cases
// (notification, banner, title), in lang, as JSON for the alert button's
// data-texts: the script has no words of its own. Placeholders it fills:
// {count}, {lang} (the case's language), {what} (the case's badge).
func (w *web) alertTexts(lang string) string {
	t := func(id string, data map[string]any) string { return w.s.cat.Text(lang, id, data) }
	b, err := json.Marshal(map[string]any{
		"lang":     lang,
		"urgent":   t("console.queue.urgent", nil),
		"body":     t("console.alerts.body", map[string]any{"Language": "{lang}"}),
		"bodyNone": t("console.alerts.body_unknown", nil),
		"newOne":   t("console.alerts.new_one", map[string]any{"What": "{what}"}),
		"newMany":  w.s.cat.PluralTexts(lang, "console.alerts.new_many", map[string]any{"Count": "{count}"}),
		"title":    w.s.cat.PluralTexts(lang, "console.alerts.title", map[string]any{"Count": "{count}"}),
		"none":     t("console.alerts.unsupported", nil),
		"on":       t("console.alerts.on", nil),
		"blocked":  t("console.alerts.blocked", nil),
		"test":     t("console.alerts.test", nil),
	})
	if err != nil {
		return "{}"
	}
	return string(b)
}

func (w *web) queueFragment(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	d, err := w.queueData(r, op, sess)
	if err != nil {
		return err
	}
	return w.render(rw, "queuelist", d)
}

// events streams "changed" events to the console (SSE): the page then
// fetches the part that changed, rendered and escaped by the server.
func (w *web) events(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	fl, ok := rw.(http.Flusher)
	if !ok {
		return errors.New("streaming not supported")
	}
	only := r.PathValue("id")
	ctx := r.Context()
	// A case's stream is for those who may see the case, now and while it
	// runs: it says when the person writes.
	if only != "" {
		if err := w.mayWatch(ctx, op, only); err != nil {
			return err
		}
	}
	sub := w.s.rdb.Subscribe(ctx, w.s.q.k("events"))
	defer sub.Close()
	if _, err := sub.Receive(ctx); err != nil {
		return fmt.Errorf("subscribe to case events: %w", err)
	}
	rw.Header().Set("Content-Type", "text/event-stream")
	rw.Header().Set("X-Accel-Buffering", "no")
	fmt.Fprint(rw, "retry: 2000\n\n")
	fl.Flush()
	msgs := sub.Channel()
	// The pings keep proxies from closing an idle stream. They are not
	// operator activity: a case page left open by someone who walked away
	// must still go back to the queue (only replies, notes, claims and
	// "I'm still here" count).
	tick := time.NewTicker(w.pingEvery)
	defer tick.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case <-tick.C:
			fmt.Fprint(rw, ": ping\n\n")
			fl.Flush()
		case m, ok := <-msgs:
			if !ok {
				return nil
			}
			var ev struct{ Kind, Case string }
			json.Unmarshal([]byte(m.Payload), &ev)
			if only != "" && ev.Case != only {
				continue
			}
			if only != "" {
				if err := w.mayWatch(ctx, op, only); err != nil {
					return nil // the case went to someone else: the stream ends
				}
			}
			fmt.Fprintf(rw, "event: changed\ndata: %s\n\n", ev.Kind)
			fl.Flush()
		}
	}
}

// mayWatch says whether op may follow case id live.
func (w *web) mayWatch(ctx context.Context, op Operator, id string) error {
	cs, err := w.s.q.Get(ctx, id)
	if err != nil {
		return err
	}
	if !w.s.visible(op, cs) {
		return errForbidden
	}
	return nil
}

// ---- case ----

type caseData struct {
	Page       console.Page
	Op         Operator
	CSRF       string
	Case       Case
	Transcript []Entry
	Canned     []Canned
	Operators  []Operator
	Outcomes   []string
	Mine       bool
	Flash      string
	// Confirm is the outcome the operator chose to close the case with,
	// awaiting their confirmation ("" when not closing).
	Confirm string
	// Appointments are the person's; Agenda says whether the desk books
	// appointments at all (else the page says nothing of them).
	Appointments []Appointment
	Agenda       bool
	// Now is when the page was made: whether a reply can still be taken
	// back (CanUnsend).
	Now time.Time
}

// CanUnsend says whether the page offers to take reply e back from the
// person's phone (DeleteReply would refuse the others).
func (d caseData) CanUnsend(e Entry) bool {
	return e.By == "operator" && e.ID != "" && len(e.Sent) > 0 && askable(e, d.Now) &&
		(d.Op.Admin || d.Mine && e.Operator == d.Op.Name) && d.Now.Sub(e.Time) <= UnsendWithin
}

func (w *web) caseData(r *http.Request, op Operator, sess session) (caseData, error) {
	cs, tx, err := w.s.readCase(r.Context(), op, r.PathValue("id"))
	if err != nil {
		return caseData{}, err
	}
	var canned []Canned
	list, err := w.s.CannedReplies(r.Context(), cs.Lang)
	if err != nil {
		return caseData{}, err
	}
	for _, c := range list {
		text, err := renderCanned(c.Text, w.s.cfg.Variables)
		if err == nil {
			canned = append(canned, Canned{Title: c.Title, Text: text})
		}
	}
	ops, _ := w.s.q.Operators(r.Context())
	var others []Operator
	for _, o := range ops {
		if o.Name != op.Name && matches(o, w.s.q.lang(cs.Lang), w.s.q.area(cs.Area)) {
			others = append(others, o)
		}
	}
	d := caseData{Page: w.layout(r, op, sess, w.s.cat.Text(w.s.gate.Viewer(r, op).Lang, "console.case.title", nil), console.SectionCases), Op: op, CSRF: sess.CSRF, Case: cs, Transcript: tx, Canned: canned, Operators: others,
		Outcomes: Outcomes(), Mine: cs.Status == StatusAssigned && cs.Operator == op.Name, Flash: flash(r, sess), Now: w.s.clock()}
	if o := r.URL.Query().Get("close"); slices.Contains(d.Outcomes, o) && (d.Mine || op.Admin && cs.Status == StatusAssigned) {
		d.Confirm = o
	}
	if w.s.appointments != nil {
		d.Agenda = true
		// The case page is useful without them: a failure is logged, not
		// shown as an error page.
		if d.Appointments, err = w.s.appointments.Appointments(r.Context(), cs.Contact, d.Page.Viewer.Lang); err != nil {
			w.s.log.Warn("reading a person's appointments for the case page", "case", cs.ID, "err", err)
		}
	}
	return d, nil
}

func (w *web) casePage(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	d, err := w.caseData(r, op, sess)
	if err != nil {
		return err
	}
	return w.render(rw, "case.html", d)
}

func (w *web) transcriptFragment(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	d, err := w.caseData(r, op, sess)
	if err != nil {
		return err
	}
	return w.render(rw, "transcript", d)
}

// back redirects after a form (post/redirect/get), with an optional
// message for the next page, signed for the operator's session
// (console.FlashQuery).
//
// Every caller answers a form that post let through, whose token it
// checked against the session's: that token keys the signature, with no
// second read of the session.
func back(rw http.ResponseWriter, r *http.Request, path, msg string) {
	if msg != "" {
		path += "?" + console.FlashQuery(r.PostFormValue("csrf"), msg)
	}
	http.Redirect(rw, r, path, http.StatusSeeOther)
}

// flash is the message back left for this page, if signed for sess.
func flash(r *http.Request, sess session) string { return console.Flash(r, sess.CSRF) }

// soft turns expected refusals (taken, capacity...) into a message on the
// page, in the operator's language, instead of an error page.
func (w *web) soft(rw http.ResponseWriter, r *http.Request, op Operator, path string, err error) error {
	switch status(err) {
	case http.StatusConflict, http.StatusBadRequest:
		back(rw, r, path, w.s.refusalIn(w.s.gate.Viewer(r, op).Lang, err))
		return nil
	case http.StatusNotFound:
		if errors.Is(err, ErrNothing) {
			back(rw, r, path, w.s.refusalIn(w.s.gate.Viewer(r, op).Lang, err))
			return nil
		}
	}
	return err
}

// say is a console text in the operator's language, for the message a
// form leaves on the next page.
func (w *web) say(r *http.Request, op Operator, id string) string {
	return w.s.cat.Text(w.s.gate.Viewer(r, op).Lang, id, nil)
}

func casePath(id string) string { return "/console/cases/" + url.PathEscape(id) }

func (w *web) formNext(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id, err := w.s.Next(r.Context(), op.Name)
	if err != nil {
		return w.soft(rw, r, op, "/console/", err)
	}
	back(rw, r, casePath(id), "")
	return nil
}

func (w *web) formClaim(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	if err := w.s.Claim(r.Context(), op.Name, id); err != nil {
		return w.soft(rw, r, op, "/console/", err)
	}
	back(rw, r, casePath(id), "")
	return nil
}

func (w *web) formReply(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	if err := w.s.Reply(r.Context(), op.Name, id, r.PostFormValue("text")); err != nil {
		return w.soft(rw, r, op, casePath(id), err)
	}
	back(rw, r, casePath(id), "")
	return nil
}

func (w *web) formNote(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	cs, err := w.s.q.Get(r.Context(), id)
	if err != nil {
		return err
	}
	if !w.s.visible(op, cs) {
		return ErrNotYours
	}
	if err := w.s.Note(r.Context(), op.Name, id, r.PostFormValue("text")); err != nil {
		return w.soft(rw, r, op, casePath(id), err)
	}
	back(rw, r, casePath(id), "")
	return nil
}

// formDeleteReply takes back an operator's reply from the person's phone
// (Service.DeleteReply); the transcript then shows how it went.
func (w *web) formDeleteReply(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	if err := w.s.DeleteReply(r.Context(), op.Name, id, r.PathValue("entry"), op.Admin); err != nil {
		return w.soft(rw, r, op, casePath(id), err)
	}
	back(rw, r, casePath(id), w.say(r, op, "console.case.unsend.asked"))
	return nil
}

// formHere is the operator saying they are still on the case, so it is
// not taken back as abandoned while they read or wait for the person.
func (w *web) formHere(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	if err := w.s.StillHere(r.Context(), op.Name, id); err != nil {
		return w.soft(rw, r, op, casePath(id), err)
	}
	back(rw, r, casePath(id), w.say(r, op, "console.case.here_done"))
	return nil
}

func (w *web) formTransfer(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	if err := w.s.Transfer(r.Context(), op.Name, id, r.PostFormValue("to"), r.PostFormValue("note"), op.Admin); err != nil {
		return w.soft(rw, r, op, casePath(id), err)
	}
	back(rw, r, "/console/", w.say(r, op, "console.case.transferred"))
	return nil
}

// formClose closes a case in two steps: the operator chooses an outcome
// (there is no default, so none is recorded by accident), then confirms
// it on the case page, since the person is told at once and the case
// cannot be reopened.
func (w *web) formClose(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	outcome := r.PostFormValue("outcome")
	if !slices.Contains(Outcomes(), outcome) {
		back(rw, r, casePath(id), w.say(r, op, "console.error.outcome"))
		return nil
	}
	if r.PostFormValue("confirm") != "1" {
		http.Redirect(rw, r, casePath(id)+"?"+url.Values{"close": {outcome}}.Encode(), http.StatusSeeOther)
		return nil
	}
	if err := w.s.Close(r.Context(), op.Name, id, r.PostFormValue("outcome"), op.Admin); err != nil {
		return w.soft(rw, r, op, casePath(id), err)
	}
	back(rw, r, "/console/", w.say(r, op, "console.case.closed"))
	return nil
}

// upload is form for a POST with a file (multipart): the body may be as
// large as a file an operator sends. A body over that is read to its end
// and refused with a message on the case page: the browser shows that
// page rather than a broken connection, and nothing was changed, so no
// form token is needed to say so.
func (w *web) upload(h pageHandler) http.HandlerFunc {
	return w.post(func(rw http.ResponseWriter, r *http.Request, op Operator) bool {
		body := r.Body
		r.Body = http.MaxBytesReader(rw, body, MaxOutFile+64<<10)
		err := r.ParseMultipartForm(1 << 20)
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			// Reading the rest lets the browser finish sending and
			// show the answer, instead of a connection cut mid-way.
			_, _ = io.Copy(io.Discard, io.LimitReader(body, 4*MaxOutFile))
			back(rw, r, casePath(r.PathValue("id")), w.s.refusalIn(w.s.gate.Viewer(r, op).Lang, ErrFileTooBig))
			return false
		}
		if err != nil {
			console.RefuseIn(rw, r, w.s.cat, w.s.gate.Viewer(r, op).Lang, console.BadForm())
			return false
		}
		return true
	}, h)
}

// formFile sends the file an operator chose to the person of the case.
func (w *web) formFile(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	data, name, err := readUpload(r, "file")
	if err == nil {
		err = w.s.SendFile(r.Context(), op.Name, id, data, name, r.PostFormValue("text"))
	}
	if err != nil {
		return w.soft(rw, r, op, casePath(id), err)
	}
	back(rw, r, casePath(id), "")
	return nil
}
