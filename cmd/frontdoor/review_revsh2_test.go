package main

// Review of shard19b (b385fb84): failing tests only.

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/redis/go-redis/v9"

	"frontdoor/store"
	"frontdoor/store/storetest"
)

// pingFails fails PING only: Redis reported away by /healthz's own probe
// while the GET that follows it still answers (a timeout on a loaded
// server, a link that flaps).
type pingFails struct{}

func (pingFails) DialHook(next redis.DialHook) redis.DialHook { return next }
func (pingFails) ProcessHook(next redis.ProcessHook) redis.ProcessHook {
	return func(ctx context.Context, cmd redis.Cmder) error {
		if cmd.Name() == "ping" {
			err := errors.New("i/o timeout")
			cmd.SetErr(err)
			return err
		}
		return next(ctx, cmd)
	}
}
func (pingFails) ProcessPipelineHook(next redis.ProcessPipelineHook) redis.ProcessPipelineHook {
	return next
}

// The old layout's "warning" is set after the Redis check and overwrites
// its "degraded": with a sighting recorded (15 minutes), a Redis that does
// not answer /healthz's PING gives 200 and status warning, so the load
// balancer and the supervisor never hear of it. A warning must not lower
// a degraded status.
func TestRevSh2HealthWarningHidesRedisDown(t *testing.T) {
	_, keys := storetest.Redis(t)
	rdb := storetest.ClientDialing(t, nil)
	ctx := context.Background()
	rdb.RPush(ctx, keys.Prefix()+"{3}:ready", "telegram:1")
	if n, err := store.FindOldWriters(ctx, rdb, keys); err != nil || n != 1 {
		t.Fatalf("FindOldWriters = %d %v, want 1", n, err)
	}
	rdb.AddHook(pingFails{})
	rec := httptest.NewRecorder()
	healthHandler(&store.DB{Client: rdb}, keys, nil).ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/healthz", nil))
	var body map[string]any
	if err := json.NewDecoder(rec.Body).Decode(&body); err != nil {
		t.Fatal(err)
	}
	if rec.Code != http.StatusServiceUnavailable || body["status"] != "degraded" {
		t.Errorf("/healthz with Redis's PING failing = %d %v, want 503 and degraded", rec.Code, body)
	}
}
