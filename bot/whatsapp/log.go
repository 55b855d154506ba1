package whatsapp

import (
	"context"
	"fmt"
	"log/slog"
	"regexp"

	waLog "go.mau.fi/whatsmeow/util/log"

	"frontdoor/bot"
)

// waLogger passes whatsmeow's log lines to slog, from a minimum level
// (warn by default: the library is chatty), with phone numbers and LIDs
// replaced by pseudonyms.
type waLogger struct {
	log    *slog.Logger
	min    slog.Level
	module string
}

func newWALogger(log *slog.Logger, min slog.Level, module string) waLog.Logger {
	return &waLogger{log: log, min: min, module: module}
}

func (l *waLogger) Errorf(msg string, args ...any) { l.logf(slog.LevelError, msg, args) }
func (l *waLogger) Warnf(msg string, args ...any)  { l.logf(slog.LevelWarn, msg, args) }
func (l *waLogger) Infof(msg string, args ...any)  { l.logf(slog.LevelInfo, msg, args) }
func (l *waLogger) Debugf(msg string, args ...any) { l.logf(slog.LevelDebug, msg, args) }

func (l *waLogger) Sub(module string) waLog.Logger {
	return &waLogger{log: l.log, min: l.min, module: l.module + "/" + module}
}

func (l *waLogger) logf(level slog.Level, format string, args []any) {
	if level < l.min || !l.log.Enabled(context.Background(), level) {
		return
	}
	l.log.Log(context.Background(), level, "whatsmeow: "+redact(fmt.Sprintf(format, args...)), "module", l.module)
}

// jidPattern matches the user part of user JIDs (phone numbers, LIDs),
// with an optional agent and device, and bare international numbers.
var jidPattern = regexp.MustCompile(`(\d{5,})(?:\.\d+)?(?::\d+)?@(s\.whatsapp\.net|c\.us|lid|hosted|hosted\.lid)\b|\+\d{7,15}`)

// redact replaces phone numbers and LIDs with pseudonyms. A JID becomes the
// same pseudonym as its contact in Frontdoor's own lines (Contact.String),
// so that lines can still be matched.
func redact(s string) string {
	return jidPattern.ReplaceAllStringFunc(s, func(m string) string {
		sub := jidPattern.FindStringSubmatch(m)
		if sub[1] == "" {
			return "+" + bot.Pseudonym(m[1:])
		}
		return "~" + bot.Pseudonym(sub[1]+"@"+sub[2])
	})
}
