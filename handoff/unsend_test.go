package handoff_test

import (
	"context"
	"errors"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/bot/telegram/telegramtest"
	"frontdoor/handoff"
	"frontdoor/store/storetest"
)

// TestDeleteReply: an operator takes back their reply from the person's
// phone with the platform ids its delivery report gave; the transcript
// keeps the text, marked as being deleted, then deleted or why not, and
// the audit log has it. Refused: a reply not delivered yet, one being
// deleted already, another operator's, one older than 48 hours, and a
// case that is not theirs; after a failure it can be asked again.
func TestDeleteReply(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "marco", []string{"it"}, []string{"*"}, 3)
	addOperator(t, f.svc, "sara", []string{"it"}, []string{"*"}, 3)
	cs := open(t, f.svc, "31", "it", "legal", false)
	if err := f.svc.Claim(ctx, "marco", cs.ID); err != nil {
		t.Fatal(err)
	}
	// reply sends one and returns its transcript id; delivered with ids
	// reports it as the dispatcher would.
	reply := func(text string, ids ...string) string {
		t.Helper()
		if err := f.svc.Reply(ctx, "marco", cs.ID, text); err != nil {
			t.Fatal(err)
		}
		ref := f.sent.lastRef()
		if len(ids) > 0 {
			if err := f.svc.ReportDelivery(ctx, cs.Contact, dispatch.Delivery{From: handoff.From, Ref: ref, IDs: ids}); err != nil {
				t.Fatal(err)
			}
		}
		_, entry, _ := strings.Cut(ref, "/")
		return entry
	}
	entry := func(id string) handoff.Entry {
		t.Helper()
		tx, err := f.svc.Transcript(ctx, cs.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range tx {
			if e.ID == id && e.By == "operator" {
				return e
			}
		}
		t.Fatalf("no reply %s in %+v", id, tx)
		return handoff.Entry{}
	}
	wrong := reply("Il tuo appuntamento è domani alle 9 con Rossi", "G1", "G2")
	pending := reply("In arrivo")
	old := reply("Ciao", "G3")

	if err := f.svc.DeleteReply(ctx, "marco", cs.ID, wrong, false); err != nil {
		t.Fatal(err)
	}
	taken := f.sent.taken()
	if len(taken) != 1 || !slices.Equal(taken[0].Unsend, []string{"G1", "G2"}) || taken[0].From != handoff.From {
		t.Fatalf("queued %+v, want the reply's two ids taken back", taken)
	}
	if e := entry(wrong); e.Unsent != handoff.UnsendAsked || !strings.Contains(e.Text, "Rossi") {
		t.Errorf("reply being deleted: %+v, want it marked and its text kept", e)
	}
	for _, tt := range []struct {
		name     string
		operator string
		entry    string
		wait     time.Duration
		want     error
	}{
		{"being deleted already", "marco", wrong, 0, handoff.ErrCannotUnsend},
		{"not delivered yet", "marco", pending, 0, handoff.ErrCannotUnsend},
		{"not the operator's case", "sara", old, 0, handoff.ErrNotYours},
		{"older than 48 hours", "marco", old, 49 * time.Hour, handoff.ErrCannotUnsend},
	} {
		f.clock.Add(tt.wait)
		if err := f.svc.DeleteReply(ctx, tt.operator, cs.ID, tt.entry, false); !errors.Is(err, tt.want) {
			t.Errorf("%s: err %v, want %v", tt.name, err, tt.want)
		}
	}
	if n := len(f.sent.taken()); n != 1 {
		t.Errorf("%d takes queued, want only the first", n)
	}

	// The channel could not: the transcript says why, and it may be asked again.
	if err := f.svc.ReportDelivery(ctx, cs.Contact, dispatch.Delivery{From: handoff.From, Ref: taken[0].Ref, Failure: dispatch.FailGaveUp, Detail: "502"}); err != nil {
		t.Fatal(err)
	}
	if e := entry(wrong); e.Unsent != handoff.UnsendFailed || e.UnsentWhy == "" {
		t.Errorf("after a failure: %+v, want failed with a reason", e)
	}
	f.clock.Add(-49 * time.Hour)
	if err := f.svc.DeleteReply(ctx, "marco", cs.ID, wrong, false); err != nil {
		t.Fatalf("asking again after a failure: %v", err)
	}
	taken = f.sent.taken()
	if err := f.svc.ReportDelivery(ctx, cs.Contact, dispatch.Delivery{From: handoff.From, Ref: taken[len(taken)-1].Ref}); err != nil {
		t.Fatal(err)
	}
	if e := entry(wrong); e.Unsent != handoff.UnsendDone || e.UnsentWhy != "" {
		t.Errorf("after the delivery: %+v, want done", e)
	}
	audit, err := f.svc.Queue().Audit(ctx, 20)
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, a := range audit {
		if a.Action == "delete-reply" && a.Operator == "marco" {
			n++
		}
	}
	if n != 2 {
		t.Errorf("%d delete-reply lines in the audit log, want 2: %+v", n, audit)
	}
}

// TestReplyTakenBackOnTelegram runs DeleteReply through the runtime as
// serve wires it (dispatcher, Trail, outbox, delivery reports, the
// Telegram adapter against the fake Bot API): the reply's message id comes
// back with its delivery, the operator deletes the reply, and the Bot API
// is asked to delete that message and no other; the transcript says so.
func TestReplyTakenBackOnTelegram(t *testing.T) {
	d := startDeskWith(t, handoff.Config{}, dispatch.Options{Trail: &dispatch.Trail{}})
	ctx := context.Background()
	const chat = 7171
	contact := bot.Contact{Channel: "telegram", ID: "7171"}
	d.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_it"))
	d.waitSaid(t, chat, 1)
	d.tg.AddUpdates(telegramtest.Callback(chat, "q1", "consent.yes"))
	d.waitSaid(t, chat, 2)
	d.tg.AddUpdates(telegramtest.Command(chat, 2, "/person"))
	waitFor(t, "the case", func() bool { _, err := d.svc.OpenCase(ctx, contact); return err == nil })
	cs, err := d.svc.OpenCase(ctx, contact)
	if err != nil {
		t.Fatal(err)
	}
	addOperator(t, d.svc, "marco", []string{"it"}, []string{"*"}, 3)
	if err := d.svc.Claim(ctx, "marco", cs.ID); err != nil {
		t.Fatal(err)
	}
	const wrong = "Il suo appuntamento è con l'avvocato Rossi"
	if err := d.svc.Reply(ctx, "marco", cs.ID, wrong); err != nil {
		t.Fatal(err)
	}
	var reply handoff.Entry
	waitFor(t, "the reply's message id", func() bool {
		tx, err := d.svc.Transcript(ctx, cs.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range tx {
			if e.By == "operator" && len(e.Sent) > 0 {
				reply = e
				return true
			}
		}
		return false
	})
	var sentID int
	for _, m := range d.tg.Messages(chat) {
		if strings.Contains(m.Text, "Rossi") {
			sentID = m.MessageID
		}
	}
	if want := []string{strconv.Itoa(sentID)}; sentID == 0 || !slices.Equal(reply.Sent, want) {
		t.Fatalf("reply kept ids %q, want the message the Bot API gave, %q", reply.Sent, want)
	}
	if err := d.svc.DeleteReply(ctx, "marco", cs.ID, reply.ID, false); err != nil {
		t.Fatal(err)
	}
	waitFor(t, "the reply deleted", func() bool {
		tx, err := d.svc.Transcript(ctx, cs.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range tx {
			if e.ID == reply.ID && e.By == "operator" {
				return e.Unsent == handoff.UnsendDone
			}
		}
		return false
	})
	if got := d.tg.Deleted(chat); !slices.Equal(got, []int{sentID}) {
		t.Errorf("deleted %v from the chat, want only the reply %d", got, sentID)
	}
}

// dyingOut is the outbound path of a process that stops as it is asked
// to queue something: its Redis connection goes first, so nothing more
// of that process reaches Redis (not the note that the deletion failed).
type dyingOut struct{ rdb interface{ Close() error } }

func (d dyingOut) Send(context.Context, bot.Contact, dispatch.Outbound) error {
	d.rdb.Close()
	return errors.New("process stopped")
}

// TestDeleteReplyAfterACrash: a process stops between marking a reply as
// being deleted and queueing its deletion. The reply is not stuck: once
// UnsendAgainAfter has passed (not before, so a double click queues one
// deletion) another process takes it back, every part; a late report of
// a failure does not undo a deletion done.
func TestDeleteReplyAfterACrash(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	cat := shared.Catalog(t)
	clock := newClock()
	out := &sent{}
	svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{Clock: clock.Now, PasswordCost: 4, Out: out})
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	addOperator(t, svc, "marco", []string{"it"}, []string{"*"}, 3)
	cs := open(t, svc, "41", "it", "legal", false)
	if err := svc.Claim(ctx, "marco", cs.ID); err != nil {
		t.Fatal(err)
	}
	if err := svc.Reply(ctx, "marco", cs.ID, "Il suo appuntamento è con l'avvocato Rossi"); err != nil {
		t.Fatal(err)
	}
	ref := out.lastRef()
	_, entry, _ := strings.Cut(ref, "/")
	if err := svc.ReportDelivery(ctx, cs.Contact, dispatch.Delivery{From: handoff.From, Ref: ref, IDs: []string{"G1", "G2"}}); err != nil {
		t.Fatal(err)
	}
	state := func() handoff.Entry {
		t.Helper()
		tx, err := svc.Transcript(ctx, cs.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range tx {
			if e.ID == entry && e.By == "operator" {
				return e
			}
		}
		t.Fatalf("no reply %s in %+v", entry, tx)
		return handoff.Entry{}
	}

	dying := storetest.Client(t)
	first, err := handoff.New(dying, keys, handoff.Config{}, cat, handoff.Options{Clock: clock.Now, PasswordCost: 4, Out: dyingOut{dying}})
	if err != nil {
		t.Fatal(err)
	}
	if err := first.DeleteReply(ctx, "marco", cs.ID, entry, false); err == nil {
		t.Fatal("the stopped process reported the deletion queued")
	}
	if e := state(); e.Unsent != handoff.UnsendAsked {
		t.Fatalf("after the stop: %+v, want the reply left being deleted", e)
	}

	if err := svc.DeleteReply(ctx, "marco", cs.ID, entry, false); !errors.Is(err, handoff.ErrCannotUnsend) {
		t.Errorf("asked again at once: err %v, want refused as being deleted", err)
	}
	clock.Add(handoff.UnsendAgainAfter)
	if err := svc.DeleteReply(ctx, "marco", cs.ID, entry, false); err != nil {
		t.Fatalf("asked again after %s: %v", handoff.UnsendAgainAfter, err)
	}
	taken := out.taken()
	if len(taken) != 1 || !slices.Equal(taken[0].Unsend, []string{"G1", "G2"}) {
		t.Fatalf("queued %+v, want one deletion of both parts", taken)
	}
	if err := svc.ReportDelivery(ctx, cs.Contact, dispatch.Delivery{From: handoff.From, Ref: taken[0].Ref}); err != nil {
		t.Fatal(err)
	}
	if e := state(); e.Unsent != handoff.UnsendDone {
		t.Fatalf("after the deletion: %+v, want done", e)
	}
	if err := svc.ReportDelivery(ctx, cs.Contact, dispatch.Delivery{From: handoff.From, Ref: taken[0].Ref, Failure: dispatch.FailRejected}); err != nil {
		t.Fatal(err)
	}
	if e := state(); e.Unsent != handoff.UnsendDone {
		t.Errorf("a late failure undid the deletion: %+v", e)
	}
	clock.Add(handoff.UnsendAgainAfter)
	if err := svc.DeleteReply(ctx, "marco", cs.ID, entry, false); !errors.Is(err, handoff.ErrCannotUnsend) {
		t.Errorf("a reply deleted already asked again: err %v", err)
	}
}

// TestPartsOfAFailedReplyCanBeTakenBack: a reply that reached the person
// only in part (the channel gave up on the rest) keeps the ids of the
// parts that went, so the operator can take those back.
func TestPartsOfAFailedReplyCanBeTakenBack(t *testing.T) {
	f := newService(t, handoff.Config{})
	ctx := context.Background()
	addOperator(t, f.svc, "marco", []string{"it"}, []string{"*"}, 3)
	cs := open(t, f.svc, "42", "it", "legal", false)
	if err := f.svc.Claim(ctx, "marco", cs.ID); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.Reply(ctx, "marco", cs.ID, strings.Repeat("Una frase lunga. ", 400)); err != nil {
		t.Fatal(err)
	}
	ref := f.sent.lastRef()
	_, entry, _ := strings.Cut(ref, "/")
	if err := f.svc.ReportDelivery(ctx, cs.Contact, dispatch.Delivery{From: handoff.From, Ref: ref, Failure: dispatch.FailGaveUp,
		Detail: "connection lost", IDs: []string{"G1"}}); err != nil {
		t.Fatal(err)
	}
	if err := f.svc.DeleteReply(ctx, "marco", cs.ID, entry, false); err != nil {
		t.Fatalf("taking back the part that went: %v", err)
	}
	if taken := f.sent.taken(); len(taken) != 1 || !slices.Equal(taken[0].Unsend, []string{"G1"}) {
		t.Errorf("queued %+v, want the part that went taken back", taken)
	}
}

// TestDeleteMyDataTakesTheChatBack runs /delete as serve wires it, on
// Telegram (the fake Bot API), during a case an operator answered: the
// bot's messages, the operator's reply and the person's own messages go
// from the chat (Telegram lets a bot delete both sides of a private chat
// for 48 hours), then the confirmation comes and stays. Their ids are
// the person's data: after the erasure nothing could take them back.
func TestDeleteMyDataTakesTheChatBack(t *testing.T) {
	d := startDeskWith(t, handoff.Config{}, dispatch.Options{Trail: &dispatch.Trail{}})
	ctx := context.Background()
	const chat = 7272
	contact := bot.Contact{Channel: "telegram", ID: "7272"}
	d.tg.AddUpdates(telegramtest.Command(chat, 1, "/start lang_it"))
	d.waitSaid(t, chat, 1)
	d.tg.AddUpdates(telegramtest.Callback(chat, "q1", "consent.yes"))
	d.waitSaid(t, chat, 2)
	d.tg.AddUpdates(telegramtest.Command(chat, 2, "/person"))
	waitFor(t, "the case", func() bool { _, err := d.svc.OpenCase(ctx, contact); return err == nil })
	cs, err := d.svc.OpenCase(ctx, contact)
	if err != nil {
		t.Fatal(err)
	}
	addOperator(t, d.svc, "marco", []string{"it"}, []string{"*"}, 3)
	if err := d.svc.Claim(ctx, "marco", cs.ID); err != nil {
		t.Fatal(err)
	}
	if err := d.svc.Reply(ctx, "marco", cs.ID, "La aspettiamo domani in via Roma 3"); err != nil {
		t.Fatal(err)
	}
	d.tg.AddUpdates(telegramtest.Text(chat, 3, "mio marito mi controlla il telefono"))
	waitFor(t, "the person's words in the case", func() bool {
		return slices.Contains(transcriptTexts(t, d.svc, cs.ID), "person::mio marito mi controlla il telefono")
	})
	d.tg.AddUpdates(telegramtest.Command(chat, 4, "/delete"))
	d.waitText(t, chat, d.cat.Text("it", "delete.confirm", nil))
	// Everything the bot said up to the question, which went out after
	// the rest (a contact's messages are sent in order): the fake records
	// a message's id with its answer, and numbers the bot's messages apart
	// from the person's 1 to 4, so neither check can be met by the other.
	before := d.tg.Messages(chat)
	d.tg.AddUpdates(telegramtest.Callback(chat, "q2", "delete.yes"))
	d.waitText(t, chat, d.cat.Text("it", "delete.done", nil))
	deleted := d.tg.Deleted(chat)
	for _, m := range before {
		if !slices.Contains(deleted, m.MessageID) {
			t.Errorf("the bot's message %d (%.30q) is still in the chat; deleted %v", m.MessageID, m.Text, deleted)
		}
	}
	for _, id := range []int{1, 2, 3, 4} {
		if !slices.Contains(deleted, id) {
			t.Errorf("the person's message %d is still in the chat; deleted %v", id, deleted)
		}
	}
	for _, m := range d.tg.Messages(chat) {
		if m.Text == d.cat.Text("it", "delete.done", nil) && slices.Contains(deleted, m.MessageID) {
			t.Errorf("the confirmation was deleted too")
		}
	}
	if !slices.ContainsFunc(d.tg.Messages(chat), func(m telegramtest.Call) bool { return strings.Contains(m.Text, "via Roma 3") }) {
		t.Fatal("the operator's reply was never sent")
	}
}
