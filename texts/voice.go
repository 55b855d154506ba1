package texts

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/redis/go-redis/v9"
)

// Recordings: an editor gives a message, in one language, a short audio of
// a person of the desk saying it, for people who listen better than they
// read. The audio is stored once however many messages use it (keyed by
// its SHA-256), checked to be a format every channel plays, and bounded in
// size. It is the desk's data, not a person's.
//
// Redis keys, beside the texts' (P is "fd:{texts}:"):
//
//	P voice        HASH   "<lang> <id>" -> the message's recording (Voice JSON)
//	P audio:<sha>  STRING the recording's bytes

// MaxVoiceBytes bounds a recording: about a minute of speech in Opus or
// MP3, and small enough for every channel to send at once.
const MaxVoiceBytes = 1 << 20

// Voice is a message's recording.
type Voice struct {
	// Ref is the audio's SHA-256, what bot.Reply.Voice carries.
	Ref  string    `json:"ref"`
	Type string    `json:"type"`
	Size int       `json:"size"`
	By   string    `json:"by"`
	At   time.Time `json:"at"`
}

// Errors of recordings.
var (
	ErrVoiceTooBig    = fmt.Errorf("texts: a recording may have at most %d KiB", MaxVoiceBytes>>10)
	ErrVoiceFormat    = errors.New("texts: a recording must be OGG/Opus, MP3 or M4A (AAC), the formats Telegram, WhatsApp and browsers all play")
	ErrNoRecording    = errors.New("texts: no such recording")
	errUnknownMessage = errors.New("texts: no such message or language")
)

// AudioType is the media type of a recording, read from its first bytes
// (the name or type a browser gives can be anything).
func AudioType(data []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(data, []byte("OggS")):
		return "audio/ogg", true
	case bytes.HasPrefix(data, []byte("ID3")), len(data) > 1 && data[0] == 0xFF && data[1]&0xE0 == 0xE0:
		return "audio/mpeg", true
	case len(data) > 11 && string(data[4:8]) == "ftyp" && (string(data[8:11]) == "M4A" || string(data[8:12]) == "mp42" || string(data[8:12]) == "isom"):
		return "audio/mp4", true
	}
	return "", false
}

// Messages is what the store asks of the catalogue before keeping a
// recording: *locales.Catalog.
type Messages interface {
	Supported(lang string) bool
	Editable(id string) bool
}

// SaveVoice makes data the recording of message id in lang.
func (s *Store) SaveVoice(ctx context.Context, msgs Messages, lang, id string, data []byte, by string) (Voice, error) {
	if !msgs.Supported(lang) || !msgs.Editable(id) {
		return Voice{}, errUnknownMessage
	}
	if len(data) > MaxVoiceBytes {
		return Voice{}, ErrVoiceTooBig
	}
	typ, ok := AudioType(data)
	if !ok {
		return Voice{}, ErrVoiceFormat
	}
	sum := sha256.Sum256(data)
	v := Voice{Ref: hex.EncodeToString(sum[:]), Type: typ, Size: len(data), By: by, At: s.clock().UTC()}
	b, err := json.Marshal(v)
	if err != nil {
		return Voice{}, fmt.Errorf("texts: encode recording: %w", err)
	}
	// Same slot: the audio and the index change together.
	if _, err := s.rdb.TxPipelined(ctx, func(p redis.Pipeliner) error {
		p.SetNX(ctx, s.k("audio:"+v.Ref), data, 0)
		p.HSet(ctx, s.k("voice"), field(lang, id), b)
		return nil
	}); err != nil {
		return Voice{}, fmt.Errorf("texts: save recording: %w", err)
	}
	return v, nil
}

// VoiceOf returns the recording of a message, if there is one.
func (s *Store) VoiceOf(ctx context.Context, lang, id string) (Voice, bool, error) {
	raw, err := s.rdb.HGet(ctx, s.k("voice"), field(lang, id)).Result()
	if errors.Is(err, redis.Nil) {
		return Voice{}, false, nil
	}
	if err != nil {
		return Voice{}, false, fmt.Errorf("texts: read recording: %w", err)
	}
	var v Voice
	if err := json.Unmarshal([]byte(raw), &v); err != nil {
		return Voice{}, false, fmt.Errorf("texts: decode recording of %s %s: %w", lang, id, err)
	}
	return v, true, nil
}

// Audio returns a recording's bytes and media type: it is the channels'
// audio source (telegram.AudioSource).
func (s *Store) Audio(ctx context.Context, ref string) ([]byte, string, error) {
	data, err := s.rdb.Get(ctx, s.k("audio:"+ref)).Bytes()
	if errors.Is(err, redis.Nil) {
		return nil, "", ErrNoRecording
	}
	if err != nil {
		return nil, "", fmt.Errorf("texts: read recording: %w", err)
	}
	typ, _ := AudioType(data)
	return data, typ, nil
}

// removeVoice takes a message's recording (ARGV[2], the one read
// before) away, and its audio (KEYS[2]) when no other message uses it, in
// one step; it does nothing when the recording changed meanwhile.
var removeVoice = redis.NewScript(`
local raw = redis.call('HGET', KEYS[1], ARGV[1])
if not raw or cjson.decode(raw)['ref'] ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
for _, v in ipairs(redis.call('HVALS', KEYS[1])) do
  if cjson.decode(v)['ref'] == ARGV[2] then return 1 end
end
redis.call('DEL', KEYS[2])
return 1
`)

// RemoveVoice takes a message's recording away.
func (s *Store) RemoveVoice(ctx context.Context, lang, id string) error {
	v, ok, err := s.VoiceOf(ctx, lang, id)
	if err != nil || !ok {
		return err
	}
	if err := removeVoice.Run(ctx, s.rdb, []string{s.k("voice"), s.k("audio:" + v.Ref)}, field(lang, id), v.Ref).Err(); err != nil {
		return fmt.Errorf("texts: remove recording: %w", err)
	}
	return nil
}
