package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"frontdoor/store"
	"frontdoor/store/storetest"
)

// KeysWith lists keys in one order whatever SCAN's: a test that compares
// the keys before and after an action (texts' preview "stores nothing")
// saw the same keys in another order as a change, once in a CI run.
func TestKeysWithIsSorted(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	for i := range 300 {
		if err := rdb.Set(ctx, keys.Prefix()+fmt.Sprintf("k%03d", (i*7919)%300), "v", 0).Err(); err != nil {
			t.Fatal(err)
		}
	}
	got, err := store.KeysWith(ctx, rdb, keys.Prefix())
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != 300 || !slices.IsSorted(got) {
		t.Errorf("KeysWith: %d keys, sorted %v; want 300, sorted", len(got), slices.IsSorted(got))
	}
}
