package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"errors"
	"fmt"
	"hash/fnv"
	"log/slog"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/bot/dispatch"
	"frontdoor/broadcast"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// Before serve (or migrate) has moved the contacts' keys, broadcast
// refuses, saying what to run, and drops no subscriber: read at its new
// key, each would look expired and leave its topic.
func TestBroadcastRefusesTheOldLayout(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	const ck = "telegram:42"
	h := fnv.New32a()
	h.Write([]byte(ck))
	rdb.HSet(ctx, fmt.Sprintf("%s{%d}:bsub:%s", keys.Prefix(), h.Sum32()%16, ck), "t", "health")
	topic := keys.Global("bc:topic:health")
	rdb.SAdd(ctx, topic, ck)
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfgPath, []byte("redis:\n  prefix: \""+keys.Prefix()+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	campaign := filepath.Join(dir, "c.yaml")
	if err := os.WriteFile(campaign, []byte("id: c-1\ntexts:\n  it: \"Ciao.\"\nfallback: skip\nsegment:\n  topic: health\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := storetest.Env()
	getenv := func(k string) string { return env[k] }
	for _, args := range [][]string{{"create", campaign}, {"preview", "c-1"}, {"send", "c-1", "--detach"}} {
		var out, errOut bytes.Buffer
		err := broadcastCommand(ctx, append(args, "--config", cfgPath), &out, &errOut, getenv)
		if !errors.Is(err, store.ErrLayoutOld) || !strings.Contains(err.Error(), "migrate") {
			t.Errorf("broadcast %v: %v, want it refused until the layout is upgraded", args, err)
		}
	}
	if !rdb.SIsMember(ctx, topic, ck).Val() {
		t.Error("a subscriber in the old layout was dropped from its topic")
	}
}

func TestBroadcastCommand(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	var mu sync.Mutex
	got := map[string]string{}
	rec := bot.SenderFunc(func(_ context.Context, to bot.Contact, r bot.Reply) error {
		mu.Lock()
		defer mu.Unlock()
		got[to.ID] = r.Text
		return nil
	})
	// The layout serve upgrades at start, and the Service it would run.
	if _, err := store.UpgradeLayout(ctx, rdb, keys, slog.New(slog.DiscardHandler)); err != nil {
		t.Fatal(err)
	}
	direct := dispatch.NewDirect(rdb, keys, map[string]bot.Sender{"telegram": rec, "webchat": rec}, nil, nil)
	svc := broadcast.New(rdb, keys, broadcast.Config{}, direct, broadcast.Options{Tick: 20 * time.Millisecond})
	for i, lang := range []string{"it", "it", "ar", "fr"} {
		ch := "telegram"
		if i == 1 {
			ch = "webchat"
		}
		if err := svc.HandleEvent(ctx, bot.Contact{Channel: ch, ID: strconv.Itoa(i)}, bot.Subscribed{Topic: "health", On: true, Lang: lang}); err != nil {
			t.Fatal(err)
		}
	}
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfgPath, []byte("redis:\n  prefix: \""+keys.Prefix()+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	campaign := filepath.Join(dir, "vaccini.yaml")
	if err := os.WriteFile(campaign, []byte(`id: vaccini-2026
texts:
  it: "Sabato 28 vaccinazioni gratuite in via Roma 1."
  ar: "يوم السبت 28 تطعيمات مجانية."
fallback: skip
choices:
  - id: menu.health
    labels: {it: "Salute", ar: "الصحة"}
segment:
  topic: health
`), 0o600); err != nil {
		t.Fatal(err)
	}
	env := storetest.Env()
	getenv := func(k string) string { return env[k] }
	run := func(args ...string) string {
		t.Helper()
		var out, errOut bytes.Buffer
		if err := broadcastCommand(ctx, append(args, "--config", cfgPath), &out, &errOut, getenv); err != nil {
			t.Fatalf("broadcast %v: %v\n%s", args, err, errOut.String())
		}
		return out.String()
	}
	out := run("create", campaign)
	for _, want := range []string{"campaign vaccini-2026 created", "audience: 3 recipients (1 skipped", "by language: ar 1, it 2", "by channel:  telegram 2, webchat 1"} {
		if !strings.Contains(out, want) {
			t.Fatalf("create printed %q, want %q", out, want)
		}
	}
	if out := run("send", "vaccini-2026", "--detach"); !strings.Contains(out, "started") {
		t.Fatalf("send printed %q", out)
	}
	runCtx, cancel := context.WithCancel(ctx)
	defer cancel()
	go svc.Run(runCtx)
	out = run("status", "vaccini-2026", "--watch")
	for _, want := range []string{"100% 3/3", "sent          3", "blocked the bot 0"} {
		if !strings.Contains(out, want) {
			t.Fatalf("status --watch printed %q, want %q", out, want)
		}
	}
	mu.Lock()
	if len(got) != 3 || got["2"] != "يوم السبت 28 تطعيمات مجانية." || got["3"] != "" {
		t.Fatalf("delivered %v", got)
	}
	mu.Unlock()
	rows, err := csv.NewReader(strings.NewReader(run("report", "vaccini-2026", "--csv"))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5 || rows[0][2] != "outcome" {
		t.Fatalf("csv %v", rows)
	}
	var skipped, sent int
	for _, r := range rows[1:] {
		switch r[2] {
		case "skip":
			skipped++
		case "sent":
			sent++
		}
		if strings.Contains(strings.Join(r, ","), ",0,") {
			t.Fatalf("csv shows a raw contact id: %v", r)
		}
	}
	if skipped != 1 || sent != 3 {
		t.Fatalf("csv %v", rows)
	}
	var errOut bytes.Buffer
	if err := broadcastCommand(ctx, []string{"pause", "vaccini-2026", "--config", cfgPath}, &bytes.Buffer{}, &errOut, getenv); err == nil {
		t.Fatal("pausing a finished campaign succeeded")
	}
}
