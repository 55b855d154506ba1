package locales

import (
	"fmt"
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

func TestWordsComeFromTheCatalogue(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang string
		cmd  Command
		want string
	}{
		{"it", CommandHelp, "aiuto"},
		{"fr", CommandClear, "effacer"},
		{"es", CommandLanguage, "idioma"},
		{"en", CommandDelete, "erase"},
		{"zh", CommandPerson, "人工"},
		{"xx", CommandHelp, "help"}, // not supported: English
	}
	for _, tt := range tests {
		if got := c.Words(tt.lang).Aliases[tt.cmd]; !slices.Contains(got, tt.want) {
			t.Errorf("Words(%s).Aliases[%s] = %q, want it to contain %q", tt.lang, tt.cmd, got, tt.want)
		}
	}
	if got := c.Words("ar").Stop; !slices.Equal(got, []string{"توقف", "إيقاف", "ايقاف"}) {
		t.Errorf("ar stop words = %q", got)
	}
	for _, l := range c.Languages() {
		w := c.Words(l.Tag)
		if len(w.Stop) == 0 || len(w.Thanks) == 0 {
			t.Errorf("%s: stop %q, thanks %q: want words in both", l.Tag, w.Stop, w.Thanks)
		}
		for _, cmd := range Commands() {
			if len(w.Aliases[cmd]) == 0 {
				t.Errorf("%s: no word for /%s", l.Tag, cmd)
			}
		}
	}
}

func TestChatUI(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		lang string
		want ChatUI
	}{
		{"it", ChatUI{Lang: "it", Message: "Messaggio", Send: "Invia", Connecting: "Connessione…", NotSent: "Non inviato"}},
		{"ar", ChatUI{Lang: "ar", RTL: true, Message: "رسالة", Send: "إرسال", Connecting: "جارٍ الاتصال…", NotSent: "لم تُرسل"}},
		{"xx", ChatUI{Lang: "en", Message: "Message", Send: "Send", Connecting: "Connecting…", NotSent: "Not sent"}},
	}
	for _, tt := range tests {
		if got := c.ChatUI(tt.lang); got != tt.want {
			t.Errorf("ChatUI(%s) = %+v, want %+v", tt.lang, got, tt.want)
		}
	}
}

// embeddedFS copies the embedded catalogues into a map, to add or break one.
func embeddedFS(t *testing.T) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	names, err := fs.Glob(catalogueFiles, "*.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range names {
		buf, err := fs.ReadFile(catalogueFiles, name)
		if err != nil {
			t.Fatal(err)
		}
		fsys[name] = &fstest.MapFile{Data: buf}
	}
	return fsys
}

// TestCheckNamesMissingWords: a catalogue without a command's words or a
// browser chat string fails the check, naming the file and the key.
func TestCheckNamesMissingWords(t *testing.T) {
	tests := []struct {
		id   string
		want string
	}{
		{"words.command.help", "fr.toml: words.command.help: missing"},
		{"words.stop", "fr.toml: words.stop: missing"},
		{"webchat.ui.send", "fr.toml: webchat.ui.send: missing"},
	}
	for _, tt := range tests {
		t.Run(tt.id, func(t *testing.T) {
			fsys := embeddedFS(t)
			buf := string(fsys["fr.toml"].Data)
			head := fmt.Sprintf("[%q]\n", tt.id)
			i := strings.Index(buf, head)
			if i < 0 {
				t.Fatalf("fr.toml has no %s", tt.id)
			}
			end := strings.Index(buf[i+len(head):], "\n\n")
			if end < 0 {
				end = len(buf) - i - len(head)
			}
			fsys["fr.toml"] = &fstest.MapFile{Data: []byte(buf[:i] + buf[i+len(head)+end:])}
			c, err := LoadFS(fsys)
			if err != nil {
				t.Fatal(err)
			}
			errs := fmt.Sprint(c.Check())
			if !strings.Contains(errs, tt.want) {
				t.Errorf("Check = %s, want %q", errs, tt.want)
			}
		})
	}
}

// TestCheckFindsAWordForTwoCommands: "/aide" cannot mean help in French
// and clear in another language.
func TestCheckFindsAWordForTwoCommands(t *testing.T) {
	fsys := embeddedFS(t)
	buf := strings.Replace(string(fsys["es.toml"].Data), "other = \"borrar\"", "other = \"borrar, aide\"", 1)
	fsys["es.toml"] = &fstest.MapFile{Data: []byte(buf)}
	c, err := LoadFS(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if errs := fmt.Sprint(c.Check()); !strings.Contains(errs, `es.toml: words.command.clear: "aide" already names /help in fr`) {
		t.Errorf("Check = %s, want the word for two commands", errs)
	}
}
