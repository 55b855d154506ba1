package telegram

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"path"
	"strings"

	tgbot "github.com/go-telegram/bot"

	"frontdoor/bot"
)

// MaxMediaSize is the largest file a bot may download from the Bot API
// (getFile refuses bigger ones on api.telegram.org).
const MaxMediaSize = 20 << 20

// ErrMediaTooBig means the file is over MaxMediaSize.
var ErrMediaTooBig = errors.New("file too big to fetch (Telegram lets bots download up to 20 MB)")

// extTypes names the MIME type of the files Telegram stores with these
// extensions; getFile gives no type.
var extTypes = map[string]string{
	".jpg": "image/jpeg", ".jpeg": "image/jpeg", ".png": "image/png", ".webp": "image/webp",
	".oga": "audio/ogg", ".ogg": "audio/ogg", ".opus": "audio/ogg", ".mp3": "audio/mpeg",
	".m4a": "audio/mp4", ".pdf": "application/pdf",
}

// FetchMedia downloads the file a bot.Message's Media names (a file_id)
// from the configured Bot API server: getFile, then the file URL. The MIME
// type is guessed from the stored file's extension, "" when unknown.
func (c *Channel) FetchMedia(ctx context.Context, to bot.Contact, ref string) ([]byte, string, error) {
	if to.Channel != channelName {
		return nil, "", fmt.Errorf("telegram: fetch media of %s: not a telegram contact", to)
	}
	if ref == "" {
		return nil, "", fmt.Errorf("telegram: fetch media of %s: no file id", to)
	}
	f, err := c.api.GetFile(ctx, &tgbot.GetFileParams{FileID: ref})
	if err != nil {
		if errors.Is(err, tgbot.ErrorBadRequest) && strings.Contains(strings.ToLower(err.Error()), "too big") {
			return nil, "", fmt.Errorf("telegram: fetch media of %s: %w", to, ErrMediaTooBig)
		}
		return nil, "", fmt.Errorf("telegram: fetch media of %s: getFile: %w", to, c.redact(err))
	}
	if f.FileSize > MaxMediaSize {
		return nil, "", fmt.Errorf("telegram: fetch media of %s: %w", to, ErrMediaTooBig)
	}
	if f.FilePath == "" {
		return nil, "", fmt.Errorf("telegram: fetch media of %s: getFile gave no file path", to)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.api.FileDownloadLink(f), nil)
	if err != nil {
		return nil, "", fmt.Errorf("telegram: fetch media of %s: %w", to, c.redact(err))
	}
	res, err := c.http.Do(req)
	if err != nil {
		return nil, "", fmt.Errorf("telegram: fetch media of %s: %w", to, c.redact(err))
	}
	defer res.Body.Close()
	if res.StatusCode != http.StatusOK {
		return nil, "", fmt.Errorf("telegram: fetch media of %s: file download: HTTP %d", to, res.StatusCode)
	}
	data, err := io.ReadAll(io.LimitReader(res.Body, MaxMediaSize+1))
	if err != nil {
		return nil, "", fmt.Errorf("telegram: fetch media of %s: reading file: %w", to, c.redact(err))
	}
	if len(data) > MaxMediaSize {
		return nil, "", fmt.Errorf("telegram: fetch media of %s: %w", to, ErrMediaTooBig)
	}
	return data, extTypes[strings.ToLower(path.Ext(f.FilePath))], nil
}
