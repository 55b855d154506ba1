package handoff_test

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"

	"frontdoor/bot"
	"frontdoor/handoff"
	"frontdoor/store/storetest"
)

// failingFetcher fails every download with err.
type failingFetcher struct{ err error }

func (f failingFetcher) FetchMedia(context.Context, bot.Contact, string) ([]byte, string, error) {
	return nil, "", f.err
}

// The operator learns a file was too big from a fetcher's error wrapping
// ErrMediaTooBig, whatever its text; other failures ask for it again.
func TestMediaFetchErrorsToldToTheOperator(t *testing.T) {
	for _, tt := range []struct {
		err  error
		want string
	}{
		{fmt.Errorf("somechannel: fetch media: %w", handoff.ErrMediaTooBig), "could not fetch the photo: too big"},
		{errors.New("connection reset by peer"), "could not fetch the photo: the download failed"},
	} {
		rdb, keys := storetest.Redis(t)
		storetest.CheckScriptKeys(t, rdb)
		cat := shared.Catalog(t)
		svc, err := handoff.New(rdb, keys, handoff.Config{}, cat, handoff.Options{PasswordCost: 4,
			Fetchers: map[string]handoff.MediaFetcher{"telegram": failingFetcher{tt.err}}})
		if err != nil {
			t.Fatal(err)
		}
		ctx := context.Background()
		cs := open(t, svc, "12", "it", "legal", false)
		c := cs.Contact
		h := svc.Wrap(&recordingHandler{})
		if _, err := h.Handle(ctx, bot.Turn{Contact: c, Message: bot.Message{Contact: c, ID: "m1", Attachment: bot.AttachPhoto, Media: "ref"}}); err != nil {
			t.Fatal(err)
		}
		tx, err := svc.Transcript(ctx, cs.ID)
		if err != nil {
			t.Fatal(err)
		}
		if last := tx[len(tx)-1]; !strings.HasPrefix(last.MediaError, tt.want) {
			t.Errorf("%v: media error = %q, want %q...", tt.err, last.MediaError, tt.want)
		}
	}
}
