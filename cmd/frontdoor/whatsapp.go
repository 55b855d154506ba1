package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"strings"
	"time"

	"go.yaml.in/yaml/v3"

	"frontdoor/bot/whatsapp"
	"frontdoor/internal/conf"
)

const whatsappUsage = `Usage:
  frontdoor whatsapp link [--phone +39...] [--store path-or-postgres-url] [--config config.yaml]

Links the desk's WhatsApp number to Frontdoor as a linked device. Without
--phone it shows a QR code to scan with the phone (WhatsApp → Settings →
Linked devices → Link a device); with --phone it prints a pairing code to
type on the phone instead. Use a number dedicated to the desk.
`

// whatsappCommand runs "frontdoor whatsapp ...".
func whatsappCommand(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 || args[0] != "link" {
		fmt.Fprint(stderr, whatsappUsage)
		if len(args) == 0 {
			return errors.New("whatsapp: missing subcommand")
		}
		return fmt.Errorf("whatsapp: unknown subcommand %q", args[0])
	}
	fs := flag.NewFlagSet("whatsapp link", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.Usage = func() { fmt.Fprint(stderr, whatsappUsage); fs.PrintDefaults() }
	phone := fs.String("phone", "", "the desk's number in international form (+39...): link with a pairing code instead of a QR code")
	storeFlag := fs.String("store", "", "device store: SQLite file or postgres:// URL (default: whatsapp.store in the config, WHATSAPP_STORE, or data/whatsapp.db)")
	configPath := fs.String("config", "", "configuration file (default: ./config.yaml when it exists)")
	verbose := fs.Bool("v", false, "log the WhatsApp library's progress")
	if err := fs.Parse(args[1:]); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("whatsapp link: unexpected argument %q", fs.Arg(0))
	}
	cfg, err := whatsappConfig(*configPath, *storeFlag, getenv)
	if err != nil {
		return err
	}
	level := slog.LevelWarn
	if *verbose {
		level = slog.LevelDebug
		cfg.LibraryLog = "debug"
	}
	log := slog.New(slog.NewTextHandler(stderr, &slog.HandlerOptions{Level: level}))
	return whatsapp.Link(ctx, cfg, *phone, stdout, log)
}

// whatsappConfig reads the whatsapp section of the configuration file, with
// the store from WHATSAPP_STORE or --store taking precedence. Only that
// section is read: linking must work before the rest is configured.
func whatsappConfig(path, store string, getenv func(string) string) (whatsapp.Config, error) {
	var file struct {
		WhatsApp whatsapp.Config `yaml:"whatsapp"`
		// The store forgets who wrote first after privacy.retention, in
		// linking as in serve.
		Privacy struct {
			Retention conf.Duration `yaml:"retention"`
		} `yaml:"privacy"`
	}
	explicit := path != ""
	if !explicit {
		path = "config.yaml"
	}
	raw, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := yaml.NewDecoder(strings.NewReader(string(raw))).Decode(&file); err != nil && !errors.Is(err, io.EOF) {
			return file.WhatsApp, fmt.Errorf("%s: %w", path, err)
		}
	case explicit || !errors.Is(err, os.ErrNotExist):
		return file.WhatsApp, fmt.Errorf("read config: %w", err)
	}
	cfg := file.WhatsApp
	cfg.Retention = time.Duration(file.Privacy.Retention)
	if s := getenv("WHATSAPP_STORE"); s != "" {
		cfg.Store = s
	}
	if store != "" {
		cfg.Store = store
	}
	if err := cfg.Validate(); err != nil {
		return cfg, err
	}
	return cfg, nil
}
