package broadcast

import (
	"embed"
	"encoding/csv"
	"encoding/json"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"frontdoor/bot"
	"frontdoor/console"
	"frontdoor/locales"
)

//go:embed web/page.html
var pageFS embed.FS

// web is the campaigns page of the console.
type web struct {
	s     *Service
	page  *template.Template
	cat   *locales.Catalog
	langs []locales.Language
}

// Handler is the console page for operators with the outreach role, at
// console.CampaignsPath; mount it there without stripping the prefix:
//
//	mux.Handle(console.CampaignsPath, b.Handler(h.Require, cat))
//
// cat names the languages of the text fields: Frontdoor's own.
func (s *Service) Handler(require console.Require, cat *locales.Catalog) (http.Handler, error) {
	h := &web{s: s, cat: cat, langs: cat.Languages()}
	t, err := console.Templates(cat, pageFS, template.FuncMap{"progressLine": h.progressLine, "pausedLine": h.pausedLine, "refusingLine": h.refusingLine, "topicName": h.topicName}, "web/page.html")
	if err != nil {
		return nil, err
	}
	h.page = t
	p := console.CampaignsPath
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+p+"{$}", h.index)
	mux.HandleFunc("POST "+p+"create", h.create)
	mux.HandleFunc("GET "+p+"progress", h.progress)
	mux.HandleFunc("GET "+p+"report.csv", h.csv)
	mux.HandleFunc("POST "+p+"test", h.test)
	for _, a := range actions() {
		mux.HandleFunc("POST "+p+a, func(w http.ResponseWriter, r *http.Request) { h.action(w, r, a) })
	}
	return require(console.RoleOutreach, console.Pages(mux, cat)), nil
}

type pageData struct {
	Page console.Page
	Msg  string
	Err  bool
	// Problems are why a form was refused, each in the operator's
	// language.
	Problems []string
	// Form is a refused creation form, shown again as it was sent so
	// that nothing typed is lost.
	Form     url.Values
	Topics   []string
	Langs    []locales.Language
	Channels []string
	Areas    []string
	List     []Report
	Selected *selected
}

// Value is a field of the refused form (the default before any).
func (d pageData) Value(name, def string) string {
	if d.Form == nil {
		return def
	}
	return d.Form.Get(name)
}

// Checked says whether the refused form had value among a field's.
func (d pageData) Checked(name, value string) bool {
	return slices.Contains(formList(d.Form, name), value)
}

type selected struct {
	ID       string
	Campaign Campaign
	Preview  Preview
	Report   Report
	// Actions are the status changes possible now.
	Actions []string
}

func (h *web) index(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	lang := console.RequestLang(r, h.cat)
	h.show(w, r, http.StatusOK, q.Get("id"), pageData{Msg: h.flash(lang, q), Err: q.Get("err") != ""})
}

// show renders the campaigns page with the campaign id open ("" for
// none); d carries the message, the problems and the refused form.
func (h *web) show(w http.ResponseWriter, r *http.Request, status int, id string, d pageData) {
	ctx := r.Context()
	page := console.NewPage(r, "", console.SectionCampaigns)
	page.Title = h.cat.Text(page.Viewer.Lang, "console.campaigns.title", nil)
	d.Page, d.Topics, d.Langs, d.Channels, d.Areas = page, Topics(), h.langs, h.s.channels(), needAreas
	ids, err := h.s.List(ctx)
	if err != nil {
		h.s.log.Error("broadcast page", "err", err)
		console.Refuse(w, r, h.cat, console.Internal())
		return
	}
	for _, id := range ids {
		rep, err := h.s.Report(ctx, id)
		if errors.Is(err, ErrNotFound) {
			continue // a create cut short, or gone since List
		}
		if err != nil {
			// Not a list short of a campaign with nothing said.
			h.s.log.Error("broadcast page", "campaign", id, "err", err)
			console.Refuse(w, r, h.cat, console.Internal())
			return
		}
		d.List = append(d.List, rep)
	}
	if id != "" {
		sel, err := h.selected(r, id)
		if errors.Is(err, ErrNotFound) {
			console.Refuse(w, r, h.cat, noCampaign())
			return
		}
		if err != nil {
			h.s.log.Error("broadcast page", "campaign", id, "err", err)
			console.Refuse(w, r, h.cat, console.Internal())
			return
		}
		d.Selected = sel
	}
	console.RenderStatus(w, r, h.cat, h.page, "page.html", d, status, h.s.log)
}

func (h *web) selected(r *http.Request, id string) (*selected, error) {
	ctx := r.Context()
	c, err := h.s.Get(ctx, id)
	if err != nil {
		return nil, err
	}
	sel := &selected{ID: id, Campaign: c}
	if sel.Preview, err = h.s.Preview(ctx, id); err != nil {
		return nil, err
	}
	if sel.Report, err = h.s.Report(ctx, id); err != nil {
		return nil, err
	}
	switch sel.Report.Status {
	case StatusDraft:
		sel.Actions = []string{"send", "cancel"}
	case StatusScheduled, StatusBuilding, StatusSending:
		sel.Actions = []string{"pause", "cancel"}
	case StatusPaused:
		sel.Actions = []string{"resume", "cancel"}
	}
	return sel, nil
}

// channels are the channels this process can send on, for the test send.
func (s *Service) channels() []string { return s.sendsOn }

// sends reports whether this process can send on channel.
func (s *Service) sends(channel string) bool { return slices.Contains(s.sendsOn, channel) }

// Codes of the messages the page shows after a form (console.campaigns.flash.<code>).
const (
	flashCreated      = "created"
	flashCreateFailed = "create_failed"
	flashDone         = "done"
	flashActionFailed = "action_failed"
	flashTestNeeds    = "test_needs"
	flashTestFailed   = "test_failed"
	flashTestSent     = "test_sent"
)

// flash is the message of the page after a form, in the operator's
// language: the address carries a code (m) and the action concerned (a),
// never a sentence of the page (a link could make the console say
// anything).
func (h *web) flash(lang string, q url.Values) string {
	code := q.Get("m")
	switch code {
	case flashCreated, flashCreateFailed, flashDone, flashActionFailed, flashTestNeeds, flashTestFailed, flashTestSent:
	default:
		return ""
	}
	data := map[string]any{}
	if a := q.Get("a"); slices.Contains(actions(), a) {
		data["What"] = h.cat.Text(lang, "console.campaign.action."+a, nil)
	}
	return h.cat.Text(lang, "console.campaigns.flash."+code, data)
}

// actions are the status changes a campaign's buttons ask for.
func actions() []string { return []string{"send", "pause", "resume", "cancel"} }

// back redirects to the campaigns page after a form (post/redirect/get),
// with the code of the message to show and the action it concerns; a
// refusal is shown at once instead (refused). The path is absolute: a relative one
// would be resolved by http.Redirect against a path whose prefix a mount
// may have stripped.
func back(w http.ResponseWriter, r *http.Request, id, code, action string, failed bool) {
	q := url.Values{}
	if id != "" {
		q.Set("id", id)
	}
	q.Set("m", code)
	if action != "" {
		q.Set("a", action)
	}
	if failed {
		q.Set("err", "1")
	}
	http.Redirect(w, r, console.CampaignsPath+"?"+q.Encode(), http.StatusSeeOther)
}

// formList reads a field given as checkboxes (several values) or as one
// comma-separated value.
func formList(form url.Values, name string) []string {
	var out []string
	for _, v := range form[name] {
		for _, p := range strings.Split(v, ",") {
			if p = strings.TrimSpace(p); p != "" {
				out = append(out, p)
			}
		}
	}
	return out
}

// campaignFromForm builds a campaign from the page's form; langs are the
// languages of the text fields.
func campaignFromForm(r *http.Request, langs []locales.Language) (Campaign, error) {
	if err := r.ParseForm(); err != nil {
		return Campaign{}, errBadForm
	}
	c := Campaign{ID: strings.TrimSpace(r.PostFormValue("id")), Texts: map[string]string{},
		Fallback: strings.TrimSpace(r.PostFormValue("fallback"))}
	c.Segment = Segment{Topic: r.PostFormValue("topic"), Languages: formList(r.PostForm, "languages"),
		Channels: formList(r.PostForm, "channels"), Areas: formList(r.PostForm, "areas"), Desks: formList(r.PostForm, "desks")}
	if v := r.PostFormValue("active_days"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil {
			return c, Problems{{Code: ProblemActiveDays, Value: v, text: "active days: not a number"}}
		}
		c.Segment.ActiveDays = n
	}
	if v := r.PostFormValue("send_at"); v != "" {
		t, err := time.ParseInLocation("2006-01-02T15:04", v, time.UTC)
		if err != nil {
			return c, Problems{{Code: ProblemSendAt, Value: v, text: "send at: not a date and time"}}
		}
		c.SendAt = t
	}
	for _, l := range langs {
		if t := strings.TrimSpace(r.PostFormValue("text_" + l.Tag)); t != "" {
			c.Texts[l.Tag] = t
		}
	}
	if id := strings.TrimSpace(r.PostFormValue("choice_id")); id != "" {
		ch := Choice{ID: id, Labels: map[string]string{}}
		for _, l := range langs {
			if v := strings.TrimSpace(r.PostFormValue("label_" + l.Tag)); v != "" {
				ch.Labels[l.Tag] = v
			}
		}
		c.Choices = []Choice{ch}
	}
	return c, c.Check()
}

func (h *web) create(w http.ResponseWriter, r *http.Request) {
	c, err := campaignFromForm(r, h.langs)
	if errors.Is(err, errBadForm) {
		console.Refuse(w, r, h.cat, console.BadForm())
		return
	}
	if err == nil {
		err = h.s.Create(r.Context(), c)
	}
	if err != nil {
		// Shown again as sent, with every problem: nothing typed in
		// several languages is lost to one mistake.
		h.refused(w, r, "", flashCreateFailed, "", err, r.PostForm)
		return
	}
	h.logAction(r, "created", c.ID)
	back(w, r, c.ID, flashCreated, "", false)
}

func (h *web) logAction(r *http.Request, what, id string) {
	if v, ok := console.SignedIn(r); ok {
		h.s.log.Info("campaign "+what, "campaign", id, "operator", v.Name)
	}
}

func (h *web) action(w http.ResponseWriter, r *http.Request, action string) {
	ctx, id := r.Context(), r.PostFormValue("id")
	var err error
	switch action {
	case "send":
		err = h.s.Start(ctx, id)
	case "pause":
		err = h.s.Pause(ctx, id)
	case "resume":
		err = h.s.Resume(ctx, id)
	case "cancel":
		err = h.s.Cancel(ctx, id)
	}
	if err != nil {
		h.refused(w, r, id, flashActionFailed, action, err, nil)
		return
	}
	h.logAction(r, action, id)
	back(w, r, id, flashDone, action, false)
}

func (h *web) test(w http.ResponseWriter, r *http.Request) {
	id := r.PostFormValue("id")
	to := bot.Contact{Channel: strings.TrimSpace(r.PostFormValue("channel")), ID: strings.TrimSpace(r.PostFormValue("contact"))}
	if to.Channel == "" || to.ID == "" {
		back(w, r, id, flashTestNeeds, "", true)
		return
	}
	if err := h.s.TestSend(r.Context(), id, to, r.PostFormValue("lang")); err != nil {
		h.refused(w, r, id, flashTestFailed, "", err, nil)
		return
	}
	back(w, r, id, flashTestSent, "", false)
}

// errBadForm: a form that could not be read at all.
var errBadForm = errors.New("broadcast: the form could not be read")

// refused shows the campaigns page again after a refused form, with the
// form's message (code, about action) and why, in the operator's
// language: each problem of the campaign, or the service's refusal. A
// fault of the server is logged and told as one, never in its own words.
func (h *web) refused(w http.ResponseWriter, r *http.Request, id, code, action string, err error, form url.Values) {
	lang := console.RequestLang(r, h.cat)
	q := url.Values{"m": {code}}
	if action != "" {
		q.Set("a", action)
	}
	d := pageData{Msg: h.flash(lang, q), Err: true, Form: form}
	status := http.StatusBadRequest
	var ps Problems
	var p Problem
	switch {
	case errors.As(err, &ps):
		for _, p := range ps {
			d.Problems = append(d.Problems, h.problemIn(lang, p))
		}
	case errors.As(err, &p):
		d.Problems = []string{h.problemIn(lang, p)}
	case errors.Is(err, ErrExists):
		status = http.StatusConflict
		d.Problems = []string{h.cat.Text(lang, "console.campaigns.problem.exists", nil)}
	case errors.Is(err, ErrNotFound):
		console.Refuse(w, r, h.cat, noCampaign())
		return
	case errors.Is(err, ErrState):
		status = http.StatusConflict
		data := map[string]any{}
		if rep, rerr := h.s.Report(r.Context(), id); rerr == nil {
			data["Status"] = h.cat.Text(lang, "console.campaign.status."+rep.Status, nil)
		} else if !errors.Is(rerr, ErrNotFound) {
			// The refusal is worded without the status then.
			h.s.log.Warn("campaign form: reading the status", "campaign", id, "err", rerr)
		}
		msg := "console.campaigns.problem.state"
		if data["Status"] == nil {
			msg = "console.campaigns.problem.state_now"
		}
		d.Problems = []string{h.cat.Text(lang, msg, data)}
	default:
		h.s.log.Error("campaign form", "campaign", id, "form", code, "err", err)
		status = http.StatusInternalServerError
		d.Problems = []string{h.cat.Text(lang, "console.campaigns.problem.failed", nil)}
	}
	h.show(w, r, status, id, d)
}

// problemIn words a problem in lang: its language by name, the value
// given as it was.
func (h *web) problemIn(lang string, p Problem) string {
	data := map[string]any{"Value": p.Value}
	if p.Lang != "" {
		data["Language"] = p.Lang
		if l, ok := h.cat.Language(p.Lang); ok {
			data["Language"] = l.Native
		}
	}
	if p.Code == ProblemTestChannel {
		data["Channel"] = p.Value
		if t := h.cat.Text(lang, "console.channel."+p.Value, nil); t != "console.channel."+p.Value {
			data["Channel"] = t
		}
	}
	id := "console.campaigns.problem." + p.Code
	if t := h.cat.Text(lang, id, data); t != id {
		return t
	}
	return h.cat.Text(lang, "console.campaigns.problem.failed", nil)
}

// progressJSON is what the page polls; Line is the progress in words, in
// the operator's language, which the page's script shows as it is.
type progressJSON struct {
	Report
	Done       int     `json:"done"`
	ETASeconds float64 `json:"eta_seconds"`
	Line       string  `json:"line"`
	// PausedLine says which channels are paused, until when and why, in
	// words ("" when none is).
	PausedLine string `json:"paused_line"`
	// RefusingLine says on which channels the campaign waits only for
	// recipients the platform keeps refusing, since when and until when
	// at the latest, in words ("" when on none).
	RefusingLine string `json:"refusing_line"`
}

// pausedLine says, in lang, which of the campaign's channels are paused,
// until when (the desk's time, HH:MM, with the date when not today) and
// why; "" when none is.
func (h *web) pausedLine(lang string, r Report) string {
	var out []string
	for _, p := range r.Paused {
		out = append(out, h.cat.Text(lang, "console.campaigns.paused", map[string]any{
			"Channel": h.cat.Text(lang, "console.channel."+p.Channel, nil),
			"Until":   h.deskTime(p.Until),
			"Reason":  h.cat.Text(lang, "console.campaigns.pause."+string(p.Reason), nil),
		}))
	}
	return strings.Join(out, " ")
}

// deskTime is t in the desk's time, HH:MM, with the date when not today.
func (h *web) deskTime(t time.Time) string {
	now := h.s.clock()
	t = t.In(now.Location())
	if y, m, d := t.Date(); y != now.Year() || m != now.Month() || d != now.Day() {
		return t.Format("2006-01-02 15:04")
	}
	return t.Format("15:04")
}

// refusingLine says, in lang, on which of the campaign's channels it
// waits only for recipients the platform keeps refusing, since when and
// until when at the latest; "" when on none.
func (h *web) refusingLine(lang string, r Report) string {
	var out []string
	for _, p := range r.Refusing {
		out = append(out, h.cat.Text(lang, "console.campaigns.refusing", map[string]any{
			"Channel": h.cat.Text(lang, "console.channel."+p.Channel, nil),
			"Since":   h.deskTime(p.Since),
			"Until":   h.deskTime(p.Until),
		}))
	}
	return strings.Join(out, " ")
}

// progressLine is a campaign's progress in words, in lang, with the
// language's plural forms: "2/6 messages sent (33%) · 1.5 per second ·
// about 3 seconds left · not delivered: ... · 1 reply · 0 unsubscribed".
func (h *web) progressLine(lang string, r Report) string {
	done := r.Done()
	pct := 0
	switch {
	case r.Total > 0:
		pct = 100 * done / r.Total
	case r.Status == StatusDone:
		pct = 100
	}
	t := func(id string, data map[string]any) string { return h.cat.Text(lang, id, data) }
	parts := []string{t("console.campaigns.line.sent", map[string]any{"Done": done, "Count": r.Total, "Percent": pct})}
	if r.Rate > 0 {
		parts = append(parts, t("console.campaigns.line.rate", map[string]any{"Rate": strconv.FormatFloat(r.Rate, 'f', 1, 64)}))
	}
	if s := int(r.ETA.Round(time.Second).Seconds()); s > 0 {
		parts = append(parts, t("console.campaigns.line.eta", map[string]any{"Count": s}))
	}
	parts = append(parts,
		t("console.campaigns.line.failed", map[string]any{"Blocked": r.Failed["blocked"], "Unreachable": r.Failed["unreachable"],
			"Limited": r.Failed["rate_limited"], "Errors": r.Failed["error"]}),
	)
	if r.Unknown > 0 {
		parts = append(parts, t("console.campaigns.line.unknown", map[string]any{"N": r.Unknown}))
	}
	parts = append(parts,
		t("console.campaigns.line.replies", map[string]any{"Count": r.Replies}),
		t("console.campaigns.line.unsubscribed", map[string]any{"Count": r.Unsubscribed}))
	return strings.Join(parts, " · ")
}

// topicName names a campaign's topic as the person's news menu does
// ("Work and job offers"), in lang.
func (h *web) topicName(lang, topic string) string {
	if t := h.cat.Text(lang, "news.topic."+topic, nil); t != "news.topic."+topic {
		return t
	}
	return topic
}

func (h *web) progress(w http.ResponseWriter, r *http.Request) {
	rep, err := h.s.Report(r.Context(), r.URL.Query().Get("id"))
	if errors.Is(err, ErrNotFound) {
		console.Refuse(w, r, h.cat, noCampaign())
		return
	}
	if err != nil {
		h.s.log.Error("broadcast progress", "err", err)
		console.Refuse(w, r, h.cat, console.Internal())
		return
	}
	w.Header().Set("Content-Type", "application/json")
	lang := "en"
	if v, ok := console.SignedIn(r); ok && v.Lang != "" {
		lang = v.Lang
	}
	json.NewEncoder(w).Encode(progressJSON{Report: rep, Done: rep.Done(), ETASeconds: rep.ETA.Seconds(), Line: h.progressLine(lang, rep), PausedLine: h.pausedLine(lang, rep),
		RefusingLine: h.refusingLine(lang, rep)})
}

func (h *web) csv(w http.ResponseWriter, r *http.Request) {
	id := r.URL.Query().Get("id")
	if _, err := h.s.Get(r.Context(), id); errors.Is(err, ErrNotFound) {
		console.Refuse(w, r, h.cat, noCampaign())
		return
	} else if err != nil {
		h.s.log.Error("broadcast csv", "campaign", id, "err", err)
		console.Refuse(w, r, h.cat, console.Internal())
		return
	}
	w.Header().Set("Content-Type", "text/csv; charset=utf-8")
	w.Header().Set("Content-Disposition", `attachment; filename="campaign-`+id+`.csv"`)
	cw := csv.NewWriter(w)
	var out interface{ Write([]string) error } = cw
	if r.URL.Query().Get("ids") == "" {
		lang := console.RequestLang(r, h.cat)
		out = &spokenCSV{w: cw, t: func(id string) string { return h.cat.Text(lang, id, nil) }}
	}
	if err := h.s.WriteCSV(r.Context(), id, out); err != nil {
		h.s.log.Error("broadcast csv", "campaign", id, "err", err)
		return
	}
	cw.Flush()
}

// noCampaign refuses an address naming no campaign (deleted, or mistyped).
func noCampaign() console.Denial {
	return console.Denial{Status: http.StatusNotFound, Code: "no_campaign", Text: "console.refuse.no_campaign"}
}

// spokenCSV is a campaign report for the people who open it in a
// spreadsheet: the header, the channels, the outcomes and yes or no in
// the operator's language (console.campaigns.csv.*). A value without
// words (an outcome of a newer version) stays as it is. The same report
// with the stable ids of WriteCSV, for scripts, is report.csv?ids=1.
type spokenCSV struct {
	w      *csv.Writer
	t      func(id string) string
	header bool
}

// Columns of WriteCSV's report (the contact's pseudonym is the second).
const (
	colChannel      = 0
	colOutcome      = 2
	colReplied      = 3
	colUnsubscribed = 4
)

func (c *spokenCSV) Write(rec []string) error {
	rec = slices.Clone(rec)
	say := func(i int, id string) {
		if i < len(rec) {
			if t := c.t(id); t != id {
				rec[i] = t
			}
		}
	}
	if !c.header {
		c.header = true
		for i, col := range rec {
			say(i, "console.campaigns.csv."+col)
		}
		return c.w.Write(rec)
	}
	if len(rec) > colChannel {
		say(colChannel, "console.channel."+rec[colChannel])
	}
	if len(rec) > colOutcome {
		say(colOutcome, "console.campaigns.csv.outcome."+rec[colOutcome])
	}
	for _, i := range []int{colReplied, colUnsubscribed} {
		if i < len(rec) {
			say(i, "console.campaigns.csv."+rec[i])
		}
	}
	return c.w.Write(rec)
}
