package triage

import "testing"

// Issue 12 (core18-e): the plain core forms of every urgent kind in the languages Frontdoor does not
// speak whose lists were small (az kk uz tg ku ha sw yo): a wish to die, jumping, cutting oneself,
// pills taken to die; a child bruised, unfed, touched, a baby gone blue; strangled, a threat to kill;
// not waking up, chest pain, waters broken, a fall from a height; papers taken, forced onto the
// street; the wage held back with a threat; followed at night, a panic attack. Each urgent case was

func TestCore18EAzerbaijani(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "az", why: "suicide", msg: `permesso da yoxdur, bu gecə özümü körpüdən atacam`},
		{lang: "az", why: "suicide", msg: `daha dözmürəm, canıma qıyacam`},
		{lang: "az", why: "suicide", msg: `yenə özümü kəsdim, qollarım qan içindədir`},
		{lang: "az", why: "suicide", msg: `ölmək üçün həb içdim, çox içdim`},
		{lang: "az", why: "suicide", msg: `vida məktubu yazdım, uşaqlarım bağışlasın`},
		{lang: "az", why: "suicide", msg: `daha yaşamağın mənası yoxdur, pəncərədən atılacam`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "az", why: "core form", msg: `qonşu uşağın bədənində göyərmələr var, hər gün qışqırır`},
		{lang: "az", why: "core form", msg: `uşaq iki gündür heç nə yeməyib, anası gəlmir`},
		{lang: "az", why: "core form", msg: `ögey ata qızıma toxunur gecələr`},
		{lang: "az", why: "core form", msg: `ərim məni boğmağa çalışdı, indi qapının qarşısındadır`},
		{lang: "az", why: "core form", msg: `capo məni öldürəcəyini dedi, bıçağı var`},
		{lang: "az", why: "core form", msg: `atam ayılmır, huşsuz yatır`},
		{lang: "az", why: "core form", msg: `ürəyim çox ağrıyır, sol qolum keyiyir`},
		{lang: "az", why: "core form", msg: `arvadımın suyu gəldi, doğuş başladı`},
		{lang: "az", why: "core form", msg: `anam pilləkəndən yıxıldı, başından qan gəlir`},
		{lang: "az", why: "core form", msg: `sənədlərimi götürdülər, yol üçün 5000 avro borcum var deyirlər`},
		{lang: "az", why: "core form", msg: `məni küçədə işləməyə məcbur edirlər`},
		{lang: "az", why: "core form", msg: `kimsə məni izləyir, gecədir, çox qorxuram`},
		{lang: "az", why: "core form", msg: `panik atak keçirirəm, titrəyirəm, kömək edin`},
		{lang: "az", why: "core form", msg: `panik atak keçirirəm, nəfəs ala bilmirəm`},
		{lang: "az", why: "core form", msg: `capo 4 aydır pulumu vermir, çıxsam polis çağıracaq`},
		{lang: "az", why: "core form", msg: `5 aydır maaşımı verməyib, danışsam polisə xəbər verəcək deyir`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "az", why: "core form, the net alone before", msg: `4 aydır maaş vermir, getsəm məni döyəcəyini deyir`},
		{lang: "az", why: "core form, the net alone before", msg: `capo 3 aydır pul vermir, şikayət etsəm polisə xəbər verəcək`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "az", why: "ordinary meaning", msg: `bu iş məni öldürür, hər gün 12 saat`},
		{lang: "az", why: "ordinary meaning", msg: `dünən bir film izlədim, orada adam özünü körpüdən atdı`},
		{lang: "az", why: "ordinary meaning", msg: `ilk yardım kursu: huşsuz adama necə kömək etmək`},
		{lang: "az", why: "ordinary meaning", msg: `uşaq vaxtı atam məni döyərdi, indi yaxşıyam`},
		{lang: "az", why: "ordinary meaning", msg: `sənədlərimi necə yeniləyə bilərəm? permesso`},
		{lang: "az", why: "ordinary meaning", msg: `yoruldum, bu kağız işləri ilə daha dözə bilmirəm`},
		{lang: "az", why: "ordinary meaning", msg: `gülməkdən öldüm haha`},
		{lang: "az", why: "ordinary meaning", msg: `məişət zorakılığı haqqında qanun nə deyir?`},
		{lang: "az", why: "ordinary meaning", msg: `mən bu gecə evdə tək olacam, kino izləyəcəm`},
		{lang: "az", why: "ordinary meaning", msg: `dünən panik atak haqqında bir məqalə oxudum`},
		{lang: "az", why: "ordinary meaning", msg: `qızıma toxunmayın dedim, boyası təzədir`},
		{lang: "az", why: "ordinary meaning", msg: `pəncərədən atılacam deyə zarafat etdi, haha`},
		{lang: "az", why: "ordinary meaning", msg: `borcum var, banka necə ödəyim?`},
		{lang: "az", why: "ordinary meaning", msg: `sabah gecə vaxtı işləyirəm, capo dedi`},
		{lang: "az", why: "ordinary meaning", msg: `yemək bişirəndə barmağımı kəsdim, qan gəldi`},
	})
}

func TestCore18EKazakh(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "kk", why: "suicide", msg: `олгим келеди, шаршадым бәрінен`},
		{lang: "kk", why: "suicide", msg: `бүгін түнде көпірден секіріп өлемін`},
		{lang: "kk", why: "suicide", msg: `терезеден секіремін, болды`},
		{lang: "kk", why: "suicide", msg: `тағы да білегімді кестім, қан көп`},
		{lang: "kk", why: "suicide", msg: `өлу үшін дәрі іштім, кешіріңдер`},
		{lang: "kk", why: "suicide", msg: `қоштасу хатын жаздым анама`},
		{lang: "kk", why: "suicide", msg: `озимди олтиремин бугин`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "kk", why: "core form", msg: `көршінің баласының денесінде көгерген жерлер көп, күнде айқайлайды`},
		{lang: "kk", why: "core form", msg: `бала екі күннен бері ештеңе жеген жоқ`},
		{lang: "kk", why: "core form", msg: `өгей әкесі қызыма тиіседі түнде`},
		{lang: "kk", why: "core form", msg: `сәби көгеріп кетті, via Roma 3`},
		{lang: "kk", why: "core form", msg: `күйеуім мені буындырды, қазір есіктің алдында тұр`},
		{lang: "kk", why: "core form", msg: `кеудем қатты ауырады, сол қолым ұйып қалды`},
		{lang: "kk", why: "core form", msg: `әйелімнің суы кетті`},
		{lang: "kk", why: "core form", msg: `ағам биіктен құлады, қозғалмайды`},
		{lang: "kk", why: "core form", msg: `аузынан көбік шығып, құрысып жатыр`},
		{lang: "kk", why: "core form", msg: `құжаттарымды алып қойды, жол үшін 4000 евро қарызсың дейді`},
		{lang: "kk", why: "core form", msg: `мені көшеде жұмыс істеуге мәжбүрлейді`},
		{lang: "kk", why: "core form", msg: `біреу артымнан еріп келе жатыр, түн, қатты қорқамын`},
		{lang: "kk", why: "core form", msg: `паникалық шабуыл, қорқамын, көмектесіңіздер`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "kk", why: "core form, the net alone before", msg: `4 ай бойы айлығымды бермейді, кетсем полицияға беремін дейді`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "kk", why: "ordinary meaning", msg: `бұл жұмыс мені өлтіреді, күніне 12 сағат`},
		{lang: "kk", why: "ordinary meaning", msg: `кеше кино көрдім, онда біреу көпірден секірді`},
		{lang: "kk", why: "ordinary meaning", msg: `алғашқы көмек курсы: адам оянбаса не істеу керек`},
		{lang: "kk", why: "ordinary meaning", msg: `бала кезімде әкем мені ұрушы еді, қазір жақсымын`},
		{lang: "kk", why: "ordinary meaning", msg: `құжаттарымды қалай жаңартамын? permesso`},
		{lang: "kk", why: "ordinary meaning", msg: `шаршадым, мына қағаздармен әрі қарай шыдай алмаймын`},
		{lang: "kk", why: "ordinary meaning", msg: `күлкіден өлдім хаха`},
		{lang: "kk", why: "ordinary meaning", msg: `отбасылық зорлық туралы заң не дейді?`},
		{lang: "kk", why: "ordinary meaning", msg: `ертең түнде жұмыс істеймін, capo айтты`},
		{lang: "kk", why: "ordinary meaning", msg: `қарызым бар, банкке қалай төлеймін?`},
		{lang: "kk", why: "ordinary meaning", msg: `баланың денесінде көгерген жерлер жоқ, дәрігер айтты бәрі жақсы`},
		{lang: "kk", why: "ordinary meaning", msg: `кешегі фильмде сәби көгеріп кетті, қорқынышты кино`},
		{lang: "kk", why: "ordinary meaning", msg: `биіктен құлады деген жаңалық 2010 жылы болды`},
		{lang: "kk", why: "ordinary meaning", msg: `паникалық шабуыл туралы лекция бар ма?`},
		{lang: "kk", why: "ordinary meaning", msg: `тамақ пісіріп жатып қолымды кестім, пластырь бар ма?`},
	})
}

func TestCore18EUzbek(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "uz", why: "suicide", msg: `bugun kechasi ko'prikdan sakrab o'laman`},
		{lang: "uz", why: "suicide", msg: `derazadan sakrayman, bo'ldi`},
		{lang: "uz", why: "suicide", msg: `poyezd tagiga tashlayman o'zimni`},
		{lang: "uz", why: "suicide", msg: `yana bilagimni kesdim, qon ko'p`},
		{lang: "uz", why: "suicide", msg: `o'lish uchun dori ichdim, kechiringlar`},
		{lang: "uz", why: "suicide", msg: `xayrlashuv xatini yozdim onamga`},
		{lang: "uz", why: "suicide", msg: `ўлгим келяпти, чарчадим`},
		{lang: "uz", why: "suicide", msg: `o'zimni o'ldirib qo'yaman permesso yo'q`},
		{lang: "uz", why: "suicide", msg: `yashashni istamayman endi`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "uz", why: "core form", msg: `qo'shnining bolasining badanida ko'karishlar bor, har kuni qichqiradi`},
		{lang: "uz", why: "core form", msg: `bola ikki kundan beri hech narsa yemagan`},
		{lang: "uz", why: "core form", msg: `o'gay otasi qizimga qo'l tegizadi kechasi`},
		{lang: "uz", why: "core form", msg: `chaqaloq ko'karib ketdi, via Roma 3`},
		{lang: "uz", why: "core form", msg: `capo meni o'ldiraman deb qo'rqityapti`},
		{lang: "uz", why: "core form", msg: `otam uyg'onmayapti`},
		{lang: "uz", why: "core form", msg: `ko'kragim qattiq og'riyapti, chap qo'lim uvishib qoldi`},
		{lang: "uz", why: "core form", msg: `xotinimning suvi ketdi`},
		{lang: "uz", why: "core form", msg: `akam balanddan yiqildi, qimirlamayapti`},
		{lang: "uz", why: "core form", msg: `meni erkaklar bilan yotishga majburlashyapti, via Roma`},
		{lang: "uz", why: "core form", msg: `xo'jayin 3 oy maosh bermadi, gapirsam politsiyaga topshiraman deydi`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "uz", why: "core form, the net alone before", msg: `og'zidan ko'pik chiqyapti, tirishyapti`},
		{lang: "uz", why: "core form, the net alone before", msg: `hujjatlarimni olib qo'yishdi, yo'l uchun 4000 yevro qarzsan deyishdi`},
		{lang: "uz", why: "core form, the net alone before", msg: `meni ko'chada ishlashga majburlashyapti`},
		{lang: "uz", why: "core form, the net alone before", msg: `tanamni sotishga majburlashdi, qochsam urishadi`},
		{lang: "uz", why: "core form, the net alone before", msg: `qorong'i ko'chada bir erkak meni poylab yuribdi`},
		{lang: "uz", why: "core form, the net alone before", msg: `tunda kimdir meni kuzatyapti, uyga yetolmayapman`},
		{lang: "uz", why: "core form, the net alone before", msg: `kechasi bir odam orqamdan kelyapti, piazza yonida`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "uz", why: "ordinary meaning", msg: `bu ish meni o'ldiradi, kuniga 12 soat`},
		{lang: "uz", why: "ordinary meaning", msg: `kecha kino ko'rdim, unda bir odam ko'prikdan sakradi`},
		{lang: "uz", why: "ordinary meaning", msg: `birinchi yordam kursi: odam uyg'onmasa nima qilish kerak`},
		{lang: "uz", why: "ordinary meaning", msg: `bolaligimda otam meni urardi, hozir yaxshiman`},
		{lang: "uz", why: "ordinary meaning", msg: `hujjatlarimni qanday yangilayman? permesso`},
		{lang: "uz", why: "ordinary meaning", msg: `charchadim, bu qog'ozlar bilan boshqa chiday olmayman`},
		{lang: "uz", why: "ordinary meaning", msg: `kulgidan o'ldim hahaha`},
		{lang: "uz", why: "ordinary meaning", msg: `oilaviy zo'ravonlik haqida qonun nima deydi?`},
		{lang: "uz", why: "ordinary meaning", msg: `ertaga kechasi ishlayman, capo aytdi`},
		{lang: "uz", why: "ordinary meaning", msg: `qarzim bor, bankka qanday to'layman?`},
		{lang: "uz", why: "ordinary meaning", msg: `vahima hujumi haqida maqola o'qidim`},
		{lang: "uz", why: "ordinary meaning", msg: `ovqat pishirayotib qo'limni kesdim, qon ketdi ozgina`},
		{lang: "uz", why: "ordinary meaning", msg: `bu gap qizimga tegadi, u xafa bo'ldi`},
		{lang: "uz", why: "ordinary meaning", msg: `sumkam poyezd tagiga tushib ketdi, stazione Termini`},
		{lang: "uz", why: "ordinary meaning", msg: `kinoda bir odam derazadan sakrab o'ldi, qo'rqinchli film ekan`},
		{lang: "uz", why: "ordinary meaning", msg: `ish haqida maqola: xo'jayin politsiyaga beraman dedi deb yozishgan`},
	})
}

func TestCore18ETajik(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "tg", why: "suicide", msg: `мурдан мехохам, дигар токат надорам`},
		{lang: "tg", why: "suicide", msg: `имшаб аз купрук худамро мепартоям`},
		{lang: "tg", why: "suicide", msg: `аз тиреза худамро мепартоям, бас`},
		{lang: "tg", why: "suicide", msg: `боз рагҳоямро буридам`},
		{lang: "tg", why: "suicide", msg: `барои мурдан дору хӯрдам, маро бубахшед`},
		{lang: "tg", why: "suicide", msg: `номаи видоъ навиштам ба модарам`},
		{lang: "tg", why: "suicide", msg: `худамро мекушам, permesso нест`},
		{lang: "tg", why: "suicide", msg: `зиндаги кардан намехохам дигар`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "tg", why: "core form", msg: `бача ду рӯз боз чизе нахӯрдааст`},
		{lang: "tg", why: "core form", msg: `падарандар ба духтарам даст мерасонад шабона`},
		{lang: "tg", why: "core form", msg: `тифл кабуд шуд, нафас намекашад, via Roma 3`},
		{lang: "tg", why: "core form", msg: `шавҳарам гулӯямро фишурд, ҳозир назди дарам истодааст`},
		{lang: "tg", why: "core form", msg: `capo гуфт туро мекушам, корд дорад`},
		{lang: "tg", why: "core form", msg: `падарам бедор намешавад`},
		{lang: "tg", why: "core form", msg: `синаам сахт дард мекунад, дасти чапам карахт шуд`},
		{lang: "tg", why: "core form", msg: `занам обаш рафт, дарди таваллуд сар шуд`},
		{lang: "tg", why: "core form", msg: `аз даҳонаш кафк меояд, ларза дорад`},
		{lang: "tg", why: "core form", msg: `ҳуҷҷатҳоямро гирифтанд, барои роҳ 4000 евро қарздор гуфтанд`},
		{lang: "tg", why: "core form", msg: `маро маҷбур мекунанд бо мардон хобам`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "tg", why: "core form, the net alone before", msg: `дар бадани бачаи ҳамсоя кабудиҳо ҳаст, ҳар рӯз дод мезанад`},
		{lang: "tg", why: "core form, the net alone before", msg: `бародарам аз баланди афтод, ҳаракат намекунад`},
		{lang: "tg", why: "core form, the net alone before", msg: `4 моҳ маош надодааст, агар равам ба полис медиҳам мегӯяд`},
		{lang: "tg", why: "core form, the net alone before", msg: `касе аз паси ман меояд, шаб, хеле метарсам`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "tg", why: "ordinary meaning", msg: `ин кор маро мекушад, рӯзе 12 соат`},
		{lang: "tg", why: "ordinary meaning", msg: `дирӯз филм дидам, дар он як нафар аз купрук парид`},
		{lang: "tg", why: "ordinary meaning", msg: `курси ёрии аввал: агар одам бедор нашавад чӣ кор кунем`},
		{lang: "tg", why: "ordinary meaning", msg: `дар кӯдакӣ падарам маро мезад, ҳоло хубам`},
		{lang: "tg", why: "ordinary meaning", msg: `ҳуҷҷатҳоямро чӣ тавр нав кунам? permesso`},
		{lang: "tg", why: "ordinary meaning", msg: `хаста шудам, бо ин коғазҳо дигар токат надорам`},
		{lang: "tg", why: "ordinary meaning", msg: `аз ханда мурдам хахаха`},
		{lang: "tg", why: "ordinary meaning", msg: `қонун дар бораи зӯроварии оилавӣ чӣ мегӯяд?`},
		{lang: "tg", why: "ordinary meaning", msg: `пагоҳ шабона кор мекунам, capo гуфт`},
		{lang: "tg", why: "ordinary meaning", msg: `қарздорам, ба бонк чӣ тавр пардохт кунам?`},
		{lang: "tg", why: "ordinary meaning", msg: `як корд харидам барои ошхона`},
		{lang: "tg", why: "ordinary meaning", msg: `ҳангоми пухтупаз дастамро буридам, хун омад`},
		{lang: "tg", why: "ordinary meaning", msg: `ин гармӣ маро мекушад, кондитсионер нест`},
		{lang: "tg", why: "ordinary meaning", msg: `шаби хуш, фардо дар questura вохӯрем`},
		{lang: "tg", why: "ordinary meaning", msg: `дар филм дидам, ки як нафар аз тиреза парид`},
	})
}

func TestCore18EKurmanji(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "ku", why: "suicide", msg: `êvarê ez ê xwe ji pirê biavêjim`},
		{lang: "ku", why: "suicide", msg: `ez ê xwe ji pencerê bavêjim`},
		{lang: "ku", why: "suicide", msg: `ez ê xwe bavêjim ber trênê`},
		{lang: "ku", why: "suicide", msg: `dîsa min damarên xwe birîn`},
		{lang: "ku", why: "suicide", msg: `min ji bo mirinê heb vexwarin`},
		{lang: "ku", why: "suicide", msg: `min nameya xatirxwestinê nivîsand`},
		{lang: "ku", why: "suicide", msg: `ez dixwazim bimrim, permesso tune`},
		{lang: "ku", why: "suicide", msg: `ez ê canê xwe bistînim`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "ku", why: "core form", msg: `li ser laşê zarokê cîranan şînbûn hene, her roj diqîre`},
		{lang: "ku", why: "core form", msg: `zarok du roj e tiştek nexwariye`},
		{lang: "ku", why: "core form", msg: `bavê wê yê gavê destê xwe dide keça min`},
		{lang: "ku", why: "core form", msg: `pitik şîn bû, via Roma 3`},
		{lang: "ku", why: "core form", msg: `ava jina min hat`},
		{lang: "ku", why: "core form", msg: `birayê min ji bilindahiyê ket, nalive`},
		{lang: "ku", why: "core form", msg: `min bi zorê dixin kuçeyê ku bixebitim`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "ku", why: "core form, the net alone before", msg: `mêrê min xwest min bifetisîne, niha li ber derî ye`},
		{lang: "ku", why: "core form, the net alone before", msg: `bavê min şiyar nabe`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ku", why: "ordinary meaning", msg: `ev kar min dikuje, rojê 12 saet`},
		{lang: "ku", why: "ordinary meaning", msg: `duh min fîlmek dît, tê de yekî xwe ji pirê avêt`},
		{lang: "ku", why: "ordinary meaning", msg: `kursa alîkariya pêşîn: eger kesek şiyar nebe çi bikin`},
		{lang: "ku", why: "ordinary meaning", msg: `dema ez zarok bûm bavê min li min dixist, niha baş im`},
		{lang: "ku", why: "ordinary meaning", msg: `ez çawa belgeyên xwe nû bikim? permesso`},
		{lang: "ku", why: "ordinary meaning", msg: `westiyam, bi van kaxezan re êdî nikarim`},
		{lang: "ku", why: "ordinary meaning", msg: `ji kenan mirim hahaha`},
		{lang: "ku", why: "ordinary meaning", msg: `qanûna li ser tundiya malê çi dibêje?`},
		{lang: "ku", why: "ordinary meaning", msg: `sibê bi şev dixebitim, capo got`},
		{lang: "ku", why: "ordinary meaning", msg: `deynê min heye, çawa bidim bankê?`},
		{lang: "ku", why: "ordinary meaning", msg: `pitikê min şîn li xwe kir, pir xweşik e`},
		{lang: "ku", why: "ordinary meaning", msg: `di rêzefîlmê de mêrik xwest jinê bifetisîne`},
		{lang: "ku", why: "ordinary meaning", msg: `ava germ hat, ez çûm serşokê`},
	})
}

func TestCore18EHausa(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "ha", why: "suicide", msg: `yau da dare zan fado daga kan gada in mutu`},
		{lang: "ha", why: "suicide", msg: `zan yi tsalle daga taga`},
		{lang: "ha", why: "suicide", msg: `zan jefa kaina gaban jirgin kasa`},
		{lang: "ha", why: "suicide", msg: `na sha kwayoyi don in mutu`},
		{lang: "ha", why: "suicide", msg: `na rubuta wasikar bankwana ga mamata`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "ha", why: "core form", msg: `yaron bai ci komai ba tun kwana biyu`},
		{lang: "ha", why: "core form", msg: `jaririn ya yi shudi, via Roma 3`},
		{lang: "ha", why: "core form", msg: `babana baya farkawa`},
		{lang: "ha", why: "core form", msg: `kumfa yana fitowa daga bakinsa, yana jijjiga`},
		{lang: "ha", why: "core form", msg: `sun karbe takarduna, suna cewa ina da bashin euro 4000 na hanya`},
		{lang: "ha", why: "core form", msg: `suna tilasta ni in yi aiki a titi`},
		{lang: "ha", why: "core form", msg: `wani mutum yana bina, dare ne, ina jin tsoro sosai`},
		{lang: "ha", why: "core form", msg: `kwas na agajin gaggawa nake yi amma yanzu babana baya farkawa`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "ha", why: "core form, the net alone before", msg: `yaron makwabta yana da raunuka a jikinsa, kullum yana kuka`},
		{lang: "ha", why: "core form, the net alone before", msg: `mijin kanwata yana taba diyata da dare`},
		{lang: "ha", why: "core form, the net alone before", msg: `dan uwana ya fado daga sama, baya motsi`},
		{lang: "ha", why: "core form, the net alone before", msg: `wata 4 bai biya ni ba, yana cewa idan na tafi zai kai ni wurin yan sanda`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "ha", why: "ordinary meaning", msg: `wannan aikin yana kashe ni, awa 12 a rana`},
		{lang: "ha", why: "ordinary meaning", msg: `jiya na kalli fim, a ciki wani ya yi tsalle daga gada`},
		{lang: "ha", why: "ordinary meaning", msg: `kwas na agajin gaggawa: me za a yi idan mutum baya farkawa`},
		{lang: "ha", why: "ordinary meaning", msg: `lokacin ina yaro babana yana dukana, yanzu lafiya nake`},
		{lang: "ha", why: "ordinary meaning", msg: `ta yaya zan sabunta takarduna? permesso`},
		{lang: "ha", why: "ordinary meaning", msg: `na gaji, ba zan iya ba kuma da wadannan takardu`},
		{lang: "ha", why: "ordinary meaning", msg: `na mutu da dariya hahaha`},
		{lang: "ha", why: "ordinary meaning", msg: `me doka ta ce game da cin zarafi a gida?`},
		{lang: "ha", why: "ordinary meaning", msg: `gobe da dare zan yi aiki, capo ya ce`},
		{lang: "ha", why: "ordinary meaning", msg: `ina da bashi, ta yaya zan biya banki?`},
		{lang: "ha", why: "ordinary meaning", msg: `na yanke hannuna da wuka lokacin girki`},
		{lang: "ha", why: "ordinary meaning", msg: `baban ya yi shudi a fuska saboda sanyi? a'a, fenti ne`},
	})
}

func TestCore18ESwahili(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "sw", why: "suicide", msg: `usiku wa leo nitajirusha kutoka darajani`},
		{lang: "sw", why: "suicide", msg: `nitajirusha dirishani`},
		{lang: "sw", why: "suicide", msg: `nitajitupa mbele ya treni`},
		{lang: "sw", why: "suicide", msg: `nimejikata tena mikononi`},
		{lang: "sw", why: "suicide", msg: `nimemeza vidonge ili nife`},
		{lang: "sw", why: "suicide", msg: `nimeandika barua ya kuaga kwa mama`},
		{lang: "sw", why: "suicide", msg: `nitajiondoa uhai leo`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "sw", why: "core form", msg: `mtoto hajala chochote kwa siku mbili`},
		{lang: "sw", why: "core form", msg: `mume wangu alijaribu kuninyonga, sasa yuko mlangoni`},
		{lang: "sw", why: "core form", msg: `baba haamki`},
		{lang: "sw", why: "core form", msg: `mke wangu chupa ya uzazi imepasuka`},
		{lang: "sw", why: "core form", msg: `kaka yangu ameanguka kutoka juu, hasogei`},
		{lang: "sw", why: "core form", msg: `wananilazimisha kufanya kazi barabarani`},
		{lang: "sw", why: "core form", msg: `nina shambulio la hofu, naogopa, nisaidieni`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "sw", why: "core form, the net alone before", msg: `mtoto wa jirani ana michubuko mwili mzima, analia kila siku`},
		{lang: "sw", why: "core form, the net alone before", msg: `mtoto mchanga amegeuka bluu, via Roma 3`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "sw", why: "ordinary meaning", msg: `kazi hii inaniua, saa 12 kwa siku`},
		{lang: "sw", why: "ordinary meaning", msg: `jana niliangalia filamu, ndani yake mtu alijirusha kutoka daraja`},
		{lang: "sw", why: "ordinary meaning", msg: `kozi ya huduma ya kwanza: nini cha kufanya mtu asipoamka`},
		{lang: "sw", why: "ordinary meaning", msg: `nilipokuwa mtoto baba alinipiga, sasa niko sawa`},
		{lang: "sw", why: "ordinary meaning", msg: `nawezaje kufanya upya hati zangu? permesso`},
		{lang: "sw", why: "ordinary meaning", msg: `nimechoka, siwezi tena na makaratasi haya`},
		{lang: "sw", why: "ordinary meaning", msg: `nimekufa kwa kicheko hahaha`},
		{lang: "sw", why: "ordinary meaning", msg: `sheria inasema nini kuhusu unyanyasaji wa nyumbani?`},
		{lang: "sw", why: "ordinary meaning", msg: `kesho usiku nitafanya kazi, capo amesema`},
		{lang: "sw", why: "ordinary meaning", msg: `nina deni, nitalipaje benki?`},
		{lang: "sw", why: "ordinary meaning", msg: `nimejikata kidole nikipika`},
		{lang: "sw", why: "ordinary meaning", msg: `naogopa mtihani wa kesho, nisaidieni kusoma`},
		{lang: "sw", why: "ordinary meaning", msg: `maji yamevunjika jikoni, bomba limepasuka`},
		{lang: "sw", why: "ordinary meaning", msg: `sijala chochote leo, nina njaa tu`},
	})
}

func TestCore18EYoruba(t *testing.T) {
	c := newClassifier(t)
	wantListsSuicide(t, c, []reviewCase{
		{lang: "yo", why: "suicide", msg: `ale oni maa bo sinu odo lati ori afara`},
		{lang: "yo", why: "suicide", msg: `maa fo sile lati oju ferese`},
		{lang: "yo", why: "suicide", msg: `maa ju ara mi si iwaju oko oju irin`},
		{lang: "yo", why: "suicide", msg: `mo tun ge owo mi ki n le ku`},
		{lang: "yo", why: "suicide", msg: `mo gbe oogun mi ki n le ku`},
		{lang: "yo", why: "suicide", msg: `mo ti ko leta idagbere si mama mi`},
		{lang: "yo", why: "suicide", msg: `mi o fe wa laye mo`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "yo", why: "core form", msg: `omo aladugbo ni ogbe kaakiri ara, o n sunkun lojoojumo`},
		{lang: "yo", why: "core form", msg: `baba iyawo mi n fi owo kan omobinrin mi loru`},
		{lang: "yo", why: "core form", msg: `omo owo ti di bulu, via Roma 3`},
		{lang: "yo", why: "core form", msg: `egbon mi subu lati oke, ko mi`},
		{lang: "yo", why: "core form", msg: `ifofo n jade lenu re, o n gbon`},
		{lang: "yo", why: "core form", msg: `won gba iwe mi, won ni mo je won 4000 euro fun irin ajo`},
		{lang: "yo", why: "core form", msg: `won fi agbara mu mi sise ni titi`},
	})
	wantListsUrgent(t, c, []reviewCase{
		{lang: "yo", why: "core form, the net alone before", msg: `omo mi ko tii jeun fun ojo meji`},
		{lang: "yo", why: "core form, the net alone before", msg: `baba mi ko ji rara`},
		{lang: "yo", why: "core form, the net alone before", msg: `enikan n tele mi, ale ni, eru n ba mi gan`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "yo", why: "ordinary meaning", msg: `ise yii n pa mi, wakati 12 lojumo`},
		{lang: "yo", why: "ordinary meaning", msg: `eko iranlowo akoko: kini lati se ti eniyan ko ba ji`},
		{lang: "yo", why: "ordinary meaning", msg: `nigba ti mo wa ni omode baba mi n lu mi, bayi mo ti dara`},
		{lang: "yo", why: "ordinary meaning", msg: `bawo ni mo se le tun iwe mi se? permesso`},
		{lang: "yo", why: "ordinary meaning", msg: `mo ku fun erin hahaha`},
		{lang: "yo", why: "ordinary meaning", msg: `kini ofin so nipa iwa ipa ninu ile?`},
		{lang: "yo", why: "ordinary meaning", msg: `ola ni ale maa sise, capo lo so`},
		{lang: "yo", why: "ordinary meaning", msg: `mo je gbese, bawo ni mo se san fun banki?`},
		{lang: "yo", why: "ordinary meaning", msg: `mo ge owo mi nigba ti mo n se ounje`},
		{lang: "yo", why: "ordinary meaning", msg: `mo gba iwe mi lati ile-iwe lana`},
		{lang: "yo", why: "ordinary meaning", msg: `awo bulu ni aso omo mi, o rewa`},
		{lang: "yo", why: "ordinary meaning", msg: `mo ka iwe kan nipa omo ti o subu lati oke igi`},
	})
}
