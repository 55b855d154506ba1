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

	"frontdoor/store/storetest"
)

// frontdoor migrate moves a contact's key of the 16-shard layout to its
// shard of 256, says what it did, and once done says so without a scan
// (unless --again).
func TestMigrateCommand(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfgPath, []byte("redis:\n  prefix: \""+keys.Prefix()+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := storetest.Env()
	getenv := func(k string) string { return env[k] }
	const ck = "telegram:42"
	h := fnv.New32a()
	h.Write([]byte(ck))
	old := fmt.Sprintf("%s{%d}:bsub:%s", keys.Prefix(), h.Sum32()%16, ck)
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
