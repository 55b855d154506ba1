package triage

import "testing"

// engZ (issue 12): engine gaps of the urgent matcher.

// A danger told twice, first inside a calm (a film, a course) and then
// outside any, counts at the weight of its least calmed mention: before,
// a phrase found again added to its area only, and the message weighed the
// calmed first mention alone. Each urgent case was read not urgent before
// the fix; each decoy tells both mentions inside the calm.
func TestEngZDangerToldAgainOutsideTheCalm(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{lang: "en", why: "film, then told", msg: `I saw a film about a man who can't breathe. He can't breathe.`},
		{lang: "it", why: "course, then told", msg: `ho fatto un corso su cosa fare se qualcuno non respira. il nonno non respira`},
		{lang: "es", why: "film, then told", msg: `vi una pelicula sobre un hombre que no puede respirar. mi abuelo no puede respirar`},
		{lang: "fr", why: "film, then told", msg: `j'ai vu un film sur un homme qui ne respire plus. mon grand-père ne respire plus`},
		{lang: "fr", why: "how-to, then told", msg: `que faire si quelqu'un ne respire plus. mon grand-père ne respire plus`},
		{lang: "ar", why: "film, then told", msg: `شفت فيلم عن رجل ما يقدر يتنفس. جدي ما يقدر يتنفس`},
		{lang: "ru", why: "film, then told", msg: `Я смотрел фильм о человеке, который не может дышать. Дедушка не может дышать.`},
		{lang: "uk", why: "film, then told", msg: `Я дивився фільм про чоловіка, який не може дихати. Дідусь не може дихати.`},
		{lang: "zh", why: "film, then told", msg: `我看了一部电影，里面一个人不能呼吸。我爷爷不能呼吸。`},
		{lang: "zh", why: "film, then told", msg: `纪录片里一个人呼吸不了。爷爷呼吸不了`},
		{lang: "en", why: "film, then beaten", msg: `I watched a film where a woman was being beaten. I am being beaten.`},
	})
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", why: "both in the film", msg: `I saw a film about a man who can't breathe and his wife can't breathe too.`},
		{lang: "it", why: "both in the course", msg: `ho fatto un corso su cosa fare se qualcuno non respira e se un anziano non respira`},
		{lang: "es", why: "both in the film", msg: `vi una pelicula sobre un hombre que no puede respirar y su mujer no puede respirar`},
		{lang: "fr", why: "both in the film", msg: `j'ai vu un film sur un homme qui ne respire plus et sa femme ne respire plus`},
		{lang: "ar", why: "both in the film", msg: `شفت فيلم عن رجل ما يقدر يتنفس وزوجته ما يقدر يتنفس`},
		{lang: "ru", why: "both in the film", msg: `я видел фильм про человека который не может дышать и его жена не может дышать`},
		{lang: "uk", why: "both in the film", msg: `я дивився фільм про чоловіка який не може дихати і його дружина не може дихати`},
		{lang: "zh", why: "both in the film", msg: `电影里一个人不能呼吸他妻子也不能呼吸`},
		{lang: "en", why: "both in the film", msg: `I watched a film where a woman was being beaten and her sister was being beaten.`},
	})
}

// A how-to frame (data/calm, role howto: "what to do if", "que faire si",
// "что делать если", "first aid course") asks about a case, it tells none
// happening: the dangers told after it, up to the next comma or full stop,
// count a fifth. Each how-to question but those marked was urgent before;
// the same words told of the writer's father stay urgent.
func TestEngZHowToFrame(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{lang: "en", msg: `what to do if someone has a seizure and is not breathing?`},
		{lang: "it", msg: `cosa fare se qualcuno ha le convulsioni e non respira?`},
		{lang: "es", msg: `que hacer si alguien tiene convulsiones y no respira?`},
		{lang: "fr", msg: `que faire si quelqu'un fait une crise d'epilepsie et ne respire plus ?`},
		{lang: "ro", msg: `ce faci cand cineva are convulsii si nu respira?`},
		{lang: "tr", msg: `ilk yardim kursunda biri nefes almiyor ve bayildi ne yapilir ogrendik`},
		{lang: "ru", msg: `что делать, если человек не дышит и потерял сознание?`},
		{lang: "uk", msg: `що робити, якщо людина не дихає і знепритомніла?`},
		{lang: "ar", msg: `ماذا افعل اذا شخص لا يتنفس وفقد الوعي؟`},
		{lang: "zh", msg: `如果有人昏倒了不能呼吸怎么办`},
		{lang: "fa", msg: `اگر کسی نفس نمی کشد و بیهوش شده چه کار کنیم؟`},
		{lang: "ur", msg: `agar koi sans nahi le raha aur behosh ho jaye to kya karein?`},
		{lang: "ur", msg: `اگر کوئی سانس نہیں لے رہا اور بے ہوش ہو جائے تو کیا کریں؟`},
		{lang: "pa", msg: `ਜੇ ਕੋਈ ਸਾਹ ਨਹੀਂ ਲੈ ਰਿਹਾ ਤੇ ਬੇਹੋਸ਼ ਹੋ ਜਾਵੇ ਤਾਂ ਕੀ ਕਰੀਏ?`},
		{lang: "bn", msg: `যদি কেউ শ্বাস নিতে না পারে আর অজ্ঞান হয়ে যায় তাহলে কী করব?`},
		{lang: "ps", msg: `که څوک ساه نشي اخیستلی او بې هوښه شي څه وکړو؟`},
		{lang: "so", why: "not urgent before too", msg: `haddii qof uusan neefsan karin oo suuxo maxaa la sameeyaa?`},
		{lang: "sq", msg: `cfare te bej nese dikush nuk merr fryme dhe ka rene pa ndjenja?`},
		{lang: "fil", msg: `ano ang gagawin kung may taong hindi makahinga at nawalan ng malay?`},
		{lang: "am", why: "not urgent before too", msg: `የመጀመሪያ እርዳታ ስልጠና ላይ ሰው መተንፈስ ካልቻለ ምን እናደርጋለን`},
		{lang: "ti", why: "not urgent before too", msg: `ቀዳማይ ረዲኤት ስልጠና ሰብ ምስትንፋስ እንተዘይክኢሉ እንታይ ንገብር`},
		{lang: "wo", msg: `lu war a def su kenn mënul noyyi?`},
		{lang: "es", why: "a course's practice (set x)", msg: `estoy haciendo un curso de primeros auxilios y nos piden practicar que hacer con alguien que no respira`},
		{lang: "ro", why: "a course's lesson (set x)", msg: `fac un curs de prim ajutor si trebuie sa invat ce faci cand cineva are convulsii sau nu respira`},
	})
	wantUrgent(t, c, []reviewCase{
		{lang: "en", msg: `my father has a seizure and is not breathing`},
		{lang: "it", msg: `mio padre ha le convulsioni e non respira`},
		{lang: "es", msg: `mi padre tiene convulsiones y no respira`},
		{lang: "fr", msg: `mon pere fait une crise d'epilepsie et ne respire plus`},
		{lang: "ro", msg: `tatal meu are convulsii si nu respira`},
		{lang: "tr", msg: `babam nefes almiyor ve bayildi`},
		{lang: "ru", msg: `папа не дышит и потерял сознание`},
		{lang: "uk", msg: `тато не дихає і знепритомнів`},
		{lang: "ar", msg: `ابي لا يتنفس وفقد الوعي`},
		{lang: "zh", msg: `我爸爸昏倒了不能呼吸`},
		{lang: "fa", msg: `پدرم نفس نمی کشد و بیهوش شده`},
		{lang: "ur", msg: `abbu sans nahi le rahe aur behosh ho gaye`},
		{lang: "pa", msg: `ਪਿਤਾ ਜੀ ਸਾਹ ਨਹੀਂ ਲੈ ਰਹੇ ਤੇ ਬੇਹੋਸ਼ ਹੋ ਗਏ`},
		{lang: "bn", msg: `বাবা শ্বাস নিতে পারছে না আর অজ্ঞান হয়ে গেছে`},
		{lang: "ps", msg: `پلار مې ساه نشي اخیستلی او بې هوښه شو`},
		{lang: "so", msg: `aabahay ma neefsan karo wuuna suuxay`},
		{lang: "sq", msg: `babai nuk merr fryme dhe ka rene pa ndjenja`},
		{lang: "fil", msg: `ang tatay ko hindi makahinga at nawalan ng malay`},
		{lang: "am", msg: `አባቴ መተንፈስ አልቻለም`},
		{lang: "wo", msg: `sama baay mënul noyyi`},
		// The frame asks; what follows its punctuation, or one's own child,
		// is told. (A now in the case is not the frame's, but the older
		// calm "what to do if", 0.5, still holds "what to do if someone is
		// not breathing now" under the bar, as before: left open.)
		{lang: "en", why: "told again after the question", msg: `what to do if someone is not breathing? my son is not breathing`},
		{lang: "en", why: "own baby", msg: `what to do if my baby is not breathing`},
		{lang: "fr", why: "own son", msg: `que faire si mon fils ne respire plus`},
		{lang: "it", why: "told again", msg: `cosa fare se qualcuno non respira. mio marito non respira`},
	})
}
