package handoff

import (
	"context"
	"fmt"
	"html/template"
	"log/slog"
	"net/http"
	"strings"
	"sync"
	"time"

	"rsc.io/qr"

	"frontdoor/console"
)

// Linker links the desk's WhatsApp number as a device of Frontdoor, for
// admins who cannot use the terminal (frontdoor whatsapp link). bot/whatsapp
// implements it; handoff never sees whatsmeow.
type Linker interface {
	// Link runs one linking attempt: show gets every new QR code to
	// scan; it returns nil once the phone accepted.
	Link(ctx context.Context, show func(code string)) error
	// Status describes the WhatsApp channel: linked, not linked, ...
	// (the library's words, for the health check and the log).
	Status() string
	// State is the status as a stable code (connected, not_linked,
	// banned, ...; whatsapp.State), which the console names in the
	// operator's language (console.whatsapp.channel.*).
	State() string
}

// linkTimeout bounds one linking attempt started from the console.
const linkTimeout = 5 * time.Minute

// Linking states, shown in the console in the operator's language
// (console.whatsapp.state.<state>).
const (
	linkIdle    = "idle"
	linkWaiting = "waiting"
	linkDone    = "linked"
	linkFailed  = "failed"
)

// linking is the one linking attempt of this process and what it shows.
type linking struct {
	l   Linker
	log *slog.Logger

	mu      sync.Mutex
	base    context.Context // Service.Run's, so an attempt ends with the process
	running bool
	state   string
	failure string // why the last attempt failed (the library's words)
	code    string
	at      time.Time // when code was shown
}

func (k *linking) setBase(ctx context.Context) {
	k.mu.Lock()
	defer k.mu.Unlock()
	k.base = ctx
}

// start begins an attempt unless one is running.
func (k *linking) start() bool {
	k.mu.Lock()
	defer k.mu.Unlock()
	if k.running {
		return false
	}
	base := k.base
	if base == nil {
		base = context.Background()
	}
	k.running, k.state, k.code, k.failure = true, linkWaiting, "", ""
	go func() {
		ctx, cancel := context.WithTimeout(base, linkTimeout)
		defer cancel()
		err := k.l.Link(ctx, func(code string) {
			k.mu.Lock()
			defer k.mu.Unlock()
			k.code, k.at = code, time.Now()
		})
		k.mu.Lock()
		defer k.mu.Unlock()
		k.running, k.code = false, ""
		if err != nil {
			k.state, k.failure = linkFailed, err.Error()
			k.log.Warn("whatsapp linking from the console failed", "err", err)
			return
		}
		k.state = linkDone
		k.log.Info("whatsapp linked from the console")
	}()
	return true
}

type linkView struct {
	State   string // of the attempt: idle, waiting, linked, failed
	Failure string // why it failed
	Channel string // the linker's status, in the library's words
	// ChannelState is the status's code, named in the operator's language.
	ChannelState string
	Running      bool
	QR           template.HTML
	// Lang is the operator's language, for the words of the state.
	Lang string
}

func (k *linking) view(lang string) linkView {
	k.mu.Lock()
	state, failure, code, running := k.state, k.failure, k.code, k.running
	k.mu.Unlock()
	if state == "" {
		state = linkIdle
	}
	v := linkView{State: state, Failure: failure, Channel: k.l.Status(), ChannelState: k.l.State(), Running: running, Lang: lang}
	if code != "" {
		v.QR = qrSVG(code)
	}
	return v
}

// qrSVG draws a QR code as an inline SVG: one path, no script, so the
// console's Content-Security-Policy allows it.
func qrSVG(text string) template.HTML {
	c, err := qr.Encode(text, qr.L)
	if err != nil {
		return ""
	}
	const quiet = 4
	n := c.Size + 2*quiet
	var b strings.Builder
	fmt.Fprintf(&b, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" width="320" height="320" shape-rendering="crispEdges" role="img" aria-label="QR code"><rect width="%d" height="%d" fill="#fff"/><path fill="#000" d="`, n, n, n, n)
	for y := 0; y < c.Size; y++ {
		for x := 0; x < c.Size; x++ {
			if c.Black(x, y) {
				fmt.Fprintf(&b, "M%d %dh1v1h-1z", x+quiet, y+quiet)
			}
		}
	}
	b.WriteString(`"/></svg>`)
	// The SVG is built here from a bitmap: nothing of the code's text is
	// in it, so it is safe as HTML.
	return template.HTML(b.String())
}

func (w *web) linkAdmin(op Operator) error {
	if !op.Admin {
		return fmt.Errorf("%w: linking WhatsApp is for admins", errForbidden)
	}
	if w.s.link == nil {
		return fmt.Errorf("%w: WhatsApp linking is not available in this Frontdoor", ErrNotFound)
	}
	return nil
}

func (w *web) whatsappPage(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	if err := w.linkAdmin(op); err != nil {
		return err
	}
	page := w.layout(r, op, sess, "", console.SectionWhatsApp)
	page.Title = w.s.cat.Text(page.Viewer.Lang, "console.whatsapp.title", nil)
	return w.render(rw, "whatsapp.html", map[string]any{"Page": page, "Op": op, "CSRF": sess.CSRF, "Flash": flash(r, sess), "Link": w.s.link.view(page.Viewer.Lang)})
}

func (w *web) whatsappStatus(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	if err := w.linkAdmin(op); err != nil {
		return err
	}
	return w.render(rw, "linkstatus", w.s.link.view(w.s.gate.Viewer(r, op).Lang))
}

func (w *web) whatsappLink(rw http.ResponseWriter, r *http.Request, op Operator, sess session) error {
	if err := w.linkAdmin(op); err != nil {
		return err
	}
	msg := ""
	if w.s.link.start() {
		if err := w.s.q.audit(r.Context(), op.Name, "whatsapp-link", "", ""); err != nil {
			w.s.log.Warn("auditing a WhatsApp link", "err", err)
		}
	} else {
		msg = w.s.cat.Text(w.s.gate.Viewer(r, op).Lang, "console.whatsapp.running", nil)
	}
	back(rw, r, "/console/whatsapp", msg)
	return nil
}
