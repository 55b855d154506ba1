package handoff

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"
	"unicode"

	"github.com/redis/go-redis/v9"

	"frontdoor/bot"
	"frontdoor/console"
	"frontdoor/store"
)

// Files an operator sends to the person of a case (a photo of a form, a
// PDF): kept once, in the case's media hash beside the files the person
// sent (D media: mid → bytes, mid:t → type, mid:n → name), so they
// expire with the transcript, are erased with the case (/delete, the
// erasure rules) and are listed in the case export. The reply that
// carries one holds only a reference (bot.File), read by the channel
// through Files, which gives a file only for the contact of its case.

// MaxOutFile bounds a file an operator sends: every channel takes it
// (Telegram bots may upload 10 MB photos, WhatsApp 16 MB media) and it
// stays small beside the other data in Redis.
const MaxOutFile = 10 << 20

// Refusals of a file an operator sends, told to them in their language.
var (
	ErrFileTooBig = fmt.Errorf("the file is over %d MB", MaxOutFile>>20)
	ErrFileType   = errors.New("only photos (JPEG, PNG, WebP) and PDF documents can be sent")
	ErrNoFile     = errors.New("no file chosen")
)

// outFileType is the media type of a file an operator may send, read from
// its content (the name and the browser's type can be anything), with
// the extension its name gets.
func outFileType(data []byte) (typ, ext string, ok bool) {
	switch baseType(http.DetectContentType(data)) {
	case "image/jpeg":
		return "image/jpeg", ".jpg", true
	case "image/png":
		return "image/png", ".png", true
	case "image/webp":
		return "image/webp", ".webp", true
	case "application/pdf":
		return "application/pdf", ".pdf", true
	}
	return "", "", false
}

// fileName is the name the person sees: the base of what the browser gave,
// without control or path characters, at most 80 characters, and with the
// extension of what the file really is.
func fileName(name, ext string) string {
	name = path.Base(strings.ReplaceAll(name, `\`, "/"))
	name = strings.Map(func(r rune) rune {
		if unicode.IsControl(r) || strings.ContainsRune(`/\"<>:|?*`, r) {
			return -1
		}
		return r
	}, name)
	name = strings.TrimSuffix(name, path.Ext(name))
	name = strings.Trim(name, " .")
	if r := []rune(name); len(r) > 80 {
		name = string(r[:80])
	}
	if name == "" {
		name = "file"
	}
	return name + ext
}

// fileRef is how a reply names a case's file: "<case>.<mid>", both hex.
func fileRef(caseID, mid string) string { return caseID + "." + mid }

// SendFile sends a file to the person of a case assigned to the operator,
// with caption (may be empty) under the line that says a person of the
// desk writes, through the same outbox as their text replies (queued,
// retried, delivered in order, reported when it fails). The file is
// checked by its content, stored with the case, shown in the transcript
// and audited.
func (s *Service) SendFile(ctx context.Context, operator, id string, data []byte, name, caption string) error {
	if len(data) == 0 {
		return ErrNoFile
	}
	if len(data) > MaxOutFile {
		return ErrFileTooBig
	}
	typ, ext, ok := outFileType(data)
	if !ok {
		return ErrFileType
	}
	cs, err := s.mine(ctx, operator, id)
	if err != nil {
		return err
	}
	name = fileName(name, ext)
	mid := newID()
	key := s.q.media(id)
	pipe := s.rdb.TxPipeline()
	pipe.HSet(ctx, key, mid, data, mid+":t", typ, mid+":n", name, mid+":o", "1")
	pipe.Expire(ctx, key, s.q.retention)
	if _, err := pipe.Exec(ctx); err != nil {
		return fmt.Errorf("store the file: %w", err)
	}
	kind := "document"
	if (&bot.File{Type: typ}).IsImage() {
		kind = "photo"
	}
	caption = strings.TrimSpace(caption)
	e := Entry{ID: newID(), By: "operator", Operator: operator, Text: caption, Kind: kind, Media: mid, Mime: typ, File: name, Size: len(data)}
	if err := s.q.Append(ctx, id, e); err != nil {
		return err
	}
	r := s.signed(cs, operator, caption)
	r.Text = strings.TrimSpace(r.Text)
	r.File = &bot.File{Ref: fileRef(id, mid), Type: typ, Name: name}
	if err := s.send(ctx, cs, r, id+"/"+e.ID); err != nil {
		s.warn(ctx, "noting an unsent file in the transcript", id, s.q.undelivered(ctx, id, e.ID, "could not be queued: "+err.Error()))
		return err
	}
	s.warn(ctx, "marking operator activity", id, s.q.Touch(ctx, id))
	s.warn(ctx, "auditing a file sent", id, s.q.audit(ctx, operator, "file", id, mid))
	return nil
}

// Files reads the files operators send, for the channels (their
// FileSource): a file is given only to the contact of its case, so a
// browser chat session cannot fetch another person's file by its name.
type Files struct {
	rdb  redis.UniversalClient
	keys store.Keys
	p    string
}

// NewFiles returns the files of the case queue kept in rdb under keys.
func NewFiles(rdb redis.UniversalClient, keys store.Keys) *Files {
	return &Files{rdb: rdb, keys: keys, p: console.AccountsPrefix(keys)}
}

// File returns a file an operator sent to contact: its bytes, media type
// and name. ErrNoMedia when there is no such file for that contact (erased,
// expired, another person's, or a file the person sent).
func (f *Files) File(ctx context.Context, to bot.Contact, ref string) ([]byte, string, string, error) {
	caseID, mid, ok := strings.Cut(ref, ".")
	if !ok || !isHex(caseID) || !isHex(mid) {
		return nil, "", "", ErrNoMedia
	}
	owner, err := f.rdb.HMGet(ctx, f.p+"case:"+caseID, "channel", "contact").Result()
	if err != nil {
		return nil, "", "", fmt.Errorf("read the case of a file: %w", err)
	}
	if ch, _ := owner[0].(string); ch != to.Channel {
		return nil, "", "", ErrNoMedia
	}
	if id, _ := owner[1].(string); id != to.ID {
		return nil, "", "", ErrNoMedia
	}
	v, err := f.rdb.HMGet(ctx, caseKey(f.keys, caseID, "media"), mid, mid+":t", mid+":n", mid+":o").Result()
	if err != nil {
		return nil, "", "", fmt.Errorf("read a file: %w", err)
	}
	raw, ok := v[0].(string)
	if out, _ := v[3].(string); !ok || out != "1" {
		return nil, "", "", ErrNoMedia
	}
	typ, _ := v[1].(string)
	name, _ := v[2].(string)
	return []byte(raw), typ, name, nil
}

func isHex(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, r := range s {
		if !(r >= '0' && r <= '9' || r >= 'a' && r <= 'f') {
			return false
		}
	}
	return true
}

// readUpload reads the file of a multipart form field, refusing one over
// MaxOutFile.
func readUpload(r *http.Request, field string) (data []byte, name string, err error) {
	f, h, err := r.FormFile(field)
	if errors.Is(err, http.ErrMissingFile) {
		return nil, "", ErrNoFile
	}
	if err != nil {
		return nil, "", fmt.Errorf("read the upload: %w", err)
	}
	defer f.Close()
	if h.Size > MaxOutFile {
		return nil, "", ErrFileTooBig
	}
	data, err = io.ReadAll(io.LimitReader(f, MaxOutFile+1))
	if err != nil {
		return nil, "", fmt.Errorf("read the upload: %w", err)
	}
	return data, h.Filename, nil
}
