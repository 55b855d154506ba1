package texts

import (
	"time"

	"frontdoor/internal/audiotest"
)

// oggOpus is a real OGG/Opus file of length of silence, mono, as a
// recorder would make it; browsers play it.
func oggOpus(length time.Duration) []byte {
	return audiotest.OggOpus(int(length / (20 * time.Millisecond)))
}
