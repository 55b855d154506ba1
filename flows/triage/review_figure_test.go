package triage

import "testing"

// Figure17 (issue 12): "the heat is killing me", "this rent will kill me"
// are complaints, not threats. A kill verb that names the writer as its
// object (a kills mark of data/calm) whose subject is a thing right before
// it in its clause (a figure mark: heat, hunger, the rent, the queue, a
// headache, homesickness...), with no person and no cause word ("if",
// "because of") before the verb, is calmed in its clause only
// (scratch.figures). Before, such sentences were listed one at a time as
// calm and ignore lines, and the three faults below were violence.
func TestFigure17ThingsThatKillMe(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		// The faults of issue 12.
		{lang: "ti", why: "the heat is killing me, a headache, medicine without prescription", msg: `ሃሩር ይቐትለኒ ኣሎ ርእሰይ ይሓምመኒ መድሓኒት ካብ farmacia ብዘይ ricetta ይርከብ ድዩ`},
		{lang: "am", why: "this heat is going to kill me, no fan", msg: `ይህ ሙቀት ሊገድለኝ ነው ቤቱ ውስጥ ፋን የለም caritas ፋን ይሰጣሉ ወይ`},
		{lang: "wo", why: "the heat will kill me, help with the electricity", msg: `tangaay bi dina ma rey waaye, am na ndimbal ngir fay courant bi?`},
		// Decoys: a thing, not a person, kills the writer.
		{lang: "en", why: "the cold", msg: `the cold will kill me, is there a dormitory with heating in Milan?`},
		{lang: "en", why: "the paperwork", msg: `this paperwork is going to kill me, how long does the permesso take?`},
		{lang: "en", why: "the phone battery", msg: `my phone battery will kill me, where can I charge it near the questura?`},
		{lang: "en", why: "traffic", msg: `this traffic is going to kill me every morning, two hours on the bus`},
		{lang: "en", why: "boredom", msg: `the boredom will kill me, any volunteering near Turin?`},
		{lang: "en", why: "waiting", msg: `this waiting will kill me, three months and no answer`},
		{lang: "it", why: "homesickness", msg: `la nostalgia mi ucciderà, mi manca tanto casa`},
		{lang: "it", why: "traffic", msg: `il traffico mi ammazza ogni mattina, due ore di autobus`},
		{lang: "fr", why: "the cold", msg: `le froid va me tuer, on dort où ce soir à Milan?`},
		{lang: "fr", why: "tiredness", msg: `cette fatigue va me tuer, je peux voir un médecin sans rendez-vous?`},
		{lang: "es", why: "traffic", msg: `el tráfico me va a matar, dos horas cada mañana`},
		{lang: "es", why: "homesickness", msg: `la nostalgia me está matando, extraño mucho a mi madre`},
		{lang: "es", why: "hunger", msg: `el hambre me va a matar, hay comedor social cerca de la estación?`},
		{lang: "ar", why: "boredom", msg: `الملل رح يقتلني، ما في شي أعمله طول النهار`},
		{lang: "ar", why: "Arabizi: the heat", msg: `el 7ar ra7 y2telni, fe mosa3da lel kahraba?`},
		{lang: "ar", why: "Arabizi: exile", msg: `el ghorba ra7 t2telni, ba2alli sana ma shefet ahli`},
		{lang: "ur", why: "Roman Urdu: prices", msg: `ye mehngai mujhe maar dalegi, har cheez itni mehngi hai`},
		{lang: "ur", why: "waiting", msg: `یہ انتظار مجھے مار ڈالے گا، تین مہینے ہو گئے`},
		{lang: "ur", why: "Roman Urdu: waiting", msg: `ye intezaar mujhe maar dalega teen mahine ho gaye`},
		{lang: "bn", why: "want (prices)", msg: `ei obhab amake mere felbe, sob kichu eto dami`},
		{lang: "hi", why: "waiting", msg: `यह इंतज़ार मुझे मार डालेगा, तीन महीने हो गए`},
		{lang: "ru", why: "waiting", msg: `ожидание меня убьёт, третий месяц без ответа`},
		{lang: "uk", why: "waiting", msg: `це очікування мене вб'є, третій місяць без відповіді`},
		{lang: "sq", why: "the heat", msg: `kjo vapë do më vrasë, ku gjej ndihmë për dritat?`},
		{lang: "sq", why: "waiting", msg: `pritja do më vrasë, tre muaj pa përgjigje`},
		{lang: "ro", why: "the heat", msg: `căldura asta o să mă omoare, unde găsesc un ventilator?`},
		{lang: "tr", why: "waiting", msg: `bu bekleme beni öldürecek, üç aydır cevap yok`},
		{lang: "fa", why: "Finglish: waiting", msg: `in entezar mano mikoshe se mahe javab nadadan`},
		{lang: "ps", why: "waiting", msg: `دا انتظار مې وژني، درې میاشتې وشوې`},
		{lang: "am", why: "hunger", msg: `ይህ ረሃብ ሊገድለኝ ነው ከጠዋት ጀምሮ አልበላሁም`},
		{lang: "ti", why: "the rent", msg: `ክራይ ገዛ ክቐትለኒ እዩ ሓገዝ ኣሎ ዶ`},
		{lang: "ti", why: "hunger", msg: `እዚ ጥሜት ክቐትለኒ እዩ ካብ ንግሆ ኣይበላዕኩን`},
		{lang: "so", why: "the cold", msg: `qabowgan ayaa i dili doona, xagee laga helaa buste?`},
		{lang: "so", why: "hunger", msg: `gaajadu way i dilaysaa, subaxdii wax ma cunin`},
		{lang: "wo", why: "hunger", msg: `xiif bi dina ma rey, ana fu ñuy joxe lekk?`},
		{lang: "zh", why: "the weather", msg: `这天气热得要我的命，哪里可以领电风扇？`},
		{lang: "zh", why: "waiting", msg: `这个等待要我的命，三个月没有回复`},
		{lang: "fil", why: "the heat", msg: `grabe yung init papatayin ako`},
	})
	wantListsUrgent(t, c, []reviewCase{
		// Another clause, another kind, a person or an animal as subject.
		{lang: "en", why: "hot, and he says he will kill me", msg: `it's hot, and he says he will kill me`},
		{lang: "en", why: "the figure after the verb", msg: `he will kill me in this heat, he locked me in the kitchen`},
		{lang: "en", why: "the rent, and a husband", msg: `the rent is late and my husband will kill me`},
		{lang: "en", why: "the rent, then a husband", msg: `the rent, my husband will kill me if I don't pay`},
		{lang: "en", why: "a medical emergency in the heat", msg: `I can't breathe in this heat, my chest hurts`},
		{lang: "en", why: "the heat, then a beating", msg: `the heat was terrible, then my husband beat me with a belt`},
		{lang: "en", why: "a boss is no figure", msg: `my boss will kill me if I'm late, this job is hell`},
		{lang: "en", why: "the heat, now a beating", msg: `the heat is killing me and now he is hitting me`},
		{lang: "en", why: "an animal is no figure", msg: `the neighbour's dog will kill me, it bit me and I am bleeding`},
		{lang: "en", why: "because of the rent", msg: `because of the rent he will kill me, he has a knife`},
		{lang: "en", why: "the threat told again", msg: `the heat will kill me. he will kill me, he has a gun`},
		{lang: "en", why: "the cold tonight, in the street", msg: `this cold will kill me tonight, we sleep in the street`},
		{lang: "it", why: "hot, and a threat tonight", msg: `fa caldo, e lui dice che mi ammazza stasera`},
		{lang: "it", why: "a boss beats", msg: `il mio capo mi ammazza di botte se chiedo i soldi`},
		{lang: "it", why: "a husband, the heat between", msg: `mio marito con questo caldo mi ammazza di botte`},
		{lang: "it", why: "the cold tonight", msg: `questo freddo mi ucciderà stanotte, dormo in strada`},
		{lang: "it", why: "if I don't pay the rent, the subject dropped", msg: `se non pago l'affitto mi ucciderà`},
		{lang: "it", why: "for the rent, the subject dropped", msg: `per l'affitto mi ucciderà`},
		{lang: "es", why: "if I don't pay the rent, the subject dropped", msg: `si no pago el alquiler me va a matar`},
		{lang: "es", why: "for the rent, the subject dropped", msg: `por el alquiler me va a matar`},
		{lang: "es", why: "hot, and a husband", msg: `hace calor, y mi marido dice que me va a matar`},
		{lang: "fr", why: "hot, and a husband tonight", msg: `il fait chaud, et mon mari dit qu'il va me tuer ce soir`},
		{lang: "fr", why: "with this heat he will kill me", msg: `avec cette chaleur il va me tuer, il a un couteau`},
		{lang: "ar", why: "hot, a husband tonight", msg: `الحر شديد، وزوجي قال راح يقتلني الليلة`},
		{lang: "ar", why: "Arabizi: if I don't pay the rent", msg: `iza ma dafa3t el ijar ra7 y2telni`},
		{lang: "ur", why: "Roman Urdu: hot, a husband", msg: `garmi bohat hai, aur shohar kehta hai wo mujhe maar dalega`},
		{lang: "ur", why: "Roman Urdu: if the rent is not paid", msg: `agar kiraya nahi diya to mujhe maar dalega, uske paas chaku hai`},
		{lang: "hi", why: "hot, a husband", msg: `गर्मी बहुत है, और पति कहता है वो मुझे मार डालेगा`},
		{lang: "bn", why: "hot, a husband", msg: `gorom onek, ar amar swami bolche amake mere felbe`},
		{lang: "ru", why: "hot, a husband tonight", msg: `жарко, а муж говорит, что убьёт меня сегодня ночью`},
		{lang: "ru", why: "if I don't pay the rent", msg: `если не заплачу за аренду, меня убьют, у них нож`},
		{lang: "uk", why: "hot, a husband tonight", msg: `спекотно, а чоловік каже, що вб'є мене сьогодні вночі`},
		{lang: "sq", why: "hot, a husband tonight", msg: `është vapë, dhe burri im thotë se do më vrasë sonte`},
		{lang: "ro", why: "hot, a husband tonight", msg: `e cald, iar soțul meu zice că mă omoară diseară`},
		{lang: "tr", why: "hot, a husband tonight", msg: `hava çok sıcak, kocam bu gece beni öldürecek diyor`},
		{lang: "fa", why: "hot, a husband tonight", msg: `هوا خیلی گرمه، شوهرم میگه امشب منو میکشه`},
		{lang: "ps", why: "hot, a husband tonight", msg: `ډېره ګرمي ده، خاوند مې وايي چې نن شپه مې وژني`},
		{lang: "am", why: "the heat, a husband tonight", msg: `ሙቀቱ ከባድ ነው ባሌ ዛሬ ማታ ሊገድለኝ ነው ይላል`},
		{lang: "ti", why: "the heat, a husband tonight", msg: `ሃሩር ኣሎ፣ ሰብኣየይ ሎሚ ለይቲ ክቐትለኒ እዩ ይብል`},
		{lang: "so", why: "the heat, a husband tonight", msg: `kulayl badan, ninkayga ayaa i dili doona caawa`},
		{lang: "so", why: "if I don't pay the rent", msg: `haddii aan kirada bixin wuu i dilayaa`},
		{lang: "wo", why: "the heat, a husband tonight", msg: `tangaay bi metti na, sama jëkkër dina ma rey tey ci guddi`},
		{lang: "wo", why: "if I don't pay the rent", msg: `su ma feyul luwe bi dina ma rey, am na paaka`},
		{lang: "zh", why: "hot, a husband tonight", msg: `天气很热，我丈夫说今晚要杀了我`},
		{lang: "fil", why: "hot, a husband", msg: `sobrang init, papatayin ako ng asawa ko mamaya`},
	})
}

// wantListsUrgent fails for each case the lists alone do not read as a
// danger: the statistical net, asked only when they find none, may not
// stand in for them.
func wantListsUrgent(t *testing.T, c *Classifier, cases []reviewCase) {
	t.Helper()
	for _, tc := range cases {
		if r := c.Classify(tc.msg); r.Urgent == "" || r.Net > 0 {
			t.Errorf("%s (%s): %q: urgent %q (net %.3f), want a danger the lists read", tc.lang, tc.why, tc.msg, r.Urgent, r.Net)
		}
	}
}
