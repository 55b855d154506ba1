package flows

import "encoding/json"

// StateLang is the language of a stored State (its JSON), "" when it has
// none or cannot be read. The wrappers around the conversation ask for it
// at every message; reading the one field spares them decoding the whole
// state.
func StateLang(state []byte) string {
	var st struct {
		Lang string `json:"l"`
	}
	if len(state) == 0 || json.Unmarshal(state, &st) != nil {
		return ""
	}
	return st.Lang
}
