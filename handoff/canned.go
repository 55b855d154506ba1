package handoff

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/redis/go-redis/v9"

	"frontdoor/console"
)

// Canned replies are edited by admins in the console and kept in Redis,
// per language (P canned, a HASH: language → JSON list of replies); a
// language never edited there keeps config.yaml's.

// Bounds of a canned reply, so the editor cannot store what a chat would
// refuse.
const (
	maxCannedTitle = 80
	maxCannedText  = 2000
	maxCanned      = 30
)

// ErrBadCanned is a canned reply without a title or text, too long, or
// with a variable the desk does not define.
var ErrBadCanned = errors.New("a canned reply needs a title and a text, within bounds, using only the desk's variables")

// CannedReplies are the canned replies of lang, their variables not yet
// filled: the console's, else config.yaml's.
func (s *Service) CannedReplies(ctx context.Context, lang string) ([]Canned, error) {
	raw, err := s.rdb.HGet(ctx, s.q.k("canned"), lang).Result()
	if errors.Is(err, redis.Nil) {
		return s.cfg.Canned[lang], nil
	}
	if err != nil {
		return nil, fmt.Errorf("read the canned replies of %s: %w", lang, err)
	}
	var list []Canned
	if err := json.Unmarshal([]byte(raw), &list); err != nil {
		return nil, fmt.Errorf("canned replies of %s: %w", lang, err)
	}
	return list, nil
}

// SaveCanned replaces the canned replies of lang, for every operator, and
// logs who did it.
func (s *Service) SaveCanned(ctx context.Context, admin, lang string, list []Canned) error {
	if !s.cat.Supported(lang) {
		return fmt.Errorf("%w: no catalogue for %q", errBadRequest, lang)
	}
	if len(list) > maxCanned {
		return fmt.Errorf("%w: at most %d per language", ErrBadCanned, maxCanned)
	}
	for _, c := range list {
		if strings.TrimSpace(c.Title) == "" || strings.TrimSpace(c.Text) == "" || len(c.Title) > maxCannedTitle || len(c.Text) > maxCannedText {
			return ErrBadCanned
		}
		if _, err := renderCanned(c.Text, s.cfg.Variables); err != nil {
			return fmt.Errorf("%w: %v", ErrBadCanned, err)
		}
	}
	b, err := json.Marshal(list)
	if err != nil {
		return err
	}
	if err := s.rdb.HSet(ctx, s.q.k("canned"), lang, b).Err(); err != nil {
		return fmt.Errorf("save the canned replies of %s: %w", lang, err)
	}
	s.warn(ctx, "auditing canned replies", "", s.q.audit(ctx, admin, "canned", "", lang))
	return nil
}

// cannedPath is the admins' editor of canned replies.
const cannedPath = "/console/canned"

type cannedData struct {
	Page    console.Page
	CSRF    string
	Flash   string
	Lang    string
	Langs   []string
	Replies []Canned
}

func (w *web) cannedPage(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	if !op.Admin {
		return fmt.Errorf("%w: canned replies are edited by admins", errForbidden)
	}
	d := cannedData{CSRF: sess.CSRF, Flash: flash(r, sess), Lang: r.URL.Query().Get("lang")}
	for _, l := range w.s.cat.Languages() {
		d.Langs = append(d.Langs, l.Tag)
	}
	if !slices.Contains(d.Langs, d.Lang) {
		d.Lang = d.Langs[0]
	}
	d.Page = w.layout(r, op, sess, w.say(r, op, "console.canned.title"), console.SectionCases)
	list, err := w.s.CannedReplies(r.Context(), d.Lang)
	if err != nil {
		return err
	}
	// Three empty rows to add replies; an empty title removes a reply.
	d.Replies = append(slices.Clone(list), Canned{}, Canned{}, Canned{})
	return w.render(rw, "canned.html", d)
}

func (w *web) formCanned(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	if !op.Admin {
		return fmt.Errorf("%w: canned replies are edited by admins", errForbidden)
	}
	lang := r.PostFormValue("lang")
	titles, texts := r.PostForm["title"], r.PostForm["text"]
	var list []Canned
	for i, title := range titles {
		text := ""
		if i < len(texts) {
			text = texts[i]
		}
		if strings.TrimSpace(title) == "" && strings.TrimSpace(text) == "" {
			continue
		}
		list = append(list, Canned{Title: strings.TrimSpace(title), Text: strings.TrimSpace(text)})
	}
	// The page message is signed for the session (console.FlashQuery):
	// the page shows no other.
	path := cannedPath + "?lang=" + url.QueryEscape(lang) + "&"
	if err := w.s.SaveCanned(r.Context(), op.Name, lang, list); errors.Is(err, ErrBadCanned) {
		http.Redirect(rw, r, path+console.FlashQuery(sess.CSRF, w.say(r, op, "console.canned.bad")), http.StatusSeeOther)
		return nil
	} else if err != nil {
		return err
	}
	http.Redirect(rw, r, path+console.FlashQuery(sess.CSRF, w.say(r, op, "console.canned.saved")), http.StatusSeeOther)
	return nil
}
