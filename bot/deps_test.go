package bot_test

import (
	"os/exec"
	"strings"
	"testing"
)

// TestAdaptersCompileOnlyTheVocabulary: package bot is the vocabulary
// (standard library only), and the Telegram and WhatsApp adapters and
// stats build on it without the runtime: no flows engine, no locales
// (go-i18n), no Redis client, no bot/dispatch or bot/converse; the browser
// chat, which keeps its history in Redis, no runtime either. A new import
// that drags one in fails here rather than silently growing every adapter.
func TestAdaptersCompileOnlyTheVocabulary(t *testing.T) {
	if testing.Short() {
		t.Skip("runs go list")
	}
	runtime := []string{"frontdoor/bot/dispatch", "frontdoor/bot/converse"}
	heavy := append([]string{
		"frontdoor/flows", "frontdoor/locales", "frontdoor/store",
		"github.com/nicksnyder/go-i18n/", "github.com/redis/go-redis/", "github.com/alicebob/miniredis/",
	}, runtime...)
	for _, tc := range []struct {
		pkg       string
		forbidden []string // import path prefixes
	}{
		{"frontdoor/bot", []string{""}}, // nothing but itself outside the standard library
		{"frontdoor/bot/telegram", heavy},
		{"frontdoor/bot/whatsapp", heavy},
		// The browser chat keeps its sessions and history in Redis (store)
		// and its budgets (ratelimit), and takes its page's words from the
		// catalogues (locales); like the others it must not need the runtime,
		// the flows engine or a feature package.
		{"frontdoor/bot/webchat", append([]string{"frontdoor/flows", "frontdoor/handoff", "frontdoor/booking",
			"frontdoor/broadcast", "frontdoor/stats", "frontdoor/texts"}, runtime...)},
		// stats uses flows, locales and Redis itself; it must not need the runtime.
		{"frontdoor/stats", runtime},
	} {
		out, err := exec.Command("go", "list", "-deps",
			"-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", tc.pkg).CombinedOutput()
		if err != nil {
			t.Fatalf("go list %s: %v\n%s", tc.pkg, err, out)
		}
		for _, dep := range strings.Fields(string(out)) {
			if dep == tc.pkg {
				continue
			}
			for _, f := range tc.forbidden {
				if strings.HasPrefix(dep, f) {
					t.Errorf("%s depends on %s", tc.pkg, dep)
					break
				}
			}
		}
	}
}
