package main

import (
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"go.yaml.in/yaml/v3"

	"frontdoor/internal/conf"
)

func noEnv(string) string { return "" }

func TestShippedConfigIsValid(t *testing.T) {
	c, err := loadConfig("../../config.yaml", true, noEnv)
	if err != nil {
		t.Fatalf("config.yaml as shipped: %v", err)
	}
	if c.HTTP.Addr != "localhost:8080" || c.Redis.URL != "" || c.Telegram.Token != "" {
		t.Fatalf("config.yaml must run with no Redis and no Telegram: %+v", c)
	}
	if time.Duration(c.Privacy.Retention) != 90*24*time.Hour {
		t.Fatalf("retention = %v", time.Duration(c.Privacy.Retention))
	}
}

func TestNoConfigFileMeansDefaults(t *testing.T) {
	c, err := loadConfig(filepath.Join(t.TempDir(), "config.yaml"), false, noEnv)
	if err != nil {
		t.Fatal(err)
	}
	if c.HTTP.Addr != "localhost:8080" || c.Dispatcher.Workers != 256 {
		t.Fatalf("defaults = %+v", c)
	}
	if _, err := loadConfig(filepath.Join(t.TempDir(), "missing.yaml"), true, noEnv); err == nil {
		t.Fatal("a config file named on the command line but missing was accepted")
	}
}

func TestEnvironmentWins(t *testing.T) {
	env := map[string]string{
		"TELEGRAM_BOT_TOKEN": "123:abc", "REDIS_URL": "redis://10.0.0.9:6380/2",
		"FRONTDOOR_HTTP_ADDR": ":9000", "REDIS_ADDRS": "a:1,b:2",
	}
	path := writeConfig(t, "telegram:\n  token: \"999:zzz\"\n")
	c, err := loadConfig(path, true, func(k string) string { return env[k] })
	if err == nil || !strings.Contains(err.Error(), "redis.url: set either") {
		t.Fatalf("url and addrs together must be refused, got %v", err)
	}
	delete(env, "REDIS_ADDRS")
	c, err = loadConfig(path, true, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if c.Telegram.Token != "123:abc" || c.Redis.URL != "redis://10.0.0.9:6380/2" || c.HTTP.Addr != ":9000" {
		t.Fatalf("environment did not win: %+v", c)
	}
}

func TestSentinelFromTheEnvironment(t *testing.T) {
	env := map[string]string{"REDIS_ADDRS": "10.0.0.1:26379,10.0.0.2:26379", "REDIS_MASTER_NAME": "frontdoor"}
	c, err := loadConfig(writeConfig(t, "redis: {master_name: other}\n"), true, func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	if o := redisOptions(c); o.MasterName != "frontdoor" || len(o.Addrs) != 2 {
		t.Fatalf("sentinel options = %+v", o)
	}
	delete(env, "REDIS_ADDRS")
	if _, err := loadConfig(writeConfig(t, ""), true, func(k string) string { return env[k] }); err == nil || !strings.Contains(err.Error(), "redis.master_name: needs redis.addrs") {
		t.Fatalf("a master name without Sentinels = %v", err)
	}
}

func TestBadConfigNamesEachField(t *testing.T) {
	tests := []struct {
		name, yaml string
		want       []string
	}{
		{"unknown field", "telegram:\n  tokn: x\n", []string{"field tokn not found"}},
		{"bad types", "dispatcher:\n  workers: many\n", []string{"dispatcher.workers: cannot unmarshal", "(line 2)"}},
		{"bad duration", "privacy:\n  retention: forever\n", []string{`privacy.retention: "forever" is not a duration`}},
		{"bad handoff duration", "handoff:\n  abandon_after: soon\n", []string{`handoff.abandon_after: "soon" is not a duration`}},
		{"bad duration and type at once", "privacy: {retention: forever}\ndispatcher:\n  workers: many\nredis:\n  addrs:\n    - a:1\n    - {x: 1}\n",
			[]string{`privacy.retention: "forever"`, "dispatcher.workers: cannot unmarshal", "redis.addrs[1]: cannot unmarshal"}},
		{"many at once", `
http: {addr: "nonsense"}
redis: {url: "http://x", db: 99, prefix: "bad prefix!"}
telegram: {token: "nope", api_url: "ftp://x", webhook_url: "http://insecure.example", webhook_secret: "has spaces"}
dispatcher: {workers: 0, lease: 10ms}
privacy: {retention: 1m, conversation_timeout: 1s}
log: {level: loud, format: xml}
desk: {name: "", phone: " "}
`, []string{"http.addr:", "redis.url:", "redis.db:", "redis.prefix:", "telegram.token:", "telegram.api_url:",
			"telegram.webhook_url: must be an https URL", "telegram.webhook_secret:", "dispatcher.workers:", "dispatcher.lease:",
			"privacy.retention:", "privacy.conversation_timeout:", "log.level:", "log.format:", "desk.name:", "desk.phone:"}},
		{"webhook without token", "telegram: {webhook_url: \"https://bot.example/tg\", webhook_secret: s3cret}\n",
			[]string{"telegram.webhook_url: is set but telegram.token"}},
		{"http webhook with Telegram's own server", "telegram: {token: \"1:a\", webhook_url: \"http://bot.example/tg\", webhook_secret: s3cret}\n",
			[]string{"telegram.webhook_url: must be an https URL"}},
		{"sentinel without addrs", "redis: {master_name: mymaster}\n", []string{"redis.master_name: needs redis.addrs"}},
		{"bad addr", "redis: {addrs: [\"10.0.0.1\"]}\n", []string{"redis.addrs[0]:"}},
		{"short polling lease", "telegram: {poll_lease: 100ms}\n", []string{"telegram.poll_lease: must be at least 1s"}},
		{"replica wait under a millisecond (WAIT 1 0 waits for ever)", "dispatcher: {replica_wait: 500us}\n", []string{"dispatcher.replica_wait: must be 0s (never wait) or between 1ms and 2s"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := loadConfig(writeConfig(t, tt.yaml), true, noEnv)
			if err == nil {
				t.Fatal("bad config accepted")
			}
			for _, w := range tt.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not name %q:\n%v", w, err)
				}
			}
		})
	}
}

func writeConfig(t *testing.T, body string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "config.yaml")
	if err := os.WriteFile(path, []byte(body), 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestHTTPWebhookWithSelfHostedServer: a self-hosted Bot API server in
// --local mode calls http webhooks, so that combination is accepted.
func TestHTTPWebhookWithSelfHostedServer(t *testing.T) {
	_, err := loadConfig(writeConfig(t, "telegram: {token: \"1:a\", api_url: \"http://127.0.0.1:8081\", webhook_url: \"http://frontdoor.internal/tg\", webhook_secret: s3cret}\n"), true, noEnv)
	if err != nil {
		t.Fatal(err)
	}
}

// TestDurationsInEverySection: every duration of the configuration,
// whichever package owns its section, reads alike: days work in all of
// them, and a bad one is named by its field and line. The fields are found
// by walking Config, so that a new one is checked without being listed.
func TestDurationsInEverySection(t *testing.T) {
	fields := durationFields(reflect.TypeFor[Config](), nil)
	if len(fields) < 20 {
		t.Fatalf("found only %d durations in Config: %v", len(fields), fields)
	}
	for _, f := range fields {
		path := f.String()
		t.Run(path, func(t *testing.T) {
			body, err := yaml.Marshal(f.document("90d"))
			if err != nil {
				t.Fatal(err)
			}
			c, err := loadConfig(writeConfig(t, string(body)), true, noEnv)
			// A value out of a field's range is refused by its check,
			// which names it too; the day was read all the same.
			if err != nil && strings.Contains(err.Error(), "is not a duration") {
				t.Fatalf("90d refused:\n%s%v", body, err)
			}
			if got := time.Duration(f.value(c)); got != 90*24*time.Hour {
				t.Fatalf("90d read as %v", got)
			}
			body, err = yaml.Marshal(f.document("3x"))
			if err != nil {
				t.Fatal(err)
			}
			_, err = loadConfig(writeConfig(t, string(body)), true, noEnv)
			if err == nil || !strings.Contains(err.Error(), path+`: "3x" is not a duration`) || !strings.Contains(err.Error(), "(line ") {
				t.Fatalf("3x: %v; want the field %s and its line named", err, path)
			}
		})
	}
}

// fieldPath leads from Config to one conf.Duration: the YAML names of
// struct fields, [0] for the first element of a list, a key of a map.
type fieldPath []pathStep

type pathStep struct {
	name  string // the YAML key (a field's or a map's)
	field int    // the field's index; -1 for a list element or a map key
	elem  bool   // a list's first element
}

func (p fieldPath) String() string {
	var b strings.Builder
	for _, s := range p {
		if s.elem {
			b.WriteString("[0]")
			continue
		}
		if b.Len() > 0 {
			b.WriteByte('.')
		}
		b.WriteString(s.name)
	}
	return b.String()
}

var durationType = reflect.TypeFor[conf.Duration]()

// durationFields lists the paths to every conf.Duration in t.
func durationFields(t reflect.Type, at fieldPath) []fieldPath {
	if t == durationType {
		return []fieldPath{slices.Clone(at)}
	}
	var out []fieldPath
	switch t.Kind() {
	case reflect.Struct:
		for i := range t.NumField() {
			sf := t.Field(i)
			name, _, _ := strings.Cut(sf.Tag.Get("yaml"), ",")
			if !sf.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = strings.ToLower(sf.Name)
			}
			out = append(out, durationFields(sf.Type, append(at, pathStep{name: name, field: i}))...)
		}
	case reflect.Slice:
		out = append(out, durationFields(t.Elem(), append(at, pathStep{field: -1, elem: true}))...)
	case reflect.Map:
		out = append(out, durationFields(t.Elem(), append(at, pathStep{name: "x", field: -1}))...)
	case reflect.Pointer:
		out = append(out, durationFields(t.Elem(), at)...)
	}
	return out
}

// document is a configuration that sets only this field, to v.
func (p fieldPath) document(v string) any {
	var doc any = v
	for i := len(p) - 1; i >= 0; i-- {
		if p[i].elem {
			doc = []any{doc}
		} else {
			doc = map[string]any{p[i].name: doc}
		}
	}
	return doc
}

// value reads the field in c.
func (p fieldPath) value(c Config) conf.Duration {
	v := reflect.ValueOf(c)
	for _, s := range p {
		for v.Kind() == reflect.Pointer {
			v = v.Elem()
		}
		switch {
		case s.elem:
			if v.Len() == 0 {
				return 0
			}
			v = v.Index(0)
		case s.field < 0:
			v = v.MapIndex(reflect.ValueOf(s.name))
			if !v.IsValid() {
				return 0
			}
		default:
			v = v.Field(s.field)
		}
	}
	return v.Interface().(conf.Duration)
}
