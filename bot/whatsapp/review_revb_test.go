package whatsapp

import (
	"context"
	"database/sql"
	"net/url"
	"testing"
)

// TestPostgresStoresInTwoSchemasBothConnect (review of audit20): two
// desks may keep their WhatsApp stores in one PostgreSQL database, each in
// its schema (search_path in the store's URL: whatsmeow's tables are
// unqualified, so the stores are apart). The advisory lock's key is one
// fixed number per database, so the second desk stands by for ever,
// saying another process has its session.
func TestPostgresStoresInTwoSchemasBothConnect(t *testing.T) {
	ctx := context.Background()
	base := postgresURL(t)
	admin, err := sql.Open("postgres", base)
	if err != nil {
		t.Fatal(err)
	}
	defer admin.Close()
	var leases []*storeLease
	for _, schema := range []string{"desk_a", "desk_b"} {
		if _, err := admin.ExecContext(ctx, "CREATE SCHEMA "+schema); err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(base)
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		db, err := sql.Open("postgres", u.String())
		if err != nil {
			t.Fatal(err)
		}
		defer db.Close()
		l, ok := guardStore(u.String(), db, nil).(*storeLease)
		if !ok {
			t.Fatal("a PostgreSQL store is not guarded")
		}
		leases = append(leases, l)
	}
	for i, l := range leases {
		held, err := l.Acquire(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !held {
			t.Errorf("the store in schema %d stands by: %s", i, l.standbyReason())
		}
	}
	for _, l := range leases {
		l.Release(ctx)
	}
}
