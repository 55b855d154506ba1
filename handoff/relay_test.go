package handoff_test

import (
	"bufio"
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/bot/converse"
	"frontdoor/bot/dispatch"
	"frontdoor/bot/telegram"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/bot/webchat"
	"frontdoor/handoff"
	"frontdoor/locales"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// desk is Frontdoor's runtime as serve wires it, with the handoff service
// wrapped around the conversation: real dispatcher, flows, Telegram adapter
// against the fake Bot API, browser chat, real Redis.
type desk struct {
	svc  *handoff.Service
	tg   *telegramtest.Server
	cat  *locales.Catalog
	base string
	web  *webchat.Channel
	rdb  redis.UniversalClient
	keys store.Keys
}

// emergencyLine ends the main menu (flows: the deployment's emergency
// number, 112 by default), in a left-to-right language.
const emergencyLine = "\n\n🆘 📞 \u2066112\u2069"

func startDesk(t *testing.T, cfg handoff.Config) *desk {
	t.Helper()
	return startDeskWith(t, cfg, dispatch.Options{})
}

// startDeskWith is startDesk with the dispatcher's Lease, SendAttempts,
// RetryPause and DeliveryRounds taken from o (zero: the defaults); a
// non-nil o.Trail asks for the message ids to be kept as serve keeps them
// (a Trail of the desk's own keys, for the dispatcher and Telegram).
func startDeskWith(t *testing.T, cfg handoff.Config, o dispatch.Options) *desk {
	t.Helper()
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	log := slog.New(slog.DiscardHandler)
	cat := shared.Catalog(t)
	engine := shared.Engine(t)
	tg := telegramtest.NewServer(t, telegramtest.WithPollWait(100*time.Millisecond))
	files := handoff.NewFiles(rdb, keys)
	var trail *dispatch.Trail
	tcfg := telegram.Config{Token: telegramtest.Token, APIURL: tg.URL(), PollTimeout: time.Second, Files: files}
	if o.Trail != nil {
		trail = dispatch.NewTrail(rdb, keys, 48*time.Hour)
		tcfg.Trail = trail // only then: a nil *Trail in the interface is not "none"
	}
	tgc, err := telegram.New(tcfg, log)
	if err != nil {
		t.Fatal(err)
	}
	web := webchat.New(rdb, keys, webchat.Options{HistoryTTL: time.Hour, Files: files}, log)
	senders := map[string]bot.Sender{"telegram": tgc, "webchat": web}
	outbox := dispatch.NewOutbox(rdb, keys, []string{"telegram", "webchat"}, nil)
	svc, err := handoff.New(rdb, keys, cfg, cat, handoff.Options{Out: outbox, PasswordCost: 4, JanitorEvery: 50 * time.Millisecond,
		Fetchers: map[string]handoff.MediaFetcher{"telegram": tgc}})
	if err != nil {
		t.Fatal(err)
	}
	disp := dispatch.NewDispatcher(rdb, keys, svc.Wrap(converse.Conversation{Engine: engine}), dispatch.Options{
		Senders: senders, Sinks: []bot.EventSink{svc}, Erasers: []bot.Eraser{svc, web}, Log: log,
		Reporters: []dispatch.DeliveryReporter{svc}, Lease: o.Lease, SendAttempts: o.SendAttempts, RetryPause: o.RetryPause,
		DeliveryRounds: o.DeliveryRounds, Trail: trail,
	})
	mux := http.NewServeMux()
	mux.Handle("/", web.Handler())
	mux.Handle("/console/", svc.Handler())
	mux.Handle("/api/v1/", svc.Handler())
	srv := httptest.NewServer(mux)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{}, 4)
	for _, run := range []func(){
		func() { disp.Run(ctx) },
		func() { tgc.Run(ctx, disp) },
		func() { web.Run(ctx, disp) },
		func() { svc.Run(ctx) },
	} {
		go func() { run(); done <- struct{}{} }()
	}
	t.Cleanup(func() {
		cancel()
		srv.CloseClientConnections()
		srv.Close()
		for range 4 {
			<-done
		}
	})
	return &desk{svc: svc, tg: tg, cat: cat, base: srv.URL, web: web, rdb: rdb, keys: keys}
}

// patience bounds a wait for something to happen (waitFor, waitSaid,
// waitText). A wait returns as soon as it happens, so the bound only fails
// a broken test, and is generous: at a load average of 20 on two cores
// under -race, steps of a tenth of a second have taken over 15 s (the
// earlier bound).
const patience = time.Minute

func waitCtx(t *testing.T) context.Context {
	ctx, cancel := context.WithTimeout(context.Background(), patience)
	t.Cleanup(cancel)
	return ctx
}

func (d *desk) waitSaid(t *testing.T, chat int64, n int) []telegramtest.Call {
	t.Helper()
	if err := d.tg.WaitUntil(waitCtx(t), func() bool { return len(d.tg.Messages(chat)) >= n }); err != nil {
		var got []string
		for _, c := range d.tg.Messages(chat) {
			got = append(got, c.Text)
		}
		t.Fatalf("waiting for %d messages to chat %d: %v; got %q", n, chat, err, got)
	}
	return d.tg.Messages(chat)
}

// waitText waits until text was said to chat, and returns what was said
// after it. Queue updates come and go with the timing, so a test finds a
// message by its text rather than by its place.
func (d *desk) waitText(t *testing.T, chat int64, text string) []telegramtest.Call {
	t.Helper()
	find := func() int {
		return slices.IndexFunc(d.tg.Messages(chat), func(c telegramtest.Call) bool { return c.Text == text })
	}
	if err := d.tg.WaitUntil(waitCtx(t), func() bool { return find() >= 0 }); err != nil {
		var got []string
		for _, c := range d.tg.Messages(chat) {
			got = append(got, c.Text)
		}
		t.Fatalf("waiting for %q in chat %d: %v; got %q", text, chat, err, got)
	}
	return d.tg.Messages(chat)[find()+1:]
}

// waitFor polls cond until it holds or the deadline passes.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	ctx := waitCtx(t)
	for !cond() {
		if ctx.Err() != nil {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func transcriptTexts(t *testing.T, svc *handoff.Service, id string) []string {
	tx, err := svc.Transcript(context.Background(), id)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range tx {
		out = append(out, e.By+":"+e.Kind+":"+e.Text)
	}
	return out
}

func TestRelayThroughTelegram(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	it := func(id string, data map[string]any) string { return d.cat.Text("it", id, data) }
	const chat = 4242
	contact := bot.Contact{Channel: "telegram", ID: "4242"}
	addOperator(t, d.svc, "marco", []string{"it"}, []string{"*"}, 3)

	d.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_it"))
	d.waitSaid(t, chat, 1)
	d.tg.AddUpdates(telegramtest.Callback(chat, "q1", "consent.yes"))
	d.waitSaid(t, chat, 2)
	d.tg.AddUpdates(telegramtest.Command(chat, 2, "/person"))
	said := d.waitSaid(t, chat, 4)
	if said[2].Text != it("handoff.opened", nil) {
		t.Fatalf("after /person: %q", said[2].Text)
	}
	// Honest waiting: first in line, no pace known yet.
	if said[3].Text != it("handoff.wait.next", nil) {
		t.Fatalf("waiting message = %q", said[3].Text)
	}
	var cs handoff.Case
	waitFor(t, "the case to open", func() bool {
		var err error
		cs, err = d.svc.OpenCase(ctx, contact)
		return err == nil
	})

	// While the case is open the bot is silent and the messages reach the case.
	d.tg.AddUpdates(telegramtest.Text(chat, 3, "Ho perso il permesso di soggiorno"), telegramtest.Photo(chat, 4, ""), telegramtest.Text(chat, 5, "/language"))
	// The case opens with the bot's answers of that turn: wait for the
	// person's three messages themselves.
	// (The turns before the case are person's lines too.)
	sent := []string{"person::Ho perso il permesso di soggiorno", "person:photo:", "person::/language"}
	waitFor(t, "messages in the transcript", func() bool {
		tx := transcriptTexts(t, d.svc, cs.ID)
		return !slices.ContainsFunc(sent, func(w string) bool { return !slices.Contains(tx, w) })
	})
	tx := transcriptTexts(t, d.svc, cs.ID)
	for _, want := range sent {
		if !slices.Contains(tx, want) {
			t.Errorf("transcript %q lacks %q", tx, want)
		}
	}
	if n := len(d.tg.Messages(chat)); n != 4 {
		t.Fatalf("the bot answered while a case was open: %d messages", n)
	}

	// The operator claims: the person is told; the reply reaches the chat.
	if id, err := d.svc.Next(ctx, "marco"); err != nil || id != cs.ID {
		t.Fatalf("next = %q %v", id, err)
	}
	said = d.waitSaid(t, chat, 5)
	if said[4].Text != it("handoff.assigned", nil) {
		t.Fatalf("claim message = %q", said[4].Text)
	}
	if err := d.svc.Reply(ctx, "marco", cs.ID, "Ciao, sono Marco. Hai la ricevuta?"); err != nil {
		t.Fatal(err)
	}
	said = d.waitSaid(t, chat, 6)
	// Marked as a person of the desk, in the person's language.
	if want := it("handoff.reply_from_name", map[string]any{"Name": "marco"}) + "\nCiao, sono Marco. Hai la ricevuta?"; said[5].Text != want {
		t.Fatalf("operator reply = %q, want %q", said[5].Text, want)
	}
	if !slices.Contains(transcriptTexts(t, d.svc, cs.ID), "operator::Ciao, sono Marco. Hai la ricevuta?") {
		t.Fatal("operator reply not in the transcript")
	}

	// Closing tells the person and the bot answers again.
	if err := d.svc.Close(ctx, "marco", cs.ID, handoff.OutcomeResolved, false); err != nil {
		t.Fatal(err)
	}
	said = d.waitSaid(t, chat, 7)
	if said[6].Text != it("handoff.closed", nil) {
		t.Fatalf("close message = %q", said[6].Text)
	}
	d.tg.AddUpdates(telegramtest.Text(chat, 6, "/menu"))
	said = d.waitSaid(t, chat, 8)
	if said[7].Text != it("menu.prompt", nil)+emergencyLine {
		t.Fatalf("after close, /menu = %q", said[7].Text)
	}
}

func TestDeleteWorksWhileCaseOpen(t *testing.T) {
	for name, answer := range map[string]telegramtest.Update{
		"button":                telegramtest.Callback(777, "q2", "delete.yes"),
		"typed, as on WhatsApp": telegramtest.Text(777, 6, "1"),
	} {
		t.Run(name, func(t *testing.T) {
			d := startDesk(t, handoff.Config{})
			ctx := context.Background()
			const chat = 777
			contact := bot.Contact{Channel: "telegram", ID: "777"}
			d.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_en"), telegramtest.Callback(chat, "q1", "consent.yes"), telegramtest.Command(chat, 2, "/person"))
			d.waitSaid(t, chat, 4)
			waitFor(t, "the case", func() bool { _, err := d.svc.OpenCase(ctx, contact); return err == nil })
			cs, _ := d.svc.OpenCase(ctx, contact)
			d.tg.AddUpdates(telegramtest.Text(chat, 3, "my secret story"), telegramtest.Command(chat, 4, "/delete"))
			d.waitText(t, chat, d.cat.Text("en", "delete.confirm", nil))
			// Words that do not answer go to the operator meanwhile.
			d.tg.AddUpdates(telegramtest.Text(chat, 5, "are you there?"))
			waitFor(t, "the words in the transcript", func() bool {
				return slices.Contains(transcriptTexts(t, d.svc, cs.ID), "person::are you there?")
			})
			d.tg.AddUpdates(answer)
			d.waitText(t, chat, d.cat.Text("en", "delete.done", nil))
			waitFor(t, "the case to be erased", func() bool {
				_, err := d.svc.Get(ctx, cs.ID)
				tx, _ := d.svc.Transcript(ctx, cs.ID)
				return err != nil && len(tx) == 0
			})
			if n, _ := d.svc.Waiting(ctx); n != 0 {
				t.Fatalf("%d waiting after delete", n)
			}
		})
	}
}

func TestMenuWhileWaitingLeavesTheQueue(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	const chat = 31
	contact := bot.Contact{Channel: "telegram", ID: "31"}
	d.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_fr"), telegramtest.Callback(chat, "q1", "consent.yes"), telegramtest.Command(chat, 2, "/person"))
	d.waitSaid(t, chat, 4)
	waitFor(t, "the case", func() bool { _, err := d.svc.OpenCase(ctx, contact); return err == nil })
	d.tg.AddUpdates(telegramtest.Command(chat, 3, "/menu"))
	said := d.waitSaid(t, chat, 6)
	if said[4].Text != d.cat.Text("fr", "handoff.withdrawn", nil) || said[5].Text != d.cat.Text("fr", "menu.prompt", nil)+emergencyLine {
		t.Fatalf("after /menu: %q, %q", said[4].Text, said[5].Text)
	}
	if _, err := d.svc.OpenCase(ctx, contact); err == nil {
		t.Fatal("case still open")
	}
}

type chatReply struct {
	Text string `json:"text"`
	RTL  bool   `json:"rtl"`
	File *struct {
		URL   string `json:"url"`
		Name  string `json:"name"`
		Image bool   `json:"image"`
	} `json:"file"`
}

// sse reads the browser chat's event stream.
func sse(t *testing.T, url string) <-chan chatReply {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	req, _ := http.NewRequestWithContext(ctx, "GET", url, nil)
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	out := make(chan chatReply, 100)
	go func() {
		defer res.Body.Close()
		sc := bufio.NewScanner(res.Body)
		event := ""
		for sc.Scan() {
			line := sc.Text()
			switch {
			case strings.HasPrefix(line, "event:"):
				event = strings.TrimSpace(strings.TrimPrefix(line, "event:"))
			case strings.HasPrefix(line, "data:") && event == "":
				var r chatReply
				if json.Unmarshal([]byte(strings.TrimSpace(strings.TrimPrefix(line, "data:"))), &r) == nil && r.Text != "" {
					out <- r
				}
			case line == "":
				event = ""
			}
		}
	}()
	return out
}

func next(t *testing.T, events <-chan chatReply) chatReply {
	t.Helper()
	select {
	case r := <-events:
		return r
	case <-time.After(10 * time.Second):
		t.Fatal("no reply within 10s")
		return chatReply{}
	}
}

func TestRelayThroughBrowserChat(t *testing.T) {
	d := startDesk(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, d.svc, "amal", []string{"ar"}, []string{"*"}, 3)
	session := "0123456789abcdef0123456789abcdef"
	contact := webchat.ContactOf(session)
	events := sse(t, d.base+"/chat/events?session="+session)
	post := func(id, field, value string) {
		body := fmt.Sprintf(`{"session":%q,"id":%q,%q:%q}`, session, id, field, value)
		res, err := http.Post(d.base+"/chat/send", "application/json", strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		res.Body.Close()
		if res.StatusCode/100 != 2 {
			t.Fatalf("send %s: %s", id, res.Status)
		}
	}
	post("w1", "text", "/start lang_ar")
	next(t, events)
	post("w2", "choice", "consent.yes")
	next(t, events)
	post("w3", "text", "/person")
	if got := next(t, events); got.Text != d.cat.Text("ar", "handoff.opened", nil) {
		t.Fatalf("handoff = %q", got.Text)
	}
	next(t, events) // waiting
	waitFor(t, "the case", func() bool { _, err := d.svc.OpenCase(ctx, contact); return err == nil })
	post("w4", "text", "مرحبا <script>alert(1)</script>")
	cs, _ := d.svc.OpenCase(ctx, contact)
	waitFor(t, "the message in the transcript", func() bool {
		return slices.Contains(transcriptTexts(t, d.svc, cs.ID), "person::مرحبا <script>alert(1)</script>")
	})
	if err := d.svc.Claim(ctx, "amal", cs.ID); err != nil {
		t.Fatal(err)
	}
	if got := next(t, events); got.Text != d.cat.Text("ar", "handoff.assigned", nil) || !got.RTL {
		t.Fatalf("claim message = %+v", got)
	}
	if err := d.svc.Reply(ctx, "amal", cs.ID, "أهلا، كيف أساعدك؟"); err != nil {
		t.Fatal(err)
	}
	// Marked as from a person of the desk, in the person's language.
	if got := next(t, events); got.Text != d.cat.Text("ar", "handoff.reply_from_name", map[string]any{"Name": "amal"})+"\nأهلا، كيف أساعدك؟" || !got.RTL {
		t.Fatalf("operator reply in the browser = %+v", got)
	}
}
