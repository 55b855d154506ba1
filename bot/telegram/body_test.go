package telegram

import (
	"bytes"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// A body the library streams through a pipe goes out with its length when
// it is small (one write, no chunks), and still streams when it is a file.
func TestWholeBody(t *testing.T) {
	type got struct {
		length  int64
		chunked bool
		body    string
	}
	seen := make(chan got, 1)
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		seen <- got{r.ContentLength, len(r.TransferEncoding) > 0 && r.TransferEncoding[0] == "chunked", string(b)}
	}))
	defer srv.Close()
	client := &http.Client{Transport: wholeBody{http.DefaultTransport}}
	for _, tc := range []struct {
		name        string
		size        int
		wantChunked bool
	}{
		{"a reply", 300, false},
		{"the largest read whole", wholeBodyMax, false},
		{"a file", wholeBodyMax + 1, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			want := strings.Repeat("x", tc.size)
			pr, pw := io.Pipe()
			go func() {
				// Written in pieces, as the multipart writer does.
				for i := 0; i < len(want); i += 100 {
					pw.Write([]byte(want[i:min(i+100, len(want))]))
				}
				pw.Close()
			}()
			req, err := http.NewRequest(http.MethodPost, srv.URL, pr)
			if err != nil {
				t.Fatal(err)
			}
			resp, err := client.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			g := <-seen
			if g.body != want {
				t.Errorf("the server read %d bytes, want %d", len(g.body), len(want))
			}
			if g.chunked != tc.wantChunked {
				t.Errorf("chunked %v, want %v", g.chunked, tc.wantChunked)
			}
			if !tc.wantChunked && g.length != int64(tc.size) {
				t.Errorf("Content-Length %d, want %d", g.length, tc.size)
			}
		})
	}
	// A body of known length is left alone.
	resp, err := client.Post(srv.URL, "text/plain", bytes.NewReader([]byte("abc")))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if g := <-seen; g.length != 3 || g.body != "abc" {
		t.Errorf("a body of known length arrived as %+v", g)
	}
}
