package main

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"frontdoor/store"
	"frontdoor/store/storetest"
)

// Keys of the 16-shard layout written after the upgrade (a process of
// the older version still running) make /healthz of every process say so,
// degraded, once a janitor has found them.
func TestHealthSaysOldWritersRun(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	db := &store.DB{Client: rdb}
	get := func() (int, map[string]any) {
		t.Helper()
		rec := httptest.NewRecorder()
		healthHandler(db, keys, nil).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
		var body map[string]any
		if err := json.NewDecoder(rec.Body).Decode(&body); err != nil {
			t.Fatal(err)
		}
		return rec.Code, body
	}
	if code, body := get(); code != http.StatusOK || body["layout"] != "ok" {
		t.Fatalf("/healthz = %d %v, want 200 and layout ok", code, body)
	}
	rdb.RPush(ctx, keys.Prefix()+"{12}:ready", "telegram:1")
	if n, err := store.FindOldWriters(ctx, rdb, keys); err != nil || n != 1 {
		t.Fatalf("FindOldWriters = %d %v, want 1", n, err)
	}
	code, body := get()
	// 200, not 503: this process serves; a 503 would turn a load balancer
	// or a supervisor against the one process that reads the new layout.
	if l, _ := body["layout"].(string); code != http.StatusOK || body["status"] != "warning" || !strings.HasPrefix(l, "error") {
		t.Errorf("/healthz = %d %v, want 200, warning and a layout error", code, body)
	}
}
