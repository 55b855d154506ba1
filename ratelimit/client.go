package ratelimit

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"net/netip"
	"strings"
)

// Proxies are the reverse proxies whose X-Forwarded-For header is believed.
// The zero value trusts nobody: the client is always the connection's peer.
type Proxies struct {
	nets []netip.Prefix
}

// ParseProxies reads addresses ("10.0.0.7", "::1") and networks
// ("10.0.0.0/8"). The error names the entry by its index.
func ParseProxies(list []string) (Proxies, error) {
	var p Proxies
	for i, s := range list {
		s = strings.TrimSpace(s)
		if pfx, err := netip.ParsePrefix(s); err == nil {
			p.nets = append(p.nets, pfx.Masked())
			continue
		}
		a, err := netip.ParseAddr(s)
		if err != nil {
			return Proxies{}, fmt.Errorf("[%d]: %q is not an IP address or a network such as 10.0.0.0/8", i, s)
		}
		a = a.Unmap()
		p.nets = append(p.nets, netip.PrefixFrom(a, a.BitLen()))
	}
	return p, nil
}

func (p Proxies) trusted(a netip.Addr) bool {
	for _, n := range p.nets {
		if n.Contains(a) {
			return true
		}
	}
	return false
}

// Client returns the address of the client that made r. It is the
// connection's peer unless that peer is a trusted proxy: then
// X-Forwarded-For is read from the right, skipping trusted proxies, and the
// first address not trusted is the client. Entries further left were written
// by the client itself and are never believed. Invalid when RemoteAddr is
// not an IP address (a test's fake request, a Unix socket).
func (p Proxies) Client(r *http.Request) netip.Addr {
	peer, err := netip.ParseAddrPort(r.RemoteAddr)
	if err != nil {
		a, err := netip.ParseAddr(r.RemoteAddr)
		if err != nil {
			return netip.Addr{}
		}
		peer = netip.AddrPortFrom(a, 0)
	}
	client := peer.Addr().Unmap()
	if !p.trusted(client) {
		return client
	}
	var hops []string
	for _, v := range r.Header.Values("X-Forwarded-For") {
		hops = append(hops, strings.Split(v, ",")...)
	}
	for i := len(hops) - 1; i >= 0; i-- {
		a, ok := parseHop(hops[i])
		if !ok {
			// A trusted proxy would not write this: it came from the
			// client. The last trusted hop is all we know.
			return client
		}
		client = a
		if !p.trusted(a) {
			return client
		}
	}
	return client
}

// parseHop reads one X-Forwarded-For entry: an address, possibly with a port
// ("203.0.113.7:5123", "[2001:db8::1]:443").
func parseHop(s string) (netip.Addr, bool) {
	s = strings.TrimSpace(s)
	if a, err := netip.ParseAddr(s); err == nil {
		return a.Unmap(), true
	}
	if ap, err := netip.ParseAddrPort(s); err == nil {
		return ap.Addr().Unmap(), true
	}
	return netip.Addr{}, false
}

// ClientSubject turns a client address into a budget's Subject. IPv6 clients
// count by /64, the block one subscriber gets, or they could take a fresh
// address for every request. The address is hashed so it does not show in
// plain in key listings; this is not anonymity (every IPv4 address can be
// tried), which is why the keys expire with their budget.
func ClientSubject(a netip.Addr) string {
	if !a.IsValid() {
		return "unknown"
	}
	kind := "v4"
	if a.Is6() {
		kind = "v6"
		a = netip.PrefixFrom(a, 64).Masked().Addr()
	}
	sum := sha256.Sum256(a.AsSlice())
	return kind + ":" + hex.EncodeToString(sum[:12])
}
