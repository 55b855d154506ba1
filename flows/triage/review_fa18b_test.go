package triage

import "testing"

// fa18b (issue 12): the false alarms of decoys-2026-12-07 mended by cause,
// in words of our own. Cause 1: a finger or a hand cut while cooking, told
// for a plaster or a tetanus shot, was read as self-harm (en "cut myself",
// ro "m-am tăiat") or as an attack (the kitchen knife: it "col coltello",
// tr "bıçakla", fa "با چاقو", ja 包丁, ta, ti, am; zh 破伤风 read as 打伤);
// Danish and Norwegian "min datter ... lidt" was Kurdish "li* min* da*".
func TestFa18bKitchenCut(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", msg: `I cut myself while chopping carrots for dinner, it's only a little cut. Where can I buy plasters on Sunday?`},
		{lang: "it", msg: `mi sono tagliata il dito col coltello mentre affettavo il pane, dove compro i cerotti?`},
		{lang: "fr", msg: `je me suis coupée au doigt avec le couteau en faisant la soupe, il faut un vaccin contre le tétanos ?`},
		{lang: "es", msg: `ayer me corté en el dedo con el cuchillo haciendo la cena, ¿necesito la vacuna del tétanos?`},
		{lang: "ar", msg: `جرحت إصبعي بالسكين وأنا أقطع الخبز، هل أحتاج إبرة الكزاز؟`},
		{lang: "ru", msg: `вчера порезала палец ножом, когда резала хлеб. Нужна ли прививка от столбняка?`},
		{lang: "uk", msg: `порізала палець ножем, коли різала хліб. Чи треба щеплення від правця?`},
		{lang: "tr", msg: `ekmek keserken parmağımı bıçakla kestim, tetanoz aşısı lazım mı?`},
		{lang: "ur", msg: `kal raat churi se ungli kat gayi sabzi kaatte hue, tetanus ka injection kahan milega?`},
		{lang: "bn", msg: `সবজি কাটতে গিয়ে বঁটিতে আঙুল কেটে গেছে, টিটেনাস ইনজেকশন কোথায় পাব?`},
		{lang: "zh", msg: `昨天切菜的时候菜刀切到手指了，要打破伤风针吗？`},
		{lang: "fa", msg: `دیروز با چاقو انگشتم را بریدم وقتی نان می بریدم، واکسن کزاز لازم است؟`},
		{lang: "ro", msg: `m-am tăiat la deget cu cuțitul când tăiam pâinea, am nevoie de vaccin antitetanic?`},
		{lang: "ja", msg: `パンを切るとき包丁で指を切った。破傷風の注射は必要ですか？`},
		{lang: "ta", msg: `ரொட்டி வெட்டும்போது கத்தியால் விரல் வெட்டிக்கொண்டேன். ஊசி தேவையா?`},
		{lang: "ti", msg: `ትማሊ ኣብ ክሽነ ኣጻብዐይ ብካራ ተቖሪጹ። ክታበት የድልየኒ ድዩ?`},
		{lang: "am", msg: `ዳቦ ስቆርጥ ጣቴን በቢላ ቆረጥኩ። ክትባት ያስፈልገኛል?`},
		{lang: "no", msg: `Min datter er lidt syg, hun har ondt i halsen. Hvor finder vi en læge?`},
	})
	// A wound on purpose or by someone's hand beside the cut stays urgent.
	wantUrgent(t, c, []reviewCase{
		{lang: "en", msg: `I cut my finger cooking last week, but tonight I cut myself on purpose`},
		{lang: "en", msg: `my husband cut me with a knife`},
		{lang: "it", msg: `mio marito mi ha tagliato con il coltello`},
		{lang: "es", msg: `me corté el dedo en la cocina, pero ahora mi marido me amenaza con un cuchillo`},
		{lang: "ru", msg: `муж порезал меня ножом`},
		{lang: "tr", msg: `kocam beni bıçakla yaraladı`},
		{lang: "ro", msg: `m-am tăiat la deget ieri, dar soțul meu m-a amenințat cu cuțitul`},
		{lang: "ja", msg: `夫が包丁を持って私を脅しています`},
		{lang: "fa", msg: `شوهرم با چاقو مرا تهدید می کند`},
		{lang: "ku", msg: `mêrê min li min da`},
	})
}

// Cause 2: a knife attack or trafficking seen on the news, on TV or in a
// documentary, told before an everyday question, was read as the writer's
// own danger (es, pt, vi, mr, te, kk, th).
func TestFa18bOnTheNews(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "es", msg: `Anoche vi en la tele un ataque con un cuchillo en Roma, qué miedo. ¿Dónde renuevo el permiso de soggiorno?`},
		{lang: "pt", msg: `Vi no telejornal que esfaquearam um homem em Turim, que medo. Onde faço o codice fiscale?`},
		{lang: "vi", msg: `Tối qua xem thời sự thấy có người bị đâm bằng dao ở Napoli, sợ quá. Làm thẻ y tế ở đâu?`},
		{lang: "mr", msg: `टीव्हीवर पाहिलं की चाकू हल्ला झाला, भीती वाटली. आरोग्य कार्ड कुठे मिळतं?`},
		{lang: "te", msg: `వార్తల్లో కత్తి దాడి గురించి చదివాను, భయం వేసింది. హెల్త్ కార్డ్ ఎక్కడ తీసుకోవాలి?`},
		{lang: "kk", msg: `Теледидардан пышақпен шабуыл туралы көрдім, қорқынышты. Медициналық карточканы қайдан аламын?`},
		{lang: "th", msg: `ดูสารคดีเรื่องการค้ามนุษย์ในยุโรป น่ากลัวมาก อยากเรียนภาษาอิตาเลียน`},
	})
	// The news told, then a danger happening now: the news calm does not reach it.
	wantUrgent(t, c, []reviewCase{
		{lang: "en", msg: `I saw on the news a knife attack and now a man with a knife is at my door`},
		{lang: "es", msg: `vi en la tele un ataque con cuchillo, y ahora mi marido está en la puerta con un cuchillo`},
		{lang: "pt", msg: `vi na tv um ataque com faca e agora meu marido está na porta com uma faca`},
		{lang: "vi", msg: `xem tin tức vụ tấn công bằng dao, bây giờ chồng tôi đang cầm dao đòi giết tôi`},
		{lang: "kk", msg: `жаңалықтан көрдім, қазір күйеуім пышақпен қорқытып тұр`},
		{lang: "te", msg: `వార్తల్లో చూశాను, ఇప్పుడు నా భర్త కత్తితో బెదిరిస్తున్నాడు`},
		{lang: "mr", msg: `बातम्यांमध्ये पाहिलं, आता माझा नवरा चाकू घेऊन धमकी देतोय`},
		{lang: "th", msg: `ดูข่าวแล้ว ตอนนี้สามีถือมีดขู่จะฆ่าฉัน`},
	})
}

// Cause 3: a school task about trafficking or child labour, naming the
// writer's own child: the rule "@minor trafficking" (any.tsv) made a child
// in danger of 2, which the task's calm of 1 only halved. The frame was
// missing in fil, so, km, ko, my; with it, a rule all of whose terms are
// calmed weighs one danger (ruleFloor). Polish "lat" (years) was the
// Farsi-Latin "lat" (beaten, @harm) beside "córka".
func TestFa18bSchoolTaskAbout(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "fil", msg: `Kuya, yung anak ko may homework tungkol sa trafficking ng tao, saan may libro?`},
		{lang: "so", msg: `Gabadhayda waxay qoraysaa warbixin ku saabsan ka ganacsiga dadka. Xagee laga helaa macluumaad?`},
		{lang: "ko", msg: `딸이 인신매매에 대한 발표 숙제가 있어요. 자료 있나요?`},
		{lang: "km", msg: `កូនស្រីខ្ញុំមានកិច្ចការផ្ទះអំពីការជួញដូរមនុស្ស។ តើមានសៀវភៅទេ?`},
		{lang: "my", msg: `သမီးက လူကုန်ကူးမှုအကြောင်း အိမ်စာ ရေးရမယ်။ စာအုပ် ရှိလား?`},
		{lang: "zh", msg: `我女儿要写一篇关于童工的作文，哪里有资料？`},
		{lang: "pl", msg: `Moja córka pyta, ile lat trzeba czekać na obywatelstwo we Włoszech?`},
	})
	// A child beaten told beside the task, outside its calm, stays urgent.
	wantUrgent(t, c, []reviewCase{
		{lang: "en", msg: `my daughter's homework is about violence, and her father beats her`},
		{lang: "fil", msg: `yung anak ko may homework tungkol sa trafficking, pero binubugbog siya ng tatay niya araw-araw`},
		{lang: "zh", msg: `女儿要写关于暴力的作文。她爸爸天天打她`},
		{lang: "pl", msg: `moja córka ma 12 lat i ojciec ją bije`},
		{lang: "ko", msg: `딸이 인신매매에 대한 숙제가 있어요. 그런데 남편이 딸을 때려요`},
	})
}
