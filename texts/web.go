package texts

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"frontdoor/console"
	"frontdoor/flows"
	"frontdoor/locales"
)

// pageFiles are the editor's pages; embed.FS is read-only, so this is not
// mutable state.
//
//go:embed web/*.html web/voice.js
var pageFiles embed.FS

// Auditor records an operator's action in the console's audit log:
// *console.Accounts.
type Auditor interface {
	Record(ctx context.Context, op, action, id, detail string) error
}

// Editor is the console's texts pages, for the editor role: find, edit
// beside the English, draft, publish, history and revert, the translators'
// list, and the preview.
type Editor struct {
	store  *Store
	sync   *Sync
	cat    *locales.Catalog
	engine *flows.Engine
	audit  Auditor
	log    *slog.Logger
	clock  func() time.Time
	pages  *template.Template
}

// Options configure an Editor.
type Options struct {
	// Engine runs the preview: the engine people talk to, which the
	// preview gives the drafts to read.
	Engine *flows.Engine
	// Audit records every change (required).
	Audit Auditor
	Log   *slog.Logger
	// Clock is the preview's time (nil: time.Now).
	Clock func() time.Time
}

// NewEditor is the texts pages over st, showing cat, which sync keeps in
// step with the publications.
func NewEditor(st *Store, sync *Sync, cat *locales.Catalog, o Options) (*Editor, error) {
	if o.Engine == nil || o.Audit == nil {
		return nil, errors.New("texts: the editor needs the flows engine and the audit log")
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Clock == nil {
		o.Clock = time.Now
	}
	e := &Editor{store: st, sync: sync, cat: cat, engine: o.Engine, audit: o.Audit, log: o.Log, clock: o.Clock}
	t, err := console.Templates(cat, pageFiles, template.FuncMap{
		"editPath": editPath,
		"kib":      func(n int) int { return (n + 1023) >> 10 },
		"clock": func(d time.Duration) string {
			d = d.Round(time.Second)
			return fmt.Sprintf("%d:%02d", int(d.Minutes()), int(d.Seconds())%60)
		},
	}, "web/*.html")
	if err != nil {
		return nil, err
	}
	e.pages = t
	return e, nil
}

// Paths of the pages, under console.TextsPath.
const (
	editPage    = console.TextsPath + "edit"
	previewPage = console.TextsPath + "preview"
	voicePage   = console.TextsPath + "voice"
	audioPath   = console.TextsPath + "audio/"
)

func editPath(lang, id string) string {
	return editPage + "?" + url.Values{"lang": {lang}, "id": {id}}.Encode()
}

// Handler serves the pages behind require's editor role; mount it at
// console.TextsPath.
func (e *Editor) Handler(require console.Require) http.Handler {
	m := http.NewServeMux()
	m.HandleFunc("GET "+console.TextsPath+"{$}", e.index)
	m.HandleFunc("GET "+editPage, e.editPage)
	m.HandleFunc("POST "+editPage, e.edit)
	m.HandleFunc("GET "+previewPage, e.preview)
	m.HandleFunc("POST "+previewPage, e.preview)
	m.HandleFunc("POST "+voicePage, e.voice)
	m.HandleFunc("GET "+audioPath+"{ref}", e.audio)
	m.HandleFunc("GET "+console.TextsPath+"voice.js", e.script)
	m.HandleFunc("GET "+exportPath, e.export)
	return require(console.RoleEditor, m)
}

func (e *Editor) fail(rw http.ResponseWriter, r *http.Request, err error) {
	e.log.Error("texts page", "err", err)
	console.Refuse(rw, r, e.cat, console.Internal())
}

// Refusals of the texts pages, in the editor's language (console.Refuse).
func noMessage() console.Denial {
	return console.Denial{Status: http.StatusNotFound, Code: "no_message", Text: "console.refuse.no_message"}
}

func noVersion() console.Denial {
	return console.Denial{Status: http.StatusNotFound, Code: "no_version", Text: "console.refuse.no_version"}
}

func noRecording() console.Denial {
	return console.Denial{Status: http.StatusNotFound, Code: "no_recording", Text: "console.refuse.no_media"}
}

// textTooLong: a form's text over maxText, or a plural form the message
// does not have (only a crafted form sends one).
func textTooLong() console.Denial {
	return console.Denial{Status: http.StatusBadRequest, Code: "text_too_long", Text: "console.refuse.text_too_long"}
}

// text is a console text in the editor's language; kv are its template
// data as key, value pairs.
func (e *Editor) text(r *http.Request, id string, kv ...any) string {
	v, _ := console.SignedIn(r)
	var data map[string]any
	for i := 0; i+1 < len(kv); i += 2 {
		if data == nil {
			data = map[string]any{}
		}
		k, _ := kv[i].(string)
		data[k] = kv[i+1]
	}
	return e.cat.Text(v.Lang, id, data)
}

// ---- the list ----

// Row is one message in one language in a list.
type Row struct {
	Lang, ID string
	// Text is the message's text now ("other" form), a draft's when
	// there is one.
	Text   string
	Draft  bool
	Reason string // locales.Reason*, "" when up to date
}

// Backlog is how much a language has to translate or review.
type Backlog struct {
	Lang                         string
	Missing, Unreviewed, Changed int
	Reviewed                     bool // the catalogue's [_meta] reviewed mark
}

type indexData struct {
	Page      console.Page
	Query     string
	Lang      string
	Languages []locales.Language
	Results   []Row
	Searched  bool
	Backlogs  []Backlog
	// Review is the list of Lang's messages to translate or review.
	Review []Row
	Drafts []Row
}

// searchLimit bounds the results of one search.
const searchLimit = 100

func (e *Editor) index(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	q := r.URL.Query()
	d := indexData{Page: console.NewPage(r, e.text(r, "console.nav.texts"), console.SectionTexts),
		Query: strings.TrimSpace(q.Get("q")), Lang: q.Get("lang"), Languages: e.cat.Languages()}
	if !e.cat.Supported(d.Lang) {
		d.Lang = ""
	}
	drafts, err := e.store.Drafts(ctx)
	if err != nil {
		e.fail(rw, r, err)
		return
	}
	drafted := map[string]bool{}
	for _, dr := range drafts {
		drafted[field(dr.Text.Lang, dr.Text.ID)] = true
		d.Drafts = append(d.Drafts, Row{Lang: dr.Text.Lang, ID: dr.Text.ID, Text: dr.Text.Other, Draft: true})
	}
	slices.SortFunc(d.Drafts, func(a, b Row) int { return strings.Compare(a.Lang+a.ID, b.Lang+b.ID) })
	if d.Query != "" {
		d.Searched = true
		var langs []string
		if d.Lang != "" {
			langs = []string{d.Lang}
		}
		for _, t := range e.cat.Find(d.Query, langs, searchLimit) {
			d.Results = append(d.Results, Row{Lang: t.Lang, ID: t.ID, Text: t.Other, Draft: drafted[field(t.Lang, t.ID)]})
		}
	}
	for _, l := range d.Languages {
		if l.Tag == "en" {
			continue
		}
		ps, err := e.cat.ToReview(l.Tag)
		if err != nil {
			e.fail(rw, r, err)
			return
		}
		b := Backlog{Lang: l.Tag, Reviewed: e.cat.Review(l.Tag).Reviewed}
		seen := map[string]bool{}
		for _, p := range ps {
			if seen[p.ID] || !e.cat.Editable(p.ID) {
				continue
			}
			seen[p.ID] = true
			switch p.Reason {
			case locales.ReasonMissing:
				b.Missing++
			case locales.ReasonUnreviewed:
				b.Unreviewed++
			case locales.ReasonChanged:
				b.Changed++
			}
			if l.Tag == d.Lang {
				d.Review = append(d.Review, Row{Lang: l.Tag, ID: p.ID, Text: p.Text, Reason: p.Reason, Draft: drafted[field(l.Tag, p.ID)]})
			}
		}
		d.Backlogs = append(d.Backlogs, b)
	}
	// Changed first: a text people read that no longer says what the
	// English says; then missing ones; the never reviewed last.
	order := map[string]int{locales.ReasonChanged: 0, locales.ReasonMissing: 1, locales.ReasonUnreviewed: 2}
	slices.SortStableFunc(d.Review, func(a, b Row) int { return order[a.Reason] - order[b.Reason] })
	console.Render(rw, r, e.cat, e.pages, "index.html", d, e.log)
}

// ---- one message ----

// Field is one plural form of a text in the form.
type Field struct {
	Form, Source, Text string
}

// Version is a line of the history, for the page.
type Version struct {
	Entry
	Live bool
}

type editData struct {
	Page        console.Page
	ID, Lang    string
	Description string
	Fields      []Field
	// State is where the text shown comes from: "draft", "published" or
	// "shipped".
	State   string
	Live    bool
	Reason  string
	English bool
	History []Version
	Flash   string
	Errors  []string
	// Voice is the message's recording, nil when it has none.
	Voice        *Voice
	VoiceHistory []Voice
	// VoiceError is why an upload was refused, in the editor's language.
	VoiceError string
	// VoiceMaxMS is the recorder's limit, for the page's script.
	VoiceMaxMS int64
	// VoiceLimits are voiceLimits, for the page's hint.
	VoiceLimits []any
	// Base is what the page's text was read from (Store.Base): a save
	// from an older base is refused, not overwriting another editor.
	Base string
	// Theirs is the text another editor saved meanwhile, shown beside
	// the editor's own after a refused save.
	Theirs *Entry
}

// flashes are the edit page's messages after a form, by the code in its
// address (?m=), so no free text goes through the address.
func flashes() map[string]string {
	return map[string]string{
		"draft": "console.editor.flash.draft", "published": "console.editor.flash.published",
		"discarded": "console.editor.flash.discarded", "reset": "console.editor.flash.reset", "reverted": "console.editor.flash.published",
		"voice-saved": "console.editor.flash.voice_saved", "voice-removed": "console.editor.flash.voice_removed",
	}
}

func (e *Editor) message(r *http.Request) (lang, id string, ok bool) {
	lang, id = r.FormValue("lang"), r.FormValue("id")
	return lang, id, e.cat.Supported(lang) && e.cat.Editable(id)
}

func (e *Editor) editPage(rw http.ResponseWriter, r *http.Request) {
	lang, id, ok := e.message(r)
	if !ok {
		console.Refuse(rw, r, e.cat, noMessage())
		return
	}
	d, err := e.editData(r, lang, id, nil)
	if err != nil {
		e.fail(rw, r, err)
		return
	}
	if k, ok := flashes()[r.URL.Query().Get("m")]; ok {
		d.Flash = e.text(r, k)
	}
	console.Render(rw, r, e.cat, e.pages, "edit.html", d, e.log)
}

// editData is the page of one message; typed, when not nil, is what the
// editor sent and is shown again with its problems.
func (e *Editor) editData(r *http.Request, lang, id string, typed *locales.Text) (editData, error) {
	ctx := r.Context()
	forms, err := e.cat.Forms(lang, id)
	if err != nil {
		return editData{}, err
	}
	// The base is read before the texts: a change between the two makes
	// the base older than what is shown, so a save is refused rather
	// than overwriting something unseen.
	base, err := e.store.Base(ctx, lang, id)
	if err != nil {
		return editData{}, err
	}
	shown, _ := e.cat.Current(lang, id)
	d := editData{Page: console.NewPage(r, id, console.SectionTexts), ID: id, Lang: lang, State: "shipped", English: lang == "en", Base: base}
	if live, ok, err := e.store.Live(ctx, lang, id); err != nil {
		return editData{}, err
	} else if ok {
		shown, d.State, d.Live = live.Text, "published", true
	}
	if dr, ok, err := e.store.Draft(ctx, lang, id); err != nil {
		return editData{}, err
	} else if ok {
		shown, d.State = dr.Text, "draft"
	}
	if typed != nil {
		shown = *typed
	}
	// The English to translate from is the one people read now; when
	// the English itself is edited, the one shipped.
	source, _ := e.cat.Current("en", id)
	if d.English {
		source, _ = e.cat.Shipped("en", id)
	}
	for _, f := range forms {
		s := source.Form(f)
		if s == "" {
			s = source.Other
		}
		d.Fields = append(d.Fields, Field{Form: f, Source: s, Text: shown.Form(f)})
	}
	if !d.English {
		ps, err := e.cat.ToReview(lang)
		if err != nil {
			return editData{}, err
		}
		for _, p := range ps {
			if p.ID == id {
				d.Reason = p.Reason
				break
			}
		}
	}
	hist, err := e.store.History(ctx, lang, id)
	if err != nil {
		return editData{}, err
	}
	for i, h := range hist {
		d.History = append(d.History, Version{Entry: h, Live: i == 0 && h.Action != ActionReset})
	}
	if v, ok, err := e.store.VoiceOf(ctx, lang, id); err != nil {
		return editData{}, err
	} else if ok {
		d.Voice = &v
	}
	if d.VoiceHistory, err = e.store.VoiceHistory(ctx, lang, id); err != nil {
		return editData{}, err
	}
	d.VoiceMaxMS, d.VoiceLimits = MaxVoiceLength.Milliseconds(), voiceLimits()
	return d, nil
}

// maxText bounds one form's text: Telegram's limit for a message.
const maxText = 4096

// edit does what the message's form asks: save a draft, publish, discard
// the draft, go back to the shipped text, or publish an earlier version
// again. A text with problems is shown again with them, and not saved.
func (e *Editor) edit(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang, id, ok := e.message(r)
	if !ok {
		console.Refuse(rw, r, e.cat, noMessage())
		return
	}
	v, _ := console.SignedIn(r)
	back := func(m string) { http.Redirect(rw, r, editPath(lang, id)+"&m="+m, http.StatusSeeOther) }
	var err error
	var version int64
	switch do := r.PostFormValue("do"); do {
	case "draft", "publish":
		t, ok := e.typed(r, lang, id)
		if !ok {
			console.Refuse(rw, r, e.cat, textTooLong())
			return
		}
		base := r.PostFormValue("base")
		if do == "draft" {
			err = e.store.SaveDraftFrom(ctx, t, v.Name, base)
		} else {
			version, err = e.store.PublishFrom(ctx, t, v.Name, base)
		}
		var bad *BadTextError
		if errors.As(err, &bad) {
			e.refuse(rw, r, t, bad)
			return
		}
		var conflict *ConflictError
		if errors.As(err, &conflict) {
			e.conflicted(rw, r, t, conflict)
			return
		}
		if err == nil {
			e.record(ctx, v.Name, "text-"+do, lang, id, version)
			back(map[string]string{"draft": "draft", "publish": "published"}[do])
		}
	case "discard":
		if err = e.store.DiscardDraftFrom(ctx, lang, id, r.PostFormValue("base")); err == nil {
			e.record(ctx, v.Name, "text-discard", lang, id, 0)
			back("discarded")
		}
	case "reset":
		if version, err = e.store.ResetFrom(ctx, lang, id, v.Name, r.PostFormValue("base")); err == nil {
			e.record(ctx, v.Name, "text-reset", lang, id, version)
			back("reset")
		}
	case "revert":
		from, perr := strconv.ParseInt(r.PostFormValue("v"), 10, 64)
		if perr != nil {
			console.Refuse(rw, r, e.cat, console.BadForm())
			return
		}
		version, err = e.store.RevertFrom(ctx, lang, id, from, v.Name, r.PostFormValue("base"))
		var bad *BadTextError
		switch {
		case errors.Is(err, ErrNoVersion):
			console.Refuse(rw, r, e.cat, noVersion())
			return
		case errors.As(err, &bad):
			e.refuse(rw, r, locales.Text{Lang: lang, ID: id}, bad)
			return
		case err == nil:
			e.record(ctx, v.Name, "text-revert", lang, id, version)
			back("reverted")
		}
	default:
		console.Refuse(rw, r, e.cat, console.BadForm())
		return
	}
	var conflict *ConflictError
	if errors.As(err, &conflict) {
		// What the page shows is stale: it is shown again as it is now,
		// with what the other editor did.
		now, _ := e.cat.Current(lang, id)
		if d, ok, derr := e.store.Draft(ctx, lang, id); derr == nil && ok {
			now = d.Text
		} else if l, ok, lerr := e.store.Live(ctx, lang, id); lerr == nil && ok {
			now = l.Text
		}
		e.conflicted(rw, r, now, conflict)
		return
	}
	if err != nil {
		e.fail(rw, r, err)
		return
	}
	// The process that published reads the text at once; the others
	// hear of it on the channel.
	if version > 0 {
		if err := e.sync.Reload(ctx); err != nil {
			e.log.Warn("texts: reloading after a publication", "err", err)
		}
	}
}

// typed reads the text of the form: one field per plural form the
// language needs, nothing else.
func (e *Editor) typed(r *http.Request, lang, id string) (locales.Text, bool) {
	forms, err := e.cat.Forms(lang, id)
	if err != nil {
		return locales.Text{}, false
	}
	t := locales.Text{Lang: lang, ID: id, Hash: e.cat.SourceHashOf(id)}
	if lang == "en" {
		// The English is the source: it is reviewed by definition.
		t.Hash = ""
	}
	for _, f := range forms {
		s := strings.ReplaceAll(r.PostFormValue("form_"+f), "\r\n", "\n")
		if utf8.RuneCountInString(s) > maxText {
			return locales.Text{}, false
		}
		t.SetForm(f, strings.TrimSpace(s))
	}
	return t, true
}

func (e *Editor) refuse(rw http.ResponseWriter, r *http.Request, t locales.Text, bad *BadTextError) {
	d, err := e.editData(r, t.Lang, t.ID, &t)
	if err != nil {
		e.fail(rw, r, err)
		return
	}
	d.Flash = e.text(r, "console.editor.flash.refused")
	for _, p := range bad.Problems {
		d.Errors = append(d.Errors, p.Error())
	}
	rw.WriteHeader(http.StatusUnprocessableEntity)
	console.Render(rw, r, e.cat, e.pages, "edit.html", d, e.log)
}

// conflicted shows the page again after a save refused because another
// editor changed the message meanwhile: the editor's text stays in the
// boxes, the other's is shown with who and when, and the page's base is
// the new one, so that saving again (after comparing) goes through.
func (e *Editor) conflicted(rw http.ResponseWriter, r *http.Request, t locales.Text, c *ConflictError) {
	d, err := e.editData(r, t.Lang, t.ID, &t)
	if err != nil {
		e.fail(rw, r, err)
		return
	}
	d.Flash = e.text(r, "console.editor.conflict", "By", c.Other.By, "At", c.Other.At.Format("2006-01-02 15:04"))
	d.Theirs = &c.Other
	rw.WriteHeader(http.StatusConflict)
	console.Render(rw, r, e.cat, e.pages, "edit.html", d, e.log)
}

// record writes a change in the audit log: which message, in which
// language, which publication; never the text itself.
func (e *Editor) record(ctx context.Context, by, action, lang, id string, version int64) {
	detail := lang + " " + id
	if version > 0 {
		detail += " v" + strconv.FormatInt(version, 10)
	}
	if err := e.audit.Record(ctx, by, action, "", detail); err != nil {
		e.log.Warn("texts: auditing a change", "err", err)
	}
}

// ---- the preview ----

// Bubble is one message in the preview.
type Bubble struct {
	Bot     bool           `json:"b,omitempty"`
	Text    string         `json:"t"`
	RTL     bool           `json:"r,omitempty"`
	Choices []flows.Choice `json:"c,omitempty"`
	// Note says what would happen beyond the chat (a person taking over).
	Note bool `json:"n,omitempty"`
}

type previewData struct {
	Page      console.Page
	Lang      string
	Languages []locales.Language
	Log       []Bubble
	// Choices are the buttons of the last message, the ones to press.
	Choices []flows.Choice
	State   string
	LogJSON string
	Drafts  int
	Errors  []string
}

// previewMax bounds the preview's log: the page carries it.
const previewMax = 40

// preview is a conversation with nobody: the real engine, reading the
// drafts over the published texts, on a state the page carries. Nothing
// is stored and nothing reaches the statistics, the queue or anyone: the
// engine's actions other than its answers are only shown.
func (e *Editor) preview(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := r.FormValue("lang")
	if !e.cat.Supported(lang) {
		lang = e.cat.Default()
	}
	drafts, err := e.store.Drafts(ctx)
	if err != nil {
		e.fail(rw, r, err)
		return
	}
	ts := make([]locales.Text, 0, len(drafts))
	for _, d := range drafts {
		ts = append(ts, d.Text)
	}
	view, problems := e.cat.WithTexts(ts)
	engine := e.engine.WithCatalog(view)

	var st flows.State
	var log []Bubble
	in := flows.Input{Text: "/start lang_" + lang}
	// A GET starts the conversation; a POST goes on with it.
	if r.Method == http.MethodPost {
		// A state the page cannot give back starts the conversation again.
		if json.Unmarshal([]byte(r.PostFormValue("state")), &st) != nil || json.Unmarshal([]byte(r.PostFormValue("log")), &log) != nil {
			st, log = flows.State{}, nil
		}
		in = flows.Input{Text: r.PostFormValue("text"), Choice: r.PostFormValue("choice")}
		said := in.Text
		if in.Choice != "" {
			said = in.Choice
			for i := len(log) - 1; i >= 0; i-- {
				if log[i].Bot {
					for _, c := range log[i].Choices {
						if c.ID == in.Choice {
							said = c.Label
						}
					}
					break
				}
			}
		}
		if strings.TrimSpace(said) != "" {
			log = append(log, Bubble{Text: said})
		}
	}
	st, actions := engine.Step(st, in, e.clock())
	for _, a := range actions {
		switch a := a.(type) {
		case flows.Say:
			log = append(log, Bubble{Bot: true, Text: a.Text, RTL: a.RTL, Choices: a.Choices})
		case flows.Handoff:
			log = append(log, Bubble{Bot: true, Note: true, Text: e.text(r, "console.editor.preview.handoff")})
		}
	}
	if len(log) > previewMax {
		log = log[len(log)-previewMax:]
	}
	stateJSON, _ := json.Marshal(st)
	logJSON, _ := json.Marshal(log)
	d := previewData{Page: console.NewPage(r, e.text(r, "console.editor.preview"), console.SectionTexts), Lang: lang,
		Languages: e.cat.Languages(), Log: log, State: string(stateJSON), LogJSON: string(logJSON), Drafts: len(ts)}
	for i := len(log) - 1; i >= 0; i-- {
		if log[i].Bot && !log[i].Note {
			d.Choices = log[i].Choices
			break
		}
	}
	for _, p := range problems {
		d.Errors = append(d.Errors, p.Error())
	}
	console.Render(rw, r, e.cat, e.pages, "preview.html", d, e.log)
}
