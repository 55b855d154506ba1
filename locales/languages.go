package locales

// Language is one supported language. Its catalogue file, <Tag>.toml,
// declares it: Native and RTL come from the file's [_meta] table.
type Language struct {
	Tag    string // our code, the file name: "it","en","fr","es","ar","uk","sq","bn","ur","zh"
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

// menuOrder is the order of the language menu: the desks' own language
// first, then by how many people use each. It only orders: a language is
// added by its <tag>.toml file alone (for Dari name it fa-AF.toml, see
// LIBRARY-NOTES), and one missing here follows these, by code.
func menuOrder() []string {
	return []string{"it", "en", "fr", "es", "ar", "uk", "sq", "bn", "ur", "zh"}
}
