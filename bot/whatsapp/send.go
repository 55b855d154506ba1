package whatsapp

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"

	"frontdoor/bot"
)

// notConnectedRetry is how long the dispatcher is asked to wait when the
// connection is down; Run is reconnecting meanwhile.
const notConnectedRetry = 5 * time.Second

// unlinkedRetry is how long the dispatcher is asked to wait while no
// device is linked. Linking takes a person minutes, so this wait is not
// what brings the reply through: it is kept short because the dispatcher
// sleeps it in a worker, and the reply then waits in the contact's outbox,
// postponed for a growing while, until a phone is linked again.
const unlinkedRetry = time.Second

// rlm is RIGHT-TO-LEFT MARK: a line starting with a digit or a keycap
// emoji otherwise takes the left-to-right direction and its number jumps
// to the wrong side.
const rlm = "\u200f"

// Send delivers r to a person who wrote to the number before: text, split
// when long, with the choices as a numbered list at the end (the person
// answers with the number, in any digits, or the option's words; the
// flows engine matches them against the screen it showed, so nothing is
// remembered here). It marks the person's messages read (they are
// handled now) and shows "typing…" while it paces the messages.
// Writing to someone who never wrote gives an error wrapping
// bot.ErrUnreachable: unsolicited messages get numbers banned. While no
// device is linked the error wraps ErrNotLinked and a *bot.RetryAfterError,
// not bot.ErrUnreachable: the person can still be reached once a phone is
// linked, and ErrUnreachable would mark them as having blocked the bot.
func (c *Channel) Send(ctx context.Context, to bot.Contact, r bot.Reply) error {
	if to.Channel != channelName {
		return fmt.Errorf("whatsapp: send to %s: %w: not a whatsapp contact", to, bot.ErrRejected)
	}
	jid, err := types.ParseJID(to.ID)
	if err != nil || (jid.Server != types.DefaultUserServer && jid.Server != types.HiddenUserServer) || jid.User == "" {
		// The parse error would quote the number; it must not reach logs.
		return fmt.Errorf("whatsapp: send to %s: %w: not a person's WhatsApp id", to, bot.ErrRejected)
	}
	parts := render(r)
	if len(parts) == 0 && r.File == nil && r.Voice == "" {
		return fmt.Errorf("whatsapp: send to %s: %w: empty reply", to, bot.ErrRejected)
	}
	wrote, err := c.who.Wrote(ctx, to.ID)
	if err != nil {
		return fmt.Errorf("whatsapp: send to %s: %w", to, err)
	}
	if !wrote {
		return fmt.Errorf("whatsapp: send to %s: %w: they never wrote to this number, and writing first gets numbers banned", to, bot.ErrUnreachable)
	}
	// A restricted number sends nothing: a ban, a 429 or a 463 is not
	// retried against WhatsApp, and campaigns see it is not a rate limit.
	if h := c.halted(); h != nil {
		return fmt.Errorf("whatsapp: send to %s: %w", to, h)
	}
	if h := c.contactHeld(to.ID); h != nil {
		return fmt.Errorf("whatsapp: send to %s: %w", to, h)
	}
	cli, linked := c.current()
	if !linked {
		return fmt.Errorf("whatsapp: send to %s: %w: %w: %w", to, bot.ErrUnavailable, ErrNotLinked, &bot.RetryAfterError{After: unlinkedRetry})
	}
	if !cli.IsLoggedIn() {
		return fmt.Errorf("whatsapp: send to %s: %w: not connected: %w", to, bot.ErrUnavailable, &bot.RetryAfterError{After: notConnectedRetry})
	}
	// Blue ticks first, as a person reads before typing an answer.
	c.markHandled(ctx, cli, to)
	c.goOnline(ctx, cli)
	defer func() {
		// Stop "typing…", also when a part failed.
		pctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 5*time.Second)
		defer cancel()
		c.presence(pctx, cli, to, jid, types.ChatPresencePaused)
		c.goOffline(pctx, cli)
	}()
	// The recording and the file go first, so that the list of choices
	// stays last, under the text.
	media, err := c.media(ctx, to, r)
	if err != nil {
		return err
	}
	if len(media)+len(parts) == 0 {
		return fmt.Errorf("whatsapp: send to %s: %w: empty reply", to, bot.ErrRejected)
	}
	keyed := make([]string, 0, len(media)+len(parts))
	for _, m := range media {
		keyed = append(keyed, "\x00"+m.key)
	}
	keyed = append(keyed, parts...)
	n := len(keyed)
	// Each part's id is chosen, and kept, before anything is sent; a
	// retry of this reply resumes at the part not yet sent, under the
	// same id. The dispatcher keeps the progress in the outbox, so this
	// holds across a crash; without it, in memory.
	key := sendKey(to.ID, keyed)
	prog := bot.ProgressOf(ctx)
	inMemory := prog == nil
	if inMemory {
		prog = memProgress{c: c, key: key}
	}
	st, fresh := resumeState(prog, key, n)
	if fresh {
		st.IDs = make([]string, n)
		for i := range st.IDs {
			st.IDs[i] = cli.GenerateMessageID()
		}
		if err := saveState(ctx, prog, st); err != nil {
			return fmt.Errorf("whatsapp: send to %s: %w", to, err)
		}
	}
	for i := st.Done; i < n; i++ {
		c.presence(ctx, cli, to, jid, types.ChatPresenceComposing)
		if err := c.pace.wait(ctx, to.ID, c.now, c.wait); err != nil {
			return fmt.Errorf("whatsapp: send to %s: part %d of %d: %w", to, i+1, n, err)
		}
		var msg *waE2E.Message
		if i < len(media) {
			if msg, err = c.mediaMessage(ctx, cli, to.ID, media[i]); err != nil {
				return c.sendError(to, i, n, err)
			}
		} else {
			msg = c.textMessage(to.ID, parts[i-len(media)])
		}
		resp, err := cli.SendMessage(ctx, jid, msg, whatsmeow.SendRequestExtra{ID: st.IDs[i]})
		if err != nil {
			return c.sendError(to, i, n, err)
		}
		// Kept before the progress that names the part sent, so that
		// the reply's ids are complete wherever it stops.
		if resp.ID != "" {
			c.keep(ctx, to, resp.ID)
		}
		st.Done = i + 1
		if st.Done < n {
			if err := saveState(ctx, prog, st); err != nil {
				return fmt.Errorf("whatsapp: send to %s: after part %d of %d: %w", to, i+1, n, err)
			}
		}
	}
	if inMemory {
		c.sendDone(key)
	}
	c.log.Debug("whatsapp: sent", "contact", to.String(), "parts", n, "media", len(media), "choices", len(r.Choices))
	return nil
}

// goOnline marks the device "available" for the first of the Sends in
// progress: WhatsApp shows "typing…" only from an online device.
func (c *Channel) goOnline(ctx context.Context, cli client) {
	c.mu.Lock()
	c.online++
	first := c.online == 1
	c.mu.Unlock()
	if first {
		if err := cli.SendPresence(ctx, types.PresenceAvailable); err != nil {
			c.log.Debug("whatsapp: presence available failed", "err", err)
		}
	}
}

// goOffline marks the device "unavailable" again once the last Send in
// progress ends, so the desk's phone keeps its notifications.
func (c *Channel) goOffline(ctx context.Context, cli client) {
	c.mu.Lock()
	c.online--
	last := c.online == 0
	c.mu.Unlock()
	if last {
		if err := cli.SendPresence(ctx, types.PresenceUnavailable); err != nil {
			c.log.Debug("whatsapp: presence unavailable failed", "err", err)
		}
	}
}

// presence shows or hides "typing…"; only cosmetic, so failures are only
// logged.
func (c *Channel) presence(ctx context.Context, cli client, to bot.Contact, jid types.JID, state types.ChatPresence) {
	if err := cli.SendChatPresence(ctx, jid, state, types.ChatPresenceMediaText); err != nil {
		c.log.Debug("whatsapp: chat presence failed", "contact", to.String(), "state", string(state), "err", err)
	}
}

// render turns a reply into the messages to send: the text split at
// maxTextLen, and the choices as a numbered list after it (in the last part
// when it fits), followed by the reply's ChoiceHint. Right-to-left replies get a RIGHT-TO-LEFT MARK at the
// start of every line.
func render(r bot.Reply) []string {
	text := strings.TrimSpace(r.Text)
	var parts []string
	if text != "" {
		parts = bot.SplitText(text, maxTextLen)
	}
	list := choiceList(r.Choices)
	if hint := strings.TrimSpace(r.ChoiceHint); list != "" && hint != "" {
		// Under the list: it says what to do with the numbers above.
		list += "\n\n" + hint
	}
	if list != "" {
		switch last := len(parts) - 1; {
		case last < 0:
			parts = bot.SplitText(list, maxTextLen)
		case utf8.RuneCountInString(parts[last])+2+utf8.RuneCountInString(list) <= maxTextLen:
			parts[last] += "\n\n" + list
		default:
			parts = append(parts, bot.SplitText(list, maxTextLen)...)
		}
	}
	if r.RTL {
		for i, p := range parts {
			parts[i] = markRTL(p)
		}
	}
	return parts
}

// keycaps are the emoji digits 1️⃣…🔟: they stand out as "answer with the
// number" in every language.
var keycaps = []string{"1\ufe0f\u20e3", "2\ufe0f\u20e3", "3\ufe0f\u20e3", "4\ufe0f\u20e3", "5\ufe0f\u20e3",
	"6\ufe0f\u20e3", "7\ufe0f\u20e3", "8\ufe0f\u20e3", "9\ufe0f\u20e3", "\U0001f51f"}

// choiceList numbers the choices: keycap emoji up to ten, "11." and so on
// beyond (a list mixing the two would look broken, so then all are plain).
func choiceList(choices []bot.Choice) string {
	var b strings.Builder
	for i, ch := range choices {
		if i > 0 {
			b.WriteByte('\n')
		}
		if len(choices) <= len(keycaps) {
			b.WriteString(keycaps[i])
		} else {
			b.WriteString(strconv.Itoa(i + 1))
			b.WriteByte('.')
		}
		b.WriteByte(' ')
		b.WriteString(strings.TrimSpace(ch.Label))
	}
	return b.String()
}

func markRTL(s string) string {
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		if l != "" && !strings.HasPrefix(l, rlm) {
			lines[i] = rlm + l
		}
	}
	return strings.Join(lines, "\n")
}

// pacer spaces out sending: at least perChat between two messages to one
// person, and at most perSecond messages overall. It lives in memory, so
// the limits hold per process; run one process per number (whatsmeow
// cannot share a session between processes anyway).
type pacer struct {
	perChat time.Duration
	gap     time.Duration // between any two messages

	mu     sync.Mutex
	next   time.Time            // earliest time for the next message
	chats  map[string]time.Time // earliest time for the next message per chat
	pruned time.Time
}

func newPacer(perChat time.Duration, perSecond float64) *pacer {
	return &pacer{
		perChat: perChat,
		gap:     time.Duration(float64(time.Second) / perSecond),
		chats:   map[string]time.Time{},
	}
}

// reserve books the next slot for chat and returns when it is.
func (p *pacer) reserve(chat string, now time.Time) time.Time {
	p.mu.Lock()
	defer p.mu.Unlock()
	at := now
	if p.next.After(at) {
		at = p.next
	}
	if t := p.chats[chat]; t.After(at) {
		at = t
	}
	p.next = at.Add(p.gap)
	p.chats[chat] = at.Add(p.perChat)
	if now.Sub(p.pruned) > time.Minute {
		for k, t := range p.chats {
			if t.Before(now) {
				delete(p.chats, k)
			}
		}
		p.pruned = now
	}
	return at
}

// wait books a slot and waits for it. A slot given up (ctx ended) stays
// booked: a short gap is harmless, and sending too fast is not.
func (p *pacer) wait(ctx context.Context, chat string, now func() time.Time, wait func(context.Context, time.Duration) error) error {
	t := now()
	at := p.reserve(chat, t)
	return wait(ctx, at.Sub(t))
}
