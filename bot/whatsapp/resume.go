package whatsapp

import (
	"crypto/sha256"
	"encoding/hex"
	"time"

	"go.mau.fi/whatsmeow/types"
)

// pendingTTL is how long a reply that failed part-way is remembered for
// its retry. The dispatcher retries within seconds and postpones for at
// most about an hour and a half; after that the same text is a new reply.
const pendingTTL = 2 * time.Hour

// pendingSend is a reply whose parts are being sent: the message id of
// every part, chosen before the first is sent, and how many went out.
//
// A retry of the same reply to the same person (the dispatcher sends it
// again after an error) resumes at the failed part, under the id that part
// had: parts already delivered are not sent twice, and a part that timed
// out but did arrive is not shown twice either, as WhatsApp apps keep one
// message per id.
type pendingSend struct {
	ids  []types.MessageID
	done int
	at   time.Time
}

// sendKey names one reply to one person.
func sendKey(to string, parts []string) string {
	h := sha256.New()
	h.Write([]byte(to))
	for _, p := range parts {
		h.Write([]byte{0})
		h.Write([]byte(p))
	}
	return hex.EncodeToString(h.Sum(nil))
}

// pendingFor returns the reply's pending send: the one a failed attempt
// left, or a new one with fresh ids from newID.
func (c *Channel) pendingFor(key string, n int, newID func() types.MessageID) *pendingSend {
	c.mu.Lock()
	defer c.mu.Unlock()
	now := c.now()
	for k, p := range c.pending {
		if now.Sub(p.at) > pendingTTL {
			delete(c.pending, k)
		}
	}
	if p, ok := c.pending[key]; ok && len(p.ids) == n {
		return p
	}
	p := &pendingSend{ids: make([]types.MessageID, n), at: now}
	for i := range p.ids {
		p.ids[i] = newID()
	}
	if c.pending == nil {
		c.pending = map[string]*pendingSend{}
	}
	c.pending[key] = p
	return p
}

// sentPart records that part i of a pending send went out.
func (c *Channel) sentPart(p *pendingSend, i int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	p.done = i + 1
}

// sendDone forgets a reply sent completely.
func (c *Channel) sendDone(key string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	delete(c.pending, key)
}
