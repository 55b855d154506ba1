package flows

// The news subscriptions of the person, toggled from the news screen or stopped.

import "slices"

// toggleNews switches one topic and says what changed, then shows the
// news screen again with the new state.
func (t *turn) toggleNews(topic string) {
	// A news button answers any open question: it is the screen in view.
	t.st.Confirm = ""
	on := !slices.Contains(t.st.Subs, topic)
	if on {
		t.st.Subs = append(t.st.Subs, topic)
	} else {
		t.st.Subs = slices.DeleteFunc(t.st.Subs, func(s string) bool { return s == topic })
	}
	t.out = append(t.out, Subscribe{Topic: topic, On: on, Lang: t.st.Lang})
	msg := "news.off"
	if on {
		msg = "news.on"
	}
	t.say(msg, map[string]any{"Topic": t.msg("news.topic." + topic)})
	t.show()
}

// stopNews unsubscribes from everything at once. The action goes out even
// when the state shows no topic: stopping must always work, and is
// harmless twice.
func (t *turn) stopNews() {
	t.st.Confirm = ""
	t.st.Subs = nil
	t.out = append(t.out, Subscribe{Topic: "*", On: false, Lang: t.st.Lang})
	t.brief("news.stopped", nil)
}
