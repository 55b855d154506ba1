package texts

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"frontdoor/locales"
	"frontdoor/store/storetest"
)

func load(t *testing.T) *locales.Catalog {
	t.Helper()
	cat, err := locales.Load()
	if err != nil {
		t.Fatal(err)
	}
	return cat
}

// waitFor waits until ok holds, failing the test at the deadline.
func waitFor(t *testing.T, what string, ok func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !ok() {
		if time.Now().After(deadline) {
			t.Fatalf("%s: not within 10s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// Two Frontdoor processes on one Redis: a text published through one is
// what the other's people read, without a restart, heard on the channel
// (the poll is an hour here, so only the announcement can bring it); a
// revert and a reset reach it the same way.
func TestPublishReachesEveryProcess(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	shipped := load(t).Text("it", "menu.prompt", nil)
	var cats []*locales.Catalog
	var st *Store
	for range 2 {
		cat := load(t)
		st = NewStore(rdb, keys, cat, nil)
		follow := NewSync(st, cat, SyncOptions{Poll: time.Hour})
		done := make(chan error, 1)
		go func() { done <- follow.Run(ctx) }()
		t.Cleanup(func() {
			cancel()
			if err := <-done; err != nil {
				t.Error(err)
			}
		})
		// Run has loaded once the catalogue knows publication 0.
		waitFor(t, "first load", func() bool { follow.mu.Lock(); defer follow.mu.Unlock(); return follow.seen == 0 })
		cats = append(cats, cat)
	}
	everywhere := func(what, want string) {
		t.Helper()
		for i, cat := range cats {
			waitFor(t, what+" in process "+string(rune('A'+i)), func() bool { return cat.Text("it", "menu.prompt", nil) == want })
		}
	}
	v1, err := st.Publish(ctx, locales.Text{Lang: "it", ID: "menu.prompt", Other: "Prima versione."}, "eva")
	if err != nil {
		t.Fatal(err)
	}
	everywhere("first version", "Prima versione.")
	if _, err := st.Publish(ctx, locales.Text{Lang: "it", ID: "menu.prompt", Other: "Seconda versione."}, "eva"); err != nil {
		t.Fatal(err)
	}
	everywhere("second version", "Seconda versione.")
	if _, err := st.Revert(ctx, "it", "menu.prompt", v1, "leo"); err != nil {
		t.Fatal(err)
	}
	everywhere("revert", "Prima versione.")
	if _, err := st.Reset(ctx, "it", "menu.prompt", "leo"); err != nil {
		t.Fatal(err)
	}
	everywhere("reset", shipped)

	hist, err := st.History(ctx, "it", "menu.prompt")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range hist {
		got = append(got, e.Action+" "+e.By+" "+e.Text.Other)
	}
	want := []string{"reset leo ", "revert leo Prima versione.", "publish eva Seconda versione.", "publish eva Prima versione."}
	if strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("history = %q, want %q", got, want)
	}
	if hist[1].From != v1 || hist[0].Version <= hist[1].Version || hist[0].At.IsZero() {
		t.Errorf("history numbers: %+v", hist)
	}
}

// A process that missed every announcement (it was not listening) still
// catches up: Reload compares the publication number.
func TestReloadCatchesUpWithoutAnnouncement(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	writer, reader := load(t), load(t)
	if _, err := NewStore(rdb, keys, writer, nil).Publish(ctx, locales.Text{Lang: "ar", ID: "menu.prompt", Other: "اختر موضوعًا."}, "eva"); err != nil {
		t.Fatal(err)
	}
	if err := NewSync(NewStore(rdb, keys, reader, nil), reader, SyncOptions{}).Reload(ctx); err != nil {
		t.Fatal(err)
	}
	if got := reader.Text("ar", "menu.prompt", nil); got != "اختر موضوعًا." {
		t.Errorf("after Reload: %q", got)
	}
}

// A bad template can be neither saved as a draft nor published, and
// nothing of it is stored.
func TestBadTextIsRefused(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	cat := load(t)
	st := NewStore(rdb, keys, cat, nil)
	bad := locales.Text{Lang: "fr", ID: "urgent.short", Other: "En danger ? Appelez le {{.Urgence}}."}
	var be *BadTextError
	if err := st.SaveDraft(ctx, bad, "eva"); !errors.As(err, &be) || !strings.Contains(err.Error(), "{{.Emergency}}") {
		t.Errorf("SaveDraft = %v, want the missing {{.Emergency}} named", err)
	}
	if _, err := st.Publish(ctx, bad, "eva"); !errors.As(err, &be) || len(be.Problems) != 3 {
		t.Errorf("Publish = %v, want three problems (Emergency missing, Urgence unknown, <no value>)", err)
	}
	if _, ok, _ := st.Draft(ctx, "fr", "urgent.short"); ok {
		t.Error("a bad draft was kept")
	}
	if v, ts, err := st.Published(ctx); err != nil || v != 0 || len(ts) != 0 {
		t.Errorf("published after refusals: %d %v %v", v, ts, err)
	}
}

// Publishing takes the draft away; a discarded draft is gone.
func TestDrafts(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	st := NewStore(rdb, keys, load(t), nil)
	d := locales.Text{Lang: "uk", ID: "menu.prompt", Other: "Оберіть тему."}
	if err := st.SaveDraft(ctx, d, "eva"); err != nil {
		t.Fatal(err)
	}
	if got, ok, err := st.Draft(ctx, "uk", "menu.prompt"); err != nil || !ok || got.Text != d || got.By != "eva" {
		t.Fatalf("Draft = %+v %v %v", got, ok, err)
	}
	if _, err := st.Publish(ctx, d, "eva"); err != nil {
		t.Fatal(err)
	}
	if ds, err := st.Drafts(ctx); err != nil || len(ds) != 0 {
		t.Errorf("drafts after publishing = %v %v", ds, err)
	}
	if err := st.SaveDraft(ctx, d, "eva"); err != nil {
		t.Fatal(err)
	}
	if err := st.DiscardDraft(ctx, "uk", "menu.prompt"); err != nil {
		t.Fatal(err)
	}
	if _, ok, _ := st.Draft(ctx, "uk", "menu.prompt"); ok {
		t.Error("draft still there after discarding")
	}
	if _, err := st.Revert(ctx, "uk", "menu.prompt", 999, "eva"); !errors.Is(err, ErrNoVersion) {
		t.Errorf("revert to an unknown version = %v", err)
	}
}

// Editors saving one message at the same moment from the same page: one
// save wins, every other is refused with the winner's text, whatever the
// interleaving (the check and the write are one script).
func TestConcurrentSavesFromOneBase(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	st := NewStore(rdb, keys, load(t), nil)
	base, err := st.Base(ctx, "it", "menu.prompt")
	if err != nil || base != "0" {
		t.Fatalf("base of a shipped text: %q %v", base, err)
	}
	const editors = 8
	errs := make(chan error, editors)
	for i := range editors {
		go func() {
			t := locales.Text{Lang: "it", ID: "menu.prompt", Other: fmt.Sprintf("Versione %d.", i)}
			if i%2 == 0 {
				errs <- st.SaveDraftFrom(ctx, t, fmt.Sprint("ed", i), base)
				return
			}
			_, err := st.PublishFrom(ctx, t, fmt.Sprint("ed", i), base)
			errs <- err
		}()
	}
	won, refused := 0, 0
	for range editors {
		var c *ConflictError
		switch err := <-errs; {
		case err == nil:
			won++
		case errors.As(err, &c) && strings.HasPrefix(c.Other.Text.Other, "Versione "):
			refused++
		default:
			t.Errorf("unexpected: %v", err)
		}
	}
	if won != 1 || refused != editors-1 {
		t.Errorf("%d saves went through and %d were refused, want 1 and %d", won, refused, editors-1)
	}
}
