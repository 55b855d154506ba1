package triage

import "testing"

// revEng: review of engZ (issue 12). The how-to frame (data/calm, role
// howto) reaches to the next comma or full stop; a phone message without
// punctuation that asks and then tells (a parent, a grandparent, a
// flatmate: none of them @minor, @parentof or @partner) has its present
// danger calmed to a fifth. Each case below was urgent on main.
func TestRevEngHowtoHidesPresentDanger(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "asks, then tells, no punctuation", msg: `what to do if someone is not breathing my mother is not breathing`},
		{lang: "en", why: "asks, then tells, please help", msg: `what to do if someone is not breathing my mother is not breathing please help`},
		{lang: "en", why: "over and: dad told after the case", msg: `what to do if someone is unconscious and not breathing and blue my dad is not breathing`},
		{lang: "en", why: "what to do when, mum", msg: `what to do when someone collapsed and is not breathing mum collapsed and is not breathing`},
		{lang: "en", why: "seizure now", msg: `what to do if someone has a seizure my grandad is having a seizure and wont stop`},
		{lang: "en", why: "choking now", msg: `what do you do if someone is choking my grandad is choking`},
		{lang: "en", why: "flatmate bleeding", msg: `what do you do if someone is bleeding heavily my flatmate cut his arm and is bleeding heavily`},
		{lang: "es", why: "asks, then tells", msg: `que hacer si alguien no respira mi padre no respira`},
		{lang: "ro", why: "asks, then tells", msg: `ce faci daca cineva nu respira tata nu respira`},
		{lang: "ru", why: "asks, then tells", msg: `что делать если человек не дышит папа не дышит`},
		{lang: "uk", why: "asks, then tells", msg: `що робити якщо людина не дихає тато не дихає`},
		{lang: "fil", why: "asks, then tells", msg: `ano ang gagawin kung hindi humihinga ang tao hindi humihinga ang tatay ko`},
		{lang: "zh", why: "space, not a comma", msg: `如果有人不能呼吸怎么办 我爸爸不能呼吸`},
	})
}

// The course frame ("first aid course") is a skill named, yet it reaches
// over "but" and over a whole unpunctuated message: the present danger
// told after it is calmed. Urgent on main.
func TestRevEngCourseFrameReachesOverBut(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "course, but grandma now", msg: `i did a first aid course but my grandma is not breathing`},
		{lang: "en", why: "course useless, dad now", msg: `first aid course is useless my dad collapsed and is not breathing and I dont know cpr`},
		{lang: "tr", why: "course, but mother now", msg: `ilk yardım kursu aldım ama annem nefes almıyor ne yapayım`},
	})
}

// Bare "if someone" frames (agar koi, اگر کوئی, اگر کسی, যদি কেউ) in
// languages where the question comes after the case (ur, fa, bn: "if
// someone faints what do we do"): the frame's stretch runs on over the
// question into the writer's own mother or sister. Urgent on main.
func TestRevEngIfSomeoneFrameWordOrder(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "ur", why: "agar koi, then ammi", msg: `agar koi behosh ho jaye to kya karein meri ammi behosh hain saans nahi le rahi`},
		{lang: "ur", why: "اگر کوئی, then ammi", msg: `اگر کوئی سانس نہ لے تو کیا کریں میری امی سانس نہیں لے رہی`},
		{lang: "fa", why: "اگر کسی, then sister's pills", msg: `اگر کسی قرص زیادی خورده باشد چه کار کنیم خواهرم همه قرص ها را خورده و بیدار نمی شود`},
		{lang: "bn", why: "যদি কেউ, then mother", msg: `যদি কেউ শ্বাস না নেয় কি করব আমার মা শ্বাস নিচ্ছে না`},
	})
}

// leastCalmed was meant to let a danger told again outside a calm count
// whole; told again after "and then", in the calm's clause, it is still
// calmed (not urgent on main either: the gap issue 12 names is open).
func TestRevEngToldAgainAfterAndThen(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "film, and then my dad", msg: `I saw a film where a man cant breathe and then my dad cant breathe`},
	})
}

// caseNow blocks the frame only on a word of role now: "again" and
// "tonight" in the frame's stretch do not, and a present danger told with
// them is calmed. Urgent on main.
func TestRevEngHowtoAgainTonight(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "again, the writer's own seizure", msg: `what to do if someone has a seizure i am having a seizure again`},
		{lang: "en", why: "collapsed again", msg: `what to do if someone collapses grandpa collapsed again and is not breathing`},
		{lang: "en", why: "tonight", msg: `what to do if someone is not breathing tonight my uncle is not breathing`},
	})
}

// The same unpunctuated ask-then-tell in ar, so, ps and wo (frames added
// by engZ for every spoken language). Urgent on main.
func TestRevEngHowtoMoreLanguages(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "ar", why: "asks, then father", msg: `ماذا افعل اذا شخص لا يتنفس ابي لا يتنفس`},
		{lang: "so", why: "asks, then father", msg: `maxaa la sameeyaa haddii qof uusan neefsaneyn aabahay ma neefsanayo`},
		{lang: "ps", why: "asks, then father", msg: `څه وکړو که څوک ساه نه اخلي پلار مې ساه نه اخلي`},
		{lang: "wo", why: "asks, then father", msg: `lu war a def su nit ku dul noyyi baay dul noyyi`},
	})
}

// An emoji is no cut for the frame's stretch: a crying face between the
// question and the mother who is not breathing leaves her calmed. Urgent
// on main.
func TestRevEngHowtoOverEmoji(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "crying emoji", msg: `what to do if someone is not breathing 😭 my mother is not breathing`},
		{lang: "en", why: "praying emoji, please", msg: `what to do if someone is not breathing 🙏🙏 please my mother is not breathing`},
	})
}
