package whatsapp

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"time"

	"frontdoor/bot"
)

// pendingTTL is how long a reply that failed part-way is remembered in
// memory for its retry, when the caller keeps no progress of its own
// (bot.Progress: the dispatcher keeps it in the outbox, for as long as the
// reply waits there). Campaigns retry within minutes.
const pendingTTL = 2 * time.Hour

// sendState is a reply's progress as Send keeps it in a bot.Progress: the
// message id of every part, chosen before the first is sent, and how many
// went out.
//
// A retry of the same reply (the dispatcher sends it again after an
// error, or another process after a crash) resumes at the part not yet
// sent, under the id that part had: parts already delivered are not sent
// twice, and a part that timed out but did arrive is not shown twice
// either, as WhatsApp apps keep one message per id.
type sendState struct {
	// Key names the reply (sendKey): a reply rendered otherwise since
	// (another recording, another text) starts afresh.
	Key  string   `json:"k"`
	IDs  []string `json:"ids"`
	Done int      `json:"d"`
}

// sendKey names one reply to one person: its parts, files by their keys.
func sendKey(to string, parts []string) string {
	h := sha256.New()
	h.Write([]byte(to))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

// resumeState reads what p kept of the reply key of n parts; fresh is
// true when nothing usable was kept (ids are then to be chosen).
func resumeState(p bot.Progress, key string, n int) (st sendState, fresh bool) {
	if b := p.Load(); len(b) > 0 {
		if err := json.Unmarshal(b, &st); err == nil && st.Key == key && len(st.IDs) == n && st.Done >= 0 && st.Done <= n {
			return st, false
		}
	}
	return sendState{Key: key}, true
}

// saveState keeps st in p.
func saveState(ctx context.Context, p bot.Progress, st sendState) error {
	b, err := json.Marshal(st)
	if err != nil {
		return fmt.Errorf("%w: encoding the reply's progress: %w", bot.ErrNotSent, err)
	}
	return p.Save(ctx, b)
}

// pendingSend is a reply's progress kept in memory (memProgress).
type pendingSend struct {
	state []byte
	at    time.Time
}

// memProgress is the bot.Progress of a reply sent without one (a
// campaign's): kept in the channel's memory under the reply's key, so a
// retry in this process resumes; forgotten once the reply went out
// (sendDone) or after pendingTTL.
type memProgress struct {
	c   *Channel
	key string
}

func (m memProgress) Load() []byte {
	m.c.mu.Lock()
	defer m.c.mu.Unlock()
	now := m.c.now()
	for k, p := range m.c.pending {
		if now.Sub(p.at) > pendingTTL {
			delete(m.c.pending, k)
		}
	}
	if p, ok := m.c.pending[m.key]; ok {
		return p.state
	}
	return nil
}

func (m memProgress) Save(_ context.Context, b []byte) error {
	m.c.mu.Lock()
	defer m.c.mu.Unlock()
	if m.c.pending == nil {
		m.c.pending = map[string]*pendingSend{}
	}
	p, ok := m.c.pending[m.key]
	if !ok {
		p = &pendingSend{at: m.c.now()}
		m.c.pending[m.key] = p
	}
	p.state = b
	return nil
}

// sendDone forgets a reply sent completely.
func (c *Channel) sendDone(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.pending, key)
}
