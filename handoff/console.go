package handoff

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"frontdoor/console"
	"frontdoor/ratelimit"
)

type pageHandler func(w http.ResponseWriter, r *http.Request, op Operator, sess session) error

// signedIn reads the session cookie.
func (w *web) signedIn(r *http.Request) (Operator, session, string, error) {
	c, err := r.Cookie(sessionCookie)
	if err != nil {
		return Operator{}, session{}, "", ErrNoOperator
	}
	sess, err := w.s.session(r.Context(), c.Value)
	if err != nil {
		return Operator{}, session{}, "", err
	}
	op, err := w.s.Operator(r.Context(), sess.Operator)
	if err != nil {
		return Operator{}, session{}, "", err
	}
	if sess.Account != op.account {
		// A session of a removed account whose name was given again.
		return Operator{}, session{}, "", ErrNoOperator
	}
	return op, sess, c.Value, nil
}

// page requires a signed-in operator; others go to the sign-in page.
func (w *web) page(h pageHandler) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		op, sess, _, err := w.signedIn(r)
		if errors.Is(err, ErrNoOperator) {
			http.Redirect(rw, r, "/console/login", http.StatusSeeOther)
			return
		}
		if err != nil {
			w.fail(rw, err)
			return
		}
		if err := h(rw, r, op, sess); err != nil {
			w.fail(rw, err)
		}
	}
}

// form is page for POSTs: it also checks the CSRF token.
func (w *web) form(h pageHandler) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		op, sess, _, err := w.signedIn(r)
		if errors.Is(err, ErrNoOperator) {
			http.Error(rw, "Sign in first.", http.StatusUnauthorized)
			return
		}
		if err != nil {
			w.fail(rw, err)
			return
		}
		r.Body = http.MaxBytesReader(rw, r.Body, 64<<10)
		if !sameToken(r.PostFormValue("csrf"), sess.CSRF) {
			http.Error(rw, "Missing or wrong form token: reload the page and try again.", http.StatusForbidden)
			return
		}
		if err := h(rw, r, op, sess); err != nil {
			w.fail(rw, err)
		}
	}
}

// Require lets only a signed-in operator with role (or an admin) reach h,
// for pages other packages add to the console (campaigns, statistics, the
// agenda): it is a console.Require. Others are sent to the sign-in page
// (GET) or refused. Requests that change something must carry the
// session's form token (form field "csrf" or header X-CSRF-Token), which
// console.FormToken gives to the page.
func (s *Service) Require(role string, h http.Handler) http.Handler {
	w := s.web
	return console.Headers(http.HandlerFunc(func(rw http.ResponseWriter, r *http.Request) {
		op, sess, _, err := w.signedIn(r)
		switch {
		case errors.Is(err, ErrNoOperator) && (r.Method == http.MethodGet || r.Method == http.MethodHead):
			http.Redirect(rw, r, "/console/login", http.StatusSeeOther)
			return
		case errors.Is(err, ErrNoOperator):
			http.Error(rw, "Sign in first.", http.StatusUnauthorized)
			return
		case err != nil:
			w.fail(rw, err)
			return
		case !op.Has(role):
			http.Error(rw, "Your account does not have the "+role+" role.", http.StatusForbidden)
			return
		}
		if r.Method != http.MethodGet && r.Method != http.MethodHead {
			token := r.Header.Get("X-CSRF-Token")
			if token == "" {
				r.Body = http.MaxBytesReader(rw, r.Body, 1<<20)
				token = r.PostFormValue("csrf")
			}
			if !sameToken(token, sess.CSRF) {
				http.Error(rw, "Missing or wrong form token: reload the page and try again.", http.StatusForbidden)
				return
			}
		}
		h.ServeHTTP(rw, r.WithContext(console.WithViewer(r.Context(), w.s.viewer(r, op), sess.CSRF)))
	}))
}

func (w *web) fail(rw http.ResponseWriter, err error) {
	code := status(err)
	if code == http.StatusInternalServerError {
		w.s.log.Error("console", "err", err)
	}
	http.Error(rw, publicError(err), code)
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
	return console.Page{Title: title, Section: section, Viewer: w.s.viewer(r, op), CSRF: sess.CSRF}
}

// viewer is op as the console's pages see them, in the language they
// chose, else their browser's (Accept-Language), else English.
func (s *Service) viewer(r *http.Request, op Operator) console.Viewer {
	v := op.Viewer()
	if v.Lang == "" {
		if l, ok := s.cat.Match(r.Header.Get("Accept-Language")); ok {
			v.Lang = l
		} else {
			v.Lang = "en"
		}
	}
	return v
}

// ---- sign-in ----

func (w *web) loginPage(rw http.ResponseWriter, r *http.Request) {
	w.showLogin(rw, r, "", http.StatusOK)
}

// showLogin protects the sign-in form with a double-submit token: a
// cookie and the same value in the form.
func (w *web) showLogin(rw http.ResponseWriter, r *http.Request, msg string, code int) {
	tok := randomToken()
	http.SetCookie(rw, &http.Cookie{Name: loginCookie, Value: tok, Path: "/console/", HttpOnly: true,
		Secure: secure(r), SameSite: http.SameSiteStrictMode, MaxAge: 3600})
	rw.Header().Set("Content-Type", "text/html; charset=utf-8")
	rw.WriteHeader(code)
	w.pages.ExecuteTemplate(rw, "login.html", map[string]any{"Page": console.Page{Title: "Sign in"}, "CSRF": tok, "Error": msg})
}

func (w *web) login(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	r.Body = http.MaxBytesReader(rw, r.Body, 16<<10)
	c, err := r.Cookie(loginCookie)
	if err != nil || !sameToken(r.PostFormValue("csrf"), c.Value) {
		http.Error(rw, "Missing or wrong form token: reload the page and try again.", http.StatusForbidden)
		return
	}
	name, pw := strings.TrimSpace(r.PostFormValue("username")), r.PostFormValue("password")
	if len(name) > 64 {
		name = name[:64]
	}
	client := ratelimit.ClientSubject(w.s.proxies.Client(r))
	refusal, err := w.s.throttle.Check(ctx, name, client)
	if err != nil {
		w.fail(rw, err)
		return
	}
	if refusal.Limit != console.NoLimit {
		w.s.log.Warn("console sign-in throttled", "limit", int(refusal.Limit))
		rw.Header().Set("Retry-After", strconv.Itoa(int(refusal.Wait.Round(time.Second).Seconds())))
		w.showLogin(rw, r, throttledText(refusal), http.StatusTooManyRequests)
		return
	}
	ok, err := w.s.CheckPassword(ctx, name, pw)
	if err != nil {
		w.fail(rw, err)
		return
	}
	if !ok {
		if err := w.s.throttle.Failed(ctx, name, client); err != nil {
			w.s.log.Warn("counting a failed sign-in", "err", err)
		}
		w.s.log.Info("console sign-in failed")
		w.showLogin(rw, r, "Wrong username or password.", http.StatusUnauthorized)
		return
	}
	if err := w.s.throttle.Succeeded(ctx, name, client); err != nil {
		w.s.log.Warn("clearing failed sign-ins", "err", err)
	}
	op, err := w.s.Operator(ctx, name)
	if err != nil {
		w.fail(rw, err)
		return
	}
	tok, err := w.s.newSession(ctx, op, time.Duration(w.s.cfg.SessionTTL))
	if err != nil {
		w.fail(rw, err)
		return
	}
	if err := w.s.audit(ctx, name, "sign-in", "", ""); err != nil {
		w.s.log.Warn("auditing a sign-in", "err", err)
	}
	http.SetCookie(rw, &http.Cookie{Name: sessionCookie, Value: tok, Path: "/", HttpOnly: true,
		Secure: secure(r), SameSite: http.SameSiteStrictMode, MaxAge: int(time.Duration(w.s.cfg.SessionTTL).Seconds())})
	http.SetCookie(rw, &http.Cookie{Name: loginCookie, Path: "/console/", MaxAge: -1})
	http.Redirect(rw, r, "/console/", http.StatusSeeOther)
}

// throttledText tells an operator why signing in is refused and until
// when, and what to do meanwhile.
func throttledText(r console.Refusal) string {
	wait := "in " + minutes(r.Wait)
	switch r.Limit {
	case console.AccountLimit:
		return "Too many wrong passwords for this account from this device. Try again " + wait +
			", sign in from another device you use, or ask an admin to reset your password."
	case console.ClientLimit:
		return "Too many failed sign-ins from this device. Try again " + wait + "."
	default:
		return "Too many failed sign-ins at this desk right now. Try again " + wait + "."
	}
}

// minutes says a wait in whole minutes, or seconds under one.
func minutes(d time.Duration) string {
	if d < time.Minute {
		return strconv.Itoa(int(d.Round(time.Second).Seconds())) + " seconds"
	}
	m := int((d + time.Minute - 1) / time.Minute)
	if m == 1 {
		return "1 minute"
	}
	return strconv.Itoa(m) + " minutes"
}

func (w *web) logout(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	if c, err := r.Cookie(sessionCookie); err == nil {
		if err := w.s.endSession(r.Context(), c.Value); err != nil {
			// The cookie goes anyway; the session expires on its own.
			w.s.log.Warn("ending a console session", "err", err)
		}
	}
	http.SetCookie(rw, &http.Cookie{Name: sessionCookie, Path: "/", MaxAge: -1, HttpOnly: true, Secure: secure(r), SameSite: http.SameSiteStrictMode})
	http.Redirect(rw, r, "/console/login", http.StatusSeeOther)
	return nil
}

// ---- queue ----

type queueData struct {
	Page     console.Page
	Op       Operator
	CSRF     string
	Waiting  []Case
	Assigned []Case
	Flash    string
}

func (w *web) queueData(r *http.Request, op Operator, sess session) (queueData, error) {
	waiting, assigned, err := w.s.queueFor(r.Context(), op)
	return queueData{Page: w.layout(r, op, sess, "Queue", console.SectionCases), Op: op, CSRF: sess.CSRF, Waiting: waiting, Assigned: assigned, Flash: r.URL.Query().Get("m")}, err
}

func (w *web) queuePage(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	d, err := w.queueData(r, op, sess)
	if err != nil {
		return err
	}
	return w.render(rw, "queue.html", d)
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
	sub := w.s.rdb.Subscribe(ctx, w.s.k("events"))
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
	cs, err := w.s.Get(ctx, id)
	if err != nil {
		return err
	}
	if !w.s.visible(op, cs) {
		return errForbidden
	}
	return nil
}

func (w *web) auditPage(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	if !op.Admin {
		return errForbidden
	}
	a, err := w.s.Audit(r.Context(), 500)
	if err != nil {
		return err
	}
	return w.render(rw, "audit.html", map[string]any{"Page": w.layout(r, op, sess, "Operators", console.SectionOperators), "Op": op, "CSRF": sess.CSRF, "Audit": a})
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
}

func (w *web) caseData(r *http.Request, op Operator, sess session) (caseData, error) {
	cs, tx, err := w.s.readCase(r.Context(), op, r.PathValue("id"))
	if err != nil {
		return caseData{}, err
	}
	var canned []Canned
	for _, c := range w.s.cfg.Canned[cs.Lang] {
		text, err := renderCanned(c.Text, w.s.cfg.Variables)
		if err == nil {
			canned = append(canned, Canned{Title: c.Title, Text: text})
		}
	}
	ops, _ := w.s.Operators(r.Context())
	var others []Operator
	for _, o := range ops {
		if o.Name != op.Name && matches(o, w.s.lang(cs.Lang), w.s.area(cs.Area)) {
			others = append(others, o)
		}
	}
	return caseData{Page: w.layout(r, op, sess, "Case", console.SectionCases), Op: op, CSRF: sess.CSRF, Case: cs, Transcript: tx, Canned: canned, Operators: others,
		Outcomes: Outcomes(), Mine: cs.Status == StatusAssigned && cs.Operator == op.Name, Flash: r.URL.Query().Get("m")}, nil
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
// message for the next page.
func back(rw http.ResponseWriter, r *http.Request, path, msg string) {
	if msg != "" {
		path += "?m=" + url.QueryEscape(msg)
	}
	http.Redirect(rw, r, path, http.StatusSeeOther)
}

// soft turns expected refusals (taken, capacity...) into a message on the
// page instead of an error page.
func soft(rw http.ResponseWriter, r *http.Request, path string, err error) error {
	switch status(err) {
	case http.StatusConflict, http.StatusBadRequest:
		back(rw, r, path, err.Error())
		return nil
	case http.StatusNotFound:
		if errors.Is(err, ErrNothing) {
			back(rw, r, path, err.Error())
			return nil
		}
	}
	return err
}

func casePath(id string) string { return "/console/cases/" + url.PathEscape(id) }

func (w *web) formNext(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id, err := w.s.NextCase(r.Context(), op.Name)
	if err != nil {
		return soft(rw, r, "/console/", err)
	}
	back(rw, r, casePath(id), "")
	return nil
}

func (w *web) formClaim(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	if err := w.s.ClaimCase(r.Context(), op.Name, id); err != nil {
		return soft(rw, r, "/console/", err)
	}
	back(rw, r, casePath(id), "")
	return nil
}

func (w *web) formReply(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	if err := w.s.Reply(r.Context(), op.Name, id, r.PostFormValue("text")); err != nil {
		return soft(rw, r, casePath(id), err)
	}
	back(rw, r, casePath(id), "")
	return nil
}

func (w *web) formNote(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	cs, err := w.s.Get(r.Context(), id)
	if err != nil {
		return err
	}
	if !w.s.visible(op, cs) {
		return ErrNotYours
	}
	if err := w.s.Note(r.Context(), op.Name, id, r.PostFormValue("text")); err != nil {
		return soft(rw, r, casePath(id), err)
	}
	back(rw, r, casePath(id), "")
	return nil
}

// formHere is the operator saying they are still on the case, so it is
// not taken back as abandoned while they read or wait for the person.
func (w *web) formHere(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	if err := w.s.StillHere(r.Context(), op.Name, id); err != nil {
		return soft(rw, r, casePath(id), err)
	}
	back(rw, r, casePath(id), "Noted: the case stays with you.")
	return nil
}

func (w *web) formTransfer(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	if err := w.s.TransferCase(r.Context(), op.Name, id, r.PostFormValue("to"), r.PostFormValue("note"), op.Admin); err != nil {
		return soft(rw, r, casePath(id), err)
	}
	back(rw, r, "/console/", "Case transferred.")
	return nil
}

func (w *web) formClose(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	id := r.PathValue("id")
	if err := w.s.CloseCase(r.Context(), op.Name, id, r.PostFormValue("outcome"), op.Admin); err != nil {
		return soft(rw, r, casePath(id), err)
	}
	back(rw, r, "/console/", "Case closed.")
	return nil
}
