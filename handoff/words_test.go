package handoff_test

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/converse"
	"frontdoor/flows"
	"frontdoor/handoff"
	"frontdoor/locales"
	"frontdoor/store/storetest"
)

// TestNewDeleteWordWorksDuringACase: the words that reach the conversation
// during a case are the conversation's own, read from the catalogue. A
// delete word a desk adds to a language ("/elimina" in Italian, here
// through an override file) asks for deletion during a case as it does
// outside one; without it in the catalogue, the same message goes to the
// operator.
func TestNewDeleteWordWorksDuringACase(t *testing.T) {
	dir := t.TempDir()
	if err := os.WriteFile(filepath.Join(dir, "words.it.toml"), []byte("[\"words.command.delete\"]\nother = \"cancella, elimina\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	withWord, err := locales.LoadWithOverrides(dir)
	if err != nil {
		t.Fatal(err)
	}
	plain := shared.Catalog(t)
	for _, tc := range []struct {
		name   string
		cat    *locales.Catalog
		delete bool
	}{
		{"the word in the catalogue", withWord, true},
		{"the word unknown", plain, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			rdb, keys := storetest.Redis(t)
			storetest.CheckScriptKeys(t, rdb)
			ctx := context.Background()
			now := time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)
			// The shared engine is the plain catalogue's; the one with the
			// word gets an engine of its own.
			engine := shared.Engine(t)
			if tc.cat != plain {
				var err error
				if engine, err = flows.New(tc.cat, flows.Options{}); err != nil {
					t.Fatal(err)
				}
			}
			svc, err := handoff.New(rdb, keys, handoff.Config{}, tc.cat, handoff.Options{Clock: func() time.Time { return now }, PasswordCost: 4, Out: &sent{}})
			if err != nil {
				t.Fatal(err)
			}
			h := svc.Wrap(converse.Conversation{Engine: engine, Catalog: tc.cat})
			who := bot.Contact{Channel: "telegram", ID: "77"}
			var state []byte
			say := func(id string, m bot.Message) bot.Outcome {
				t.Helper()
				m.Contact, m.ID = who, id
				out, err := h.Handle(ctx, bot.Turn{Contact: who, State: state, Message: m, Now: now})
				if err != nil {
					t.Fatal(err)
				}
				if out.State != nil {
					state = out.State
				}
				for _, e := range out.Events {
					if err := svc.HandleEvent(ctx, who, e); err != nil {
						t.Fatal(err)
					}
				}
				return out
			}
			say("1", bot.Message{Text: "/start lang_it"})
			say("2", bot.Message{Choice: "consent.yes"})
			say("3", bot.Message{Text: "/person"})
			cs, err := svc.OpenCase(ctx, who)
			if err != nil {
				t.Fatalf("no case after /person: %v", err)
			}

			out := say("4", bot.Message{Text: "/elimina"})
			asked := flows.Asking(state, flows.QuestionDelete)
			relayed := strings.Contains(strings.Join(transcriptTexts(t, svc, cs.ID), "|"), "/elimina")
			if asked != tc.delete || relayed == tc.delete {
				t.Fatalf("/elimina: delete question asked %v, relayed to the operator %v; want asked %v", asked, relayed, tc.delete)
			}
			if tc.delete && (len(out.Replies) != 1 || out.Replies[0].Text != tc.cat.Text("it", "delete.confirm", nil)) {
				t.Fatalf("/elimina: replies %+v, want the delete question", out.Replies)
			}
		})
	}
}
