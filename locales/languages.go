package locales

// Language is one supported language.
type Language struct {
	Tag    string // our code: "it","en","fr","es","ar","uk","sq","bn","ur","zh"
	Native string // name in the language itself, e.g. "العربية", "Українська", "Shqip", "বাংলা", "اردو", "中文", "Italiano"
	RTL    bool   // true for ar, ur (and later fa, ps, ...)
}

const (
	// defaultTag is the language of the desks, used before a person has chosen.
	defaultTag = "it"
	// referenceTag is the language every other catalogue is checked against
	// and the one we fall back to, because every desk has English speakers.
	referenceTag = "en"
)

// languages is the only place a language is declared. Adding one means one line
// here (in menu order) plus its active.<Tag>.toml file; Load refuses to start if
// either half is missing. Tag must be a canonical BCP 47 tag; for Dari use "fa-AF"
// (see LIBRARY-NOTES: some tags do not parse or match as expected).
func languages() []Language {
	return []Language{
		{Tag: "it", Native: "Italiano"},
		{Tag: "en", Native: "English"},
		{Tag: "fr", Native: "Français"},
		{Tag: "es", Native: "Español"},
		{Tag: "ar", Native: "العربية", RTL: true},
		{Tag: "uk", Native: "Українська"},
		{Tag: "sq", Native: "Shqip"},
		{Tag: "bn", Native: "বাংলা"},
		{Tag: "ur", Native: "اردو", RTL: true},
		{Tag: "zh", Native: "中文"},
	}
}
