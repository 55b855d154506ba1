package bot

import (
	"crypto/sha256"
	"encoding/hex"
)

// Pseudonym turns a channel identifier into a short stable token for logs, so
// that a log line can be correlated with others without showing a phone
// number or chat id.
func Pseudonym(id string) string {
	sum := sha256.Sum256([]byte("frontdoor-log:" + id))
	return hex.EncodeToString(sum[:6])
}
