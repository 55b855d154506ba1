package main

import (
	"context"
	"encoding/csv"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
	"time"

	"frontdoor/broadcast"
	"frontdoor/store"
)

const broadcastUsage = `usage:
  frontdoor broadcast create campaign.yaml   store a campaign (draft) and show its audience
  frontdoor broadcast preview ID             how many would receive it, per language and channel
  frontdoor broadcast send ID [--detach]     start it (now or at its send_at) and follow progress
  frontdoor broadcast status ID [--watch]    progress bar and ETA
  frontdoor broadcast pause|resume|cancel ID
  frontdoor broadcast report ID [--csv]      sent, failed by reason, replies, unsubscriptions
flags: --config PATH (default ./config.yaml). Sending itself is done by
"frontdoor serve" (every running process takes part).`

// broadcastCmd is one run of "frontdoor broadcast VERB ID": the campaign
// it names, the flags given, and the service the campaigns live in.
type broadcastCmd struct {
	arg                string // the campaign id; for create, the campaign file
	csv, watch, detach bool
	svc                *broadcast.Service
	stdout             io.Writer
}

// broadcastVerb is the subcommand verb of "frontdoor broadcast".
func broadcastVerb(verb string) (run func(*broadcastCmd, context.Context) error, ok bool) {
	switch verb {
	case "create":
		return (*broadcastCmd).create, true
	case "preview":
		return (*broadcastCmd).preview, true
	case "send":
		return (*broadcastCmd).send, true
	case "status":
		return (*broadcastCmd).status, true
	case "pause":
		return (*broadcastCmd).pause, true
	case "resume":
		return (*broadcastCmd).resume, true
	case "cancel":
		return (*broadcastCmd).cancel, true
	case "report":
		return (*broadcastCmd).report, true
	}
	return nil, false
}

// broadcastCommand manages outreach campaigns in the Redis serve uses.
func broadcastCommand(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) error {
	if len(args) == 0 {
		fmt.Fprintln(stderr, broadcastUsage)
		return errors.New("broadcast: missing subcommand")
	}
	sub := args[0]
	c := &broadcastCmd{stdout: stdout}
	fs := flag.NewFlagSet("broadcast "+sub, flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "configuration file (default: ./config.yaml when it exists)")
	fs.BoolVar(&c.csv, "csv", false, "report: one CSV row per recipient")
	fs.BoolVar(&c.watch, "watch", false, "status: follow until the campaign ends")
	fs.BoolVar(&c.detach, "detach", false, "send: start it and return at once")
	// Flags may come before or after the argument.
	var pos []string
	rest := args[1:]
	for len(rest) > 0 {
		if err := fs.Parse(rest); err != nil {
			return err
		}
		rest = fs.Args()
		if len(rest) > 0 {
			pos = append(pos, rest[0])
			rest = rest[1:]
		}
	}
	if len(pos) != 1 {
		fmt.Fprintln(stderr, broadcastUsage)
		return fmt.Errorf("broadcast %s: want exactly one argument", sub)
	}
	run, ok := broadcastVerb(sub)
	if !ok {
		fmt.Fprintln(stderr, broadcastUsage)
		return fmt.Errorf("broadcast: unknown subcommand %q", sub)
	}
	c.arg = pos[0]
	svc, done, err := openBroadcast(ctx, *configPath, getenv)
	if err != nil {
		return err
	}
	defer done()
	c.svc = svc
	return run(c, ctx)
}

// create stores the campaign of a YAML file (c.arg is its path) as a
// draft and shows its audience.
func (c *broadcastCmd) create(ctx context.Context) error {
	raw, err := os.ReadFile(c.arg)
	if err != nil {
		return fmt.Errorf("broadcast create: %w", err)
	}
	cp, err := broadcast.ParseCampaign(raw)
	if err != nil {
		return fmt.Errorf("%s: %w", c.arg, err)
	}
	if err := c.svc.Create(ctx, cp); err != nil {
		return err
	}
	fmt.Fprintf(c.stdout, "campaign %s created (draft)\n", cp.ID)
	return printPreview(ctx, c.svc, cp.ID, c.stdout)
}

// preview shows how many would receive the campaign.
func (c *broadcastCmd) preview(ctx context.Context) error {
	return printPreview(ctx, c.svc, c.arg, c.stdout)
}

// send starts the campaign (at its send_at when later) and follows its
// progress unless --detach.
func (c *broadcastCmd) send(ctx context.Context) error {
	if err := c.svc.Start(ctx, c.arg); err != nil {
		return err
	}
	cp, err := c.svc.Get(ctx, c.arg)
	if err != nil {
		return err
	}
	if cp.SendAt.After(time.Now()) {
		fmt.Fprintf(c.stdout, "campaign %s scheduled for %s\n", c.arg, cp.SendAt.Local().Format(time.DateTime))
		return nil
	}
	fmt.Fprintf(c.stdout, "campaign %s started; frontdoor serve sends it\n", c.arg)
	if c.detach {
		return nil
	}
	return followProgress(ctx, c.svc, c.arg, c.stdout)
}

// status prints the progress line once, or follows it with --watch.
func (c *broadcastCmd) status(ctx context.Context) error {
	if c.watch {
		return followProgress(ctx, c.svc, c.arg, c.stdout)
	}
	r, err := c.svc.Report(ctx, c.arg)
	if err != nil {
		return err
	}
	fmt.Fprintln(c.stdout, progressLine(r))
	return nil
}

func (c *broadcastCmd) pause(ctx context.Context) error {
	return confirmed(c.svc.Pause(ctx, c.arg), c.stdout, "paused", c.arg)
}

func (c *broadcastCmd) resume(ctx context.Context) error {
	return confirmed(c.svc.Resume(ctx, c.arg), c.stdout, "resumed", c.arg)
}

func (c *broadcastCmd) cancel(ctx context.Context) error {
	return confirmed(c.svc.Cancel(ctx, c.arg), c.stdout, "cancelled", c.arg)
}

// report prints the campaign's figures, or one CSV row per recipient
// with --csv.
func (c *broadcastCmd) report(ctx context.Context) error {
	if c.csv {
		w := csv.NewWriter(c.stdout)
		if err := c.svc.WriteCSV(ctx, c.arg, w); err != nil {
			return err
		}
		w.Flush()
		return w.Error()
	}
	r, err := c.svc.Report(ctx, c.arg)
	if err != nil {
		return err
	}
	printReport(r, c.stdout)
	return nil
}

// confirmed says what became of a campaign, or passes on why it did not.
func confirmed(err error, w io.Writer, what, id string) error {
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "campaign %s %s\n", id, what)
	return nil
}

func openBroadcast(ctx context.Context, configPath string, getenv func(string) string) (*broadcast.Service, func(), error) {
	cfg, err := readConfig(configPath, getenv)
	if err != nil {
		return nil, nil, err
	}
	db, err := openConfiguredRedis(ctx, cfg, "broadcast", "campaigns live in the Redis frontdoor serve uses")
	if err != nil {
		return nil, nil, err
	}
	keys := store.NewKeys(cfg.Redis.Prefix)
	// It refuses, rather than run the upgrade, while the contacts' keys are
	// in the old layout: read at their new names, every subscription would
	// look expired and be dropped from its topic. It does not upgrade
	// them itself because the upgrade needs every process of the older
	// version stopped (they write the old layout), which a broadcast run
	// beside them cannot know; serve and frontdoor migrate are where an
	// operator takes that step.
	if err := store.CheckLayout(ctx, db.Client, keys); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("broadcast: %w", err)
	}
	svc := broadcast.New(db.Client, keys, cfg.Broadcast, nil, broadcast.Options{PseudonymKey: []byte(cfg.Privacy.LogKey)})
	return svc, func() { db.Close() }, nil
}

func printPreview(ctx context.Context, svc *broadcast.Service, id string, w io.Writer) error {
	pv, err := svc.Preview(ctx, id)
	if err != nil {
		return err
	}
	fmt.Fprintf(w, "audience: %d recipients (%d skipped: no text in their language)\n", pv.Total, pv.Skipped)
	fmt.Fprintf(w, "  by language: %s\n", counts(pv.ByLang))
	fmt.Fprintf(w, "  by channel:  %s\n", counts(pv.ByChannel))
	return nil
}

func counts(m map[string]int) string {
	if len(m) == 0 {
		return "-"
	}
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	parts := make([]string, len(ks))
	for i, k := range ks {
		parts[i] = fmt.Sprintf("%s %d", k, m[k])
	}
	return strings.Join(parts, ", ")
}

// progressLine is "[#####.....]  50% 2500/5000 · 24.9/s · ETA 1m40s · sending".
func progressLine(r broadcast.Report) string {
	const width = 30
	frac := 0.0
	if r.Total > 0 {
		frac = float64(r.Done()) / float64(r.Total)
	} else if r.Status == broadcast.StatusDone {
		frac = 1
	}
	filled := int(frac * width)
	bar := strings.Repeat("#", filled) + strings.Repeat(".", width-filled)
	eta := "-"
	if r.ETA > 0 {
		eta = r.ETA.Round(time.Second).String()
	}
	return fmt.Sprintf("[%s] %3.0f%% %d/%d · %.1f/s · ETA %s · %s", bar, 100*frac, r.Done(), r.Total, r.Rate, eta, r.Status)
}

func followProgress(ctx context.Context, svc *broadcast.Service, id string, w io.Writer) error {
	t := time.NewTicker(time.Second)
	defer t.Stop()
	for {
		r, err := svc.Report(ctx, id)
		if err != nil {
			return err
		}
		fmt.Fprintf(w, "\r%s", progressLine(r))
		switch r.Status {
		case broadcast.StatusDone, broadcast.StatusCancelled, broadcast.StatusPaused, broadcast.StatusDraft:
			fmt.Fprintln(w)
			printReport(r, w)
			return nil
		}
		select {
		case <-ctx.Done():
			fmt.Fprintln(w)
			return nil
		case <-t.C:
		}
	}
}

// pauseWords say why a channel is paused, in the terminal's English.
func pauseWords(r broadcast.PauseReason) string {
	switch r {
	case broadcast.PauseRateLimited:
		return "the platform asked to slow down"
	case broadcast.PauseUnavailable:
		return "the platform is down or not answering"
	case broadcast.PauseRestricted:
		return "the platform restricted the account"
	case broadcast.PauseDailyCap:
		return "the day's campaign messages are spent"
	}
	return string(r)
}

func printReport(r broadcast.Report, w io.Writer) {
	fmt.Fprintf(w, "campaign %s: %s\n", r.ID, r.Status)
	fmt.Fprintf(w, "  recipients    %d (skipped, no text in their language: %d)\n", r.Total, r.Skipped)
	fmt.Fprintf(w, "  sent          %d\n", r.Sent)
	fmt.Fprintf(w, "  failed        blocked the bot %d, not reachable %d, rate-limited %d, other errors %d\n",
		r.Failed[broadcast.ReasonBlocked], r.Failed[broadcast.ReasonUnreachable], r.Failed[broadcast.ReasonRateLimited], r.Failed[broadcast.ReasonError])
	fmt.Fprintf(w, "  not sent yet  %d\n", r.Pending)
	if r.InFlight > 0 {
		fmt.Fprintf(w, "  unknown       %d (marked sending when a process stopped; never sent twice)\n", r.InFlight)
	}
	if r.Unknown > 0 {
		fmt.Fprintf(w, "  no answer     %d (the platform did not answer the send; never sent twice)\n", r.Unknown)
	}
	for _, p := range r.Paused {
		fmt.Fprintf(w, "  paused        %s until %s (%s)\n", p.Channel, p.Until.Format("2006-01-02 15:04:05 MST"), pauseWords(p.Reason))
	}
	for _, p := range r.Refusing {
		fmt.Fprintf(w, "  waiting       %s: only recipients it keeps refusing (5xx) left since %s; failed by %s at the latest\n",
			p.Channel, p.Since.Format("2006-01-02 15:04:05 MST"), p.Until.Format("2006-01-02 15:04:05 MST"))
	}
	fmt.Fprintf(w, "  replies       %d\n", r.Replies)
	fmt.Fprintf(w, "  unsubscribed  %d\n", r.Unsubscribed)
	if !r.Started.IsZero() {
		fmt.Fprintf(w, "  rate          %.1f messages/s\n", r.Rate)
	}
}
