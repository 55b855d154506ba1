package whatsapp

import (
	"errors"
	"io"
	"io/fs"
	"time"
)

// errFileFull is what a boundedFile answers to a write past its limit.
var errFileFull = errors.New("download larger than allowed")

// boundedFile is an in-memory whatsmeow.File that refuses to grow past
// max bytes. whatsmeow's Download reads the whole response into memory
// whatever its size; DownloadToFile writes it through this file instead,
// so a sender whose declared FileLength lies cannot make Frontdoor hold
// more than max bytes. Once a write was refused, every later write is
// refused too: whatsmeow retries on other media hosts, and those
// attempts should stop at once.
type boundedFile struct {
	buf  []byte
	off  int64
	max  int64
	full bool
}

func newBoundedFile(max int64) *boundedFile { return &boundedFile{max: max} }

// Bytes is the file's content.
func (f *boundedFile) Bytes() []byte { return f.buf }

// Full reports whether a write was refused for the limit.
func (f *boundedFile) Full() bool { return f.full }

func (f *boundedFile) Read(p []byte) (int, error) {
	n, err := f.ReadAt(p, f.off)
	f.off += int64(n)
	if err == io.EOF && n > 0 {
		err = nil
	}
	return n, err
}

func (f *boundedFile) ReadAt(p []byte, at int64) (int, error) {
	if at < 0 {
		return 0, errors.New("negative offset")
	}
	if at >= int64(len(f.buf)) {
		return 0, io.EOF
	}
	n := copy(p, f.buf[at:])
	if n < len(p) {
		return n, io.EOF
	}
	return n, nil
}

func (f *boundedFile) Write(p []byte) (int, error) {
	n, err := f.WriteAt(p, f.off)
	f.off += int64(n)
	return n, err
}

func (f *boundedFile) WriteAt(p []byte, at int64) (int, error) {
	if at < 0 {
		return 0, errors.New("negative offset")
	}
	end := at + int64(len(p))
	if err := f.grow(end); err != nil {
		return 0, err
	}
	return copy(f.buf[at:end], p), nil
}

func (f *boundedFile) Seek(offset int64, whence int) (int64, error) {
	switch whence {
	case io.SeekStart:
	case io.SeekCurrent:
		offset += f.off
	case io.SeekEnd:
		offset += int64(len(f.buf))
	default:
		return 0, errors.New("bad whence")
	}
	if offset < 0 {
		return 0, errors.New("negative offset")
	}
	f.off = offset
	return offset, nil
}

func (f *boundedFile) Truncate(size int64) error {
	if size < 0 {
		return errors.New("negative size")
	}
	if size <= int64(len(f.buf)) {
		f.buf = f.buf[:size]
		return nil
	}
	return f.grow(size)
}

// grow extends the file with zeros to size bytes, unless that is past
// the limit or the limit was hit before.
func (f *boundedFile) grow(size int64) error {
	if f.full || size > f.max {
		f.full = true
		return errFileFull
	}
	if size > int64(len(f.buf)) {
		f.buf = append(f.buf, make([]byte, size-int64(len(f.buf)))...)
	}
	return nil
}

func (f *boundedFile) Stat() (fs.FileInfo, error) { return memInfo(len(f.buf)), nil }

// memInfo is the fs.FileInfo of a boundedFile: only its size matters.
type memInfo int64

func (s memInfo) Name() string       { return "media" }
func (s memInfo) Size() int64        { return int64(s) }
func (s memInfo) Mode() fs.FileMode  { return 0o600 }
func (s memInfo) ModTime() time.Time { return time.Time{} }
func (s memInfo) IsDir() bool        { return false }
func (s memInfo) Sys() any           { return nil }
