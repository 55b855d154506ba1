package main

import (
	"bytes"
	"context"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

// frontdoor migrate moves a contact's key of the 16-shard layout to its
// shard of 256, says what it did, and once done says so without a scan
// (unless --again).
func TestMigrateCommand(t *testing.T) {
	rdb, keys, cfgPath, getenv := migrateSetup(t)
	ctx := context.Background()
	const ck = "telegram:42"
	old := oldShardKey(keys, "bsub", ck)
	rdb.HSet(ctx, old, "t", "news")
	rdb.Expire(ctx, old, time.Hour)
	var out, errs bytes.Buffer
	if err := migrateCommand(ctx, []string{"--config", cfgPath}, &out, &errs, getenv); err != nil {
		t.Fatalf("migrate: %v\n%s", err, errs.String())
	}
	if !strings.Contains(out.String(), "moved 1 contact keys") {
		t.Errorf("migrate said %q", out.String())
	}
	if v := rdb.HGet(ctx, keys.ContactKey(ck, "bsub"), "t").Val(); v != "news" || rdb.Exists(ctx, old).Val() != 0 {
		t.Errorf("after migrate: the new key holds %q, the old one exists %d", v, rdb.Exists(ctx, old).Val())
	}
	out.Reset()
	if err := migrateCommand(ctx, []string{"--config", cfgPath}, &out, &errs, getenv); err != nil || !strings.Contains(out.String(), "already") {
		t.Errorf("migrate again: %v %q", err, out.String())
	}
	out.Reset()
	if err := migrateCommand(ctx, []string{"--config", cfgPath, "--again"}, &out, &errs, getenv); err != nil || !strings.Contains(out.String(), "moved 0 contact keys") {
		t.Errorf("migrate --again: %v %q", err, out.String())
	}
}

// A key that migrate --again leaves (an old process wrote it after the
// move, and its new key holds another value) is logged by its shard, name
// and the contact's keyed pseudonym: never the contact's id (a phone
// number), nor the plain pseudonym, which trying every number reverses.
func TestMigrateLogsNoContactID(t *testing.T) {
	rdb, keys, cfgPath, getenv := migrateSetup(t)
	ctx := context.Background()
	const id = "393471234567"
	ck := "whatsapp:" + id
	old := oldShardKey(keys, "bsub", ck)
	rdb.HSet(ctx, old, "t", "written again")
	rdb.HSet(ctx, keys.ContactKey(ck, "bsub"), "t", "news")
	rdb.Set(ctx, keys.Global("layout"), "256", 0)
	var out, errs bytes.Buffer
	if err := migrateCommand(ctx, []string{"--config", cfgPath, "--again"}, &out, &errs, getenv); err != nil {
		t.Fatalf("migrate --again: %v\n%s", err, errs.String())
	}
	if !strings.Contains(out.String(), "1 left as their new key holds another value") {
		t.Errorf("migrate said %q", out.String())
	}
	logged := errs.String()
	plain := bot.Contact{Channel: "whatsapp", ID: id}.String()
	if !strings.Contains(logged, "bsub") || !strings.Contains(logged, "contact=whatsapp:") {
		t.Errorf("log %q: want the key's name and the contact's pseudonym", logged)
	}
	if strings.Contains(logged, id) || strings.Contains(logged, plain) {
		t.Errorf("log %q holds the contact's id or its unkeyed pseudonym %s", logged, plain)
	}
}

// migrateSetup is a test's Redis and a config file naming its prefix, as
// frontdoor migrate reads them.
func migrateSetup(t *testing.T) (redis.UniversalClient, store.Keys, string, func(string) string) {
	t.Helper()
	rdb, keys := storetest.Redis(t)
	cfgPath := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(cfgPath, []byte("redis:\n  prefix: \""+keys.Prefix()+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := storetest.Env()
	return rdb, keys, cfgPath, func(k string) string { return env[k] }
}

// oldShardKey is a contact's key as the 16-shard layout named it.
func oldShardKey(keys store.Keys, name, ck string) string {
	h := fnv.New32a()
	h.Write([]byte(ck))
	return fmt.Sprintf("%s{%d}:%s:%s", keys.Prefix(), h.Sum32()%16, name, ck)
}
