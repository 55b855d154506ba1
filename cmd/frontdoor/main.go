// Command frontdoor is the Frontdoor chat-bot for migrant help desks.
//
//	frontdoor serve              run the bot (browser chat, Telegram, ...)
//	frontdoor flows check        check the flow definitions against the catalogues
//	frontdoor locales check      check every message renders in every language
//	frontdoor whatsapp link      link the desk's WhatsApp number (QR or pairing code)
//	frontdoor broadcast ...      outreach campaigns to people who opted in
//	frontdoor bench pipeline     measure the message pipeline on a real Redis
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"syscall"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), syscall.SIGINT, syscall.SIGTERM)
	code := run(ctx, os.Args[1:], os.Stdout, os.Stderr, os.Getenv)
	stop()
	os.Exit(code)
}

const usage = `Frontdoor: a chat-bot front door for migrant help desks.

Usage:
  frontdoor serve [--config config.yaml]     run Frontdoor
  frontdoor triage [--json] | --eval FILE    what Frontdoor understands of each line of input
  frontdoor flows check                      check the conversation flows
  frontdoor flows graph                      print the flows as a Mermaid diagram
  frontdoor operators add|list|remove|token  manage operators' accounts
  frontdoor stats export --from D --to D     export the anonymous statistics (csv or json)
  frontdoor broadcast create|send|status ... outreach campaigns (see frontdoor broadcast)
  frontdoor locales check                    check every message in every language
  frontdoor whatsapp link [--phone +39...]   link the desk's WhatsApp number
  frontdoor bench pipeline [flags]           measure the message pipeline (needs a Redis)
  frontdoor bench handoff [flags]            measure claiming cases (needs a Redis)
  frontdoor bench booking [flags]            measure booking under contention (needs a Redis)
  frontdoor bench broadcast [flags]          measure campaign pacing against a fake Telegram

Run "frontdoor <command> --help" for the flags of a command.
`

func run(ctx context.Context, args []string, stdout, stderr io.Writer, getenv func(string) string) int {
	if len(args) == 0 {
		fmt.Fprint(stderr, usage)
		return 2
	}
	var err error
	switch cmd := args[0]; {
	case cmd == "serve":
		err = serve(ctx, args[1:], stderr, getenv)
	case cmd == "flows" && len(args) > 1 && args[1] == "check":
		err = flowsCheck(stdout)
	case cmd == "flows" && len(args) > 1 && args[1] == "graph":
		err = flowsGraph(stdout)
	case cmd == "triage":
		err = triageCommand(ctx, args[1:], os.Stdin, stdout, stderr)
	case cmd == "stats":
		err = statsCommand(ctx, args[1:], stdout, stderr, getenv)
	case cmd == "broadcast":
		err = broadcastCommand(ctx, args[1:], stdout, stderr, getenv)
	case cmd == "bench" && len(args) > 1 && args[1] == "broadcast":
		err = benchBroadcast(ctx, args[2:], stdout, getenv)
	case cmd == "operators":
		err = operatorsCommand(ctx, args[1:], os.Stdin, stdout, stderr, getenv)
	case cmd == "bench" && len(args) > 1 && args[1] == "booking":
		err = benchBooking(ctx, args[2:], stdout, getenv)
	case cmd == "bench" && len(args) > 1 && args[1] == "handoff":
		err = benchHandoff(ctx, args[2:], stdout, getenv)
	case cmd == "locales" && len(args) > 1 && args[1] == "check":
		err = localesCheck(stdout)
	case cmd == "whatsapp":
		err = whatsappCommand(ctx, args[1:], stdout, stderr, getenv)
	case cmd == "bench" && len(args) > 1 && args[1] == "pipeline":
		err = benchPipeline(ctx, args[2:], stdout, getenv)
	case cmd == "help" || cmd == "--help" || cmd == "-h":
		fmt.Fprint(stdout, usage)
		return 0
	default:
		fmt.Fprintf(stderr, "frontdoor: unknown command %q\n\n%s", args[0], usage)
		return 2
	}
	if err != nil {
		fmt.Fprintf(stderr, "frontdoor: %v\n", err)
		return 1
	}
	return 0
}
