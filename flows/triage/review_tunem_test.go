package triage

import "testing"

// Review revd (tuneM, issue 12): three suicides told with no word of death
// were missed on every build: the pills taken (an act done), letters left for
// everyone and "I'm on the roof", each with a farewell part. Only "goodbye"
// was found, and two phrases of the same part (@end) make no suicide. The
// same forms were missing in most of the 21 spoken languages.
func TestReviewTunemFarewellByActsDone(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"en", "pills taken, goodbye, sorry to my sister", "I took the pills. goodbye. tell my sister I'm sorry"},
		{"en", "letters left for everyone, can't do this anymore", "I left letters for everyone. I can't do this anymore. goodbye"},
		{"en", "on the roof, can't anymore", "i'm on the roof. i can't anymore. goodbye"},
		{"en", "pills taken with sorry to a sister, no goodbye", "I took the pills. tell my sister I'm sorry"},
		{"it", "pills taken, sorry to a sister", "ho preso le pillole, dite a mia sorella che mi dispiace"},
		{"es", "pills taken, sorry to a sister", "me tomé las pastillas, díganle a mi hermana que lo siento"},
		{"fr", "pills taken, sorry to a sister", "j'ai pris les cachets, dites à ma sœur que je suis désolée"},
		{"ru", "pills taken, sorry to a sister", "я выпила таблетки, скажите сестре что мне жаль"},
		{"uk", "pills taken, sorry to a sister", "я випила таблетки, скажіть сестрі що мені шкода"},
		{"tr", "pills taken, sorry to a sister", "hapları içtim, kız kardeşime üzgün olduğumu söyleyin"},
		{"ar", "pills taken, sorry to a sister", "أخذت الحبوب، قولوا لأختي إني آسفة"},
		{"ar", "letters left for everyone, can't anymore", "تركت رسائل للجميع. ما عدت أقدر. وداعا"},
		{"ar", "on the roof, can't anymore", "أنا على السطح. ما عدت أقدر. وداعا"},
		{"fa", "pills taken, sorry to a sister", "قرص\u200cها را خوردم، به خواهرم بگویید متاسفم"},
		{"fa", "on the roof, can't anymore", "روی پشت بامم. دیگه نمی\u200cتونم. خداحافظ"},
		{"ur", "on the roof, can't anymore", "میں چھت پر ہوں۔ اب نہیں ہوتا۔ الوداع"},
		{"ur", "on the roof, can't anymore (Roman)", "main chat pe hoon. ab nahi hota. alvida"},
		{"zh", "pills taken, sorry to a sister", "我吃了那些药，告诉我妹妹对不起"},
		{"zh", "letters left for everyone", "我给每个人都留了信。我撑不下去了。再见"},
		{"bn", "pills taken, sorry to a sister", "আমি ওষুধগুলো খেয়ে ফেলেছি, আমার বোনকে বলো আমি দুঃখিত"},
		{"sq", "pills taken, sorry to a sister", "i mora pilulat, thuajini motrës sime që më vjen keq"},
		{"fil", "pills taken, sorry to a sister", "ininom ko na ang mga pills, sabihin niyo sa kapatid ko sorry"},
		{"pa", "letters left for everyone", "ਮੈਂ ਸਾਰਿਆਂ ਲਈ ਚਿੱਠੀਆਂ ਛੱਡ ਦਿੱਤੀਆਂ। ਹੁਣ ਹੋਰ ਨਹੀਂ ਹੁੰਦਾ। ਅਲਵਿਦਾ"},
		{"pa", "on the roof, can't anymore", "ਮੈਂ ਛੱਤ ਤੇ ਹਾਂ। ਹੁਣ ਹੋਰ ਨਹੀਂ ਹੁੰਦਾ। ਅਲਵਿਦਾ"},
		{"ps", "letters left for everyone", "ما د ټولو لپاره لیکونه پریښودل. نور نشم کولی. خدای په امان"},
		{"so", "pills taken, sorry to a sister", "kiniinadii waan qaatay, walaashay u sheega inaan ka xumahay"},
		{"so", "letters left for everyone", "Warqado ayaan qof walba uga tagay. Mar dambe ma awoodo. nabadgelyo"},
		{"am", "pills taken, sorry to a sister", "ኪኒኖቹን ወሰድኩ፣ ለእህቴ ይቅርታ በሉልኝ"},
		{"am", "on the roof, can't anymore", "ጣሪያ ላይ ነኝ። ከእንግዲህ አልችልም። ደህና ሁኑ"},
		{"ti", "pills taken, sorry to a sister", "ከኒናታት ወሲደ፣ ንሓብተይ ይቕረታ በሉለይ"},
		{"ti", "on the roof, can't anymore", "ኣብ ናሕሲ እየ። ድሕሪ ሕጂ ኣይክእልን። ደሓን ኩኑ"},
		{"wo", "letters left for everyone", "Bayyi naa bataaxal ngir ñépp. Manuma muñ ba tey. ba beneen yoon"},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"en", "pills the doctor gave, a polite goodbye", "I took the pills the doctor gave me, goodbye and thanks"},
		{"en", "pills the doctor gave, a message to a sister", "I took the pills the doctor gave me, tell my sister I'm sorry I missed her party"},
		{"en", "letters posted", "I left letters for everyone at the post office, goodbye and thanks"},
		{"en", "work on a roof, a letter to mum", "I'm on the roof fixing the antenna, I wrote a letter to my mum"},
		{"it", "pills the doctor gave", "ho preso le pillole che mi ha dato il medico, dite a mia sorella che arrivo tardi"},
		{"es", "pills the doctor gave", "me tomé las pastillas que me dio el médico, díganle a mi hermana que llego tarde"},
		{"fr", "pills the doctor gave", "j'ai pris les cachets que le médecin m'a donnés, dites à ma sœur que j'arrive"},
		{"ru", "pills the doctor gave", "я выпила таблетки которые дал врач, скажите сестре что я опоздаю"},
		{"tr", "pills the doctor gave", "doktorun verdiği hapları içtim, kız kardeşime geç kalacağımı söyleyin"},
		{"ar", "pills the doctor gave", "أخذت الحبوب اللي أعطاني ياها الدكتور، قولوا لأختي إني جاية"},
		{"sq", "pills the doctor gave", "i mora pilulat që më dha mjeku, thuajini motrës që vij vonë"},
	})
}

// Review revd (tuneM): a roof alone was a part of a farewell in it, es, ru,
// tr, uk, bg, sr, hu and lt ("я на крыше", "на даху", "çatıdayım", "na krovu
// sam", or "sono ... sul tetto" found across words), so someone fixing the
// antenna who wrote a letter to mum was told to call a crisis line. The edge,
// a tall building, standing on it or jumping still count.
func TestReviewTunemRoofAloneIsNoFarewell(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"it", "was on the roof fixing the antenna", "sono stato sul tetto a sistemare l'antenna, ho scritto una lettera a mia madre"},
		{"es", "on the roof fixing the antenna", "estoy en el techo arreglando la antena, le escribí una carta a mi madre"},
		{"ru", "husband on the roof", "муж на крыше чинит антенну, я написала письмо маме"},
		{"ru", "on the roof fixing the antenna", "я на крыше чиню антенну, написала письмо маме"},
		{"tr", "went up to fix the antenna", "çatıya çıktım anteni tamir ettim, anneme mektup yazdım"},
		{"tr", "on the roof fixing the antenna", "çatıdayım anteni tamir ediyorum, anneme mektup yazdım"},
		{"uk", "husband on the roof", "чоловік на даху лагодить антену, я написала листа мамі"},
		{"uk", "on the roof fixing the antenna", "я на даху лагоджу антену, написала листа мамі"},
		{"bg", "on the roof fixing the antenna", "на покрива съм и оправям антената, написах писмо на мама"},
		{"hu", "on the roof fixing the antenna", "a tetőn vagyok és javítom az antennát, írtam egy levelet anyának"},
		{"lt", "on the roof fixing the antenna", "esu ant stogo ir taisau anteną, parašiau laišką mamai"},
	})
	wantUrgent(t, c, []reviewCase{
		{"it", "the building's roof", "sono sul tetto del palazzo, ho scritto una lettera a mia madre"},
		{"es", "the edge of the roof", "estoy en el borde de la azotea, díganle a mi madre que la quiero"},
		{"ru", "the edge of the roof", "я стою на краю крыши, скажите маме что я её люблю"},
		{"ru", "on the roof now with a burden and a cat given away (Latin letters)", "mama prosti menya. ya ustal byt dlya vsekh obuzoy. kota otdal sosedke, pismo na stole. ya seychas na kryshe"},
		{"tr", "the edge of the roof", "çatının kenarındayım, anneme onu sevdiğimi söyleyin"},
		{"uk", "the edge of the roof", "я стою на краю даху, скажіть мамі що я її люблю"},
	})
}

// Review revd (tuneM): Chinese typed in Pinyin was read as no language (or
// German, Romanian), so the desk answered in no language and the signs of
// zh.tsv, which count only in Chinese messages, were never read; and its
// dangers had no Pinyin phrases: "wo laopo yangshui po le" (my wife's water
// broke) was calm. English and Italian words that look like Pinyin ("man",
// "can", "a", "ma", "pane") must not make a message Chinese.
func TestReviewTunemPinyinIsChinese(t *testing.T) {
	c := newClassifier(t)
	for _, tc := range []struct{ lang, msg string }{
		{"zh", "wo laopo yangshui po le"},
		{"zh", "ta yao sha wo"},
		{"zh", "qing wen zenme ban juliuzheng? xiexie"},
		{"zh", "wo bei ren cong Wenzhou dai lai shuo gei gongzuo, xianzai huzhao bei kou le, bu rang wo chu men"},
		{"en", "the man can eat a pane, can he?"},
		{"en", "can a man help me with a form please"},
		{"en", "please help me"},
		{"it", "ma io voglio un pane, a che ora apre il forno?"},
		{"it", "mia mamma ha fatto un po' di pane, ma non c'è latte"},
	} {
		if r := c.Classify(tc.msg); r.Lang != tc.lang {
			t.Errorf("%q: language %q, want %q", tc.msg, r.Lang, tc.lang)
		}
	}
	wantUrgent(t, c, []reviewCase{
		{"zh", "water broke", "wo laopo yangshui po le, zenme ban"},
		{"zh", "he hits me every day", "wo laogong meitian da wo, wo bu gan hui jia"},
		{"zh", "I don't want to live", "wo bu xiang huo le, tai lei le"},
		{"zh", "the child is not breathing", "haizi bu huxi le! kuai bang wo"},
		{"zh", "raped", "laoban qiangjian le wo, wo bu zhidao zenme ban"},
		{"zh", "a neighbour's child beaten (a sign read in Chinese only)", "gebi de xiaohai bei ta baba da de hen lihai, wo gai zenme ban"},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"zh", "miss you to death", "wo xiang si ni le, mama, mingtian jian"},
		{"zh", "a birth certificate for the baby", "wo laopo xianzai zai yiyuan sheng baobao, qing wen zenme ban chusheng zhengming"},
	})
}

// Review revd (tuneM): el.tsv had farewells and suicide but no violence:
// "my husband beats me every night" in Greek or Greeklish was calm. Greek
// idioms with the same words (a shoe that rubs, mum who will "kill" a late
// child, a kitchen with knives) stay calm.
func TestReviewTunemGreekViolence(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"el", "he beats me", "Ο άντρας μου με χτυπάει κάθε βράδυ, βοήθεια"},
		{"el", "he beats me (Greeklish)", "o antras mou me xtypaei kathe mera"},
		{"el", "he will kill me", "Ο σύντροφός μου με έδειρε χθες και λέει ότι θα με σκοτώσει"},
		{"el", "he will kill me (Greeklish)", "o filos mou eipe oti tha me skotosei, fovamai"},
		{"el", "he has a knife", "Είναι έξω από την πόρτα, έχει μαχαίρι"},
		{"el", "he has a knife (Greeklish)", "einai sto spiti kai exei maxairi"},
		{"el", "he raped me", "Ο θείος μου με βίασε, δεν ξέρω τι να κάνω"},
		{"el", "he raped me (Greeklish)", "o proin mou me viase"},
	})
	wantNotUrgent(t, c, []reviewCase{
		{"el", "the shoe rubs", "Με χτυπάει το παπούτσι, πού να αγοράσω καινούργια;"},
		{"el", "mum will kill me if I'm late", "Θα με σκοτώσει η μαμά μου αν αργήσω, τι ώρα κλείνει το γραφείο;"},
		{"el", "a kitchen with knives", "Η κουζίνα έχει μαχαίρια; ψάχνω σπίτι για ενοικίαση"},
	})
}
