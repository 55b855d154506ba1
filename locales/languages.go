package locales

// Language is one supported language. Its catalogue file, <Tag>.toml,
// declares it: Native, RTL and its place in the menu come from the file's
// [_meta] table.
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
