package texts

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"
)

// Recordings: an editor gives a message, in one language, a short audio of
// a person of the desk saying it, for people who listen better than they
// read. The audio is stored once however many messages use it (keyed by
// its SHA-256), checked to be a format every channel plays (audio.go), and
// bounded in size and length. It is the desk's data, not a person's: a
// person's erasure does not touch it. An audio no message uses any more
// (replaced or removed) is deleted at once, in the same step: the history
// of recordings keeps who did what and when, never the sound.
//
// Redis keys, beside the texts' (P is "fd:{texts}:"):
//
//	P voice              HASH   "<lang> <id>" -> the message's recording (Voice JSON)
//	P audio:<sha>        STRING the recording's bytes
//	P vhist:<lang> <id>  LIST   the message's recordings, newest first (Voice JSON with Action), at most historyMax

// MaxVoiceBytes bounds a recording: about a minute of speech in Opus or
// MP3, and small enough for every channel to send at once.
const MaxVoiceBytes = 1 << 20

// MaxVoiceLength bounds a recording's length: a message of the bot said
// slowly; a longer one is not listened to.
const MaxVoiceLength = 90 * time.Second

// Actions in a message's history of recordings.
const (
	VoiceUpload = "voice-upload"
	VoiceRemove = "voice-remove"
)

// Voice is a message's recording, or an event of its history.
type Voice struct {
	// Ref is the audio's SHA-256, what bot.Reply.Voice carries.
	Ref  string `json:"ref"`
	Type string `json:"type"`
	Size int    `json:"size"`
	// Length is how long it plays, 0 when the container does not say.
	Length time.Duration `json:"len,omitempty"`
	By     string        `json:"by"`
	At     time.Time     `json:"at"`
	// Action is what happened, in the history only.
	Action string `json:"action,omitempty"`
}

// Errors of recordings.
var (
	ErrVoiceTooBig    = fmt.Errorf("texts: a recording may have at most %d KiB", MaxVoiceBytes>>10)
	ErrVoiceTooLong   = fmt.Errorf("texts: a recording may last at most %s", MaxVoiceLength)
	ErrVoiceFormat    = errors.New("texts: a recording must be OGG/Opus, MP3 or M4A (AAC), the formats Telegram, WhatsApp and browsers all play")
	ErrNoRecording    = errors.New("texts: no such recording")
	errUnknownMessage = errors.New("texts: no such message or language")
)

// Messages is what the store asks of the catalogue before keeping a
// recording: *locales.Catalog.
type Messages interface {
	Supported(lang string) bool
	Editable(id string) bool
}

// CheckVoice tells whether data may be a recording, and what it is.
func CheckVoice(data []byte) (Voice, error) {
	if len(data) > MaxVoiceBytes {
		return Voice{}, ErrVoiceTooBig
	}
	typ, ok := AudioType(data)
	if !ok {
		return Voice{}, ErrVoiceFormat
	}
	length, known := AudioDuration(typ, data)
	if known && length > MaxVoiceLength {
		return Voice{}, ErrVoiceTooLong
	}
	sum := sha256.Sum256(data)
	return Voice{Ref: hex.EncodeToString(sum[:]), Type: typ, Size: len(data), Length: length}, nil
}

// replaceVoice makes ARGV[2] (Voice JSON, its audio ARGV[3] in KEYS[2])
// the recording of field ARGV[1], or removes it when ARGV[2] is "", when
// the recording there is still the one read before (ref ARGV[4], "" for
// none; its audio KEYS[3]); the audio no message uses any more goes, and
// the event ARGV[5] is added to the history KEYS[4] (at most ARGV[6]);
// ARGV[7] is the new audio's ref, "" when removing. It
// returns 0 when the recording changed meanwhile.
var replaceVoice = redis.NewScript(`
local raw = redis.call('HGET', KEYS[1], ARGV[1])
local old = ''
if raw then old = cjson.decode(raw)['ref'] end
if old ~= ARGV[4] then return 0 end
if ARGV[2] == '' then
  redis.call('HDEL', KEYS[1], ARGV[1])
else
  redis.call('SET', KEYS[2], ARGV[3], 'NX')
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
if old ~= '' and old ~= ARGV[7] then
  local used = false
  for _, v in ipairs(redis.call('HVALS', KEYS[1])) do
    if cjson.decode(v)['ref'] == old then used = true break end
  end
  if not used then redis.call('DEL', KEYS[3]) end
end
redis.call('LPUSH', KEYS[4], ARGV[5])
redis.call('LTRIM', KEYS[4], 0, tonumber(ARGV[6]) - 1)
return 1
`)

// replace runs replaceVoice, reading the recording there first, again
// when another editor changed it between the read and the write.
func (s *Store) replace(ctx context.Context, lang, id string, v *Voice, data []byte, event Voice) error {
	f := field(lang, id)
	for range 5 {
		old, had, err := s.VoiceOf(ctx, lang, id)
		if err != nil {
			return err
		}
		if v == nil && !had {
			return nil
		}
		var raw, newRef string
		if v != nil {
			b, err := json.Marshal(v)
			if err != nil {
				return fmt.Errorf("texts: encode recording: %w", err)
			}
			raw, newRef = string(b), v.Ref
		}
		ev, err := json.Marshal(event)
		if err != nil {
			return fmt.Errorf("texts: encode recording: %w", err)
		}
		// A key not used stands for the missing one: the script only
		// touches what it is given a ref for.
		newKey, oldKey := s.k("audio:"+newRef), s.k("audio:"+old.Ref)
		if newRef == "" {
			newKey = oldKey
		}
		if old.Ref == "" {
			oldKey = newKey
		}
		// Same slot: the audio, the index and the history change together.
		done, err := replaceVoice.Run(ctx, s.rdb, []string{s.k("voice"), newKey, oldKey, s.k("vhist:" + f)},
			f, raw, data, old.Ref, ev, historyMax, newRef).Int()
		if err != nil {
			return fmt.Errorf("texts: save recording of %s: %w", f, err)
		}
		if done == 1 {
			return nil
		}
	}
	return fmt.Errorf("texts: the recording of %s keeps changing; try again", f)
}

// SaveVoice makes data the recording of message id in lang, in place of
// the one it had.
func (s *Store) SaveVoice(ctx context.Context, msgs Messages, lang, id string, data []byte, by string) (Voice, error) {
	if !msgs.Supported(lang) || !msgs.Editable(id) {
		return Voice{}, errUnknownMessage
	}
	v, err := CheckVoice(data)
	if err != nil {
		return Voice{}, err
	}
	v.By, v.At = by, s.clock().UTC()
	ev := v
	ev.Action = VoiceUpload
	if err := s.replace(ctx, lang, id, &v, data, ev); err != nil {
		return Voice{}, err
	}
	return v, nil
}

// RemoveVoice takes a message's recording away; its audio goes with it
// unless another message uses it too.
func (s *Store) RemoveVoice(ctx context.Context, lang, id, by string) error {
	return s.replace(ctx, lang, id, nil, nil, Voice{By: by, At: s.clock().UTC(), Action: VoiceRemove})
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

// Recording is the reference of the recording of message id in lang, for
// a reply (converse.Recordings): "" when it has none.
func (s *Store) Recording(ctx context.Context, lang, id string) (string, error) {
	v, _, err := s.VoiceOf(ctx, lang, id)
	return v.Ref, err
}

// VoiceHistory returns a message's recordings and removals, newest first.
func (s *Store) VoiceHistory(ctx context.Context, lang, id string) ([]Voice, error) {
	raw, err := s.rdb.LRange(ctx, s.k("vhist:"+field(lang, id)), 0, -1).Result()
	if err != nil {
		return nil, fmt.Errorf("texts: read history of recordings: %w", err)
	}
	out := make([]Voice, 0, len(raw))
	for _, r := range raw {
		var v Voice
		if err := json.Unmarshal([]byte(r), &v); err != nil {
			return nil, fmt.Errorf("texts: decode history of recordings of %s %s: %w", lang, id, err)
		}
		out = append(out, v)
	}
	return out, nil
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

// Recorded is a message's recording, with the message it says.
type Recorded struct {
	Lang, ID string
	Voice
}

// Voices returns every message's recording.
func (s *Store) Voices(ctx context.Context) ([]Recorded, error) {
	raw, err := s.rdb.HGetAll(ctx, s.k("voice")).Result()
	if err != nil {
		return nil, fmt.Errorf("texts: read recordings: %w", err)
	}
	out := make([]Recorded, 0, len(raw))
	for f, r := range raw {
		lang, id, _ := strings.Cut(f, " ")
		rec := Recorded{Lang: lang, ID: id}
		if err := json.Unmarshal([]byte(r), &rec.Voice); err != nil {
			return nil, fmt.Errorf("texts: decode recording of %s: %w", f, err)
		}
		out = append(out, rec)
	}
	slices.SortFunc(out, func(a, b Recorded) int { return strings.Compare(a.Lang+" "+a.ID, b.Lang+" "+b.ID) })
	return out, nil
}
