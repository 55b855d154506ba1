package handoff

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"mime"
	"net/http"
	"strings"
	"time"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/console"
)

// MediaFetcher downloads the content a bot.Message's Media references; the
// channel adapters implement it (Telegram: getFile and the file URL;
// WhatsApp: the linked device). mime may be "" when the platform does not
// say. An error wrapping ErrMediaTooBig is told to the operator as such.
type MediaFetcher interface {
	FetchMedia(ctx context.Context, c bot.Contact, ref string) (data []byte, mime string, err error)
}

const (
	// maxMedia bounds one stored file: media live in Redis, and Telegram
	// bots cannot fetch more anyway.
	maxMedia = 20 << 20
	// defaultMediaTimeout bounds one fetch. The person's turn waits for
	// it, and the dispatcher gives a turn 30s: the rest is left for
	// recording the message, so a slow download cannot lose it.
	defaultMediaTimeout = 20 * time.Second
)

// ErrNoMedia means the file is not stored (expired, erased, never fetched):
// bot.ErrFileGone, so that a channel sending an operator's file tells it
// from a fault.
var ErrNoMedia = bot.ErrFileGone

// ErrMediaTooBig is what a MediaFetcher wraps when the platform will not
// hand over a file that large. It belongs next to bot.Message's Media, in
// package bot, where the adapters could wrap it without importing handoff.
var ErrMediaTooBig = errors.New("the file is over the size the channel lets bots download")

// tooBig reports whether a fetch failed for the size of the file. Until the
// adapters wrap ErrMediaTooBig (bot/telegram and bot/whatsapp each have an
// ErrMediaTooBig of their own, which handoff must not import), their
// errors are recognised by those sentinels' text.
func tooBig(err error) bool {
	return errors.Is(err, ErrMediaTooBig) || strings.Contains(err.Error(), "too big")
}

// safeType reports whether a file of this MIME type is served with its own
// Content-Type, and gives the console's kind for it (image, audio or file)
// and the extension for a file that came without a name. Anything else is
// sent as application/octet-stream, to download, so a file a person sent
// cannot run as a page in the console's origin.
func safeType(mimeType string) (kind, ext string, ok bool) {
	switch mimeType {
	case "image/jpeg":
		return "image", ".jpg", true
	case "image/png":
		return "image", ".png", true
	case "image/webp":
		return "image", ".webp", true
	case "audio/ogg":
		return "audio", ".ogg", true
	case "audio/mpeg":
		return "audio", ".mp3", true
	case "audio/mp4":
		return "audio", ".m4a", true
	case "application/pdf":
		return "file", ".pdf", true
	}
	return "", "", false
}

// mediaKind is how the console shows a file: image, audio or file.
func mediaKind(mimeType string) string {
	if k, _, ok := safeType(mimeType); ok {
		return k
	}
	return "file"
}

// mediaID names a message's file: stable across redeliveries of the
// message, and safe in a URL whatever the channel's message ids are.
func mediaID(messageID string) string {
	h := sha256.Sum256([]byte(messageID))
	return hex.EncodeToString(h[:8])
}

// refOf is the Ref of a transcript line relaying the person's message
// id, "" when the id is unknown.
func refOf(messageID string) string {
	if messageID == "" {
		return ""
	}
	return mediaID(messageID)
}

func baseType(t string) string {
	t, _, _ = strings.Cut(t, ";")
	return strings.ToLower(strings.TrimSpace(t))
}

// attachMedia fetches the file of a message relayed to a case and stores
// it in the case's media hash (D media: mid → bytes, mid:t → type,
// mid:n → name), with the transcript's retention as expiry. A failure is
// told in the entry, never fatal: the message itself must reach the
// operator.
func (s *Service) attachMedia(ctx context.Context, cs Case, m bot.Message, e *Entry) {
	// fail tells why in English (the API's media_error) and as a code
	// the console words in the operator's language (mediaFaultIn).
	fail := func(fault, why string, mb int) {
		e.MediaError = "could not fetch the " + kindName(m.Attachment) + ": " + why
		e.MediaFault, e.MediaMB = fault, mb
	}
	f, ok := s.fetchers[cs.Contact.Channel]
	if !ok {
		fail(faultChannel, "this channel cannot fetch files", 0)
		return
	}
	if m.MediaSize > maxMedia {
		fail(faultTooBig, fmt.Sprintf("too big (%d MB, the limit is %d MB)", m.MediaSize>>20, maxMedia>>20), int(m.MediaSize>>20))
		return
	}
	fctx, cancel := context.WithTimeout(ctx, s.mediaTimeout)
	defer cancel()
	data, typ, err := f.FetchMedia(fctx, cs.Contact, m.Media)
	switch {
	case err != nil && tooBig(err):
		fail(faultTooBig, fmt.Sprintf("too big (the limit is %d MB)", maxMedia>>20), 0)
		s.log.Warn("fetching media", "case", cs.ID, "err", err)
		return
	case err != nil:
		fail(faultDownload, "the download failed; ask the person to send it again", 0)
		s.log.Warn("fetching media", "case", cs.ID, "err", err)
		return
	case len(data) > maxMedia:
		fail(faultTooBig, fmt.Sprintf("too big (%d MB, the limit is %d MB)", len(data)>>20, maxMedia>>20), len(data)>>20)
		return
	}
	typ = baseType(typ)
	if typ == "" {
		typ = baseType(m.MediaType)
	}
	if typ == "" {
		typ = baseType(http.DetectContentType(data))
	}
	mid := mediaID(m.ID)
	key := s.q.media(cs.ID)
	pipe := s.rdb.TxPipeline()
	pipe.HSet(ctx, key, mid, data, mid+":t", typ, mid+":n", m.MediaName)
	pipe.Expire(ctx, key, s.q.retention)
	if _, err := pipe.Exec(ctx); err != nil {
		fail(faultStore, "it could not be stored", 0)
		s.log.Error("storing media", "case", cs.ID, "err", err)
		return
	}
	e.Media, e.Mime, e.File, e.Size = mid, typ, m.MediaName, len(data)
}

// Why a person's file is not in the case (Entry.MediaFault), each worded
// by console.case.media.<fault>.
const (
	faultChannel  = "channel"
	faultTooBig   = "too_big"
	faultDownload = "download"
	faultStore    = "store"
)

func kindName(a bot.Attachment) string {
	switch a {
	case bot.AttachPhoto:
		return "photo"
	case bot.AttachVoice:
		return "voice message"
	case bot.AttachDocument:
		return "document"
	case bot.AttachSticker:
		return "sticker"
	}
	return "file"
}

// Media returns a stored file of a case the operator may see.
func (s *Service) Media(ctx context.Context, op Operator, id, mid string) (data []byte, typ, name string, err error) {
	cs, err := s.q.Get(ctx, id)
	if err != nil {
		return nil, "", "", err
	}
	if !s.visible(op, cs) {
		if cs.Status == StatusAssigned {
			return nil, "", "", ErrNotYours
		}
		return nil, "", "", errForbidden
	}
	v, err := s.rdb.HMGet(ctx, s.q.media(id), mid, mid+":t", mid+":n").Result()
	if err != nil && !errors.Is(err, redis.Nil) {
		return nil, "", "", fmt.Errorf("read media: %w", err)
	}
	raw, ok := v[0].(string)
	if !ok {
		return nil, "", "", ErrNoMedia
	}
	typ, _ = v[1].(string)
	name, _ = v[2].(string)
	s.warn(ctx, "auditing a file download", id, s.q.audit(ctx, op.Name, "media", id, mid))
	return []byte(raw), typ, name, nil
}

// writeMedia serves a file with a Content-Type from the allowlist; images
// and audio play inline, everything else downloads.
func writeMedia(rw http.ResponseWriter, mid string, data []byte, typ, name string) {
	h := rw.Header()
	kind, ext, safe := safeType(typ)
	if !safe {
		typ = "application/octet-stream"
	}
	if name == "" {
		name = mid + ext
	}
	disp := "attachment"
	if kind == "image" || kind == "audio" {
		disp = "inline"
	}
	h.Set("Content-Type", typ)
	h.Set("Content-Disposition", mime.FormatMediaType(disp, map[string]string{"filename": name}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", fmt.Sprint(len(data)))
	rw.WriteHeader(http.StatusOK)
	rw.Write(data)
}

// consoleMedia serves a file to a signed-in operator; without a session
// the answer is 401, not the sign-in page: it is fetched by <img>.
func (w *web) consoleMedia(rw http.ResponseWriter, r *http.Request) {
	op, _, err := w.signedIn(r)
	if errors.Is(err, ErrNoOperator) {
		console.Refuse(rw, r, w.s.cat, console.SignInFirst())
		return
	}
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	mid := r.PathValue("mid")
	data, typ, name, err := w.s.Media(r.Context(), op, r.PathValue("id"), mid)
	if err != nil {
		w.fail(rw, r, err)
		return
	}
	writeMedia(rw, mid, data, typ, name)
}

func (w *web) apiMedia(rw http.ResponseWriter, r *http.Request, op Operator) error {
	mid := r.PathValue("mid")
	data, typ, name, err := w.s.Media(r.Context(), op, r.PathValue("id"), mid)
	if err != nil {
		return err
	}
	writeMedia(rw, mid, data, typ, name)
	return nil
}
