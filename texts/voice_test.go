package texts

import (
	"bytes"
	"context"
	"errors"
	"slices"
	"testing"

	"frontdoor/store/storetest"
)

// Recordings are kept once, checked for a format every channel plays and
// bounded in size; the audio goes with the last message that used it.
func TestVoices(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	cat := load(t)
	st := NewStore(rdb, keys, cat, nil)
	ogg := append([]byte("OggS"), bytes.Repeat([]byte{1}, 100)...)
	for _, tc := range []struct {
		name     string
		lang, id string
		data     []byte
		want     error
	}{
		{"too big", "ti", "menu.prompt", append([]byte("OggS"), make([]byte, MaxVoiceBytes)...), ErrVoiceTooBig},
		{"webm, which Telegram refuses as a voice", "ti", "menu.prompt", []byte("\x1a\x45\xdf\xa3 webm"), ErrVoiceFormat},
		{"not audio", "ti", "menu.prompt", []byte("<html>"), ErrVoiceFormat},
		{"unknown message", "ti", "menu.nope", ogg, errUnknownMessage},
		{"typed words", "ti", "words.stop", ogg, errUnknownMessage},
	} {
		if _, err := st.SaveVoice(ctx, cat, tc.lang, tc.id, tc.data, "eva"); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
	a, err := st.SaveVoice(ctx, cat, "ti", "menu.prompt", ogg, "eva")
	if err != nil {
		t.Fatal(err)
	}
	b, err := st.SaveVoice(ctx, cat, "wo", "menu.prompt", ogg, "eva")
	if err != nil || b.Ref != a.Ref || a.Type != "audio/ogg" || a.Size != len(ogg) {
		t.Fatalf("second save: %+v %v (first %+v)", b, err, a)
	}
	audioKeys := func() int {
		n := 0
		for _, k := range storetest.KeysWith(t, rdb, keys.Prefix()) {
			if bytes.Contains([]byte(k), []byte("audio:")) {
				n++
			}
		}
		return n
	}
	if n := audioKeys(); n != 1 {
		t.Errorf("%d copies of one recording", n)
	}
	if data, typ, err := st.Audio(ctx, a.Ref); err != nil || typ != "audio/ogg" || !slices.Equal(data, ogg) {
		t.Errorf("Audio = %d bytes, %q, %v", len(data), typ, err)
	}
	if err := st.RemoveVoice(ctx, "ti", "menu.prompt"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Audio(ctx, a.Ref); err != nil {
		t.Errorf("audio gone while Wolof still uses it: %v", err)
	}
	if err := st.RemoveVoice(ctx, "wo", "menu.prompt"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Audio(ctx, a.Ref); !errors.Is(err, ErrNoRecording) || audioKeys() != 0 {
		t.Errorf("audio kept after its last message let it go: %v", err)
	}
}

func TestAudioType(t *testing.T) {
	for _, tc := range []struct {
		data string
		want string
	}{
		{"OggS\x00\x02", "audio/ogg"}, {"ID3\x04\x00", "audio/mpeg"}, {"\xff\xfb\x90\x00", "audio/mpeg"},
		{"\x00\x00\x00\x20ftypM4A \x00", "audio/mp4"}, {"\x1a\x45\xdf\xa3", ""}, {"RIFF....WAVE", ""}, {"", ""},
	} {
		got, ok := AudioType([]byte(tc.data))
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("AudioType(%q) = %q, %v; want %q", tc.data, got, ok, tc.want)
		}
	}
}
