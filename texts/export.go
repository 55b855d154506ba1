package texts

import (
	"archive/zip"
	"bytes"
	"encoding/csv"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"frontdoor/console"
)

// The desk's recordings leave as one zip: recordings.csv says which
// message, in which language, each file says, and each audio is in it once
// (audio/<sha256>.<ext>), however many messages use it. This is desk data,
// for a backup or a move to another server. Who recorded each one is
// operator data and stays in the console (the message's history and the
// audit log): the export does not carry it.
//
// A person's erasure (/delete) does not touch recordings: they are the
// desk's voice, not the person's. A recording leaves when an editor
// deletes or replaces it, and its audio with it when no other message
// uses it (voice.go).

// exportPath is the zip of every recording.
const exportPath = console.TextsPath + "recordings.zip"

// audioExt is the file name extension of a recording's type.
func audioExt(typ string) string {
	switch typ {
	case "audio/ogg":
		return ".ogg"
	case "audio/mpeg":
		return ".mp3"
	case "audio/mp4":
		return ".m4a"
	}
	return ".bin"
}

// export writes the zip of every recording.
func (e *Editor) export(rw http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	recs, err := e.store.Voices(ctx)
	if err != nil {
		e.fail(rw, r, err)
		return
	}
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	index, err := z.Create("recordings.csv")
	if err != nil {
		e.fail(rw, r, err)
		return
	}
	w := csv.NewWriter(index)
	w.Write([]string{"lang", "id", "file", "type", "bytes", "seconds", "recorded_at"})
	files := map[string]string{}
	for _, rec := range recs {
		name, ok := files[rec.Ref]
		if !ok {
			name = "audio/" + rec.Ref + audioExt(rec.Type)
			files[rec.Ref] = name
		}
		w.Write([]string{rec.Lang, rec.ID, name, rec.Type, strconv.Itoa(rec.Size),
			strconv.FormatFloat(rec.Length.Seconds(), 'f', 1, 64), rec.At.UTC().Format(time.RFC3339)})
	}
	w.Flush()
	for ref, name := range files {
		data, _, err := e.store.Audio(ctx, ref)
		if err != nil {
			e.fail(rw, r, fmt.Errorf("texts: export %s: %w", name, err))
			return
		}
		f, err := z.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Store})
		if err == nil {
			_, err = f.Write(data)
		}
		if err != nil {
			e.fail(rw, r, err)
			return
		}
	}
	if err := z.Close(); err != nil {
		e.fail(rw, r, err)
		return
	}
	v, _ := console.SignedIn(r)
	e.audited(ctx, v.Name, "voice-export", fmt.Sprintf("%d recordings, %d files", len(recs), len(files)))
	rw.Header().Set("Content-Type", "application/zip")
	rw.Header().Set("Content-Disposition", `attachment; filename="recordings.zip"`)
	rw.Write(buf.Bytes())
}
