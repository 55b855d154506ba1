package handoff_test

import (
	"bufio"
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontdoor/bot/dispatch"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/console/consoletest"
	"frontdoor/handoff"
)

// TestOperatorRepliesAreDurable: an operator's reply goes through the same
// durable path as the bot's answers, against the fake Bot API driven by
// the real Telegram client. During an outage (500s) or a long retry_after
// the API answers 202 at once and the reply waits in the queue; it goes
// out when the channel heals; a reply that finally fails (the person
// blocked the bot, or the channel kept failing past the retries) is noted
// in the transcript with the reason, and the case page hears of it live.
func TestOperatorRepliesAreDurable(t *testing.T) {
	const text = "Ciao, hai la ricevuta?"
	for i, tc := range []struct {
		name   string
		rounds int // the dispatcher's delivery rounds (0: the default)
		fault  func(tg *telegramtest.Server, chat int64)
		// heal ends the fault, for a reply that must then go out; nil
		// for one that must not.
		heal func(tg *telegramtest.Server)
		// why is the reason the transcript gives, "" while queued or
		// delivered.
		why string
	}{
		{name: "a 500 that heals",
			fault: func(tg *telegramtest.Server, _ int64) {
				tg.FailFor("sendMessage", http.StatusInternalServerError, "Internal Server Error", 0)
			},
			heal: func(tg *telegramtest.Server) { tg.Heal() }},
		{name: "a retry_after of 70 seconds",
			fault: func(tg *telegramtest.Server, _ int64) { tg.TooManyRequests("sendMessage", 1, 70) }},
		{name: "blocked by the person",
			fault: func(tg *telegramtest.Server, chat int64) { tg.Block(chat) },
			why:   "the person has blocked the bot or left the chat"},
		{name: "an outage past the retries", rounds: 1,
			fault: func(tg *telegramtest.Server, _ int64) {
				tg.FailFor("sendMessage", http.StatusServiceUnavailable, "Service Unavailable", 0)
			},
			why: "the channel kept failing and Frontdoor stopped retrying"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// A short lease: a postponed delivery is tried again soon
			// after the channel heals (the lease, then doubling).
			d := startDeskWith(t, handoff.Config{}, dispatch.Options{Lease: time.Second, SendAttempts: 2,
				RetryPause: 20 * time.Millisecond, DeliveryRounds: tc.rounds})
			ctx := context.Background()
			chat := int64(7100 + i)
			addOperator(t, d.svc, "amina", []string{"it"}, []string{"*"}, 3)
			tok, err := d.svc.Queue().NewToken(ctx, "amina")
			if err != nil {
				t.Fatal(err)
			}
			api := apiClient{t, d.base, tok}
			cs := open(t, d.svc, strconv.FormatInt(chat, 10), "it", "legal", false)
			if code, m := api.do("POST", "/api/v1/cases/"+cs.ID+"/claim", ""); code != http.StatusOK {
				t.Fatalf("claim = %d %v", code, m)
			}
			d.waitText(t, chat, d.cat.Text("it", "handoff.assigned", nil))

			// The case page's live stream, as the operator's browser has it.
			b := consoletest.New(t, d.base)
			b.MustSignIn("amina", "password-amina")
			sctx, cancel := context.WithTimeout(ctx, 20*time.Second)
			t.Cleanup(cancel)
			req, _ := http.NewRequestWithContext(sctx, http.MethodGet, d.base+"/console/cases/"+cs.ID+"/events", nil)
			res, err := b.Client().Do(req)
			if err != nil || res.StatusCode != http.StatusOK {
				t.Fatalf("case stream: %v %v", res, err)
			}
			t.Cleanup(func() { res.Body.Close() })
			events := bufio.NewScanner(res.Body)

			tc.fault(d.tg, chat)
			before := len(d.tg.Messages(chat))
			code, m := api.do("POST", "/api/v1/cases/"+cs.ID+"/reply", `{"text":"`+text+`"}`)
			if code != http.StatusAccepted || m["status"] != "queued" {
				t.Fatalf("reply during the fault = %d %v, want 202 queued", code, m)
			}
			signed := d.cat.Text("it", "handoff.reply_from_name", map[string]any{"Name": "amina"}) + "\n" + text
			delivered := func() bool {
				return slices.ContainsFunc(d.tg.Messages(chat)[before:], func(c telegramtest.Call) bool { return c.Text == signed })
			}
			reply := func() handoff.Entry {
				t.Helper()
				tx, err := d.svc.Transcript(ctx, cs.ID)
				if err != nil {
					t.Fatal(err)
				}
				i := slices.IndexFunc(tx, func(e handoff.Entry) bool { return e.By == "operator" && e.Text == text })
				if i < 0 {
					t.Fatalf("the reply is not in the transcript: %+v", tx)
				}
				return tx[i]
			}
			switch {
			case tc.heal != nil:
				// Tried and refused at least once, then healed.
				waitFor(t, "a refused try", func() bool {
					return slices.ContainsFunc(d.tg.Calls("sendMessage"), func(c telegramtest.Call) bool { return !c.OK() })
				})
				if delivered() {
					t.Fatal("delivered during the outage")
				}
				tc.heal(d.tg)
				waitFor(t, "the reply after the channel healed", delivered)
				if e := reply(); e.Undelivered != "" {
					t.Fatalf("a delivered reply marked undelivered: %+v", e)
				}
			case tc.why == "":
				// Postponed for as long as Telegram asked: neither sent
				// nor given up.
				waitFor(t, "the 429", func() bool {
					return slices.ContainsFunc(d.tg.Calls("sendMessage"), func(c telegramtest.Call) bool { return c.Code == http.StatusTooManyRequests })
				})
				if e := reply(); e.Undelivered != "" || delivered() {
					t.Fatalf("a reply Telegram asked to hold: delivered %v, entry %+v", delivered(), e)
				}
			default:
				// Live: a "changed" event after which the case shows it.
				for !strings.Contains(reply().Undelivered, tc.why) {
					if !events.Scan() {
						t.Fatalf("the stream ended before the case showed the reply undelivered: %v; entry %+v", events.Err(), reply())
					}
				}
				if delivered() {
					t.Fatal("a reply reported undelivered was delivered")
				}
				if _, page := b.Get("/console/cases/" + cs.ID); !strings.Contains(page, "Reply not delivered: "+tc.why) {
					t.Fatalf("the case page does not show the reply undelivered with its reason")
				}
			}
		})
	}
}
