package main

import (
	"fmt"
	"io"

	"frontdoor/flows"
	"frontdoor/locales"
)

func flowsCheck(stdout io.Writer) error {
	cat, err := locales.Load()
	if err != nil {
		return err
	}
	if _, err := flows.New(cat, flows.Options{}); err != nil {
		return err
	}
	fmt.Fprintln(stdout, "flows: ok")
	return nil
}

func localesCheck(stdout io.Writer) error {
	cat, err := locales.Load()
	if err != nil {
		return err
	}
	if errs := cat.Check(); len(errs) > 0 {
		for _, e := range errs {
			fmt.Fprintln(stdout, e)
		}
		return fmt.Errorf("locales: %d problem(s)", len(errs))
	}
	fmt.Fprintf(stdout, "locales: %d messages render in %d languages\n", len(cat.IDs()), len(cat.Languages()))
	return nil
}
