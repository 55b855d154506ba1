package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"frontdoor/internal/conf"
)

func TestWhatsappCommandUsage(t *testing.T) {
	dir := t.TempDir()
	store := filepath.Join(dir, "wa.db")
	tests := []struct {
		name string
		args []string
		want string // substring of the error
	}{
		{"no subcommand", nil, "missing subcommand"},
		{"unknown subcommand", []string{"unlink"}, "unknown subcommand"},
		{"stray argument", []string{"link", "--store", store, "now"}, "unexpected argument"},
		{"local phone number", []string{"link", "--store", store, "--phone", "333 1234567"}, "--phone"},
		{"letters in phone", []string{"link", "--store", store, "--phone", "+39 333 CALLME"}, "--phone"},
		{"bad store", []string{"link", "--store", "mysql://db/fd"}, "whatsapp.store"},
		{"missing config", []string{"link", "--config", filepath.Join(dir, "nope.yaml")}, "read config"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out, errOut bytes.Buffer
			err := whatsappCommand(context.Background(), tt.args, &out, &errOut, func(string) string { return "" })
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("err %v, want one mentioning %q", err, tt.want)
			}
		})
	}
}

func TestWhatsappConfigPrecedence(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "config.yaml")
	yaml := "http:\n  addr: :8080\nwhatsapp:\n  store: from-file.db\n  web_version: 2.3000.1234567890\n  send_interval_per_chat: 3s\n  sends_per_second: 0.5\n"
	if err := os.WriteFile(path, []byte(yaml), 0o600); err != nil {
		t.Fatal(err)
	}
	env := func(v string) func(string) string {
		return func(k string) string {
			if k == "WHATSAPP_STORE" {
				return v
			}
			return ""
		}
	}
	tests := []struct {
		name, flag, env, want string
	}{
		{"file", "", "", "from-file.db"},
		{"environment over file", "", "postgres://db.internal/fd", "postgres://db.internal/fd"},
		{"flag over all", "flag.db", "postgres://db.internal/fd", "flag.db"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := whatsappConfig(path, tt.flag, env(tt.env))
			if err != nil {
				t.Fatal(err)
			}
			if cfg.Store != tt.want {
				t.Errorf("store %q, want %q", cfg.Store, tt.want)
			}
			if cfg.WebVersion != "2.3000.1234567890" || cfg.SendPerChat != conf.Duration(3*time.Second) || cfg.SendPerSecond != 0.5 {
				t.Errorf("other fields not read: %+v", cfg)
			}
		})
	}

	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("whatsapp:\n  web_version: latest\n"), 0o600)
	if _, err := whatsappConfig(bad, "", env("")); err == nil || !strings.Contains(err.Error(), "whatsapp.web_version") {
		t.Errorf("bad web_version: %v", err)
	}
}
