// Package broadcast sends outreach campaigns: notices to the people who
// opted in to a topic, in their language, paced within each platform's
// limits by a token bucket in Redis shared by every process, durable and
// resumable so that nobody receives a notice twice.
//
// Subscriptions come from the conversation ("subscribe" events of the news
// screen and "stop"); the Service is a bot.EventSink and a bot.Eraser. Only
// subscribers of a campaign's topic are ever sent to, on any channel.
//
// Delivery is at most once. When a campaign starts, its audience is fixed
// in Redis: a hash of recipients ("p" pending) and a queue per channel. A
// worker takes a recipient with a Lua script that pops the queue and marks
// the recipient "s" (sending) in one step, sends, and records the outcome
// with another script. A process killed between the send and the record
// leaves the recipient "s": nobody takes it again, and the report counts it
// as unknown. The other choice, resending, would give some people the
// notice twice, and a person who gets the same notice twice is likelier to
// block the bot; a rare missed notice is the lesser harm. Only a 429, which
// says the platform did not take the message, puts a recipient back.
//
// Pacing: one token bucket per channel in Redis (Lua, on Redis' clock),
// shared by all processes, refilled at rate × share with a burst of a tenth
// of a second. Conversation replies do not take tokens: they keep priority
// simply because campaigns never use more than share of the platform's
// rate, leaving the rest (and the gap to the platform's hard limit) free
// for replies. A 429 pauses the channel for retry_after for every process
// (a key the bucket script honours). Tests run the buckets and pauses on
// simulated time instead (Options.Pacing), so that what they check of the
// pacing does not depend on the machine's speed or load. A 403 marks the recipient blocked and
// is not retried; later campaigns leave them out until they write again.
// Telegram's 1 message/s per chat holds because a campaign sends one
// message per person; should two campaigns reach one chat in the same
// second, the 429 is handled as above.
package broadcast

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"frontdoor/flows"
	"frontdoor/internal/conf"
)

// Config tunes sending. The lead embeds it in config.yaml as "broadcast".
type Config struct {
	// Rates are messages per second per channel, the platform's bulk
	// limit for the whole bot (all processes together).
	Rates map[string]float64 `yaml:"rates"`
	// Share is the part of each channel's rate campaigns may use; the
	// rest stays free for conversation replies, which are not metered.
	Share float64 `yaml:"share"`
	// ReplyWindow is how long after their notice a recipient's messages
	// count as replies to the campaign.
	ReplyWindow conf.Duration `yaml:"reply_window"`
	// Workers are the sends in flight per channel per process; with a
	// platform's latency of ~100 ms, 8 keep 25/s going.
	Workers int `yaml:"workers"`
	// Attempts is how many tries the platform refused (429, 5xx) send
	// a recipient back to the head of the queue; after that, to its
	// tail, so that one the platform keeps refusing does not hold up the
	// others. Nobody is failed because the channel was down; a recipient
	// the platform keeps answering 5xx is failed after Attempts tries
	// once the channel delivered to someone else between each of its
	// last three failures (sends begun after the failure before, not
	// ones under way when an outage began). With no such evidence and
	// nobody else left to try (the last ones of the campaign on the
	// channel, or all others refused their Attempts too), a refused
	// recipient and an outage look the same: it is failed only after
	// twice Attempts and GiveUpAfter since its first 5xx (givenUp).
	Attempts int `yaml:"attempts"`
	// GiveUpAfter is how long the last recipients of a campaign whom the
	// platform keeps answering 5xx wait, from their first 5xx, before
	// they are failed, when nothing tells their refusal from an outage
	// (see Attempts): an outage shorter than this fails nobody.
	// Meanwhile the campaign shows as waiting on refused recipients.
	// Default 6 h.
	GiveUpAfter conf.Duration `yaml:"give_up_after"`
	// Windows keeps a channel's campaigns to people who wrote within
	// that time when the audience is fixed (WhatsApp: 24 h, its own
	// service window; an unofficial client writing to people who have
	// not written lately is what gets numbers banned).
	Windows map[string]conf.Duration `yaml:"windows"`
	// DailyCaps bounds a channel's campaign messages per calendar day,
	// all campaigns and processes together; the rest wait for the next
	// day.
	DailyCaps map[string]int `yaml:"daily_caps"`
	// EaseAfterHalt is how long a channel sends at a quarter of its
	// campaign rate after the platform lifted a restriction (a
	// temporary ban). Default 24 h.
	EaseAfterHalt conf.Duration `yaml:"ease_after_halt"`
	// Retention is how long a subscription lasts after the person's last
	// message. Default the conversation state's (Options.ContactRetention,
	// privacy.retention, which the consent text promises), else 90 days.
	Retention conf.Duration `yaml:"retention"`
}

// Topics people can subscribe to: the conversation's news topics.
func Topics() []string { return flows.NewsTopics() }

// DefaultConfig is what an empty config section means.
func DefaultConfig() Config {
	return Config{
		Rates:       map[string]float64{"telegram": 25, "whatsapp": 0.2, "webchat": 50},
		Share:       0.8,
		ReplyWindow: conf.Duration(48 * time.Hour),
		Workers:     8,
		Attempts:    5,
		Retention:   conf.Duration(90 * 24 * time.Hour),
		Windows:     map[string]conf.Duration{"whatsapp": conf.Duration(24 * time.Hour)},
		DailyCaps:   map[string]int{"whatsapp": 200},

		EaseAfterHalt: conf.Duration(24 * time.Hour),
		GiveUpAfter:   conf.Duration(6 * time.Hour),
	}
}

// withDefaults fills zero fields from DefaultConfig.
func (c Config) withDefaults() Config {
	d := DefaultConfig()
	if c.Rates == nil {
		c.Rates = d.Rates
	}
	if c.Share == 0 {
		c.Share = d.Share
	}
	if c.ReplyWindow == 0 {
		c.ReplyWindow = d.ReplyWindow
	}
	if c.Workers == 0 {
		c.Workers = d.Workers
	}
	if c.Attempts == 0 {
		c.Attempts = d.Attempts
	}
	if c.Retention == 0 {
		c.Retention = d.Retention
	}
	if c.Windows == nil {
		c.Windows = d.Windows
	}
	if c.DailyCaps == nil {
		c.DailyCaps = d.DailyCaps
	}
	if c.EaseAfterHalt == 0 {
		c.EaseAfterHalt = d.EaseAfterHalt
	}
	if c.GiveUpAfter == 0 {
		c.GiveUpAfter = d.GiveUpAfter
	}
	return c
}

// Validate names every bad field by its config.yaml path.
func (c Config) Validate() error {
	var errs []string
	for ch, r := range c.Rates {
		if r <= 0 || r > 1000 {
			errs = append(errs, fmt.Sprintf("broadcast.rates.%s: %v messages/s: want more than 0 and at most 1000", ch, r))
		}
	}
	if c.Share < 0 || c.Share > 1 {
		errs = append(errs, fmt.Sprintf("broadcast.share: %v: want a fraction between 0 and 1 (0 = default 0.8)", c.Share))
	}
	if c.ReplyWindow < 0 {
		errs = append(errs, "broadcast.reply_window: must not be negative")
	}
	if c.Workers < 0 || c.Workers > 256 {
		errs = append(errs, "broadcast.workers: want 0 (default 8) to 256")
	}
	if c.Retention < 0 {
		errs = append(errs, "broadcast.retention: must not be negative")
	}
	for ch, w := range c.Windows {
		if w < 0 {
			errs = append(errs, fmt.Sprintf("broadcast.windows.%s: must not be negative (0 = no window)", ch))
		}
	}
	for ch, n := range c.DailyCaps {
		if n < 0 {
			errs = append(errs, fmt.Sprintf("broadcast.daily_caps.%s: must not be negative (0 = no cap)", ch))
		}
	}
	if c.EaseAfterHalt < 0 {
		errs = append(errs, "broadcast.ease_after_halt: must not be negative")
	}
	if c.Attempts < 0 {
		errs = append(errs, "broadcast.attempts: must not be negative")
	}
	if c.GiveUpAfter < 0 {
		errs = append(errs, "broadcast.give_up_after: want more than 0 (0 = default 6h)")
	}
	if len(errs) > 0 {
		return errors.New(strings.Join(errs, "; "))
	}
	return nil
}
