package ratelimit_test

import (
	"net/http"
	"net/netip"
	"strings"
	"testing"

	"frontdoor/ratelimit"
)

func TestClientAddress(t *testing.T) {
	proxies, err := ratelimit.ParseProxies([]string{"10.0.0.0/8", "192.0.2.1", "::1"})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		proxies ratelimit.Proxies
		remote  string
		xff     []string
		want    string
	}{
		{"no proxy trusted: header ignored", ratelimit.Proxies{}, "203.0.113.9:5000", []string{"198.51.100.1"}, "203.0.113.9"},
		{"untrusted peer: header ignored", proxies, "203.0.113.9:5000", []string{"198.51.100.1"}, "203.0.113.9"},
		{"trusted peer, one hop", proxies, "10.1.2.3:5000", []string{"198.51.100.1"}, "198.51.100.1"},
		{"trusted chain, spoofed left part", proxies, "10.1.2.3:5000", []string{"1.1.1.1, 198.51.100.1, 10.9.9.9"}, "198.51.100.1"},
		{"several headers", proxies, "192.0.2.1:443", []string{"1.1.1.1", "198.51.100.7, 10.0.0.2"}, "198.51.100.7"},
		{"hop with port", proxies, "10.1.2.3:5000", []string{"198.51.100.1:4711"}, "198.51.100.1"},
		{"IPv6 hop", proxies, "[::1]:5000", []string{"[2001:db8::7]:443"}, "2001:db8::7"},
		{"garbage from the client stops the walk", proxies, "10.1.2.3:5000", []string{"198.51.100.1, nonsense, 10.0.0.5"}, "10.0.0.5"},
		{"all trusted", proxies, "10.1.2.3:5000", []string{"10.0.0.1, 10.0.0.2"}, "10.0.0.1"},
		{"trusted peer without header", proxies, "10.1.2.3:5000", nil, "10.1.2.3"},
		{"IPv4-mapped peer", proxies, "[::ffff:10.1.2.3]:5000", []string{"198.51.100.1"}, "198.51.100.1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r, _ := http.NewRequest("GET", "/", nil)
			r.RemoteAddr = tt.remote
			for _, v := range tt.xff {
				r.Header.Add("X-Forwarded-For", v)
			}
			if got := tt.proxies.Client(r); got.String() != tt.want {
				t.Errorf("client = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestParseProxiesNamesBadEntry(t *testing.T) {
	_, err := ratelimit.ParseProxies([]string{"10.0.0.1", "10.0.0.0/33"})
	if err == nil || !strings.HasPrefix(err.Error(), "[1]:") {
		t.Fatalf("err = %v, want one naming entry [1]", err)
	}
}

func TestClientSubjectGroupsIPv6By64(t *testing.T) {
	a := ratelimit.ClientSubject(netip.MustParseAddr("2001:db8:1:2::1"))
	b := ratelimit.ClientSubject(netip.MustParseAddr("2001:db8:1:2:ffff::9"))
	c := ratelimit.ClientSubject(netip.MustParseAddr("2001:db8:1:3::1"))
	if a != b || a == c {
		t.Fatalf("subjects %s %s %s: want the same /64 to share one, another /64 not", a, b, c)
	}
	v4 := ratelimit.ClientSubject(netip.MustParseAddr("198.51.100.1"))
	if strings.Contains(v4, "198.51") || !strings.HasPrefix(v4, "v4:") {
		t.Fatalf("IPv4 subject %q", v4)
	}
}
