package whatsapp

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waCommon"
	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/proto/waWeb"
	wastore "go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"

	"frontdoor/bot"
)

// fakeClient stands in for *whatsmeow.Client. It records every call in
// order as a short line, such as "connect", "presence composing 39...".
type fakeClient struct {
	mu       sync.Mutex
	calls    []string
	sent     []string // texts of SendMessage, in order
	loggedIn bool
	// connectErrs are returned by successive ConnectContext calls; nil
	// entries (or running out) mean success.
	connectErrs []error
	connects    int
	// onConnect runs (in its own goroutine) after each successful connect,
	// with the number of that connect, 1 for the first.
	onConnect func(n int)
	sendErr   error
	readErr   error
	// failSend, when set, may fail the nth SendMessage call (1 for the
	// first); ids are the ids each call was given, generated counts
	// GenerateMessageID calls.
	failSend  func(n int) error
	ids       []types.MessageID
	generated int
	// expirations are the disappearing timers of the texts sent.
	expirations []uint32
	// media are the files DownloadToFile writes, by direct path;
	// downloaded counts the bytes the files took.
	media      map[string][]byte
	downloaded int64
	// mediaRetry, when set, answers a media retry request (in its own
	// goroutine, as the phone does later) with the key it was given.
	mediaRetry func(info *types.MessageInfo, mediaKey []byte)
	// connected is set by a successful connect and cleared by
	// Disconnect; live, when set, counts connected clients across fakes.
	connected bool
	live      *liveClients
	// uploads are the files Upload took, in order; uploadErr fails them;
	// messages are the messages SendMessage sent.
	uploads   []fakeUpload
	uploadErr error
	messages  []*waE2E.Message
}

type fakeUpload struct {
	data []byte
	kind whatsmeow.MediaType
}

// Upload keeps the file and answers as WhatsApp's media server would, with
// a direct path /u1, /u2, ... per upload.
func (f *fakeClient) Upload(_ context.Context, data []byte, kind whatsmeow.MediaType) (whatsmeow.UploadResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "upload "+string(kind))
	if f.uploadErr != nil {
		return whatsmeow.UploadResponse{}, f.uploadErr
	}
	f.uploads = append(f.uploads, fakeUpload{data: append([]byte(nil), data...), kind: kind})
	n := len(f.uploads)
	sum := sha256.Sum256(data)
	return whatsmeow.UploadResponse{URL: fmt.Sprintf("https://mmg.whatsapp.net/u%d", n), DirectPath: fmt.Sprintf("/u%d", n),
		MediaKey: []byte("key"), FileSHA256: sum[:], FileEncSHA256: sum[:], FileLength: uint64(len(data))}, nil
}

func (f *fakeClient) Uploads() []fakeUpload {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]fakeUpload(nil), f.uploads...)
}

func (f *fakeClient) Messages() []*waE2E.Message {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]*waE2E.Message(nil), f.messages...)
}

// liveClients counts connected fake clients, and the most ever connected
// at once: the channel must never have two.
type liveClients struct {
	mu       sync.Mutex
	now, max int
}

func (l *liveClients) add(d int) {
	if l == nil {
		return
	}
	l.mu.Lock()
	defer l.mu.Unlock()
	l.now += d
	l.max = max(l.max, l.now)
}

func (l *liveClients) Max() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.max
}

func (f *fakeClient) record(s string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, s)
}

func (f *fakeClient) ConnectContext(ctx context.Context) error {
	f.mu.Lock()
	f.connects++
	n := f.connects
	var err error
	if n <= len(f.connectErrs) {
		err = f.connectErrs[n-1]
	}
	f.calls = append(f.calls, "connect")
	if err == nil && !f.connected {
		f.connected = true
		f.live.add(1)
	}
	hook := f.onConnect
	f.mu.Unlock()
	if err == nil && hook != nil {
		go hook(n)
	}
	return err
}

func (f *fakeClient) Disconnect() {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "disconnect")
	if f.connected {
		f.connected = false
		f.live.add(-1)
	}
}

func (f *fakeClient) setLoggedIn(b bool) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.loggedIn = b
}

func (f *fakeClient) Connected() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.connected
}

func (f *fakeClient) IsLoggedIn() bool {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.loggedIn
}

func (f *fakeClient) SendMessage(ctx context.Context, to types.JID, m *waE2E.Message, extra ...whatsmeow.SendRequestExtra) (whatsmeow.SendResponse, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls = append(f.calls, "send "+to.String())
	var id types.MessageID
	if len(extra) > 0 {
		id = extra[0].ID
	}
	f.ids = append(f.ids, id)
	if f.failSend != nil {
		if err := f.failSend(len(f.ids)); err != nil {
			return whatsmeow.SendResponse{}, err
		}
	}
	if f.sendErr != nil {
		return whatsmeow.SendResponse{}, f.sendErr
	}
	if p := m.GetProtocolMessage(); p != nil {
		f.sent = append(f.sent, fmt.Sprintf("revoke %s from-me=%v", p.GetKey().GetID(), p.GetKey().GetFromMe()))
		return whatsmeow.SendResponse{ID: fmt.Sprintf("R%d", len(f.sent))}, nil
	}
	f.messages = append(f.messages, m)
	if a := m.GetAudioMessage(); a != nil {
		f.sent = append(f.sent, fmt.Sprintf("[audio %s ptt=%v %ds %s]", a.GetMimetype(), a.GetPTT(), a.GetSeconds(), a.GetDirectPath()))
	} else if im := m.GetImageMessage(); im != nil {
		f.sent = append(f.sent, fmt.Sprintf("[image %s %s]", im.GetMimetype(), im.GetDirectPath()))
	} else if d := m.GetDocumentMessage(); d != nil {
		f.sent = append(f.sent, fmt.Sprintf("[document %s %s %s]", d.GetMimetype(), d.GetFileName(), d.GetDirectPath()))
	} else if x := m.GetExtendedTextMessage(); x != nil {
		f.sent = append(f.sent, x.GetText())
	} else {
		f.sent = append(f.sent, m.GetConversation())
	}
	f.expirations = append(f.expirations, m.GetExtendedTextMessage().GetContextInfo().GetExpiration())
	if id == "" {
		id = fmt.Sprintf("M%d", len(f.sent))
	}
	return whatsmeow.SendResponse{ID: id}, nil
}

// deskJID is the linked number in the fake's history.
var deskJID = types.NewJID("390110000000", types.DefaultUserServer)

// ParseWebMessage is whatsmeow's own, for a device linked to deskJID.
func (f *fakeClient) ParseWebMessage(chat types.JID, m *waWeb.WebMessageInfo) (*events.Message, error) {
	own := deskJID
	return (&whatsmeow.Client{Store: &wastore.Device{ID: &own}}).ParseWebMessage(chat, m)
}

// SendMediaRetryReceipt records the request to the phone.
func (f *fakeClient) SendMediaRetryReceipt(_ context.Context, info *types.MessageInfo, mediaKey []byte) error {
	f.mu.Lock()
	f.calls = append(f.calls, fmt.Sprintf("media retry %s %s", info.Chat, info.ID))
	answer := f.mediaRetry
	f.mu.Unlock()
	if answer != nil {
		go answer(info, mediaKey)
	}
	return nil
}

// GenerateMessageID gives G1, G2, ... as the ids whatsmeow would choose.
func (f *fakeClient) GenerateMessageID() types.MessageID {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.generated++
	return fmt.Sprintf("G%d", f.generated)
}

// Expirations are the disappearing timers of the texts sent, in order.
func (f *fakeClient) Expirations() []uint32 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]uint32(nil), f.expirations...)
}

// IDs are the message ids SendMessage was asked to use, in order ("" when
// none was given).
func (f *fakeClient) IDs() []types.MessageID {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]types.MessageID(nil), f.ids...)
}

// BuildRevoke builds what whatsmeow builds for one's own message.
func (f *fakeClient) BuildRevoke(chat, _ types.JID, id types.MessageID) *waE2E.Message {
	return &waE2E.Message{ProtocolMessage: &waE2E.ProtocolMessage{
		Type: waE2E.ProtocolMessage_REVOKE.Enum(),
		Key:  &waCommon.MessageKey{RemoteJID: proto.String(chat.String()), FromMe: proto.Bool(true), ID: proto.String(id)},
	}}
}

func (f *fakeClient) MarkRead(ctx context.Context, ids []types.MessageID, _ time.Time, chat, _ types.JID, kind ...types.ReceiptType) error {
	what := "read"
	if len(kind) > 0 && kind[0] == types.ReceiptTypePlayed {
		what = "played"
	}
	f.record(fmt.Sprintf("%s %s %v", what, chat, ids))
	return f.readErr
}

func (f *fakeClient) SendChatPresence(ctx context.Context, jid types.JID, state types.ChatPresence, _ types.ChatPresenceMedia) error {
	f.record(fmt.Sprintf("presence %s %s", state, jid))
	return nil
}

func (f *fakeClient) SendPresence(ctx context.Context, state types.Presence) error {
	f.record("presence " + string(state))
	return nil
}

func (f *fakeClient) AddEventHandlerWithSuccessStatus(whatsmeow.EventHandlerWithSuccessStatus) uint32 {
	return 1
}

// DownloadToFile writes the file in chunks, as whatsmeow copies a
// response body, and once more from the start after a failure, as
// whatsmeow tries the next media host; it counts the bytes the file took.
func (f *fakeClient) DownloadToFile(_ context.Context, m whatsmeow.DownloadableMessage, file whatsmeow.File) error {
	f.mu.Lock()
	f.calls = append(f.calls, "download "+m.GetDirectPath())
	data, ok := f.media[m.GetDirectPath()]
	f.mu.Unlock()
	if !ok {
		return whatsmeow.ErrMediaDownloadFailedWith404
	}
	var err error
	for range 2 {
		if _, err = file.Seek(0, io.SeekStart); err != nil {
			return err
		}
		if err = f.copyChunks(file, data); err == nil {
			return file.Truncate(int64(len(data)))
		}
	}
	return fmt.Errorf("failed to download media from last host: %w", err)
}

func (f *fakeClient) copyChunks(file whatsmeow.File, data []byte) error {
	for len(data) > 0 {
		n := min(len(data), 32<<10)
		w, err := file.Write(data[:n])
		f.mu.Lock()
		f.downloaded += int64(w)
		f.mu.Unlock()
		if err != nil {
			return err
		}
		data = data[n:]
	}
	return nil
}

func (f *fakeClient) Downloaded() int64 {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.downloaded
}

func (f *fakeClient) Calls() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.calls...)
}

func (f *fakeClient) Sent() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	return append([]string(nil), f.sent...)
}

// fakeLIDs maps LID users to phone-number JIDs.
type fakeLIDs map[string]types.JID

func (m fakeLIDs) GetPNForLID(_ context.Context, lid types.JID) (types.JID, error) {
	return m[lid.User], nil
}

func (m fakeLIDs) GetLIDForPN(_ context.Context, pn types.JID) (types.JID, error) {
	for lid, p := range m {
		if p.User == pn.User {
			return types.NewJID(lid, types.HiddenUserServer), nil
		}
	}
	return types.EmptyJID, nil
}

// memWriters is writers in memory.
type memWriters struct {
	mu  sync.Mutex
	ids map[string]time.Time
	err error
}

func (w *memWriters) Mark(_ context.Context, id string, at time.Time) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.err != nil {
		return w.err
	}
	if w.ids == nil {
		w.ids = map[string]time.Time{}
	}
	w.ids[id] = at
	return nil
}

func (w *memWriters) Wrote(_ context.Context, id string) (bool, error) {
	w.mu.Lock()
	defer w.mu.Unlock()
	_, ok := w.ids[id]
	return ok, w.err
}

func (w *memWriters) Forget(_ context.Context, id string) error {
	w.mu.Lock()
	defer w.mu.Unlock()
	delete(w.ids, id)
	return w.err
}

// fakeInbox records accepted messages.
type fakeInbox struct {
	mu   sync.Mutex
	msgs []bot.Message
	err  error
}

func (in *fakeInbox) Accept(_ context.Context, m bot.Message) (bool, error) {
	in.mu.Lock()
	defer in.mu.Unlock()
	if in.err != nil {
		return false, in.err
	}
	in.msgs = append(in.msgs, m)
	return true, nil
}

func (in *fakeInbox) Messages() []bot.Message {
	in.mu.Lock()
	defer in.mu.Unlock()
	return append([]bot.Message(nil), in.msgs...)
}

// fakeTime is a clock that only moves when waited on: waits are recorded
// and advance it, so pacing is checked without sleeping.
type fakeTime struct {
	mu    sync.Mutex
	t     time.Time
	waits []time.Duration
}

func newFakeTime() *fakeTime {
	return &fakeTime{t: time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)}
}

func (c *fakeTime) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *fakeTime) Wait(ctx context.Context, d time.Duration) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	c.waits = append(c.waits, d)
	if d > 0 {
		c.t = c.t.Add(d)
	}
	return nil
}

func (c *fakeTime) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

func (c *fakeTime) Waits() []time.Duration {
	c.mu.Lock()
	defer c.mu.Unlock()
	return append([]time.Duration(nil), c.waits...)
}

type harness struct {
	c     *Channel
	cli   *fakeClient
	who   *memWriters
	clock *fakeTime
	logs  *logBuffer
}

func newHarness(t *testing.T, cfg Config) *harness {
	t.Helper()
	h := &harness{
		cli:   &fakeClient{loggedIn: true},
		who:   &memWriters{},
		clock: newFakeTime(),
		logs:  &logBuffer{},
	}
	log := slog.New(slog.NewTextHandler(h.logs, &slog.HandlerOptions{Level: slog.LevelDebug}))
	h.c = newChannel(cfg, log, h.cli, fakeLIDs{"555000111": types.NewJID("393331234567", types.DefaultUserServer)}, h.who)
	h.c.now = h.clock.Now
	h.c.wait = h.clock.Wait
	return h
}

// logBuffer is a concurrency-safe log sink.
type logBuffer struct {
	mu sync.Mutex
	b  []byte
}

func (l *logBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	l.b = append(l.b, p...)
	return len(p), nil
}

func (l *logBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return string(l.b)
}

// eventually polls cond until it holds or the deadline passes.
func eventually(t *testing.T, what string, cond func() bool) {
	t.Helper()
	eventuallyFor(t, 5*time.Second, what, cond)
}

// eventuallyFor is eventually with another deadline, for what waits out
// a dispatcher's lease.
func eventuallyFor(t *testing.T, within time.Duration, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(within)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(2 * time.Millisecond)
	}
}

var errBoom = errors.New("boom")

func (f *fakeClient) Connects() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.connects
}

// setUnlinked puts the channel in the state New leaves it in when the
// store holds no linked device.
func (c *Channel) setUnlinked() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.linked, c.status = false, StatusUnlinked
}

// fakeStore stands for the device store in relink tests: linking puts a
// device in it, a logout deletes it (as whatsmeow does), and the channel's
// load gets a new fake client for whatever it holds.
type fakeStore struct {
	mu      sync.Mutex
	linked  bool
	clients []*fakeClient
	live    *liveClients
	// connected runs on each new client's connects, as its onConnect.
	connected func(cli *fakeClient, n int)
}

func (s *fakeStore) load(context.Context) (client, bool, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	cli := &fakeClient{loggedIn: s.linked, live: s.live}
	if hook := s.connected; hook != nil {
		cli.onConnect = func(n int) { hook(cli, n) }
	}
	s.clients = append(s.clients, cli)
	return cli, s.linked, nil
}

func (s *fakeStore) setLinked(linked bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.linked = linked
}

// Clients are the clients loaded so far.
func (s *fakeStore) Clients() []*fakeClient {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*fakeClient(nil), s.clients...)
}

// useStore makes the harness's channel load its clients from a fake
// store, starting unlinked, as New on a store without a device.
func (h *harness) useStore(t *testing.T) *fakeStore {
	t.Helper()
	s := &fakeStore{live: &liveClients{}}
	h.cli.live = s.live
	h.c.load = s.load
	if err := h.c.reloadDevice(context.Background()); err != nil {
		t.Fatal(err)
	}
	return s
}
