package console_test

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"testing"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/console"
	"frontdoor/store"
	"frontdoor/store/storetest"
)

func sha(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

// accessChange is one change that takes access away, and what a replica
// holds once it has it.
type accessChange struct {
	name   string
	change func(ctx context.Context) error
	// copied reads the change on the replica.
	copied func(ctx context.Context, r *redis.Client) (bool, error)
}

// accessChanges sets up an account of each change's own on acc and
// returns the changes: an operator removed, their admin taken away, a
// password reset, an API token replaced, a session ended.
func accessChanges(t *testing.T, acc *console.Accounts, rdb redis.UniversalClient, keys store.Keys) []accessChange {
	t.Helper()
	ctx := context.Background()
	p := console.AccountsPrefix(keys)
	account := func(name string) console.Account {
		a := console.Account{Name: name, Languages: []string{"it"}, Admin: true}
		if err := acc.Save(ctx, a, "old-password"); err != nil {
			t.Fatal(err)
		}
		return a
	}
	account("removed")
	demoted := account("demoted")
	account("reset")
	oldID, err := rdb.HGet(ctx, p+"op:reset", "acct").Result()
	if err != nil {
		t.Fatal(err)
	}
	account("rotated")
	oldToken, err := acc.NewToken(ctx, "rotated")
	if err != nil {
		t.Fatal(err)
	}
	account("signed")
	signed, err := acc.Get(ctx, "signed")
	if err != nil {
		t.Fatal(err)
	}
	session, err := acc.NewSession(ctx, signed, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	absent := func(key string) func(context.Context, *redis.Client) (bool, error) {
		return func(ctx context.Context, r *redis.Client) (bool, error) {
			n, err := r.Exists(ctx, key).Result()
			return n == 0, err
		}
	}
	return []accessChange{
		{"remove", func(ctx context.Context) error { return acc.Delete(ctx, "removed") }, absent(p + "op:removed")},
		{"admin taken away", func(ctx context.Context) error {
			d := demoted
			d.Admin = false
			return acc.Save(ctx, d, "")
		}, func(ctx context.Context, r *redis.Client) (bool, error) {
			v, err := r.HGet(ctx, p+"op:demoted", "admin").Result()
			return v == "0", err
		}},
		{"password reset", func(ctx context.Context) error { return acc.SetPassword(ctx, "reset", "new-password") },
			func(ctx context.Context, r *redis.Client) (bool, error) {
				// A reset gives the account a new id: the old one's
				// sessions end with it.
				id, err := r.HGet(ctx, p+"op:reset", "acct").Result()
				return id != oldID, err
			}},
		{"token replaced", func(ctx context.Context) error { _, err := acc.NewToken(ctx, "rotated"); return err }, absent(p + "token:" + sha(oldToken))},
		{"signed out", func(ctx context.Context) error { return acc.EndSession(ctx, session) }, absent(p + "session:" + sha(session))},
	}
}

// TestAccessChangesWaitForAReplica (issue 19, W2d): a change that takes
// access away is on a replica of the accounts' master before it returns,
// and so before the admin reads "removed" (or the command line prints
// it): a failover just after cannot give the access back. On a Sentinel
// group and on a Cluster. The replica is frozen (SIGSTOP) while the
// change runs and let go only once its master holds a client blocked in
// WAIT: without the wait each change returned while the replica was
// still frozen, without it. Left frozen, the change is done all the same
// and reported uncopied to a context of WatchCopies.
func TestAccessChangesWaitForAReplica(t *testing.T) {
	for _, tc := range storetest.ReplicatedCases() {
		t.Run(tc.Name, func(t *testing.T) {
			g := tc.Start(t)
			rdb, keys := storetest.RedisAt(t, g.Options)
			acc := console.NewAccounts(rdb, keys, console.AccountOptions{Languages: []string{"it"}, PasswordCost: 4, ReplicaWait: 2 * time.Second})
			ctx := context.Background()
			// Every key of the accounts is under their tag: one master.
			key := console.AccountsPrefix(keys) + "ops"
			master, replica := g.MasterOf(key), g.ReplicaOf(key)
			onReplica := replica.Reader(t)
			for _, ch := range accessChanges(t, acc, rdb, keys) {
				replica.Freeze(t)
				done := make(chan error, 1)
				go func() { done <- ch.change(ctx) }()
				storetest.WaitsBefore(t, master, replica, done, ch.name+": done")
				replica.Thaw(t)
				if err := <-done; err != nil {
					t.Fatalf("%s: %v", ch.name, err)
				}
				if ok, err := ch.copied(ctx, onReplica); !ok || err != nil {
					t.Errorf("%s: not on the replica when it returned (%v)", ch.name, err)
				}
			}

			// Left frozen: done all the same, and said to be uncopied.
			short := console.NewAccounts(rdb, keys, console.AccountOptions{Languages: []string{"it"}, PasswordCost: 4, ReplicaWait: 300 * time.Millisecond})
			if err := short.Save(ctx, console.Account{Name: "late", Languages: []string{"it"}}, "old-password"); err != nil {
				t.Fatal(err)
			}
			replica.Freeze(t)
			wctx, uncopied := console.WatchCopies(ctx)
			err := short.Delete(wctx, "late")
			replica.Thaw(t)
			if err != nil {
				t.Fatalf("removed with the replica frozen: %v", err)
			}
			if !uncopied() {
				t.Error("removed with the replica frozen: not reported uncopied")
			}
			if ok, err := short.Exists(ctx, "late"); ok || err != nil {
				t.Errorf("removed with the replica frozen: still on the master (%v %v)", ok, err)
			}
		})
	}
}

// TestAccessChangesCostNoRoundTrip: an access change's wait rides in its
// own round trip, so each costs as many round trips as with the wait off;
// on a Sentinel group one WAIT each, on a server without replicas none.
func TestAccessChangesCostNoRoundTrip(t *testing.T) {
	for _, tc := range []struct {
		name  string
		opts  func(t *testing.T) store.Options
		waits int64 // per change
	}{
		{"sentinel", func(t *testing.T) store.Options { return storetest.StartSentinel(t, 10*time.Second).Options() }, 1},
		{"single server without replicas", func(t *testing.T) store.Options {
			return store.Options{URL: "redis://" + storetest.StartServer(t).Addr}
		}, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ctx := context.Background()
			o := tc.opts(t)
			cost := func(wait time.Duration) (n, waits int64) {
				rdb, keys := storetest.RedisAt(t, o)
				acc := console.NewAccounts(rdb, keys, console.AccountOptions{Languages: []string{"it"}, PasswordCost: 4, ReplicaWait: wait})
				// The scripts loaded, the replicas looked at.
				for _, ch := range accessChanges(t, acc, rdb, keys) {
					if err := ch.change(ctx); err != nil {
						t.Fatal(err)
					}
				}
				changes := accessChanges(t, acc, rdb, keys)
				w := &storetest.Trips{}
				rdb.AddHook(w)
				for _, ch := range changes {
					if err := ch.change(ctx); err != nil {
						t.Fatal(err)
					}
				}
				return w.N.Load(), w.Waits.Load()
			}
			offTrips, offWaits := cost(-1)
			onTrips, onWaits := cost(2 * time.Second)
			if offWaits != 0 {
				t.Errorf("with the wait off: %d WAITs", offWaits)
			}
			if onWaits != 5*tc.waits {
				t.Errorf("5 changes: %d WAITs, want %d each", onWaits, tc.waits)
			}
			if onTrips != offTrips {
				t.Errorf("5 changes: %d round trips, %d with the wait off", onTrips, offTrips)
			}
			t.Logf("5 changes: %d round trips, %d WAITs", onTrips, onWaits)
		})
	}
}
