package store_test

import (
	"bytes"
	"context"
	"log/slog"
	"net"
	"strings"
	"testing"

	"frontdoor/store"
	"frontdoor/store/storetest"
)

func TestOpenWithoutConfigurationIsEmbeddedAndSaysSo(t *testing.T) {
	var logs bytes.Buffer
	db, err := store.Open(context.Background(), store.Options{}, slog.New(slog.NewTextHandler(&logs, nil)))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if !db.Embedded {
		t.Fatal("not embedded")
	}
	if !strings.Contains(logs.String(), "level=WARN") || !strings.Contains(logs.String(), "nothing survives a restart") {
		t.Fatalf("no clear warning: %q", logs.String())
	}
	ctx := context.Background()
	if err := db.Client.Set(ctx, "k", "v", 0).Err(); err != nil {
		t.Fatal(err)
	}
	if v, _ := db.Client.Get(ctx, "k").Result(); v != "v" {
		t.Fatalf("get = %q", v)
	}
}

// TestOpenConfiguredRedis: the Redis the tests are given (one server, a
// Cluster, a Sentinel group) is opened as what it is, never replaced by
// the embedded one.
func TestOpenConfiguredRedis(t *testing.T) {
	o := storetest.Options()
	db, err := store.Open(context.Background(), o, slog.New(slog.DiscardHandler))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if db.Embedded {
		t.Fatal("a configured Redis was replaced by the embedded one")
	}
	want := store.ModeSingle
	switch {
	case o.MasterName != "":
		want = store.ModeSentinel
	case len(o.Addrs) > 0:
		want = store.ModeCluster
	}
	if db.Mode != want {
		t.Errorf("%s opened as %q, want %q", o.Describe(), db.Mode, want)
	}
}

func TestUnreachableRedisIsAnErrorWithoutThePassword(t *testing.T) {
	ln, _ := net.Listen("tcp", "127.0.0.1:0")
	addr := ln.Addr().String()
	ln.Close()
	for _, o := range []store.Options{
		{URL: "redis://:s3cret@" + addr + "/0"},
		{Addrs: []string{addr}, Password: "s3cret"},
		{Addrs: []string{addr}, MasterName: "mymaster", Password: "s3cret"},
	} {
		_, err := store.Open(context.Background(), o, slog.New(slog.DiscardHandler))
		if err == nil {
			t.Fatalf("%+v: opened an unreachable Redis", o)
		}
		if !strings.Contains(err.Error(), "not reachable") || !strings.Contains(err.Error(), addr) {
			t.Errorf("error does not say what is unreachable: %v", err)
		}
		if strings.Contains(err.Error(), "s3cret") {
			t.Errorf("error shows the password: %v", err)
		}
	}
	if _, err := store.Open(context.Background(), store.Options{URL: "http://x"}, slog.New(slog.DiscardHandler)); err == nil {
		t.Error("bad URL accepted")
	}
}

func TestKeysOfOneContactShareAHashTag(t *testing.T) {
	k := store.NewKeys("")
	if k.Prefix() != "fd:" {
		t.Fatalf("default prefix = %q", k.Prefix())
	}
	tag := func(key string) string {
		i, j := strings.Index(key, "{"), strings.Index(key, "}")
		return key[i : j+1]
	}
	for _, c := range []string{"telegram:1", "telegram:2", "webchat:abc", "whatsapp:39333@s.whatsapp.net"} {
		in, lock := k.ContactKey(c, "in"), k.ContactKey(c, "lock")
		pending := k.ShardKey(store.Shard(c), "pending")
		if tag(in) != tag(lock) || tag(in) != tag(pending) {
			t.Errorf("%s: keys in different slots: %s %s %s", c, in, lock, pending)
		}
		if !strings.HasPrefix(in, "fd:{") || !strings.HasSuffix(in, ":in:"+c) {
			t.Errorf("key layout: %s", in)
		}
		if s := store.Shard(c); s < 0 || s >= store.Shards || s != store.Shard(c) {
			t.Errorf("shard of %s = %d", c, s)
		}
	}
}
