package texts

import (
	"bytes"
	"encoding/binary"
	"time"
)

// Which audio a recording may be, and why. A recording is sent as it is
// stored, with no conversion on the server, so it must be a format that
// every channel plays as a voice message:
//
//   - OGG/Opus: Telegram's own voice format and WhatsApp's voice note
//     (PTT) format; what Firefox's recorder makes. OGG with another codec
//     (Vorbis) is refused: Telegram shows it as a file, not a voice.
//   - MP3 and M4A (AAC in MP4): Telegram's sendVoice and WhatsApp take
//     them (as audio), every browser plays them; what most phones and
//     Safari's and newer Chromium's recorders make.
//   - WebM/Opus is refused, although it is what older Chromium records:
//     neither Telegram's sendVoice nor WhatsApp accept WebM, and rewrapping
//     it into OGG is work this server does not do. The console's recorder
//     asks the browser for OGG or MP4 first and says so when it can only
//     make WebM.
//
// The type is read from the first bytes (the name or type a browser gives
// can be anything), and the length from the container, so that a limit on
// the seconds holds whatever the bit rate.

// AudioType is the media type of a recording, read from its first bytes.
func AudioType(data []byte) (string, bool) {
	switch {
	case bytes.HasPrefix(data, []byte("OggS")):
		// The first page holds the codec's header packet alone.
		if len(data) >= 36 && string(data[28:36]) == "OpusHead" {
			return "audio/ogg", true
		}
	case bytes.HasPrefix(data, []byte("ID3")), mp3Frame(data) > 0:
		return "audio/mpeg", true
	case len(data) > 12 && string(data[4:8]) == "ftyp":
		switch string(data[8:12]) {
		case "M4A ", "M4B ", "mp42", "mp41", "isom", "iso5", "iso6", "dash":
			return "audio/mp4", true
		}
	}
	return "", false
}

// AudioDuration is how long a recording of type typ plays; ok is false
// when the container does not say (an MP4 fragmented while recording,
// without a total), and the size limit alone bounds it then.
func AudioDuration(typ string, data []byte) (time.Duration, bool) {
	switch typ {
	case "audio/ogg":
		return oggDuration(data)
	case "audio/mpeg":
		return mp3Duration(data)
	case "audio/mp4":
		return mp4Duration(data)
	}
	return 0, false
}

// oggDuration reads the granule position of the last page: Opus counts
// samples at 48 kHz, less the pre-skip its header gives.
func oggDuration(data []byte) (time.Duration, bool) {
	if len(data) < 40 {
		return 0, false
	}
	preSkip := int64(binary.LittleEndian.Uint16(data[38:40]))
	i := bytes.LastIndex(data, []byte("OggS"))
	if i < 0 || len(data) < i+14 {
		return 0, false
	}
	granule := int64(binary.LittleEndian.Uint64(data[i+6 : i+14]))
	if granule < preSkip {
		return 0, true
	}
	return time.Duration(granule-preSkip) * time.Second / 48000, true
}

// mp3Duration walks the MPEG audio frames, after an ID3 tag, adding up
// their samples; it stops at the first byte that is not a frame (a tag at
// the end).
func mp3Duration(data []byte) (time.Duration, bool) {
	if bytes.HasPrefix(data, []byte("ID3")) && len(data) >= 10 {
		size := int(data[6]&0x7f)<<21 | int(data[7]&0x7f)<<14 | int(data[8]&0x7f)<<7 | int(data[9]&0x7f)
		data = data[min(len(data), 10+size):]
	}
	// A stream keeps one sample rate: the first frame's.
	var samples, rate int
	for len(data) >= 4 {
		n := mp3Frame(data)
		if n <= 0 {
			break
		}
		s, hz := mp3Samples(data)
		samples += s
		if rate == 0 {
			rate = hz
		}
		data = data[min(n, len(data)):]
	}
	if rate == 0 {
		return 0, false
	}
	return time.Duration(samples) * time.Second / time.Duration(rate), true
}

// mp3Hz is the sample rate of a frame: MPEG-1's, halved for MPEG-2 and
// quartered for MPEG-2.5; 0 for a reserved value.
func mp3Hz(data []byte) int {
	hz := [4]int{44100, 48000, 32000, 0}[data[2]>>2&3]
	switch data[1] >> 3 & 3 {
	case 2:
		hz /= 2
	case 0:
		hz /= 4
	}
	return hz
}

// mp3Frame is the length of the Layer III frame data starts with, 0 when
// it does not start with one.
func mp3Frame(data []byte) int {
	if len(data) < 4 || data[0] != 0xFF || data[1]&0xE0 != 0xE0 {
		return 0
	}
	version, layer := data[1]>>3&3, data[1]>>1&3
	rateIdx, pad := data[2]>>4, int(data[2]>>1&1)
	hz := mp3Hz(data)
	if version == 1 || layer != 1 || hz == 0 {
		return 0
	}
	// Bit rates (kbit/s) of Layer III in MPEG-1, then MPEG-2 and 2.5.
	if version == 3 {
		if r := [16]int{0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 0}[rateIdx]; r > 0 {
			return 144*r*1000/hz + pad
		}
		return 0
	}
	if r := [16]int{0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160, 0}[rateIdx]; r > 0 {
		return 72*r*1000/hz + pad
	}
	return 0
}

// mp3Samples is how many samples a frame holds, and at what rate.
func mp3Samples(data []byte) (samples, hz int) {
	if data[1]>>3&3 == 3 {
		return 1152, mp3Hz(data)
	}
	return 576, mp3Hz(data)
}

// mp4Duration reads the movie header (moov/mvhd), or the fragmented
// movie's total (moov/mvex/mehd) when the header says 0.
func mp4Duration(data []byte) (time.Duration, bool) {
	moov, ok := mp4Box(data, "moov")
	if !ok {
		return 0, false
	}
	mvhd, ok := mp4Box(moov, "mvhd")
	if !ok || len(mvhd) < 20 {
		return 0, false
	}
	var scale, dur uint64
	if mvhd[0] == 1 {
		if len(mvhd) < 32 {
			return 0, false
		}
		scale, dur = uint64(binary.BigEndian.Uint32(mvhd[20:24])), binary.BigEndian.Uint64(mvhd[24:32])
	} else {
		scale, dur = uint64(binary.BigEndian.Uint32(mvhd[12:16])), uint64(binary.BigEndian.Uint32(mvhd[16:20]))
	}
	if dur == 0 {
		if mvex, ok := mp4Box(moov, "mvex"); ok {
			if mehd, ok := mp4Box(mvex, "mehd"); ok && len(mehd) >= 8 {
				if mehd[0] == 1 && len(mehd) >= 12 {
					dur = binary.BigEndian.Uint64(mehd[4:12])
				} else {
					dur = uint64(binary.BigEndian.Uint32(mehd[4:8]))
				}
			}
		}
	}
	if scale == 0 || dur == 0 {
		return 0, false
	}
	return time.Duration(dur * uint64(time.Second) / scale), true
}

// mp4Box finds the box named name among the boxes of data, and returns
// its content.
func mp4Box(data []byte, name string) ([]byte, bool) {
	for len(data) >= 8 {
		size, head := uint64(binary.BigEndian.Uint32(data[:4])), uint64(8)
		switch size {
		case 0:
			size = uint64(len(data))
		case 1:
			if len(data) < 16 {
				return nil, false
			}
			size, head = binary.BigEndian.Uint64(data[8:16]), 16
		}
		if size < head || size > uint64(len(data)) {
			return nil, false
		}
		if string(data[4:8]) == name {
			return data[head:size], true
		}
		data = data[size:]
	}
	return nil, false
}
