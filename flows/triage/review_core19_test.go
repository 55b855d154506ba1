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

// TestCore19Te: Telugu.
func TestCore19Te(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"te", "I'll kill myself (Latin)", `nannu nenu champukuntanu ee roju`},
		{"te", "sleeping pills hidden, tonight all of them", `నిద్ర మాత్రలు దాచి పెట్టాను, ఈ రాత్రి అన్నీ వేసుకుంటా`},
		{"te", "at the railway track, enough (Latin)", `railway track daggara unnanu, inka chalu, bathakalenu`},
		{"te", "cut my hand with a blade", `చేతిని బ్లేడుతో కోసుకున్నాను, రక్తం ఆగడం లేదు`},
		{"te", "phone given to my brother, bye to all (Latin)", `naa phone tammudiki ichesanu, andariki bye, inka kanipinchanu`},
		{"te", "I'll jump from the bridge", `బ్రిడ్జి మీద నుంచి దూకేస్తాను`},
		{"te", "I want to die", `నాకు చనిపోవాలని ఉంది, ఇక బతకలేను`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"te", "child beaten daily, wounds all over", `పక్కింటి వాళ్ళు పిల్లవాడిని రోజూ కొడుతున్నారు, ఒళ్ళంతా గాయాలు`},
		{"te", "child locked in for two days (Latin)", `5 yella papani intlo taalam vesi vellipoyaru, rendu rojuluga evaru raledu`},
		{"te", "child burnt", `పిల్లాడికి వాతలు పెట్టారు`},
		{"te", "husband with a knife threatens to kill", `నా భర్త కత్తి పట్టుకుని చంపేస్తానని బెదిరిస్తున్నాడు`},
		{"te", "raped (Latin)", `vadu nannu rape chesadu`},
		{"te", "not breathing, won't get up", `నాన్న ఊపిరి తీసుకోవడం లేదు, లేవడం లేదు`},
		{"te", "chest pain, left arm numb (Latin)", `gundelo chala noppi ga undi, edama cheyyi timmiri ekkindi`},
		{"te", "stroke: mouth twisted, no speech", `అమ్మకు మూతి వంకర పోయింది, మాట రావడం లేదు`},
		{"te", "overdose (Latin)", `vadu chala tablets mingesadu, lestaledu`},
		{"te", "pesticide drunk", `మా అన్నయ్య పురుగుల మందు తాగాడు`},
		{"te", "waters broken, labour (Latin)", `ummaneeru poyindi, noppulu vastunnayi`},
		{"te", "bleeding that won't stop", `రక్తం ఆగడం లేదు, చాలా పోతోంది`},
		{"te", "fits, foam at the mouth (Latin)", `fits vachayi, notlo nurugu vastondi`},
		{"te", "fainted", `స్పృహ తప్పి పడిపోయాడు`},
		{"te", "passport taken, debt, not let out (Latin)", `passport teeskunnaru, 2 lakhs appu teerchali antunnaru, bayataki vellanivvatledu`},
		{"te", "forced prostitution", `నన్ను బలవంతంగా వ్యభిచారం చేయిస్తున్నారు`},
		{"te", "months unpaid, threat of deportation", `మూడు నెలలుగా జీతం ఇవ్వలేదు, అడిగితే దేశం నుండి పంపేస్తానని బెదిరిస్తున్నాడు`},
		{"te", "months unpaid, threat of the police (Latin)", `4 nelaluga jeetham ivvaledu, adigithe police ki pattistha ani bediristhunnadu`},
		{"te", "panic attack (Latin)", `panic attack vastondi, oopiri aadatledu, bhayam ga undi`},
		{"te", "alone on the road at night, followed", `రాత్రి రోడ్డు మీద ఒంటరిగా ఉన్నాను, ఎవరో నా వెనకాలే వస్తున్నారు`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"te", "a film: the hero drinks poison", `సినిమాలో హీరో విషం తాగాడు, చాలా బాగుంది`},
		{"te", "a cut while shaving", `షేవింగ్ చేస్తుంటే బ్లేడుతో గడ్డం దగ్గర కోసుకున్నాను, ఏం రాయాలి?`},
		{"te", "a fever, the house locked to go to hospital (Latin)", `papaki rendu rojuluga jvaram, intiki taalam vesi hospital ki vellam`},
		{"te", "a sleeping pill tonight?", `నిద్ర పట్టట్లేదు, ఈ రాత్రి నిద్ర మాత్ర వేసుకోవచ్చా?`},
		{"te", "a phone given to a brother, a new one bought (Latin)", `naa phone tammudiki ichesanu, kotha phone konukkunnanu`},
		{"te", "the passport taken at the questura (Latin)", `questura lo passport teesukunnaru, eppudu tirigi istaru?`},
		{"te", "first-aid class: someone not breathing (Latin)", `first aid class lo evaraina oopiri teesukokapothe emi cheyalo nerchukunnam`},
		{"te", "figure: this work is killing me (Latin)", `ee pani nannu champestondi, roju 12 gantalu`},
		{"te", "a heart attack last year, fine now, a check-up", `పోయిన సంవత్సరం గుండెపోటు వచ్చింది, ఇప్పుడు బాగున్నాను, చెకప్ కోసం అపాయింట్మెంట్ కావాలి`},
		{"te", "how to take a bank loan", `బ్యాంకులో అప్పు ఎలా తీసుకోవాలి?`},
		{"te", "the boy hit the ball (Latin)", `maa abbai cricket lo ball ni gattiga kottadu`},
		{"te", "children with a fever: which medicine", `పిల్లలకు జ్వరం, ఏ మందు ఇవ్వాలి?`},
		{"te", "figure: the heat is killing me", `ఎండ చంపేస్తోంది, ఫ్యాన్ ఎక్కడ కొనాలి?`},
	})
}

// TestCore19Ml: Malayalam.
func TestCore19Ml(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{"ml", "I'll end my life (Manglish)", `njan ente jeevitham avasanippikkum, ini vayya`},
		{"ml", "I'll kill myself", `ഞാൻ എന്നെ തന്നെ കൊല്ലും`},
		{"ml", "sleeping pills kept, tonight all of them", `ഉറക്കഗുളികകൾ സൂക്ഷിച്ചു വെച്ചിട്ടുണ്ട്, ഇന്ന് രാത്രി എല്ലാം കഴിക്കും`},
		{"ml", "going to the rail track, can't any more (Manglish)", `railway track il pokuva, ini enikku pattilla`},
		{"ml", "cut my hand with a blade", `കൈ ബ്ലേഡ് കൊണ്ട് മുറിച്ചു, ചോര നിൽക്കുന്നില്ല`},
		{"ml", "phone given to my brother, bye to all (Manglish)", `ente phone aniyanu koduthu, ellarkkum bye, ini enne kaanilla`},
		{"ml", "I'll jump from the bridge", `പാലത്തിൽ നിന്ന് ചാടാൻ പോകുന്നു`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{"ml", "child beaten daily, marks all over", `അടുത്ത വീട്ടിലെ കുട്ടിയെ അവർ ദിവസവും തല്ലുന്നു, ദേഹം മുഴുവൻ പാടുകൾ`},
		{"ml", "child locked in for two days (Manglish)", `4 vayassulla kuttiye veettil poottiyittu avar poyi, randu divasamayi`},
		{"ml", "child burnt with a spatula", `കുട്ടിയെ ചട്ടുകം വെച്ച് പൊള്ളിച്ചു`},
		{"ml", "husband took a knife, says he will kill me", `ഭർത്താവ് കത്തിയെടുത്ത് എന്നെ കൊല്ലുമെന്ന് പറയുന്നു`},
		{"ml", "raped (Manglish)", `avan enne rape cheythu`},
		{"ml", "not breathing, unconscious", `അച്ഛൻ ശ്വാസം എടുക്കുന്നില്ല, ബോധമില്ല`},
		{"ml", "chest pain, left arm numb (Manglish)", `nenju vedana, idathu kai tharikkunnu`},
		{"ml", "stroke: face to one side, cannot speak", `അമ്മയുടെ മുഖം ഒരു വശത്തേക്ക് കോടി, സംസാരിക്കാൻ പറ്റുന്നില്ല`},
		{"ml", "overdose (Manglish)", `avan orupaadu gulika kazhichu, unarunnilla`},
		{"ml", "poison drunk", `ചേട്ടൻ വിഷം കുടിച്ചു`},
		{"ml", "waters broken, labour (Manglish)", `vellam poyi, prasava vedana thudangi`},
		{"ml", "bleeding that won't stop", `ചോര നിൽക്കുന്നില്ല, ഒരുപാട് ചോര പോകുന്നു`},
		{"ml", "seizure, foam at the mouth (Manglish)", `apasmaram vannu, vaayil ninnu nura varunnu`},
		{"ml", "fainted (Manglish)", `bodham poyi veenu`},
		{"ml", "passport taken, debt, not let out (Manglish)", `passport vaangi vechu, 3 lakh kadam veettanam ennu parayunnu, purathu vidunnilla`},
		{"ml", "forced prostitution", `എന്നെ നിർബന്ധിച്ച് വേശ്യാവൃത്തി ചെയ്യിക്കുന്നു`},
		{"ml", "months unpaid, threat of sending home", `മൂന്ന് മാസമായി ശമ്പളം തന്നില്ല, ചോദിച്ചാൽ നാട്ടിലേക്ക് തിരിച്ചയക്കും എന്ന് ഭീഷണി`},
		{"ml", "months unpaid, threat of the police (Manglish)", `4 maasamayi shambalam tharunnilla, chodichal police il kodukkum ennu parayunnu`},
		{"ml", "panic attack (Manglish)", `panic attack varunnu, shwasam kittunnilla, pediyakunnu`},
		{"ml", "alone on the road at night, followed", `രാത്രി റോഡിൽ ഒറ്റയ്ക്കാണ്, ആരോ എന്നെ പിന്തുടരുന്നു`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"ml", "a film: the hero drinks poison", `സിനിമയിൽ നായകൻ വിഷം കുടിച്ചു, നല്ല സിനിമ ആയിരുന്നു`},
		{"ml", "a face cut while shaving", `ഷേവ് ചെയ്യുമ്പോൾ ബ്ലേഡ് കൊണ്ട് മുഖം മുറിഞ്ഞു, എന്ത് പുരട്ടണം?`},
		{"ml", "boys jumped from the bridge to swim", `പിള്ളേർ പാലത്തിൽ നിന്ന് പുഴയിലേക്ക് ചാടി നീന്തുന്നു`},
		{"ml", "a sleeping pill tonight?", `ഉറക്കം വരുന്നില്ല, ഇന്ന് രാത്രി ഉറക്കഗുളിക കഴിക്കാമോ?`},
		{"ml", "a phone given to a brother, a new one bought (Manglish)", `ente phone aniyanu koduthu, puthiya phone vangi`},
		{"ml", "many tablets for a cold, a doctor asked (Manglish)", `jaladosham aanu, orupaadu gulika kazhichu, ennittum maarunnilla, doctorine kaananam`},
		{"ml", "many tablets for a fever, a doctor asked", `ഒരാഴ്ചയായി പനിയാണ്, ഒരുപാട് ഗുളിക കഴിച്ചു, എന്നിട്ടും മാറുന്നില്ല. ഡോക്ടറെ എവിടെ കാണാം?`},
		{"ml", "first-aid class: someone not breathing (Manglish)", `first aid class il aarkkenkilum shwasam illenkil enthu cheyyanam ennu padichu`},
		{"ml", "figure: this job is killing me (Manglish)", `ee joli enne kollunnu, 12 manikkoor`},
		{"ml", "a heart attack last year, fine now, a check-up", `കഴിഞ്ഞ വർഷം ഹൃദയാഘാതം വന്നു, ഇപ്പോൾ കുഴപ്പമില്ല. ചെക്കപ്പിന് അപ്പോയിന്റ്മെന്റ് വേണം`},
		{"ml", "a bank loan asked (Manglish)", `bankil ninnu kadam edukkan enthokke venam?`},
		{"ml", "my son scored a goal (Manglish)", `ente makan football kalikkumbol goal adichu`},
		{"ml", "a child with a fever: which medicine", `കുട്ടിക്ക് പനി, ഏത് മരുന്ന് കൊടുക്കണം?`},
		{"ml", "figure: the heat is killing me", `ചൂട് കൊല്ലുന്നു, ഫാൻ എവിടെ വാങ്ങാം?`},
	})
}
