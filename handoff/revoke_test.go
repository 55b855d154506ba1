package handoff_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/converse"
	"frontdoor/handoff"
	"frontdoor/store/storetest"
)

// fileFetcher gives the same file for every download.
type fileFetcher struct{ data []byte }

func (f fileFetcher) FetchMedia(context.Context, bot.Contact, string) ([]byte, string, error) {
	return f.data, "image/jpeg", nil
}

// A message the person deletes for everyone leaves the case's transcript:
// its text and its file are gone for operators, the entry says it was
// deleted, the other messages stay, and nobody answers the deletion.
func TestDeletedMessageLeavesTheTranscript(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	storetest.CheckScriptKeys(t, rdb)
	cat := shared.Catalog(t)
	svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4,
		Fetchers: map[string]handoff.MediaFetcher{"telegram": fileFetcher{[]byte("\xff\xd8\xff\xe0 a photo of a permit")}}})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	addOperator(t, svc, "marco", []string{"it"}, []string{"*"}, 3)
	marco, err := svc.Queue().Operator(ctx, "marco")
	if err != nil {
		t.Fatal(err)
	}
	cs := open(t, svc, "12", "it", "legal", false)
	c := cs.Contact
	next := &recordingHandler{}
	h := svc.Wrap(next)
	for _, m := range []bot.Message{
		{ID: "m1", Text: "il mio permesso", Attachment: bot.AttachPhoto, Media: "ref"},
		{ID: "m2", Text: "mi chiamo Amina, via Roma 3"},
		{ID: "m3", Text: "resta"},
	} {
		m.Contact = c
		if _, err := h.Handle(ctx, bot.Turn{Contact: c, Message: m}); err != nil {
			t.Fatal(err)
		}
	}
	tx, err := svc.Transcript(ctx, cs.ID)
	if err != nil {
		t.Fatal(err)
	}
	photo := tx[len(tx)-3]
	if photo.Media == "" {
		t.Fatalf("the photo was not kept: %+v", photo)
	}
	if _, _, _, err := svc.Media(ctx, marco, cs.ID, photo.Media); err != nil {
		t.Fatalf("the photo cannot be opened before the deletion: %v", err)
	}

	for _, id := range []string{"m1", "m2"} {
		out, err := h.Handle(ctx, bot.Turn{Contact: c, Message: bot.Message{Contact: c, ID: "r-" + id, Revokes: id}})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Replies) > 0 || len(out.Events) > 0 || out.State != nil {
			t.Errorf("a deletion was answered: %+v", out)
		}
	}
	if len(next.got) > 0 {
		t.Errorf("the conversation ran on a deletion during a case: %+v", next.got)
	}
	tx, err = svc.Transcript(ctx, cs.ID)
	if err != nil {
		t.Fatal(err)
	}
	for i, want := range []struct {
		text    string
		deleted bool
	}{{"the person deleted this message", true}, {"the person deleted this message", true}, {"resta", false}} {
		e := tx[len(tx)-3+i]
		if e.Text != want.text || e.Deleted != want.deleted || e.By != "person" {
			t.Errorf("entry %d = %+v, want text %q deleted %v", i, e, want.text, want.deleted)
		}
		if want.deleted && (e.Media != "" || e.Kind != "" || e.Mime != "" || e.Size != 0) {
			t.Errorf("entry %d keeps its file: %+v", i, e)
		}
	}
	if _, _, _, err := svc.Media(ctx, marco, cs.ID, photo.Media); !errors.Is(err, handoff.ErrNoMedia) {
		t.Errorf("the deleted photo can still be opened (err %v)", err)
	}
}

// A message the person edits shows its new text in the transcript, in its
// place and marked edited; an edit of a message the case does not hold
// (written before it) is a new line.
func TestEditedMessageInTheTranscript(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	cs := open(t, f.svc, "13", "it", "legal", false)
	c := cs.Contact
	next := &recordingHandler{}
	h := f.svc.Wrap(next)
	for _, m := range []bot.Message{
		{ID: "m1", Text: "abito in via Rma 3"},
		{ID: "m2", Text: "grazie"},
		{ID: "e1", Text: "abito in via Roma 3", Edits: "m1"},
		{ID: "e2", Text: "ho scritto prima del caso", Edits: "m0"},
	} {
		m.Contact = c
		out, err := h.Handle(ctx, bot.Turn{Contact: c, Now: f.clock.Now(), Message: m})
		if err != nil {
			t.Fatal(err)
		}
		if len(out.Replies) > 0 && m.Edits != "" {
			t.Errorf("an edit was answered: %+v", out.Replies)
		}
	}
	if len(next.got) > 0 {
		t.Errorf("the conversation ran during a case: %+v", next.got)
	}
	tx, err := f.svc.Transcript(ctx, cs.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range tx {
		if e.By == "person" {
			got = append(got, fmt.Sprintf("%s edited=%v", e.Text, e.Edited))
		}
	}
	want := []string{"abito in via Roma 3 edited=true", "grazie edited=false", "ho scritto prima del caso edited=true"}
	if !slices.Equal(got, want) {
		t.Errorf("person's lines %q, want %q", got, want)
	}
}

// TestDeletionReachesEveryLineOfThePerson: through the real conversation,
// a message the person deletes for everyone leaves every line of theirs
// the desk keeps: the turns kept for a case not open yet (also when the
// message was handled before its deletion came, as the first waiting
// message claimed as it is accepted is), a line of a case's "before"
// turns, and a case closed since. The line stays, saying the person
// deleted it, and nothing else goes: the bot's answer and the other
// messages are still there.
func TestDeletionReachesEveryLineOfThePerson(t *testing.T) {
	const secret = "mi chiamo Amina, via Roma 3"
	tests := []struct {
		name string
		// when the deletion comes: "handled" (after the conversation
		// answered the message, before the case), "open" (with the case
		// open) or "closed" (after the case closed).
		when string
	}{
		{"handled before the case opened", "handled"},
		{"a line before the case", "open"},
		{"after the case closed", "closed"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newService(t, handoff.Config{})
			ctx := context.Background()
			engine := shared.Engine(t)
			h := f.svc.Wrap(converse.Conversation{Engine: engine, Catalog: f.cat})
			c := bot.Contact{Channel: "whatsapp", ID: "15550001@lid"}
			var state []byte
			// turn runs one message as the dispatcher would: state kept,
			// events to the service.
			turn := func(m bot.Message) {
				t.Helper()
				m.Contact = c
				out, err := h.Handle(ctx, bot.Turn{Contact: c, State: state, Message: m, Now: f.clock.Now()})
				if err != nil {
					t.Fatal(err)
				}
				if m.Revokes != "" && len(out.Replies) > 0 {
					t.Errorf("a deletion was answered: %+v", out.Replies)
				}
				if out.State != nil {
					state = out.State
				}
				for _, e := range out.Events {
					if err := f.svc.HandleEvent(ctx, c, e); err != nil {
						t.Fatal(err)
					}
				}
				f.clock.Add(time.Minute)
			}
			turn(bot.Message{ID: "m1", Text: "/start lang_it"})
			turn(bot.Message{ID: "m2", Choice: "consent.yes"})
			turn(bot.Message{ID: "m3", Text: secret})
			turn(bot.Message{ID: "m4", Text: "non so cosa scegliere"})
			if tt.when == "handled" {
				turn(bot.Message{ID: "r3", Revokes: "m3"})
			}
			turn(bot.Message{ID: "m5", Text: "/person"})
			cs, err := f.svc.OpenCase(ctx, c)
			if err != nil {
				t.Fatalf("no case opened: %v", err)
			}
			switch tt.when {
			case "open":
				turn(bot.Message{ID: "r3", Revokes: "m3"})
			case "closed":
				addOperator(t, f.svc, "marco", []string{"it"}, []string{"*"}, 3)
				if err := f.svc.Claim(ctx, "marco", cs.ID); err != nil {
					t.Fatal(err)
				}
				if err := f.svc.Close(ctx, "marco", cs.ID, handoff.OutcomeResolved, false); err != nil {
					t.Fatal(err)
				}
				turn(bot.Message{ID: "r3", Revokes: "m3"})
			}
			tx, err := f.svc.Transcript(ctx, cs.ID)
			if err != nil {
				t.Fatal(err)
			}
			var deleted []handoff.Entry
			bot := 0
			for _, e := range tx {
				if strings.Contains(e.Text, "Amina") {
					t.Errorf("the deleted words are still in the case: %+v", e)
				}
				if e.Deleted {
					deleted = append(deleted, e)
				}
				if e.Before && e.By == "bot" {
					bot++
				}
			}
			if len(deleted) != 1 || deleted[0].By != "person" || !deleted[0].Before || deleted[0].Text != "the person deleted this message" {
				t.Errorf("deleted lines %+v, want one of the person's, before the case, saying so", deleted)
			}
			if !slices.ContainsFunc(tx, func(e handoff.Entry) bool { return e.Before && e.Text == "non so cosa scegliere" }) {
				t.Errorf("the message not deleted is gone: %+v", tx)
			}
			if bot < 4 {
				t.Errorf("%d answers of the bot before the case, want the 4 turns': %+v", bot, tx)
			}
		})
	}
}

// TestEditReachesEveryLineOfThePerson: through the real conversation, a
// message the person edits shows the new words wherever the desk keeps
// it, and the old words nowhere: edited before a case opened (the turns
// the conversation keeps for it), a line of a case's "before" turns while
// the case is open, and a case closed since. The line is marked edited.
func TestEditReachesEveryLineOfThePerson(t *testing.T) {
	const typo, fixed = "abito in via Rma 3, Amina", "abito in via Roma 3, Amina"
	for _, when := range []string{"before the case opened", "with the case open", "after the case closed"} {
		t.Run(when, func(t *testing.T) {
			f := newService(t, handoff.Config{})
			ctx := context.Background()
			engine := shared.Engine(t)
			h := f.svc.Wrap(converse.Conversation{Engine: engine, Catalog: f.cat})
			c := bot.Contact{Channel: "whatsapp", ID: "15550002@lid"}
			var state []byte
			turn := func(m bot.Message) {
				t.Helper()
				m.Contact = c
				out, err := h.Handle(ctx, bot.Turn{Contact: c, State: state, Message: m, Now: f.clock.Now()})
				if err != nil {
					t.Fatal(err)
				}
				if out.State != nil {
					state = out.State
				}
				for _, e := range out.Events {
					if err := f.svc.HandleEvent(ctx, c, e); err != nil {
						t.Fatal(err)
					}
				}
				f.clock.Add(time.Minute)
			}
			edit := bot.Message{ID: "e3", Text: fixed, Edits: "m3"}
			turn(bot.Message{ID: "m1", Text: "/start lang_it"})
			turn(bot.Message{ID: "m2", Choice: "consent.yes"})
			turn(bot.Message{ID: "m3", Text: typo})
			if when == "before the case opened" {
				turn(edit)
			}
			turn(bot.Message{ID: "m5", Text: "/person"})
			cs, err := f.svc.OpenCase(ctx, c)
			if err != nil {
				t.Fatalf("no case opened: %v", err)
			}
			switch when {
			case "with the case open":
				turn(edit)
			case "after the case closed":
				addOperator(t, f.svc, "marco", []string{"it"}, []string{"*"}, 3)
				if err := f.svc.Claim(ctx, "marco", cs.ID); err != nil {
					t.Fatal(err)
				}
				if err := f.svc.Close(ctx, "marco", cs.ID, handoff.OutcomeResolved, false); err != nil {
					t.Fatal(err)
				}
				turn(edit)
			}
			tx, err := f.svc.Transcript(ctx, cs.ID)
			if err != nil {
				t.Fatal(err)
			}
			var lines []handoff.Entry
			for _, e := range tx {
				if strings.Contains(e.Text, "Rma") {
					t.Errorf("the words the person changed are still in the case: %+v", e)
				}
				if e.By == "person" && strings.Contains(e.Text, "Roma") {
					lines = append(lines, e)
				}
			}
			if len(lines) == 0 {
				t.Fatalf("the new words are not in the case: %+v", tx)
			}
			if !lines[0].Before || !lines[0].Edited {
				t.Errorf("the line %+v, want it before the case, marked edited", lines[0])
			}
			if len(lines) != 1 {
				t.Errorf("lines with the new words %+v, want the one line, edited in place", lines)
			}
		})
	}
}
