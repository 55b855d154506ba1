package flows

// Voice answers, for people who listen better than they read: a person
// can choose them (the offer's button, or /voice and its other names in
// every language), and is offered them once, the first time they send a
// voice note after agreeing. The choice is kept in State, like the
// language, and goes with it when the person's data is erased. The engine
// only says which messages an answer is made of (Say.Voiced); the runtime
// sends the desk's recording of one of them, when there is one in the
// person's language, with the text. An answer with no recording is text
// alone.

// Choice ids of the offer.
const (
	choiceVoiceYes = "voice.yes"
	choiceVoiceNo  = "voice.no"
)

// offerVoice asks whether the person wants voice answers; the question
// itself is spoken when the desk recorded it, as it is for those who
// cannot read it.
func (t *turn) offerVoice() {
	t.st.VoiceOffered = true
	s := t.render("voice.offer", nil, []Choice{{choiceVoiceYes, t.msg("voice.yes")}, {choiceVoiceNo, t.msg("voice.no")}})
	s.AlwaysVoice = true
	t.out = append(t.out, s)
}

// voiceNote answers a voice note: the first one after consent, from
// someone who has not chosen, brings the offer; the others the usual line
// (a voice note cannot be listened to).
func (t *turn) voiceNote() {
	if !t.ready() || t.st.Voice || t.st.VoiceOffered {
		t.brief("input.voice", nil)
		return
	}
	t.say("input.voice", nil)
	t.offerVoice()
}

// chooseVoice keeps the person's answer to the offer, then shows what
// they were answering before.
func (t *turn) chooseVoice(yes bool) {
	t.st.Voice, t.st.VoiceOffered = yes, true
	if yes {
		t.say("voice.on", nil)
	} else {
		t.say("voice.off", nil)
	}
	t.prompt()
}
