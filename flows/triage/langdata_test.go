package triage

import (
	"io/fs"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

// withFile returns the embedded data with one more file.
func withFile(t *testing.T, name, text string) fs.FS {
	t.Helper()
	m := fstest.MapFS{}
	err := fs.WalkDir(data, "data", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(data, p)
		m[p] = &fstest.MapFile{Data: b}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	m[name] = &fstest.MapFile{Data: []byte(text)}
	return m
}

// A new language is a data file: no Go code names a language.
func TestNewLanguageIsADataFile(t *testing.T) {
	pt := `# Frequent Portuguese words, without accents.
@script latin
@letters 1.5 ã õ
o a os as um uma de do da dos das em no na nos nas com por para sem e ou mas se que quem como onde quando porque
eu voce ele ela nos eles me te se lhe meu minha seu sua nosso nossa
sou e somos sao estou esta estamos tenho tem temos posso pode quero preciso precisa nao sim obrigado obrigada ajuda
aqui agora hoje amanha ontem semana mes ano dia trabalho consigo encontrar minha familia dinheiro pagar
`
	c, err := newFrom(withFile(t, "data/lang/pt.txt", pt), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct{ text, want string }{
		{"eu nao consigo encontrar trabalho aqui", "pt"},
		{"preciso de ajuda com a minha familia", "pt"},
		{"não tenho dinheiro para pagar", "pt"},
		{"necesito ayuda con mi familia", "es"},
		{"ho bisogno di aiuto per la mia famiglia", "it"},
	} {
		if got, conf := c.DetectLanguage(tt.text); got != tt.want {
			t.Errorf("DetectLanguage(%q) = %q (%.2f), want %q", tt.text, got, conf, tt.want)
		}
	}
	// The lexicons may then name it.
	lex := withFile(t, "data/lang/pt.txt", pt).(fstest.MapFS)
	lex["data/work.tsv"].Data = append(lex["data/work.tsv"].Data, "cv\t1.5\tpt\tcurriculo\n"...)
	if c, err = newFrom(lex, nil); err != nil {
		t.Fatal(err)
	}
	if r := c.Classify("preciso fazer o meu curriculo"); r.Area != "work" || r.Topic != "cv" || r.Lang != "pt" {
		t.Errorf("Portuguese cv: %+v", r)
	}
	// The embedded languages are the ten supported ones, ru and fa only
	// recognised.
	if got := Languages(); !slices.Equal(got, []string{"ar", "bn", "en", "es", "fr", "it", "sq", "uk", "ur", "zh"}) {
		t.Errorf("Languages() = %v", got)
	}
}

func TestLangFileErrors(t *testing.T) {
	for _, tt := range []struct{ name, text, want string }{
		{"no script", "ciao\n", "no @script"},
		{"script", "@script klingon\n", "unknown script"},
		{"letters weight", "@script latin\n@letters x ñ\n", "bad weight"},
		{"letters none", "@script latin\n@letters 1\n", "want @letters"},
		{"directive", "@script latin\n@font arial\n", "unknown directive"},
		{"letter range", "@script latin\n@letters 1 我\n", "beyond"},
		{"alias taken", "@script latin\n@alias it\n", `"it" already names it`},
		{"alias form", "@script latin\n@alias Tagalog\n", "bad alias"},
	} {
		_, err := newFrom(withFile(t, "data/lang/xx.txt", tt.text), nil)
		if err == nil || !strings.Contains(err.Error(), tt.want) || !strings.Contains(err.Error(), "xx.txt") {
			t.Errorf("%s: error %v, want one naming xx.txt and %q", tt.name, err, tt.want)
		}
	}
}
