package triage

import (
	"strings"
	"testing"
	"testing/fstest"
)

// A danger told as past and declared over (a past time, "he is in
// prison", "better now", "recovering"), with an everyday need asked, is
// calm: these were false alarms of sets s, t and u, or their paraphrases,
// and most were urgent before data/calm's marks of over (pastOver).
func TestPastToldAsOverIsCalm(t *testing.T) {
	c := newClassifier(t)
	for _, msg := range []string{
		"last year my ex beat me, he is in prison now, I'm fine; can I renew my permit?",
		"my cousin was stabbed last month and he is still in hospital, recovering well now. can i visit him? what are the hours",
		"two years ago my husband beat me, that is over now, we are divorced. where do I renew my permit?",
		"mio zio è ricoverato per un infarto, adesso sta meglio. posso portargli da mangiare?",
		"l'anno scorso mio marito mi picchiava, adesso è in carcere e sto bene. posso rinnovare il permesso di soggiorno?",
		"l'année dernière j'ai été agressé dans la rue, c'est fini, la police a arrêté le gars. est ce que ça peut aider pour mon permis de séjour?",
		"il y a 3 ans mon mari me frappait, maintenant il est en prison. je cherche un logement",
		"el año pasado mi ex me pegaba, ahora está en la cárcel y ya estoy bien. puedo renovar el permiso de soggiorno?",
		"el año pasado mi ex me amenazaba pero ya esta preso y estoy bien. puedo pedir el permiso de soggiorno por violencia domestica o ya no?",
		"в прошлом году меня избил бывший муж, сейчас он в тюрьме. как продлить permesso di soggiorno?",
		"v proshlom godu menya izbil byvshiy, seychas vsyo normalno, on daleko. Mogu li ya poluchit permesso kak zhertva nasiliya?",
		"минулого року чоловік мене бив, зараз він у в'язниці. як продовжити permesso di soggiorno?",
		"geçen yıl kocam beni dövdü, şimdi hapiste. oturma iznimi nasıl yenilerim?",
		"vitin e kaluar burri më rrihte, tani është në burg. si ta rinovoj lejen e qëndrimit?",
		"anul trecut fostul meu m-a bătut, acum e în închisoare. cum îmi reînnoiesc permisul de ședere?",
		"السنة الماضية زوجي كان يضربني، هلق هو بالسجن. كيف بجدد الاقامة؟",
		"sanadkii hore ayaa la i garaacay, hadda waan fiicanahay. waxaan rabaa dhakhtar",
		"ባለፈው አመት ባሌ ይመታኝ ነበር አሁን ተለያይተናል ደህና ነኝ። ለብቻዬ ፐርሜሶ ማሳደስ እችላለሁ?",
		// A calm that looks back (over, about) reaches the sentence before.
		"He beat me. That is over now, can I renew my permit?",
		"How do you report domestic violence in Italy? its for a talk at our church",
	} {
		if r := c.Classify(msg); r.Urgent != "" {
			t.Errorf("%q: urgent %q, want none", msg, r.Urgent)
		}
	}
}

// A present danger told beside a past one stays urgent, whatever need is
// asked: a danger in a clause saying now keeps the whole message from the
// calm of a past told as over, and a now word after a comma or a joining
// word is not an over mark's own.
func TestPastOverKeepsAPresentDanger(t *testing.T) {
	c := newClassifier(t)
	for _, msg := range []string{
		"two years ago he hit me and now he follows me every night with a knife, can I get a permit?",
		"he was in prison, now he is out and at my door with a knife, what about my permit?",
		"I was fine, now he is back with a knife. can I renew my permit?",
		"last year my ex beat me, he was arrested, but now he is hitting me again. I need a lawyer",
		"he was in prison, now he says he will kill me tonight. I need a permit",
		"due anni fa mi picchiava, era in carcere, adesso è uscito e mi minaccia con un coltello. il permesso?",
		"il y a 2 ans il me frappait, il était en prison, maintenant il est devant ma porte avec un couteau. le permis?",
		"hace 2 años me pegaba, estuvo en la cárcel, ahora está en mi puerta con un cuchillo. el permiso?",
		"в прошлом году он меня избил, был в тюрьме, сейчас он у двери с ножом. как продлить permesso?",
		"geçen yıl beni dövdü, hapisteydi, şimdi kapımda bıçakla bekliyor. oturma izni?",
		"السنة الماضية كان يضربني، كان بالسجن، هلق هو عند الباب ومعه سكين. الاقامة؟",
		// An over mark that is a threat, or being locked in, calms nothing.
		"老板不发工资，说我们没有居留，敢去找carabinieri就让我们坐牢",
		"yung bata sa kapitbahay nakakulong sa kwarto buong araw",
	} {
		if r := c.Classify(msg); r.Urgent == "" {
			t.Errorf("%q: not urgent", msg)
		}
	}
}

// A film, the news or a past time told in a later sentence opens another
// story: it no longer calms a danger told before it (finding 3). A film's
// own sentence stays calm.
func TestCalmInALaterSentence(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ msg, kind string }{
		{"He hit me. I saw a film yesterday.", "violence"},
		{"He beat me. Yesterday I watched a movie.", "violence"},
		{"Mi ha picchiato. Ho visto un film ieri.", "violence"},
		{"My ex says he will kill me. i broke up with him months ago.", "violence"},
		{"my ex is outside my door banging and saying he will kill me if i dont open. i broke up with him months ago", "violence"},
		{"I saw a film yesterday where a man stabbed his wife. Is there a library with films in Arabic?", ""},
		{"Ho visto un film ieri dove un uomo accoltella la moglie. C'è una biblioteca con film in arabo?", ""},
	} {
		if got := c.Classify(tt.msg).Urgent; got != tt.kind {
			t.Errorf("%q: urgent %q, want %q", tt.msg, got, tt.kind)
		}
	}
}

// The calm words are data: the built-in files load with every role, and
// a deployment's calm/<lang>.tsv adds its own lines, which take effect.
func TestCalmWordsLoad(t *testing.T) {
	c := newClassifier(t)
	en := c.langIndex("en")
	if !c.joiners[en]["and"] || !c.joiners[c.langIndex("uk")]["та"] {
		t.Errorf("joining words of en, uk not loaded: %v", c.joiners[en])
	}
	roles := map[markRole]bool{}
	for _, m := range c.marks {
		roles[m.role] = true
	}
	for r := roleNow; r < numRoles; r++ {
		if !roles[r] {
			t.Errorf("no word of role %s loaded", roleNames[r])
		}
	}
	// A desk's own over mark calms a past danger with a need asked.
	msg := "last year my husband beat me, all sorted now. where do I renew my permit?"
	if r := c.Classify(msg); r.Urgent != "violence" {
		t.Fatalf("%q without the desk's line: urgent %q, want violence", msg, r.Urgent)
	}
	x, err := NewWithExtra(fstest.MapFS{"calm/en.tsv": {Data: []byte("# our desk\nover\tall sorted now\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if r := x.Classify(msg); r.Urgent != "" {
		t.Errorf("%q with the desk's over mark: urgent %q, want none", msg, r.Urgent)
	}
	// A desk's own now word keeps a danger from another clause's calm.
	msg = "I saw a film, he is hitting me rn"
	if r := c.Classify(msg); r.Urgent != "" {
		t.Fatalf("%q without the desk's line: urgent %q, want none", msg, r.Urgent)
	}
	x, err = NewWithExtra(fstest.MapFS{"calm/en.tsv": {Data: []byte("now\trn\n")}})
	if err != nil {
		t.Fatal(err)
	}
	if r := x.Classify(msg); r.Urgent != "violence" {
		t.Errorf("%q with the desk's now word: urgent %q, want violence", msg, r.Urgent)
	}
}

// A bad line of a calm file, built in or a deployment's, refuses the
// start, naming the file and line.
func TestCalmWordsErrors(t *testing.T) {
	for _, tt := range []struct{ file, data, want string }{
		{"calm/en.tsv", "now\tnow\nsoon\tlater\n", `extra calm/en.tsv:2: unknown role "soon"`},
		{"calm/en.tsv", "# a comment\n\njoin\tand so\n", "extra calm/en.tsv:3: join \"and so\": a joining word is one whole word"},
		{"calm/en.tsv", "over\tin prison || in jail\n", "extra calm/en.tsv:1: an empty phrase"},
		{"calm/en.tsv", "over in prison\n", "extra calm/en.tsv:1: want 2 tab-separated fields"},
		{"calm/en.tsv", "past\tre* ago\n", "extra calm/en.tsv:1: past \"re* ago\": stem \"re\""},
		{"calm/any.tsv", "join\tund\n", "extra calm/any.tsv:1: join \"und\": a joining word belongs to one language"},
		{"calm/zh.tsv", "join\t和\n", "extra calm/zh.tsv:1: join \"和\": a joining word is found between spaces"},
		{"calm/xx.tsv", "now\tnow\n", `extra calm/xx.tsv: unknown language "xx"`},
	} {
		_, err := NewWithExtra(fstest.MapFS{tt.file: {Data: []byte(tt.data)}})
		if err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s %q: error %v, want %q", tt.file, tt.data, err, tt.want)
		}
	}
}
