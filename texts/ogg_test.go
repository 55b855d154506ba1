package texts

import (
	"bytes"
	"encoding/binary"
	"time"
)

// oggOpus is a real OGG/Opus file of length seconds of silence, mono, as
// a recorder would make it: the header packets, then 20 ms packets of
// Opus' silent frame, fifty to a page. Browsers play it.
func oggOpus(length time.Duration) []byte {
	const preSkip = 312
	var out bytes.Buffer
	seq := uint32(0)
	page := func(flags byte, granule uint64, packets ...[]byte) {
		var segs []byte
		var body []byte
		for _, p := range packets {
			n := len(p)
			for n >= 255 {
				segs = append(segs, 255)
				n -= 255
			}
			segs = append(segs, byte(n))
			body = append(body, p...)
		}
		h := make([]byte, 27, 27+len(segs)+len(body))
		copy(h, "OggS")
		h[5] = flags
		binary.LittleEndian.PutUint64(h[6:], granule)
		binary.LittleEndian.PutUint32(h[14:], 0x46524f4e)
		binary.LittleEndian.PutUint32(h[18:], seq)
		h[26] = byte(len(segs))
		h = append(append(h, segs...), body...)
		binary.LittleEndian.PutUint32(h[22:], oggCRC(h))
		out.Write(h)
		seq++
	}
	head := []byte("OpusHead\x01\x01")
	head = binary.LittleEndian.AppendUint16(head, preSkip)
	head = binary.LittleEndian.AppendUint32(head, 48000)
	head = append(head, 0, 0, 0)
	page(0x02, 0, head)
	tags := []byte("OpusTags")
	tags = binary.LittleEndian.AppendUint32(tags, 9)
	tags = append(tags, "frontdoor"...)
	tags = binary.LittleEndian.AppendUint32(tags, 0)
	page(0, 0, tags)
	packets := int(length / (20 * time.Millisecond))
	silence := []byte{0xF8, 0xFF, 0xFE}
	for done := 0; done < packets; {
		n := min(50, packets-done)
		ps := make([][]byte, n)
		for i := range ps {
			ps[i] = silence
		}
		done += n
		flags := byte(0)
		if done == packets {
			flags = 0x04
		}
		page(flags, uint64(preSkip+done*960), ps...)
	}
	return out.Bytes()
}

// oggCRC is the CRC-32 of OGG pages: polynomial 0x04c11db7, not
// reflected, starting at 0.
func oggCRC(b []byte) uint32 {
	var crc uint32
	for _, c := range b {
		crc ^= uint32(c) << 24
		for range 8 {
			if crc&0x80000000 != 0 {
				crc = crc<<1 ^ 0x04c11db7
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}
