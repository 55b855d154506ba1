package main

import (
	"bytes"
	"errors"
	"flag"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing/fstest"
	"time"

	"frontdoor/locales"
)

const localesExportUsage = `Usage: frontdoor locales export --lang LANG [--dir locales] [--out FILE]

Writes, as CSV a translator fills in a spreadsheet, every message of
LANG's catalogue that is missing, was never reviewed by a fluent human or
whose English text changed since (each reviewed message keeps go-i18n's hash
of the English it was reviewed against). The translator fills the
"translation" column; "frontdoor locales import" reads it back. FILE
defaults to translate.LANG.csv, "-" is standard output.
`

const localesImportUsage = `Usage: frontdoor locales import [--dir locales] [--lang LANG] [--by ROLE] FILE

Reads a filled export (translate.LANG.csv) into locales/LANG.toml: each
translated message takes the hash of the English text it was translated
from. The catalogues are then checked as at start (locales check) and the
file is written only if LANG has no problem. With --by (a role, never a
name: "cultural mediator, Tigrinya"), a catalogue left with nothing to
review is marked reviewed today.
`

// localesExport writes what is left to translate or review in a language.
func localesExport(args []string, stdout, stderr io.Writer) error {
	fl := flag.NewFlagSet("locales export", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() { fmt.Fprint(fl.Output(), localesExportUsage); fl.PrintDefaults() }
	lang := fl.String("lang", "", "the language, as its catalogue is named (ti for ti.toml)")
	dir := fl.String("dir", "locales", "the directory of the catalogues")
	out := fl.String("out", "", "the file to write (default translate.LANG.csv; - for standard output)")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() > 0 {
		return fmt.Errorf("%w: %q", errStray, fl.Args())
	}
	if *lang == "" {
		return errors.New("locales export: --lang is required")
	}
	cat, err := locales.LoadFS(os.DirFS(*dir))
	if err != nil {
		return err
	}
	ps, err := cat.ToReview(*lang)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := locales.WriteCSV(&buf, ps); err != nil {
		return err
	}
	switch *out {
	case "-":
		_, err = stdout.Write(buf.Bytes())
		return err
	case "":
		*out = "translate." + *lang + ".csv"
	}
	if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("locales export: %w", err)
	}
	fmt.Fprintf(stdout, "locales: %d text(s) of %s to translate or review in %s\n", len(ps), *lang, *out)
	return nil
}

// localesImport reads a filled export back into its catalogue.
func localesImport(args []string, stdout, stderr io.Writer, now time.Time) error {
	fl := flag.NewFlagSet("locales import", flag.ContinueOnError)
	fl.SetOutput(stderr)
	fl.Usage = func() { fmt.Fprint(fl.Output(), localesImportUsage); fl.PrintDefaults() }
	lang := fl.String("lang", "", "the language (default: from the file name, translate.LANG.csv)")
	dir := fl.String("dir", "locales", "the directory of the catalogues")
	by := fl.String("by", "", "who reviewed, a role (not a name); marks the catalogue reviewed when nothing is left")
	if err := fl.Parse(args); err != nil {
		return err
	}
	if fl.NArg() != 1 {
		return errors.New("locales import: one file, as exported (translate.LANG.csv)")
	}
	file := fl.Arg(0)
	if *lang == "" {
		parts := strings.Split(filepath.Base(file), ".")
		if len(parts) < 3 {
			return fmt.Errorf("locales import: cannot tell the language from %q: name it translate.LANG.csv or give --lang", file)
		}
		*lang = parts[len(parts)-2]
	}
	in, err := os.Open(file)
	if err != nil {
		return fmt.Errorf("locales import: %w", err)
	}
	ts, err := locales.ReadCSV(in)
	in.Close()
	if err != nil {
		return err
	}
	fsys := fstest.MapFS{}
	names, err := fs.Glob(os.DirFS(*dir), "*.toml")
	if err != nil {
		return err
	}
	for _, n := range names {
		buf, err := os.ReadFile(filepath.Join(*dir, n))
		if err != nil {
			return err
		}
		fsys[n] = &fstest.MapFile{Data: buf}
	}
	catName := *lang + ".toml"
	old, ok := fsys[catName]
	if !ok {
		return fmt.Errorf("locales import: no catalogue %s in %s", catName, *dir)
	}
	cat, err := locales.LoadFS(fsys)
	if err != nil {
		return err
	}
	updated, err := cat.Apply(old.Data, *lang, ts)
	if err != nil {
		return err
	}
	fsys[catName] = &fstest.MapFile{Data: updated}
	// The same checks as at start and in locales check, on the catalogues
	// as they would be.
	after, err := locales.LoadFS(fsys)
	if err != nil {
		return fmt.Errorf("locales import: %s would not load, nothing written: %w", catName, err)
	}
	var problems []error
	for _, e := range after.Check() {
		if strings.Contains(e.Error(), " "+catName+": ") {
			problems = append(problems, e)
		}
	}
	if len(problems) > 0 {
		for _, e := range problems {
			fmt.Fprintln(stdout, e)
		}
		return fmt.Errorf("locales import: %d problem(s) in %s, nothing written", len(problems), catName)
	}
	left, err := after.ToReview(*lang)
	if err != nil {
		return err
	}
	if len(left) == 0 && *by != "" {
		if updated, err = locales.MarkReviewed(updated, *by, now); err != nil {
			return err
		}
	}
	if err := os.WriteFile(filepath.Join(*dir, catName), updated, 0o644); err != nil {
		return fmt.Errorf("locales import: %w", err)
	}
	fmt.Fprintf(stdout, "locales: %d text(s) imported into %s; %d left to translate or review\n", len(ts), catName, len(left))
	return nil
}
