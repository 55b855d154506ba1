package main

import (
	"bytes"
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdoor/bot"
	"frontdoor/stats"
	"frontdoor/store/storetest"
)

func TestStatsExportCommand(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	// Counts as serve would have made them, in week 2026-W46.
	at := time.Date(2026, 11, 10, 10, 0, 0, 0, time.UTC)
	st, err := stats.New(rdb, keys, stats.Config{}, func() time.Time { return at })
	if err != nil {
		t.Fatal(err)
	}
	for i := range 9 {
		if err := st.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: fmt.Sprint(i)},
			bot.NeedReached{Area: "legal", Lang: "ar"}); err != nil {
			t.Fatal(err)
		}
	}
	if err := st.HandleEvent(ctx, bot.Contact{Channel: "telegram", ID: "x"},
		bot.NeedReached{Area: "work", Lang: "ar"}); err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	cfgPath := filepath.Join(dir, "config.yaml")
	if err := os.WriteFile(cfgPath, []byte("redis:\n  prefix: \""+keys.Prefix()+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	// A prefix where nothing was counted: the export must leave it empty.
	emptyPrefix := keys.Prefix() + "empty:"
	emptyPath := filepath.Join(dir, "empty.yaml")
	if err := os.WriteFile(emptyPath, []byte("redis:\n  prefix: \""+emptyPrefix+"\"\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	env := storetest.Env()
	getenv := func(k string) string { return env[k] }

	for _, tc := range []struct {
		name    string
		args    []string
		env     map[string]string
		wantErr string
		check   func(t *testing.T, out string)
	}{
		{name: "csv", args: []string{"export", "--config", cfgPath, "--from", "2026-11-01", "--to", "2026-11-30", "--format", "csv"},
			check: func(t *testing.T, out string) {
				recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
				if err != nil {
					t.Fatal(err)
				}
				got := map[string]string{}
				for _, r := range recs[1:] {
					got[strings.Join(r[:3], ",")] = r[3]
				}
				for k, want := range map[string]string{
					"needs,work,2026-W46": "<5", "needs,legal,2026-W46": "hidden", "needs,total,2026-W46": "10",
					"needs,legal,2026-W45": "0", "needs,total,total": "10", "needs,work,total": "<5",
				} {
					if got[k] != want {
						t.Errorf("%s = %q, want %q", k, got[k], want)
					}
				}
				if !strings.Contains(out, "2026-W44") || !strings.Contains(out, "2026-W49") {
					t.Error("the weeks of 1 and 30 November are missing")
				}
			}},
		{name: "json", args: []string{"export", "--config", cfgPath, "--from", "2026-11-09", "--to", "2026-11-15", "--format", "json"},
			check: func(t *testing.T, out string) {
				var r struct {
					From, To string
					Weeks    []string
					Tables   []struct {
						ID   string
						Rows []struct {
							Key   string
							Cells []any
						}
					}
				}
				if err := json.Unmarshal([]byte(out), &r); err != nil {
					t.Fatal(err)
				}
				if r.From != "2026-11-09" || r.To != "2026-11-15" || len(r.Weeks) != 1 || r.Weeks[0] != "2026-W46" {
					t.Errorf("got %+v", r)
				}
				small := 0
				for _, tb := range r.Tables {
					for _, row := range tb.Rows {
						for _, c := range row.Cells {
							if n, ok := c.(float64); ok && n > 0 && n < 5 {
								t.Errorf("%s %s: the small count %v is in the export", tb.ID, row.Key, n)
							}
							if c == "<5" {
								small++
							}
						}
					}
				}
				if small == 0 {
					t.Error(`no "<5" in the export: the data has a small count`)
				}
			}},
		{name: "embedded Redis refused", args: []string{"export", "--config", cfgPath, "--from", "2026-11-01", "--to", "2026-11-30"},
			env: map[string]string{}, wantErr: "no Redis configured"},
		{name: "bad format", args: []string{"export", "--config", cfgPath, "--from", "2026-11-01", "--to", "2026-11-30", "--format", "xml"},
			wantErr: "--format"},
		{name: "bad date", args: []string{"export", "--config", cfgPath, "--from", "1 Nov", "--to", "2026-11-30"},
			wantErr: "--from"},
		{name: "missing dates", args: []string{"export", "--config", cfgPath}, wantErr: "--from and --to"},
		{name: "no subcommand", args: nil, wantErr: "missing subcommand"},
		{name: "read-only on a Redis with nothing counted", args: []string{"export", "--config", emptyPath, "--from", "2026-11-01", "--to", "2026-11-30"},
			check: func(t *testing.T, out string) {
				if !strings.HasPrefix(out, "table,row,period,value") {
					t.Errorf("export %q", out)
				}
				if left := storetest.KeysWith(t, rdb, emptyPrefix); len(left) > 0 {
					t.Errorf("the export wrote %v", left)
				}
			}},
		{name: "bad secret", args: []string{"export", "--config", cfgPath, "--from", "2026-11-01", "--to", "2026-11-30"},
			env: withEnv(storetest.Env(), "STATS_SECRET", "short"), wantErr: "stats.secret"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			ge := getenv
			if tc.env != nil {
				ge = func(k string) string { return tc.env[k] }
			}
			var out, errOut bytes.Buffer
			err := statsCommand(ctx, tc.args, &out, &errOut, ge)
			if tc.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
					t.Fatalf("err %v, want %q", err, tc.wantErr)
				}
				return
			}
			if err != nil {
				t.Fatalf("%v (%s)", err, errOut.String())
			}
			tc.check(t, out.String())
		})
	}
}
