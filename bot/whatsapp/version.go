package whatsapp

import (
	"go.mau.fi/whatsmeow"
	"go.mau.fi/whatsmeow/proto/waWa6"
	wastore "go.mau.fi/whatsmeow/store"
)

// announceVersion makes cli announce the configured WhatsApp Web version
// (whatsapp.web_version) when it logs in or registers; with none
// configured it keeps whatsmeow's.
//
// whatsmeow's SetWAVersion is not enough: it changes the build hash sent
// at registration, but the version in the payload (UserAgent.AppVersion)
// is copied into its base payload once, when the package loads
// (store/clientpayload.go), so logins went on announcing the built-in
// version — and "client outdated" is a login failure. The client's
// GetClientPayload hook builds the payload per connection instead.
func announceVersion(cli *whatsmeow.Client, dev *wastore.Device, cfg Config) {
	v, err := parseWebVersion(cfg.WebVersion)
	if cfg.WebVersion == "" || err != nil {
		return // Validate reported a bad value already
	}
	cli.GetClientPayload = func() *waWa6.ClientPayload { return clientPayload(dev, v) }
}

// clientPayload is dev's login payload (registration payload while
// unlinked) announcing version v.
func clientPayload(dev *wastore.Device, v wastore.WAVersionContainer) *waWa6.ClientPayload {
	p := dev.GetClientPayload() // a fresh copy each time
	if p.UserAgent == nil {
		p.UserAgent = &waWa6.ClientPayload_UserAgent{}
	}
	p.UserAgent.AppVersion = v.ProtoAppVersion()
	if p.DevicePairingData != nil {
		h := v.Hash()
		p.DevicePairingData.BuildHash = h[:]
	}
	return p
}
