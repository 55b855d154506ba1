package whatsapp

import (
	"context"
	"crypto/md5"
	"path/filepath"
	"testing"

	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waWa6"
	wastore "go.mau.fi/whatsmeow/store"
	"go.mau.fi/whatsmeow/types/events"
	"google.golang.org/protobuf/proto"
)

// The payload a connection sends, as bytes on the wire, announces the
// configured version, both when logging in (linked device) and when
// registering (linking). whatsmeow's SetWAVersion alone leaves the login
// payload at its built-in version.
func TestWebVersionInClientPayload(t *testing.T) {
	ctx := context.Background()
	const want = "2.3000.1029999999"
	builtin := wastore.GetWAVersion()
	tests := []struct {
		name    string
		version string
		linked  bool
		want    string
	}{
		{"login, configured", want, true, want},
		{"registration, configured", want, false, want},
		{"login, not configured", "", true, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "wa.db")
			if tt.linked {
				linkDevice(t, path)
			}
			c, err := New(ctx, Config{Store: path, WebVersion: tt.version}, nil)
			if err != nil {
				t.Fatal(err)
			}
			defer c.Close()
			wa := c.client().(*whatsmeow.Client)
			// An undecryptable message is asked again from the phone.
			if !wa.AutomaticMessageRerequestFromPhone || !wa.SynchronousAck {
				t.Error("client built without re-requests from the phone or synchronous acks")
			}
			// The history after a link holds the messages nobody
			// answered while no device was linked: serve downloads it.
			if wa.ManualHistorySyncDownload || !wa.EnableDecryptedEventBuffer {
				t.Error("serve's client leaves the phone's history undownloaded, or has no event buffer")
			}
			if tt.want == "" {
				if wa.GetClientPayload != nil {
					t.Fatal("no version configured, yet the payload is overridden")
				}
				return
			}
			if wa.GetClientPayload == nil {
				t.Fatal("the client builds whatsmeow's default payload: the configured version is not announced")
			}
			raw, err := proto.Marshal(wa.GetClientPayload())
			if err != nil {
				t.Fatal(err)
			}
			var p waWa6.ClientPayload
			if err := proto.Unmarshal(raw, &p); err != nil {
				t.Fatal(err)
			}
			v := p.GetUserAgent().GetAppVersion()
			got := wastore.WAVersionContainer{v.GetPrimary(), v.GetSecondary(), v.GetTertiary()}
			if got.String() != tt.want {
				t.Errorf("payload announces %s, want %s (built-in %s)", got, tt.want, builtin)
			}
			if tt.linked != (p.Username != nil) {
				t.Errorf("linked %v but payload username set %v", tt.linked, p.Username != nil)
			}
			if !tt.linked {
				hash := md5.Sum([]byte(tt.want))
				if string(p.GetDevicePairingData().GetBuildHash()) != string(hash[:]) {
					t.Error("registration build hash is not the configured version's")
				}
			}
			if p.GetUserAgent().GetPlatform() != waWa6.ClientPayload_UserAgent_WEB {
				t.Errorf("platform %v: the rest of whatsmeow's payload must stay", p.GetUserAgent().GetPlatform())
			}
		})
	}
}

// The linking client leaves messages unacknowledged (nothing records them
// there): whatsmeow acknowledges only when every handler returns true.
func TestLinkingLeavesMessagesWithWhatsApp(t *testing.T) {
	if leaveMessages(dm("L1", nil)) {
		t.Error("a message arriving while linking would be acknowledged and lost")
	}
	if !leaveMessages(&events.Connected{}) {
		t.Error("other events must not count as failures")
	}
	// What it leaves, serve's client must be able to decrypt again (the
	// event buffer in the shared store), and the history the phone sends
	// is downloaded by serve, not here.
	cli := &whatsmeow.Client{}
	leaveForServe(cli)
	if !cli.SynchronousAck || !cli.EnableDecryptedEventBuffer || !cli.ManualHistorySyncDownload {
		t.Errorf("linking client: synchronous acks %v, event buffer %v, history left for serve %v; want all",
			cli.SynchronousAck, cli.EnableDecryptedEventBuffer, cli.ManualHistorySyncDownload)
	}
}
