package triage

import "testing"

// core19 (issue 12, the urgent route): the core forms of every urgent kind in
// Tamil, Telugu and Malayalam, left out of core18 (stop 38). Each language is
// tested in its own script and in the Latin letters people type on phones
// (Tanglish, Romanised Telugu, Manglish). The urgent cases must be read by the
// lists alone (the net is a bonus); the decoys use the same words in an
// ordinary meaning (a film, a first-aid course, a figure of speech, a danger
// past and over, a question) and stay calm.

// TestCore19Ta: Tamil.
func TestCore19Ta(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"ta", "pills saved, tonight all of them", `தூக்க மாத்திரைகளை சேர்த்து வச்சிருக்கேன், இன்னிக்கு ராத்திரி எல்லாத்தையும் போட்டுக்குவேன்`},
		{"ta", "I'll kill myself", `நான் என்னையே கொன்னுக்க போறேன்`},
		{"ta", "I'll kill myself (Tanglish)", `naan ennaye konnukka poren`},
		{"ta", "going to the rail tracks, can't any more (Tanglish)", `rail track ku poren, ini ennala mudiyala`},
		{"ta", "cut my arm with a blade", `பிளேடால கையை கிழிச்சுக்கிட்டேன், ரத்தம் நிக்கல`},
		{"ta", "phone given to my brother, goodbye to all (Tanglish)", `en phone ah thambikku kuduthutten, ellarukkum bye, ini ennai paakka maateenga`},
		{"ta", "I want to die (Tanglish)", `naan sethu poganum, vazhkaye pudikkala`},
		{"ta", "I'll jump from the bridge", `பாலத்துல இருந்து குதிக்க போறேன்`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"ta", "child beaten daily, wounds", `பக்கத்து வீட்டுக்காரன் அவன் குழந்தையை தினமும் அடிக்கிறான், உடம்பெல்லாம் காயம்`},
		{"ta", "child locked in for two days (Tanglish)", `6 vayasu paiyana room la pootti vachittu rendu naala amma varala`},
		{"ta", "child burnt", `குழந்தைக்கு சூடு வச்சிட்டாங்க, கை எல்லாம் புண்ணு`},
		{"ta", "husband with a knife says he will kill me", `என் கணவர் கத்தியை எடுத்துட்டு என்னை கொல்லப் போறேன்னு சொல்றார்`},
		{"ta", "raped (Tanglish)", `avan ennai rape pannitaan`},
		{"ta", "not breathing, won't wake", `அப்பா மூச்சு விடல, எழுந்திருக்கல`},
		{"ta", "chest pain, left arm numb (Tanglish)", `nenju romba valikkudhu, left kai marathu pochu`},
		{"ta", "stroke: face drooping, cannot speak", `அம்மாவுக்கு முகம் ஒரு பக்கம் கோணிடுச்சு, பேச முடியல`},
		{"ta", "overdose (Tanglish)", `en friend neraya tablet saapttutaan, ezhuppa mudiyala`},
		{"ta", "pesticide drunk", `என் தம்பி பூச்சி மருந்து குடிச்சிட்டான்`},
		{"ta", "waters broken, labour (Tanglish)", `panikudam udainjiduchu, prasava vali aarambichiduchu`},
		{"ta", "bleeding that won't stop", `ரத்தம் நிக்கவே இல்ல, ரொம்ப ரத்தம் போகுது`},
		{"ta", "fainted and won't get up", `அவர் மயங்கி விழுந்துட்டார், எழுந்திருக்கல`},
		{"ta", "passport taken, a debt, not let out (Tanglish)", `passport ah vaangi vechukittaanga, 3 lakh kadan adaikkanum nu solraanga, veliye vida maattaanga`},
		{"ta", "forced prostitution", `என்னை விபச்சாரம் பண்ண கட்டாயப்படுத்துறாங்க`},
		{"ta", "months unpaid, threat of deportation", `மூணு மாசமா சம்பளம் தரல, கேட்டா ஊருக்கு அனுப்பிடுவேன்னு மிரட்டுறான்`},
		{"ta", "months unpaid, threat of the police (Tanglish)", `4 maasama sambalam tharala, kettaa police la pudichu kuduppen nu mirattuRaan`},
		{"ta", "panic attack (Tanglish)", `panic attack varudhu, moochu vida mudiyala, romba bayama irukku`},
		{"ta", "alone on the street at night, followed", `ராத்திரி ரோட்டுல தனியா இருக்கேன், ஒருத்தன் என் பின்னாடியே வர்றான், பயமா இருக்கு`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ta", "a film: the hero drinks poison", `நேத்து பார்த்த படத்துல ஹீரோ விஷம் குடிச்சிட்டான், ரொம்ப சோகம்`},
		{"ta", "a boy locks himself in to play (Tanglish)", `en paiyan room la kadhava pootti kittu game vilayaadraan`},
		{"ta", "grandma warmed the baby's milk", `பாட்டி குழந்தைக்கு பால் சூடு வச்சாங்க, எவ்வளவு கொடுக்கணும்?`},
		{"ta", "many tablets to buy (Tanglish)", `neraya tablet vaanganum, pharmacy enga irukku?`},
		{"ta", "boys jump from the bridge to swim", `வெயில் காலத்துல பசங்க பாலத்துல இருந்து ஆத்துல குதிச்சு நீந்துறாங்க`},
		{"ta", "can't sleep: a sleeping pill tonight?", `தூக்கம் வரல, இன்னிக்கு ராத்திரி தூக்க மாத்திரை போடலாமா?`},
		{"ta", "can't wake my son for school (Tanglish)", `en paiyana kaalaila school ku ezhuppa mudiyala, enna pannalam?`},
		{"ta", "first-aid course: someone not breathing (Tanglish)", `first aid course la yaarukkavadhu moochu illana enna pannanum nu kathukittom`},
		{"ta", "figure: this job is killing me", `இந்த வேலை என்னை கொல்லுது, 12 மணி நேரம்`},
		{"ta", "chest pain last year, fine now, a check-up", `போன வருஷம் நெஞ்சு வலி வந்தது, இப்போ நல்லா இருக்கேன். செக்கப்புக்கு அப்பாயின்ட்மென்ட் வேணும்`},
		{"ta", "a bank loan asked (Tanglish)", `bank la kadan vaanganum, eppadi apply pannanum?`},
		{"ta", "my son hit a six (Tanglish)", `en paiyan cricket la six adichaan`},
		{"ta", "a child with a fever: which medicine", `குழந்தைக்கு காய்ச்சல், எந்த மருந்து கொடுக்கலாம்?`},
		{"ta", "figure: so spicy I died, haha", `சாப்பாடு ரொம்ப காரம், செத்துட்டேன் ஹாஹா`},
	})
}
