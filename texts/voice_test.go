package texts

import (
	"bytes"
	"context"
	"encoding/binary"
	"errors"
	"slices"
	"testing"
	"time"

	"frontdoor/store/storetest"
)

// Recordings are kept once, checked for a format every channel plays and
// bounded in size and length; replacing or removing one erases the audio
// no message uses any more, and the history keeps who did it, not the
// sound.
func TestVoices(t *testing.T) {
	rdb, keys := storetest.Redis(t)
	ctx := context.Background()
	cat := load(t)
	st := NewStore(rdb, keys, cat, nil)
	ogg := oggOpus(2 * time.Second)
	vorbis := bytes.Replace(oggOpus(time.Second), []byte("OpusHead"), []byte("\x01vorbis\x00"), 1)
	for _, tc := range []struct {
		name     string
		lang, id string
		data     []byte
		want     error
	}{
		{"too big", "ti", "menu.prompt", append(oggOpus(time.Second), make([]byte, MaxVoiceBytes)...), ErrVoiceTooBig},
		{"too long", "ti", "menu.prompt", oggOpus(MaxVoiceLength + time.Second), ErrVoiceTooLong},
		{"webm, which Telegram refuses as a voice", "ti", "menu.prompt", []byte("\x1a\x45\xdf\xa3 webm"), ErrVoiceFormat},
		{"ogg vorbis, a file on Telegram, not a voice", "ti", "menu.prompt", vorbis, ErrVoiceFormat},
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
	b, err := st.SaveVoice(ctx, cat, "wo", "menu.prompt", ogg, "ugo")
	if err != nil || b.Ref != a.Ref || a.Type != "audio/ogg" || a.Size != len(ogg) || a.Length != 2*time.Second {
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
	if ref, err := st.Recording(ctx, "ti", "menu.prompt"); err != nil || ref != a.Ref {
		t.Errorf("Recording = %q, %v", ref, err)
	}
	if err := st.RemoveVoice(ctx, "ti", "menu.prompt", "eva"); err != nil {
		t.Fatal(err)
	}
	if ref, err := st.Recording(ctx, "ti", "menu.prompt"); err != nil || ref != "" {
		t.Errorf("Recording after removal = %q, %v", ref, err)
	}
	if _, _, err := st.Audio(ctx, a.Ref); err != nil {
		t.Errorf("audio gone while Wolof still uses it: %v", err)
	}
	// Wolof gets another recording: the first, used by nothing now, goes.
	other := oggOpus(3 * time.Second)
	c, err := st.SaveVoice(ctx, cat, "wo", "menu.prompt", other, "ugo")
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Audio(ctx, a.Ref); !errors.Is(err, ErrNoRecording) || audioKeys() != 1 {
		t.Errorf("replaced audio kept: %v, %d audio keys", err, audioKeys())
	}
	if err := st.RemoveVoice(ctx, "wo", "menu.prompt", "eva"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.Audio(ctx, c.Ref); !errors.Is(err, ErrNoRecording) || audioKeys() != 0 {
		t.Errorf("audio kept after its last message let it go: %v", err)
	}
	hist, err := st.VoiceHistory(ctx, "wo", "menu.prompt")
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, h := range hist {
		got = append(got, h.Action+" "+h.By+" "+h.Ref)
	}
	if want := []string{VoiceRemove + " eva ", VoiceUpload + " ugo " + c.Ref, VoiceUpload + " ugo " + a.Ref}; !slices.Equal(got, want) {
		t.Errorf("history = %q, want %q", got, want)
	}
}

func TestAudioType(t *testing.T) {
	for _, tc := range []struct {
		data string
		want string
	}{
		{string(oggOpus(time.Second)), "audio/ogg"}, {"OggS\x00\x02", ""}, {"ID3\x04\x00", "audio/mpeg"}, {"\xff\xfb\x90\x00", "audio/mpeg"},
		{"\x00\x00\x00\x20ftypM4A \x00", "audio/mp4"}, {"\x00\x00\x00\x20ftypiso6\x00", "audio/mp4"}, {"\x1a\x45\xdf\xa3", ""}, {"RIFF....WAVE", ""}, {"", ""},
	} {
		got, ok := AudioType([]byte(tc.data))
		if got != tc.want || ok != (tc.want != "") {
			t.Errorf("AudioType(%.12q) = %q, %v; want %q", tc.data, got, ok, tc.want)
		}
	}
}

// The length is read from each container, so that the limit holds
// whatever the bit rate.
func TestAudioDuration(t *testing.T) {
	// MP3: MPEG-1 Layer III, 128 kbit/s, 44.1 kHz: 417 bytes and 1152
	// samples a frame.
	frame := make([]byte, 417)
	copy(frame, []byte{0xFF, 0xFB, 0x90, 0x00})
	mp3 := append([]byte("ID3\x04\x00\x00\x00\x00\x00\x02ab"), bytes.Repeat(frame, 383)...)
	box := func(name string, content ...[]byte) []byte {
		b := binary.BigEndian.AppendUint32(nil, uint32(8+len(bytes.Join(content, nil))))
		return append(append(b, name...), bytes.Join(content, nil)...)
	}
	mvhd := func(scale, dur uint32) []byte {
		c := make([]byte, 100)
		binary.BigEndian.PutUint32(c[12:], scale)
		binary.BigEndian.PutUint32(c[16:], dur)
		return box("mvhd", c)
	}
	mehd := box("mehd", []byte{0, 0, 0, 0, 0, 0, 0x75, 0x30})
	ftyp := box("ftyp", []byte("M4A \x00\x00\x00\x00"))
	for _, tc := range []struct {
		name  string
		data  []byte
		want  time.Duration
		known bool
	}{
		{"ogg", oggOpus(4 * time.Second), 4 * time.Second, true},
		{"mp3", mp3, 383 * 1152 * time.Second / 44100, true},
		{"m4a", append(ftyp, box("moov", mvhd(1000, 12500))...), 12500 * time.Millisecond, true},
		{"fragmented m4a with a total", append(ftyp, box("moov", mvhd(1000, 0), box("mvex", mehd))...), 30 * time.Second, true},
		{"fragmented m4a without", append(ftyp, box("moov", mvhd(1000, 0))...), 0, false},
	} {
		typ, _ := AudioType(tc.data)
		got, known := AudioDuration(typ, tc.data)
		if got != tc.want || known != tc.known {
			t.Errorf("%s (%s): %v %v, want %v %v", tc.name, typ, got, known, tc.want, tc.known)
		}
	}
}
