package handoff_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"testing"

	"frontdoor/bot"
	"frontdoor/handoff"
	"frontdoor/locales"
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
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
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
