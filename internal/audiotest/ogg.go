// Package audiotest makes real, tiny audio files for tests: players and
// platforms must be able to read them, and no encoder is installed.
package audiotest

import (
	"bytes"
	"encoding/binary"
)

// preSkip is the encoder delay the header announces, in 48 kHz samples.
const preSkip = 312

// OggOpus is an OGG/Opus file of n 20 ms frames of silence (n = 50 is one
// second), mono: the format of a WhatsApp voice note, which browsers play.
// Each frame is the CELT silence packet F8 FF FE.
func OggOpus(n int) []byte {
	var head bytes.Buffer
	head.WriteString("OpusHead")
	head.WriteByte(1) // version
	head.WriteByte(1) // channels
	binary.Write(&head, binary.LittleEndian, uint16(preSkip))
	binary.Write(&head, binary.LittleEndian, uint32(48000))
	binary.Write(&head, binary.LittleEndian, int16(0)) // output gain
	head.WriteByte(0)                                  // mapping family

	var tags bytes.Buffer
	tags.WriteString("OpusTags")
	vendor := "frontdoor audiotest"
	binary.Write(&tags, binary.LittleEndian, uint32(len(vendor)))
	tags.WriteString(vendor)
	binary.Write(&tags, binary.LittleEndian, uint32(0))

	var out bytes.Buffer
	out.Write(page(0x02, 0, 0, [][]byte{head.Bytes()}))
	out.Write(page(0, 0, 1, [][]byte{tags.Bytes()}))
	// At most 255 segments a page; a 3-byte packet is one segment.
	seq := uint32(2)
	for done := 0; done < n; {
		k := min(n-done, 255)
		packets := make([][]byte, k)
		for i := range packets {
			packets[i] = []byte{0xF8, 0xFF, 0xFE}
		}
		done += k
		flag := byte(0)
		if done == n {
			flag = 0x04 // end of stream
		}
		out.Write(page(flag, uint64(preSkip+done*960), seq, packets))
		seq++
	}
	return out.Bytes()
}

// page is one Ogg page of small packets (each under 255 bytes).
func page(flag byte, granule uint64, seq uint32, packets [][]byte) []byte {
	var b bytes.Buffer
	b.WriteString("OggS")
	b.WriteByte(0)
	b.WriteByte(flag)
	binary.Write(&b, binary.LittleEndian, granule)
	binary.Write(&b, binary.LittleEndian, uint32(0x46444f52)) // serial
	binary.Write(&b, binary.LittleEndian, seq)
	binary.Write(&b, binary.LittleEndian, uint32(0)) // CRC, set below
	var segs []byte
	var body []byte
	for _, p := range packets {
		for len(p) >= 255 {
			segs = append(segs, 255)
			body = append(body, p[:255]...)
			p = p[255:]
		}
		segs = append(segs, byte(len(p)))
		body = append(body, p...)
	}
	b.WriteByte(byte(len(segs)))
	b.Write(segs)
	b.Write(body)
	out := b.Bytes()
	binary.LittleEndian.PutUint32(out[22:26], crc(out))
	return out
}

// crc is Ogg's CRC-32: polynomial 0x04C11DB7, not reflected, initial 0.
func crc(data []byte) uint32 {
	var c uint32
	for _, d := range data {
		c ^= uint32(d) << 24
		for range 8 {
			if c&0x80000000 != 0 {
				c = c<<1 ^ 0x04C11DB7
			} else {
				c <<= 1
			}
		}
	}
	return c
}
