package handoff

import (
	"slices"

	"frontdoor/flows"
)

// stopsNews reports whether a message asks to stop all news: the /stop or
// /unsubscribe command, or a stop word as the whole message.
func stopsNews(text string) bool {
	switch command(text) {
	case "stop", "unsubscribe":
		return true
	}
	n := flows.Normalize(text)
	return n != "" && slices.ContainsFunc(stopWords(), func(w string) bool { return flows.Normalize(w) == n })
}

// stopWords are the words the flows engine takes as "stop" when they are
// the whole message. They are a copy of flows/engine.go's stopWords, which
// flows does not export; TestStopWordsAgreeWithTheEngine fails when a word
// here is not a stop for the engine. A flows.IsStopWord would remove the
// copy.
func stopWords() []string {
	return []string{
		"stop", "unsubscribe", "basta", "arrêt", "arret", "parar", "alto", "توقف", "إيقاف", "ايقاف",
		"стоп", "ndalo", "বন্ধ", "بند", "停止", "退订",
	}
}
