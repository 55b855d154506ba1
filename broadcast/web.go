package broadcast

import (
	"embed"
	"encoding/csv"
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"frontdoor/bot"
	"frontdoor/handoff"
)

//go:embed web/page.html
var pageFS embed.FS

var page = template.Must(template.ParseFS(pageFS, "web/page.html"))

// pageLanguages are the languages of the text fields, Frontdoor's ten.
var pageLanguages = []string{"it", "en", "fr", "es", "ar", "uk", "sq", "bn", "ur", "zh"}

// Handler is the console page for operators with the outreach role.
// require is handoff's (*Service).Require; mount it under a path ending in
// "/", with the prefix stripped:
//
//	mux.Handle("/console/campaigns/", http.StripPrefix("/console/campaigns", b.Handler(h.Require)))
//
// Links on the page are relative, so any prefix works.
func (s *Service) Handler(require func(role string, h http.Handler) http.Handler) http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /{$}", s.pageIndex)
	mux.HandleFunc("POST /create", s.pageCreate)
	mux.HandleFunc("GET /progress", s.pageProgress)
	mux.HandleFunc("GET /report.csv", s.pageCSV)
	mux.HandleFunc("POST /test", s.pageTest)
	for _, a := range []string{"send", "pause", "resume", "cancel"} {
		mux.HandleFunc("POST /"+a, func(w http.ResponseWriter, r *http.Request) { s.pageAction(w, r, a) })
	}
	return require(handoff.RoleOutreach, mux)
}

type pageData struct {
	Token     string
	Msg       string
	Err       bool
	Topics    []string
	Languages []string
	List      []Report
	Selected  *selected
	Actions   []string
}

type selected struct {
	ID       string
	Campaign Campaign
	Preview  Preview
	Report   Report
}

func (s *Service) pageIndex(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	d := pageData{Token: handoff.FormToken(r), Msg: r.URL.Query().Get("msg"), Err: r.URL.Query().Get("err") != "",
		Topics: Topics(), Languages: pageLanguages}
	ids, err := s.List(ctx)
	if err != nil {
		http.Error(w, "Could not read the campaigns.", http.StatusInternalServerError)
		s.log.Error("broadcast page", "err", err)
		return
	}
	for _, id := range ids {
		if rep, err := s.Report(ctx, id); err == nil {
			d.List = append(d.List, rep)
		}
	}
	if id := r.URL.Query().Get("id"); id != "" {
		c, err := s.Get(ctx, id)
		if err != nil {
			http.Error(w, "No such campaign.", http.StatusNotFound)
			return
		}
		sel := &selected{ID: id, Campaign: c}
		sel.Preview, _ = s.Preview(ctx, id)
		sel.Report, _ = s.Report(ctx, id)
		d.Selected = sel
		switch sel.Report.Status {
		case StatusDraft:
			d.Actions = []string{"send", "cancel"}
		case StatusScheduled, StatusSending:
			d.Actions = []string{"pause", "cancel"}
		case StatusPaused:
			d.Actions = []string{"resume", "cancel"}
		}
	}
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if err := page.Execute(w, d); err != nil {
		s.log.Error("broadcast page", "err", err)
	}
}

func back(w http.ResponseWriter, r *http.Request, id, msg string, failed bool) {
	q := url.Values{}
	if id != "" {
		q.Set("id", id)
	}
	if msg != "" {
		q.Set("msg", msg)
	}
	if failed {
		q.Set("err", "1")
	}
	http.Redirect(w, r, "./?"+q.Encode(), http.StatusSeeOther)
}

func splitList(v string) []string {
	var out []string
	for _, p := range strings.Split(v, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// campaignFromForm builds a campaign from the page's form.
func campaignFromForm(r *http.Request) (Campaign, error) {
	c := Campaign{ID: strings.TrimSpace(r.PostFormValue("id")), Texts: map[string]string{},
		Fallback: strings.TrimSpace(r.PostFormValue("fallback"))}
	c.Segment = Segment{Topic: r.PostFormValue("topic"), Languages: splitList(r.PostFormValue("languages")),
		Channels: splitList(r.PostFormValue("channels")), Areas: splitList(r.PostFormValue("areas")),
		Desks: splitList(r.PostFormValue("desks"))}
	if v := r.PostFormValue("active_days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return c, errors.New("active days: not a number")
		}
		c.Segment.ActiveDays = n
	}
	if v := r.PostFormValue("send_at"); v != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", v, time.UTC)
		if err != nil {
			return c, errors.New("send at: not a date and time")
		}
		c.SendAt = t
	}
	for _, l := range pageLanguages {
		if t := strings.TrimSpace(r.PostFormValue("text_" + l)); t != "" {
			c.Texts[l] = t
		}
	}
	if id := strings.TrimSpace(r.PostFormValue("choice_id")); id != "" {
		ch := Choice{ID: id, Labels: map[string]string{}}
		for _, l := range pageLanguages {
			if v := strings.TrimSpace(r.PostFormValue("label_" + l)); v != "" {
				ch.Labels[l] = v
			}
		}
		c.Choices = []Choice{ch}
	}
	return c, c.Check()
}

func (s *Service) pageCreate(w http.ResponseWriter, r *http.Request) {
	c, err := campaignFromForm(r)
	if err == nil {
		err = s.Create(r.Context(), c)
	}
	if err != nil {
		back(w, r, "", err.Error(), true)
		return
	}
	if op, ok := handoff.SignedIn(r); ok {
		s.log.Info("campaign created", "campaign", c.ID, "operator", op.Name)
	}
	back(w, r, c.ID, "Campaign created as a draft. Check the audience, send a test, then send.", false)
}

func (s *Service) pageAction(w http.ResponseWriter, r *http.Request, action string) {
	ctx, id := r.Context(), r.PostFormValue("id")
	var err error
	switch action {
	case "send":
		err = s.Start(ctx, id)
	case "pause":
		err = s.Pause(ctx, id)
	case "resume":
		err = s.Resume(ctx, id)
	case "cancel":
		err = s.Cancel(ctx, id)
	}
	if err != nil {
		back(w, r, id, action+": "+err.Error(), true)
		return
	}
	if op, ok := handoff.SignedIn(r); ok {
		s.log.Info("campaign "+action, "campaign", id, "operator", op.Name)
	}
	back(w, r, id, "Done: "+action+".", false)
}

func (s *Service) pageTest(w http.ResponseWriter, r *http.Request) {
	id := r.PostFormValue("id")
	to := bot.Contact{Channel: strings.TrimSpace(r.PostFormValue("channel")), ID: strings.TrimSpace(r.PostFormValue("contact"))}
	if to.Channel == "" || to.ID == "" {
		back(w, r, id, "Test send: give a channel and a chat id.", true)
		return
	}
	if err := s.TestSend(r.Context(), id, to, r.PostFormValue("lang")); err != nil {
		back(w, r, id, "Test send failed: "+err.Error(), true)
		return
	}
	back(w, r, id, "Test sent.", false)
}

// progressJSON is what the page polls.
type progressJSON struct {
	Report
	Done       int     `json:"done"`
	ETASeconds float64 `json:"eta_seconds"`
}

func (s *Service) pageProgress(w http.ResponseWriter, r *http.Request) {
	rep, err := s.Report(r.Context(), r.URL.Query().Get("id"))
	if errors.Is(err, ErrNotFound) {
		http.Error(w, "No such campaign.", http.StatusNotFound)
		return
	}
	if err != nil {
		http.Error(w, "Could not read the campaign.", http.StatusInternalServerError)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Cache-Control", "no-store")
	json.NewEncoder(w).Encode(progressJSON{Report: rep, Done: rep.Done(), ETASeconds: rep.ETA.Seconds()})
}

func (s *Service) pageCSV(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	if _, err := s.Get(r.Context(), id); err != nil {
		http.Error(w, "No such campaign.", http.StatusNotFound)
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="campaign-`+id+`.csv"`)
	cw := csv.NewWriter(w)
	if err := s.WriteCSV(r.Context(), id, cw); err != nil {
		s.log.Error("broadcast csv", "campaign", id, "err", err)
		return
	}
	cw.Flush()
}
