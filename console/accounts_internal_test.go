package console

import (
	"context"
	"testing"
	"time"

	"golang.org/x/crypto/bcrypt"

	"frontdoor/store/storetest"
)

// TestUnknownNameCostsAsMuchAsAKnownOne: a name without an account is
// checked against a decoy hashed at the accounts' own cost, whatever it is
// set to, so that the time of a failed sign-in does not tell which names
// exist (a decoy at a fixed cost would, at any other cost).
func TestUnknownNameCostsAsMuchAsAKnownOne(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	for _, cost := range []int{bcrypt.MinCost, bcrypt.MinCost + 1} {
		a := NewAccounts(rdb, keys, AccountOptions{PasswordCost: cost})
		if ok, err := a.CheckPassword(context.Background(), "nobody", "guess"); ok || err != nil {
			t.Fatalf("an unknown name's check = %v, %v", ok, err)
		}
		if got, err := bcrypt.Cost(a.decoyHash()); err != nil || got != cost {
			t.Errorf("decoy hashed at cost %d (%v), want the accounts' %d", got, err, cost)
		}
	}
}

// TestThrottleDefaults: failures from everywhere slow every sign-in down
// for at most a minute; one account or client is held for a quarter of an
// hour.
func TestThrottleDefaults(t *testing.T) {
	got := ThrottleConfig{}.withDefaults()
	want := ThrottleConfig{AccountTries: 5, ClientTries: 20, Window: 15 * time.Minute, GlobalTries: 100, GlobalWindow: time.Minute}
	if got != want {
		t.Errorf("defaults %+v, want %+v", got, want)
	}
}
