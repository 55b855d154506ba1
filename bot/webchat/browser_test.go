package webchat

import (
	"bufio"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdoor/bot"
)

const chromiumPath = "/usr/bin/chromium"

// cdp speaks the Chrome DevTools Protocol over --remote-debugging-pipe
// (NUL-terminated JSON on file descriptors 3 and 4), which needs nothing
// beyond the standard library.
type cdp struct {
	w       *os.File
	mu      sync.Mutex
	nextID  int
	pending map[int]chan cdpReply
	closed  chan struct{}
}

type cdpReply struct {
	Result json.RawMessage `json:"result"`
	Error  *struct {
		Message string `json:"message"`
	} `json:"error"`
}

func startChromium(t *testing.T) *cdp {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Skipf("no Chromium at %s (apt-get install chromium)", chromiumPath)
	}
	toChrome, ourEnd, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	fromChrome, chromeEnd, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(chromiumPath,
		"--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
		"--disable-background-networking", "--disable-component-update", "--disable-sync",
		"--disable-extensions", "--mute-audio", "--lang=en-US",
		"--remote-debugging-pipe", "--user-data-dir="+t.TempDir(), "about:blank")
	cmd.ExtraFiles = []*os.File{toChrome, chromeEnd} // fd 3: commands in, fd 4: replies out
	if err := cmd.Start(); err != nil {
		t.Fatalf("start chromium: %v", err)
	}
	toChrome.Close()
	chromeEnd.Close()

	c := &cdp{w: ourEnd, pending: map[int]chan cdpReply{}, closed: make(chan struct{})}
	go c.readLoop(fromChrome)
	t.Cleanup(func() {
		ctx, cancel := context.WithTimeout(context.Background(), 3*time.Second)
		defer cancel()
		c.call(ctx, "", "Browser.close", nil)
		done := make(chan struct{})
		go func() { cmd.Wait(); close(done) }()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			cmd.Process.Kill()
			<-done
		}
		ourEnd.Close()
		fromChrome.Close()
	})
	return c
}

func (c *cdp) readLoop(r *os.File) {
	defer close(c.closed)
	br := bufio.NewReader(r)
	for {
		frame, err := br.ReadBytes(0)
		if err != nil {
			return
		}
		var msg struct {
			ID int `json:"id"`
			cdpReply
		}
		if json.Unmarshal(frame[:len(frame)-1], &msg) != nil || msg.ID == 0 {
			continue // events: not needed here
		}
		c.mu.Lock()
		ch := c.pending[msg.ID]
		delete(c.pending, msg.ID)
		c.mu.Unlock()
		if ch != nil {
			ch <- msg.cdpReply
		}
	}
}

func (c *cdp) call(ctx context.Context, session, method string, params any) (json.RawMessage, error) {
	c.mu.Lock()
	c.nextID++
	id := c.nextID
	ch := make(chan cdpReply, 1)
	c.pending[id] = ch
	req := map[string]any{"id": id, "method": method}
	if params != nil {
		req["params"] = params
	}
	if session != "" {
		req["sessionId"] = session
	}
	b, _ := json.Marshal(req)
	_, err := c.w.Write(append(b, 0))
	c.mu.Unlock()
	if err != nil {
		return nil, fmt.Errorf("%s: write: %w", method, err)
	}
	select {
	case r := <-ch:
		if r.Error != nil {
			return nil, fmt.Errorf("%s: %s", method, r.Error.Message)
		}
		return r.Result, nil
	case <-c.closed:
		return nil, fmt.Errorf("%s: chromium went away", method)
	case <-ctx.Done():
		return nil, fmt.Errorf("%s: %w", method, ctx.Err())
	}
}

// page is one tab.
type page struct {
	t       *testing.T
	c       *cdp
	session string
}

func (c *cdp) open(t *testing.T, url string) *page {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := c.call(ctx, "", "Target.createTarget", map[string]any{"url": "about:blank"})
	if err != nil {
		t.Fatal(err)
	}
	var target struct{ TargetID string }
	json.Unmarshal(res, &target)
	res, err = c.call(ctx, "", "Target.attachToTarget", map[string]any{"targetId": target.TargetID, "flatten": true})
	if err != nil {
		t.Fatal(err)
	}
	var attached struct{ SessionID string }
	json.Unmarshal(res, &attached)
	p := &page{t: t, c: c, session: attached.SessionID}
	// A phone-sized screen, as most people write from phones.
	p.do("Emulation.setDeviceMetricsOverride", map[string]any{"width": 390, "height": 760, "deviceScaleFactor": 1, "mobile": true})
	p.do("Page.navigate", map[string]any{"url": url})
	return p
}

func (p *page) do(method string, params any) json.RawMessage {
	p.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := p.c.call(ctx, p.session, method, params)
	if err != nil {
		p.t.Fatal(err)
	}
	return res
}

// eval runs expr in the page and decodes its value into out.
func (p *page) eval(expr string, out any) error {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := p.c.call(ctx, p.session, "Runtime.evaluate", map[string]any{"expression": expr, "returnByValue": true, "awaitPromise": true})
	if err != nil {
		return err
	}
	var r struct {
		Result struct {
			Value json.RawMessage `json:"value"`
		} `json:"result"`
		ExceptionDetails *struct {
			Text string `json:"text"`
		} `json:"exceptionDetails"`
	}
	if err := json.Unmarshal(res, &r); err != nil {
		return err
	}
	if r.ExceptionDetails != nil {
		return fmt.Errorf("%s: %s", expr, r.ExceptionDetails.Text)
	}
	if out == nil || r.Result.Value == nil {
		return nil
	}
	return json.Unmarshal(r.Result.Value, out)
}

func (p *page) mustEval(expr string, out any) {
	p.t.Helper()
	if err := p.eval(expr, out); err != nil {
		p.t.Fatal(err)
	}
}

// waitTrue polls a boolean expression until it holds, with a deadline.
func (p *page) waitTrue(what, expr string) {
	p.t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		var ok bool
		// Errors while a page is (re)loading are expected; keep polling.
		if p.eval(expr, &ok) == nil && ok {
			return
		}
		if time.Now().After(deadline) {
			p.screenshot("timeout")
			p.t.Fatalf("timed out waiting for %s (%s)", what, expr)
		}
		time.Sleep(50 * time.Millisecond)
	}
}

// screenshot saves a PNG into FRONTDOOR_SCREENSHOTS, when set, for a person
// to look at.
func (p *page) screenshot(name string) {
	dir := os.Getenv("FRONTDOOR_SCREENSHOTS")
	if dir == "" {
		return
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	res, err := p.c.call(ctx, p.session, "Page.captureScreenshot", map[string]any{"format": "png"})
	if err != nil {
		p.t.Logf("screenshot: %v", err)
		return
	}
	var shot struct{ Data string }
	json.Unmarshal(res, &shot)
	png, _ := base64.StdEncoding.DecodeString(shot.Data)
	os.WriteFile(filepath.Join(dir, "webchat-"+name+".png"), png, 0o644)
}

func TestBrowserChat(t *testing.T) {
	browser := startChromium(t)
	cat := catalog(t)
	h := newHarness(t, true, func(ch *Channel) { ch.opts.Texts = cat })
	h.inbox.onAccept = func(m bot.Message) {
		var r bot.Reply
		switch {
		case strings.HasPrefix(m.Text, "/start"):
			r = bot.Reply{
				Text:    "مرحبا! <img src=x onerror=alert(1)> اختر:",
				RTL:     true,
				Choices: []bot.Choice{{ID: "area_work", Label: "عمل"}, {ID: "area_home", Label: "سكن"}},
			}
		case m.Choice == "area_work":
			r = bot.Reply{Text: "Lavoro: https://example.org/lavoro."}
		default:
			return
		}
		if err := h.ch.Send(context.Background(), m.Contact, r); err != nil {
			t.Errorf("Send: %v", err)
		}
	}

	p := browser.open(t, h.srv.URL+"/?start=lang_ar")
	p.waitTrue("the greeting", `document.querySelectorAll('#log .msg.bot').length === 1`)
	p.screenshot("greeting")

	// The page's own words come from the Arabic catalogue.
	p.waitTrue("the page's words in Arabic", `document.getElementById('text').placeholder === 'رسالة'`)
	var greet struct {
		Dir, Text, Lang string
		PageDir, Send   string
		Injected        bool
		Labels          []string
		URL             string
		Pending         int
	}
	p.mustEval(`(() => {
		const b = document.querySelector('#log .msg.bot');
		return {
			dir: b.dir, text: b.textContent, lang: document.documentElement.lang,
			send: document.getElementById('send').getAttribute('aria-label'),
			pageDir: document.documentElement.dir,
			injected: !!document.querySelector('#log img'),
			labels: [...document.querySelectorAll('#log .choices button')].map(x => x.textContent),
			url: location.search,
			pending: document.querySelectorAll('#log .msg.me').length,
		};
	})()`, &greet)
	if greet.Dir != "rtl" {
		t.Errorf("bot bubble dir = %q, want rtl", greet.Dir)
	}
	if greet.PageDir != "rtl" {
		t.Errorf("page dir = %q, want rtl from the reply's rtl flag", greet.PageDir)
	}
	if greet.Injected || !strings.Contains(greet.Text, "<img src=x") {
		t.Errorf("reply markup was not shown as text: injected=%v text=%q", greet.Injected, greet.Text)
	}
	if strings.Join(greet.Labels, "|") != "عمل|سكن" {
		t.Errorf("choice buttons = %q", greet.Labels)
	}
	if greet.Lang != "ar" {
		t.Errorf("page language = %q, want ar from the start payload", greet.Lang)
	}
	if want := cat.ChatUI("ar").Send; greet.Send != want {
		t.Errorf("send button's name = %q, want the catalogue's %q", greet.Send, want)
	}
	if greet.URL != "" {
		t.Errorf("start payload left in the address: %q", greet.URL)
	}
	if greet.Pending != 0 {
		t.Errorf("the /start command is shown as a message")
	}
	msgs := h.inbox.messages()
	if len(msgs) != 1 || msgs[0].Text != "/start lang_ar" || !validSession(msgs[0].Contact.ID) || msgs[0].LangHint == "" {
		t.Fatalf("inbox after opening = %+v, want one /start lang_ar with a session and a language hint", msgs)
	}

	// Pick a choice.
	p.mustEval(`document.querySelector('#log .choices button').click()`, nil)
	p.waitTrue("the answer to the choice", `document.querySelectorAll('#log .msg.bot').length === 2`)
	var after struct {
		Mine    []string
		Choices int
		Link    string
	}
	p.mustEval(`(() => ({
		mine: [...document.querySelectorAll('#log .msg.me')].map(x => x.textContent),
		choices: document.querySelectorAll('#log .choices').length,
		link: (document.querySelector('#log .msg.bot:last-of-type a') || {}).href || '',
	}))()`, &after)
	if strings.Join(after.Mine, "|") != "عمل" {
		t.Errorf("person's bubbles = %q, want the picked label", after.Mine)
	}
	if after.Choices != 0 {
		t.Errorf("%d choice groups left after picking", after.Choices)
	}
	if after.Link != "https://example.org/lavoro" {
		t.Errorf("link = %q", after.Link)
	}
	if m := h.inbox.messages(); len(m) != 2 || m[1].Choice != "area_work" {
		t.Fatalf("inbox after click = %+v", m)
	}

	// Type and press Enter.
	p.mustEval(`(() => {
		const i = document.getElementById('text');
		i.value = 'مساعدة من فضلك';
		i.dispatchEvent(new KeyboardEvent('keydown', {key: 'Enter', bubbles: true}));
	})()`, nil)
	waitFor(t, "typed message in the inbox", func() bool { return len(h.inbox.messages()) == 3 })
	if got := h.inbox.messages()[2].Text; got != "مساعدة من فضلك" {
		t.Errorf("typed text = %q", got)
	}
	var inputDir string
	p.mustEval(`document.getElementById('text').dir`, &inputDir)
	if inputDir != "auto" {
		t.Errorf("input dir = %q, want auto", inputDir)
	}
	p.screenshot("conversation")

	// Reload: the conversation comes back from the server's history, both
	// sides in order, and /start is not sent again.
	p.mustEval(`window.beforeReload = true; location.reload()`, nil)
	p.waitTrue("the conversation after reload", `!window.beforeReload &&
		document.querySelectorAll('#log .msg.bot').length === 2 &&
		document.querySelectorAll('#log .msg.me').length === 2 &&
		localStorage.getItem('fd.outbox') === '[]'`)
	var order []string
	p.mustEval(`[...document.querySelectorAll('#log .msg')].map(x => x.className.replace('msg ', '') + ':' + x.textContent.slice(0, 6))`, &order)
	want := []string{"bot:مرحبا!", "me:عمل", "bot:Lavoro", "me:مساعدة"}
	if strings.Join(order, "|") != strings.Join(want, "|") {
		t.Errorf("after reload = %q, want %q", order, want)
	}
	if n := len(h.inbox.messages()); n != 3 {
		t.Errorf("inbox has %d messages after reload, want 3 (no second /start)", n)
	}

	// "Clear" (Retract): the open page empties and keeps only what comes
	// after; a reload shows nothing from before either.
	to := h.inbox.messages()[0].Contact
	if err := h.ch.Retract(context.Background(), to); err != nil {
		t.Fatal(err)
	}
	if err := h.ch.Send(context.Background(), to, bot.Reply{Text: "تم."}); err != nil {
		t.Fatal(err)
	}
	p.waitTrue("the page emptied", `document.querySelectorAll('#log .msg').length === 1 &&
		document.querySelector('#log .msg.bot').textContent === 'تم.'`)
	p.mustEval(`window.beforeReload = true; location.reload()`, nil)
	p.waitTrue("nothing from before after a reload", `!window.beforeReload &&
		document.querySelectorAll('#log .msg').length === 1 &&
		document.querySelector('#log .msg.bot').textContent === 'تم.'`)
}
