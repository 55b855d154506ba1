package main

import (
	"context"
	"crypto/rand"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
	"github.com/redis/go-redis/v9"

	"frontdoor/booking"
	"frontdoor/bot"
	"frontdoor/bot/converse"
	"frontdoor/bot/dispatch"
	"frontdoor/bot/lease/redislease"
	"frontdoor/bot/telegram"
	"frontdoor/bot/webchat"
	"frontdoor/bot/whatsapp"
	"frontdoor/broadcast"
	"frontdoor/console"
	"frontdoor/flows"
	"frontdoor/handoff"
	"frontdoor/internal/conf"
	"frontdoor/locales"
	"frontdoor/ratelimit"
	"frontdoor/stats"
	"frontdoor/store"
	desktexts "frontdoor/texts"
)

// channel is what serve needs of a channel adapter beyond bot.Channel.
type channel interface {
	bot.Channel
	Status() string
}

func serve(ctx context.Context, args []string, stderr io.Writer, getenv func(string) string) error {
	fs := flag.NewFlagSet("serve", flag.ContinueOnError)
	fs.SetOutput(stderr)
	configPath := fs.String("config", "", "configuration file (default: ./config.yaml when it exists)")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if err := noArgs("serve", fs.Args()); err != nil {
		return err
	}
	cfg, err := readConfig(*configPath, getenv)
	if err != nil {
		return err
	}
	log := newLogger(cfg, stderr)
	a, err := newApp(ctx, cfg, log, appOptions{})
	if err != nil {
		return err
	}
	defer a.close()
	ln, err := net.Listen("tcp", cfg.HTTP.Addr)
	if err != nil {
		return fmt.Errorf("http.addr %s: %w", cfg.HTTP.Addr, err)
	}
	return a.run(ctx, ln)
}

// app is Frontdoor wired together: what serve runs.
type app struct {
	log      *slog.Logger
	db       *store.DB
	keys     store.Keys
	channels []channel
	disp     *dispatch.Dispatcher
	handoff  *handoff.Service
	booking  *booking.Service
	outreach *broadcast.Service
	// texts keeps the catalogue in step with the texts published from
	// the console by any process.
	texts   *desktexts.Sync
	handler http.Handler
	// closers release what channels hold open (the WhatsApp session
	// store), after run has returned.
	closers []func() error
	cfg     Config
	// metricsLn, when metrics.addr is set, is where /metrics is served
	// on its own; metrics is what is served there.
	metricsLn net.Listener
	metrics   http.Handler
	// commands registers the Telegram command menus, nil without Telegram.
	commands func(context.Context) error
}

// appOptions are what a test sets in the app beside its Config.
type appOptions struct {
	// passwordCost is bcrypt's work factor for operators' passwords;
	// 0 is console's default. Tests lower it, so that a sign-in under
	// -race on busy cores is not what the server's timeouts measure.
	passwordCost int
}

func newApp(ctx context.Context, cfg Config, log *slog.Logger, o appOptions) (*app, error) {
	db, err := store.Open(ctx, redisOptions(cfg), log)
	if err != nil {
		return nil, err
	}
	// Before anything reads or writes a contact's keys: the dispatcher,
	// the channels, the HTTP server (store.UpgradeLayout; one GET once
	// done).
	if _, err := store.UpgradeLayout(ctx, db.Client, store.NewKeys(cfg.Redis.Prefix), log); err != nil {
		db.Close()
		return nil, err
	}
	a, err := wire(ctx, cfg, log, db, o)
	if err != nil {
		db.Close()
		return nil, err
	}
	if cfg.Metrics.Addr != "" {
		if a.metricsLn, err = net.Listen("tcp", cfg.Metrics.Addr); err != nil {
			a.close()
			return nil, fmt.Errorf("metrics.addr %s: %w", cfg.Metrics.Addr, err)
		}
	}
	return a, nil
}

func wire(ctx context.Context, cfg Config, log *slog.Logger, db *store.DB, o appOptions) (*app, error) {
	w := wiring{cfg: cfg, log: log, db: db, keys: store.NewKeys(cfg.Redis.Prefix)}
	cv, err := newConversation(cfg)
	if err != nil {
		return nil, err
	}
	reg, metrics := w.newMetrics()
	sto := w.newStores(cv.cat)
	// The WhatsApp adapter's parts that live in the process, which the
	// console's linker reads too.
	w.cfg.WhatsApp = w.whatsappRuntime(sto)
	chans, err := w.newChannels(ctx, cv.cat, sto)
	if err != nil {
		return nil, err
	}
	out := w.newOutbound(chans, sto, metrics)
	svc, err := w.newServices(o, cv, sto, chans, out, metrics)
	if err != nil {
		return nil, err
	}
	disp := w.newDispatcher(svc, sto, out, metrics)
	handler, scrape, textSync, err := w.routes(reg, cv, sto, chans, svc)
	if err != nil {
		return nil, err
	}
	a := &app{log: log, db: db, keys: w.keys, channels: chans.all, disp: disp, handoff: svc.handoff, booking: svc.booking,
		outreach: svc.broadcast, texts: textSync, handler: handler, closers: chans.closers, cfg: w.cfg, metrics: scrape}
	if tg := chans.telegram; tg != nil {
		a.commands = func(ctx context.Context) error { return tg.SetCommands(ctx, telegramMenus(cv.cat)) }
	}
	return a, nil
}

// wiring is what every part of wire reads: the configuration (its
// WhatsApp section with the process's parts set), the log and Redis.
type wiring struct {
	cfg  Config
	log  *slog.Logger
	db   *store.DB
	keys store.Keys
}

// conversation is the flows engine and what it was built from.
type conversation struct {
	cat    *locales.Catalog
	urgent flows.UrgentHelp
	engine *flows.Engine
}

// newConversation loads the catalogues, the urgent help lines and the
// triage, and builds the flows engine on them.
func newConversation(cfg Config) (conversation, error) {
	cat, err := loadCatalog(cfg)
	if err != nil {
		return conversation{}, err
	}
	urgent, err := cfg.Urgent.help(cat)
	if err != nil {
		return conversation{}, err
	}
	classifier, err := newClassifier(cfg.Triage.Extra, false)
	if err != nil {
		return conversation{}, err
	}
	engine, err := flows.New(cat, flows.Options{
		ConversationTimeout: time.Duration(cfg.Privacy.ConversationTimeout),
		Retention:           time.Duration(cfg.Privacy.Retention),
		Facts:               cfg.facts(),
		Urgent:              urgent,
		Classifier:          classifier,
	})
	if err != nil {
		return conversation{}, fmt.Errorf("load flows: %w", err)
	}
	return conversation{cat: cat, urgent: urgent, engine: engine}, nil
}

// newMetrics is the registry /metrics serves, with the process's, the
// dispatcher's and Redis's traffic.
func (w wiring) newMetrics() (*prometheus.Registry, *dispatch.Metrics) {
	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	metrics := dispatch.NewMetrics(reg)
	if db := w.db; db.Traffic != nil {
		reg.MustRegister(
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "frontdoor_redis_round_trips_total",
				Help: "Round trips to Redis (a pipeline or a script call is one)."},
				func() float64 { return float64(db.Traffic.RoundTrips()) }),
			prometheus.NewCounterFunc(prometheus.CounterOpts{Name: "frontdoor_redis_commands_sent_total",
				Help: "Commands sent to Redis (a script call is one, whatever it runs)."},
				func() float64 { return float64(db.Traffic.Commands()) }))
	}
	return reg, metrics
}

// stores are what every channel reads when it sends or deletes.
type stores struct {
	// texts are the desk's texts and recordings (package texts).
	texts *desktexts.Store
	// trail keeps message ids for "clear", as long as a platform lets
	// them be deleted.
	trail *dispatch.Trail
	// files are the files operators send, kept with their cases (package
	// handoff): every channel reads them there, for the case's person
	// only.
	files *handoff.Files
}

func (w wiring) newStores(cat *locales.Catalog) stores {
	return stores{
		texts: desktexts.NewStore(w.db.Client, w.keys, cat, nil),
		trail: dispatch.NewTrail(w.db.Client, w.keys, dispatch.DefaultTrailTTL),
		files: handoff.NewFiles(w.db.Client, w.keys),
	}
}

// whatsappRuntime is the WhatsApp section of the configuration with the
// parts that live in the process set.
func (w wiring) whatsappRuntime(sto stores) whatsapp.Config {
	wc := w.cfg.WhatsApp
	wc.Retention = time.Duration(w.cfg.Privacy.Retention)
	wc.Trail = sto.trail
	wc.Audio = sto.texts
	wc.Files = sto.files
	// One process at a time connects the WhatsApp session; the others
	// stand by (their /healthz says so) and take over when it stops.
	wc.Lease = redislease.New(w.db.Client, w.keys.Global(whatsapp.LeaseKey), whatsapp.DefaultLeaseTTL, "whatsapp lease")
	return wc
}

// channelSet is the channels this process serves.
type channelSet struct {
	all      []channel
	web      *webchat.Channel
	telegram *telegram.Channel // nil without Telegram
	// whatsapp is nil when WhatsApp is not configured.
	whatsapp *whatsapp.Channel
	// closers release what channels hold open (the WhatsApp session
	// store), after run has returned.
	closers []func() error
}

// newChannels builds the browser chat, and Telegram and WhatsApp where
// they are configured.
func (w wiring) newChannels(ctx context.Context, cat *locales.Catalog, sto stores) (channelSet, error) {
	cfg, log := w.cfg, w.log
	web, err := newWebchat(cfg, w.db, w.keys, cat, log, sto.texts, sto.files)
	if err != nil {
		return channelSet{}, err
	}
	cs := channelSet{all: []channel{web}, web: web}
	if cfg.Telegram.Token != "" {
		tg, err := w.newTelegram(sto)
		if err != nil {
			return channelSet{}, err
		}
		cs.telegram = tg
		cs.all = append(cs.all, tg)
	} else {
		log.Info("Telegram is off: set TELEGRAM_BOT_TOKEN or telegram.token to turn it on")
	}
	if cfg.WhatsApp.Configured() {
		wa, err := whatsapp.New(ctx, cfg.WhatsApp, log)
		if err != nil {
			return channelSet{}, fmt.Errorf("whatsapp: %w", err)
		}
		// It runs linked or not: a link from the console starts it, and
		// a phone that logs the desk out pauses it until the next link.
		cs.whatsapp = wa
		cs.all = append(cs.all, wa)
		cs.closers = append(cs.closers, wa.Close)
		if !wa.Linked() {
			log.Error("WhatsApp has no linked device: link it from the console (WhatsApp page) or run frontdoor whatsapp link")
		}
	} else {
		log.Info("WhatsApp is off: run frontdoor whatsapp link to turn it on")
	}
	return cs, nil
}

func (w wiring) newTelegram(sto stores) (*telegram.Channel, error) {
	cfg := w.cfg.Telegram
	tcfg := telegram.Config{
		Token:         cfg.Token,
		APIURL:        cfg.APIURL,
		WebhookURL:    cfg.WebhookURL,
		WebhookSecret: cfg.WebhookSecret,
		PollTimeout:   time.Duration(cfg.PollTimeout),
		Trail:         sto.trail,
		Audio:         sto.texts,
		Files:         sto.files,
	}
	if cfg.WebhookURL == "" {
		// Instances sharing this Redis take turns at getUpdates; a
		// webhook needs no lease (any instance can take its calls).
		ttl := time.Duration(cfg.PollLease)
		key, err := telegram.LeaseKey(cfg.Token, ttl)
		if err != nil {
			return nil, fmt.Errorf("telegram: %w", err)
		}
		tcfg.Lease = redislease.New(w.db.Client, w.keys.Global(key), ttl, "telegram lease")
	}
	tg, err := telegram.New(tcfg, w.log)
	if err != nil {
		return nil, fmt.Errorf("telegram: %w", err)
	}
	return tg, nil
}

// outbound is how what is sent reaches the channels, and what the
// channels do besides sending.
type outbound struct {
	senders  map[string]bot.Sender
	fetchers map[string]handoff.MediaFetcher
	erasers  []bot.Eraser
	// outbox queues everything sent outside a conversation turn
	// (operators' replies, reminders, the desk's cancellations, offers,
	// case notices), delivered by the dispatcher, in the contact's order,
	// with its retries, postponements, metrics and guard.
	outbox *dispatch.Outbox
	// direct is campaigns' path: they keep their own pacing (broadcast)
	// and send at once, guarded (people who blocked the bot are skipped)
	// and counted in the same metrics.
	direct *dispatch.Direct
}

func (w wiring) newOutbound(chans channelSet, sto stores, metrics *dispatch.Metrics) outbound {
	out := outbound{senders: map[string]bot.Sender{}, fetchers: map[string]handoff.MediaFetcher{}, erasers: []bot.Eraser{sto.trail}}
	var names []string
	for _, c := range chans.all {
		metrics.Channels(c.Name())
		out.senders[c.Name()] = c
		names = append(names, c.Name())
		if f, ok := c.(handoff.MediaFetcher); ok {
			out.fetchers[c.Name()] = f
		}
		if e, ok := c.(bot.Eraser); ok {
			out.erasers = append(out.erasers, e)
		}
	}
	out.outbox = dispatch.NewOutbox(w.db.Client, w.keys, names, metrics).WithLog(w.log)
	out.direct = dispatch.NewDirect(w.db.Client, w.keys, out.senders, metrics, w.log)
	return out
}

// services are the feature packages and the console they sign in through.
type services struct {
	stats     *stats.Stats
	accounts  *console.Accounts
	gate      *console.Gate
	booking   *booking.Service
	conv      converse.Conversation
	handoff   *handoff.Service
	broadcast *broadcast.Service
}

func (w wiring) newServices(o appOptions, cv conversation, sto stores, chans channelSet, out outbound, metrics *dispatch.Metrics) (services, error) {
	cfg, db, keys, log := w.cfg, w.db, w.keys, w.log
	st, err := stats.New(db.Client, keys, cfg.Stats, time.Now)
	if err != nil {
		return services{}, fmt.Errorf("stats: %w", err)
	}
	accounts, gate, err := w.newConsole(o, cv.cat)
	if err != nil {
		return services{}, err
	}
	bk, err := booking.New(db.Client, keys, cfg.Booking, cv.cat, booking.Options{Out: out.outbox, Log: log, Recorder: st})
	if err != nil {
		return services{}, fmt.Errorf("booking: %w", err)
	}
	conv := converse.Conversation{Engine: cv.engine, Log: log, Catalog: cv.cat, Recordings: sto.texts}
	hs, err := handoff.New(db.Client, keys, w.handoffConfig(), cv.cat, handoff.Options{Out: out.outbox, Log: log, Gate: gate,
		Unspoken: cv.urgent.Languages, Dangers: conv, Choices: conv, Fetchers: out.fetchers,
		Linker: whatsapp.NewConsoleLinker(cfg.WhatsApp, log, chans.whatsapp), Outcomes: st, Appointments: caseAppointments{bk},
		ReplicaWait: replicaWait(cfg.Dispatcher.ReplicaWait), ReplicaUnconfirmed: metrics.ReplicaUnconfirmedCases})
	if err != nil {
		return services{}, fmt.Errorf("handoff: %w", err)
	}
	bs := broadcast.New(db.Client, keys, cfg.Broadcast, out.direct, broadcast.Options{Log: log, PseudonymKey: []byte(cfg.Privacy.LogKey),
		Reach: st, ContactRetention: time.Duration(cfg.Privacy.Retention)})
	return services{stats: st, accounts: accounts, gate: gate, booking: bk, conv: conv, handoff: hs, broadcast: bs}, nil
}

// handoffConfig is the handoff section, idle cases going with the
// retention.
func (w wiring) handoffConfig() handoff.Config {
	hcfg := w.cfg.Handoff
	hcfg.IdleAfter = conf.Duration(w.cfg.Privacy.Retention)
	return hcfg
}

// newConsole is the console's accounts and sign-in, shared by every
// package's pages.
func (w wiring) newConsole(o appOptions, cat *locales.Catalog) (*console.Accounts, *console.Gate, error) {
	hcfg := w.handoffConfig()
	// The sign-in throttle counts the clients behind the desk's proxies.
	proxies, err := ratelimit.ParseProxies(w.cfg.HTTP.TrustedProxies)
	if err != nil {
		return nil, nil, fmt.Errorf("http.trusted_proxies%w", err)
	}
	langs := cat.Tags()
	areas := hcfg.Areas
	if len(areas) == 0 {
		areas = handoff.DefaultAreas()
	}
	accounts := console.NewAccounts(w.db.Client, w.keys, console.AccountOptions{Languages: langs, Areas: areas, PasswordCost: o.passwordCost,
		ReplicaWait: replicaWait(w.cfg.Dispatcher.ReplicaWait), Log: w.log})
	gate, err := console.NewGate(accounts, w.db.Client, w.keys, cat, console.GateOptions{SessionTTL: time.Duration(hcfg.SessionTTL),
		Proxies: proxies, Log: w.log})
	if err != nil {
		return nil, nil, fmt.Errorf("console: %w", err)
	}
	return accounts, gate, nil
}

// newDispatcher serves the conversation wrapped by booking and handoff,
// and runs the events' sinks.
func (w wiring) newDispatcher(svc services, sto stores, out outbound, metrics *dispatch.Metrics) *dispatch.Dispatcher {
	cfg := w.cfg
	// Booking sits inside handoff: while a case is open the person talks to
	// an operator, and "no free slots" reaches the case queue.
	hs, bk, bs, st := svc.handoff, svc.booking, svc.broadcast, svc.stats
	return dispatch.NewDispatcher(w.db.Client, w.keys, hs.Wrap(bk.Wrap(svc.conv)), dispatch.Options{
		Apology:     svc.conv.Apology,
		Lease:       time.Duration(cfg.Dispatcher.Lease),
		ReplicaWait: replicaWait(cfg.Dispatcher.ReplicaWait),
		Workers:     cfg.Dispatcher.Workers,
		Retention:   time.Duration(cfg.Privacy.Retention),
		Senders:     out.senders,
		Sinks:       []bot.EventSink{hs, st, bs},
		Reporters:   []dispatch.DeliveryReporter{hs},
		Erasers:     append(out.erasers, hs, bk, bs, st),
		Sweep:       []bot.Eraser{sto.trail},
		Trail:       sto.trail,
		Metrics:     metrics,
		Log:         w.log,
	})
}

// routes are the server's: the browser chat, health, metrics (unless
// served on their own address), the console's pages and the Telegram
// webhook; scrape is the metrics' handler, nil when they are off. The
// desk's texts are wired here with their page: published ones are laid
// over the catalogue every page and conversation reads, in every process.
func (w wiring) routes(reg *prometheus.Registry, cv conversation, sto stores, chans channelSet, svc services) (handler, scrape http.Handler, textSync *desktexts.Sync, err error) {
	cfg, cat, gate := w.cfg, cv.cat, svc.gate
	mux := http.NewServeMux()
	mux.Handle("/", chans.web.Handler())
	mux.Handle("GET /healthz", healthHandler(w.db, w.keys, chans.all))
	scrape = metricsHandler(cfg, reg, w.log)
	if scrape != nil && cfg.Metrics.Addr == "" {
		mux.Handle("GET /metrics", scrape)
	}
	for _, p := range []string{"/console", "/console/", "/api/v1/"} {
		mux.Handle(p, svc.handoff.Handler())
	}
	mux.Handle("/booking/", svc.booking.FeedHandler()) // its own 405, in the desk's language
	mux.Handle("/console/agenda/", svc.booking.StaffHandler(gate.Require))
	coordinators := func(h http.Handler) http.Handler { return gate.Require(console.RoleCoordinator, h) }
	for _, p := range []string{"/console/stats", "/console/stats/"} {
		mux.Handle(p, svc.stats.Handler(coordinators, cat))
	}
	campaigns, err := svc.broadcast.Handler(gate.Require, cat)
	if err != nil {
		return nil, nil, nil, fmt.Errorf("campaigns page: %w", err)
	}
	mux.Handle(console.CampaignsPath, campaigns)
	textSync = desktexts.NewSync(sto.texts, cat, desktexts.SyncOptions{Log: w.log})
	editor, err := desktexts.NewEditor(sto.texts, textSync, cat, desktexts.Options{Engine: cv.engine, Audit: svc.accounts, Log: w.log})
	if err != nil {
		return nil, nil, nil, fmt.Errorf("texts page: %w", err)
	}
	mux.Handle(console.TextsPath, editor.Handler(gate.Require))
	if tg := chans.telegram; tg != nil && tg.WebhookPath() != "" {
		mux.Handle(tg.WebhookPath(), tg.Handler())
	}
	return mux, scrape, textSync, nil
}

// telegramMenus are the command menus of every language, the default one
// in the catalogue's default language.
func telegramMenus(cat *locales.Catalog) []telegram.Commands {
	menu := func(lang string) []telegram.Command {
		var out []telegram.Command
		for _, c := range flows.Commands() {
			out = append(out, telegram.Command{Name: c.Name, Description: cat.Text(lang, c.Message, nil)})
		}
		return out
	}
	menus := []telegram.Commands{{Lang: "", Commands: menu(cat.Default())}}
	for _, l := range cat.Languages() {
		menus = append(menus, telegram.Commands{Lang: l.Tag, Commands: menu(l.Tag)})
	}
	return menus
}

// newWebchat builds the browser chat with its budgets (config.yaml
// webchat), kept in Redis so that every process shares them.
func newWebchat(cfg Config, db *store.DB, keys store.Keys, cat *locales.Catalog, log *slog.Logger, audio webchat.AudioSource, files webchat.FileSource) (*webchat.Channel, error) {
	proxies, err := ratelimit.ParseProxies(cfg.HTTP.TrustedProxies)
	if err != nil {
		return nil, fmt.Errorf("http.trusted_proxies%w", err)
	}
	opts := webchat.Options{
		// The counter shows the limit the conversation reads up to.
		MaxText: flows.MaxInputRunes,
		Title:   cfg.Desk.Name,
		Limits:  cfg.Webchat.limits(),
		Limiter: ratelimit.New(db.Client, keys, ratelimit.Options{}),
		Proxies: proxies,
		Texts:   cat,
		Audio:   audio,
		Files:   files,
	}
	// The embedded Redis has no maxmemory to measure against.
	if f := cfg.Webchat.RedisMemoryLimit; f > 0 && !db.Embedded {
		opts.Storage = ratelimit.NewMemoryGuard(db.Client, f, 5*time.Second, nil, log)
	}
	return webchat.New(db.Client, keys, opts, log), nil
}

// metricsHandler is /metrics as config.yaml's metrics says: behind the
// token when there is one, nil when neither an address of its own nor a
// token is set (then the public chat port does not show it).
func metricsHandler(cfg Config, reg *prometheus.Registry, log *slog.Logger) http.Handler {
	h := promhttp.HandlerFor(reg, promhttp.HandlerOpts{})
	switch {
	case cfg.Metrics.Token != "":
		return bearer(cfg.Metrics.Token, h)
	case cfg.Metrics.Addr != "":
		return h
	}
	log.Info("/metrics is off: set metrics.addr (an address of its own) or metrics.token (FRONTDOOR_METRICS_TOKEN) to serve it")
	return nil
}

func (a *app) close() {
	for _, c := range a.closers {
		c()
	}
	if a.metricsLn != nil {
		a.metricsLn.Close() // already closed when run has served it
	}
	a.db.Close()
}

// run serves until ctx is cancelled, then stops taking messages, lets the
// ones in hand finish, and returns. Messages not yet handled stay in Redis
// for the next start.
func (a *app) run(ctx context.Context, ln net.Listener) error {
	log := a.log
	srv := httpServer(a.cfg, a.handler, log)
	ln = ratelimit.LimitListener(ln, a.cfg.HTTP.MaxConnections)
	log.Info("Frontdoor is running", "chat", "http://"+displayAddr(ln.Addr().String())+"/", "embedded_redis", a.db.Embedded)
	var metricsSrv *http.Server
	if a.metricsLn != nil {
		mux := http.NewServeMux()
		mux.Handle("GET /metrics", a.metrics)
		metricsSrv = httpServer(a.cfg, mux, log)
		log.Info("metrics", "url", "http://"+displayAddr(a.metricsLn.Addr().String())+"/metrics")
	}

	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
			log.Error("http server stopped", "err", err)
		}
	}()
	if metricsSrv != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := metricsSrv.Serve(a.metricsLn); err != nil && !errors.Is(err, http.ErrServerClosed) {
				log.Error("metrics server stopped", "err", err)
			}
		}()
	}
	for _, c := range a.channels {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// A channel that fails (a revoked token) is reported in the
			// log and /healthz; the others keep serving.
			if err := c.Run(ctx, a.disp); err != nil {
				log.Error("channel stopped", "channel", c.Name(), "err", err)
			}
		}()
	}
	for name, run := range map[string]func(context.Context) error{
		"handoff": a.handoff.Run, "booking reminders": a.booking.Run, "campaigns": a.outreach.Run, "published texts": a.texts.Run,
	} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if err := run(ctx); err != nil && ctx.Err() == nil {
				log.Error("background work stopped", "what", name, "err", err)
			}
		}()
	}
	if a.commands != nil {
		wg.Add(1)
		go func() {
			defer wg.Done()
			// Best effort: people can still type the commands.
			if err := a.commands(ctx); err != nil && ctx.Err() == nil {
				log.Warn("telegram: registering the command menus", "err", err)
			}
		}()
	}
	dispDone := make(chan struct{})
	go func() {
		a.disp.Run(ctx)
		close(dispDone)
	}()

	<-ctx.Done()
	log.Info("stopping: finishing messages in hand")
	shutCtx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	if err := srv.Shutdown(shutCtx); err != nil {
		srv.Close()
	}
	if metricsSrv != nil {
		metricsSrv.Close() // scrapes are short and can be retried
	}
	wg.Wait()
	select {
	case <-dispDone:
	case <-shutCtx.Done():
		log.Warn("stopped before all messages in hand finished; they resume at the next start")
	}
	log.Info("stopped")
	return nil
}

// loadCatalog loads the built-in catalogues and the desk's overrides.
func loadCatalog(cfg Config) (*locales.Catalog, error) {
	if dir := cfg.Locales.Overrides; dir != "" {
		cat, err := locales.LoadWithOverrides(dir)
		if err != nil {
			return nil, fmt.Errorf("locales.overrides: %w", err)
		}
		return cat, nil
	}
	cat, err := locales.Load()
	if err != nil {
		return nil, fmt.Errorf("load message catalogues: %w", err)
	}
	return cat, nil
}

// openConfiguredRedis opens the Redis that serve uses, for the commands
// that work on its data; the embedded one would start empty and vanish,
// so without a configured Redis they stop, saying why it matters (why).
func openConfiguredRedis(ctx context.Context, cfg Config, command, why string) (*store.DB, error) {
	ropts := redisOptions(cfg)
	if !ropts.Configured() {
		return nil, fmt.Errorf("%s: no Redis configured (set REDIS_URL or redis.url): %s", command, why)
	}
	return store.Open(ctx, ropts, discardLogger())
}

func redisOptions(cfg Config) store.Options {
	return store.Options{
		URL: cfg.Redis.URL, Addrs: cfg.Redis.Addrs, MasterName: cfg.Redis.MasterName,
		Username: cfg.Redis.Username, Password: cfg.Redis.Password, DB: cfg.Redis.DB,
		PoolSize: cfg.Redis.PoolSize,
	}
}

func newLogger(cfg Config, w io.Writer) *slog.Logger {
	var level slog.Level
	level.UnmarshalText([]byte(cfg.Log.Level))
	opts := &slog.HandlerOptions{Level: level}
	var h slog.Handler = slog.NewTextHandler(w, opts)
	if cfg.Log.Format == "json" {
		h = slog.NewJSONHandler(w, opts)
	}
	key := []byte(cfg.Privacy.LogKey)
	if len(key) == 0 {
		key = make([]byte, 32)
		rand.Read(key)
	}
	return slog.New(dispatch.KeyedLogs(h, key))
}

func displayAddr(addr string) string {
	host, port, _ := net.SplitHostPort(addr)
	if host == "127.0.0.1" || host == "::1" || host == "" || host == "::" {
		host = "localhost"
	}
	return net.JoinHostPort(host, port)
}

// healthHandler reports Redis, the keys' layout and every channel. It
// answers 503 when Redis does not answer or a channel is in error, so a
// load balancer or a supervisor notices. Keys of the old layout written
// after the upgrade give a layout error and, if nothing else is wrong,
// status "warning" with 200 (never in place of "degraded"):
// this process serves well, the older one beside it does not, and a 503
// here would have a load balancer send more people to the older one, or a
// supervisor restart the newer one in a loop for as long as it runs.
func healthHandler(db *store.DB, keys store.Keys, channels []channel) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
		defer cancel()
		report := struct {
			Status        string            `json:"status"`
			Redis         string            `json:"redis"`
			EmbeddedRedis bool              `json:"embedded_redis"`
			Layout        string            `json:"layout"`
			Channels      map[string]string `json:"channels"`
		}{Status: "ok", Redis: "ok", EmbeddedRedis: db.Embedded, Layout: "ok", Channels: map[string]string{}}
		if err := db.Client.Ping(ctx).Err(); err != nil && !errors.Is(err, redis.Nil) {
			report.Status, report.Redis = "degraded", "error: "+err.Error()
		}
		// A janitor's sighting of the old layout's keys after the upgrade
		// (store.FindOldWriters, kept 15 minutes): a process of an older
		// version still runs, serving its contacts out of this one's sight.
		if seen, err := store.OldWritersSeen(ctx, db.Client, keys); err != nil {
			report.Layout = "unknown: " + err.Error()
		} else if seen != "" {
			// A warning never lowers "degraded": Redis's failure must still
			// reach the load balancer and the supervisor as a 503.
			if report.Status == "ok" {
				report.Status = "warning"
			}
			report.Layout = "error: keys of the 16-shard layout written after the upgrade (" + seen + "): stop the processes of the older version, then run frontdoor migrate --again"
		}
		for _, c := range channels {
			s := c.Status()
			report.Channels[c.Name()] = s
			if strings.HasPrefix(s, "error") {
				report.Status = "degraded"
			}
		}
		w.Header().Set("Content-Type", "application/json")
		if report.Status == "degraded" {
			w.WriteHeader(http.StatusServiceUnavailable)
		}
		json.NewEncoder(w).Encode(report)
	})
}

func discardLogger() *slog.Logger { return slog.New(slog.DiscardHandler) }

// caseAppointments shows a person's appointments on a case's page: the
// agenda's summaries, as the case page's own type.
type caseAppointments struct{ bk *booking.Service }

func (a caseAppointments) Appointments(ctx context.Context, c bot.Contact, lang string) ([]handoff.Appointment, error) {
	sums, err := a.bk.Summaries(ctx, c, lang)
	if err != nil {
		return nil, err
	}
	out := make([]handoff.Appointment, len(sums))
	for i, s := range sums {
		out[i] = handoff.Appointment(s)
	}
	return out, nil
}

// replicaWait is dispatch.Options.ReplicaWait for the configured wait,
// where 0s means never (the dispatcher's zero is its default).
func replicaWait(w conf.Duration) time.Duration {
	if w == 0 {
		return -1
	}
	return time.Duration(w)
}
