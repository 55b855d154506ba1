package triage

import "testing"

// Review revSu (branch tuneSu): suicide by its parts. Ordinary messages that
// hold two of the new parts and are now read as suicide. Every case here was
// not urgent at main (the parts are new in tuneSu) and is urgent on tuneSu.
// The new @lettersleft ("wrote letters for", "كتبت رسائل", "написал письма")
// and @stash ("saved the pills", "جمعت دوا", "攒了很多药") are everyday words
// for writing to an office and packing medicine for a trip, and @hopeless
// ("no point", "ما في فايدة") is how people speak of waiting for papers.
func TestRevSuEverydayTwoPartsNotUrgent(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		// Letters to an office + "no point waiting": @lettersleft @hopeless.
		{"en", "letters to the Questura, no point waiting", "I wrote letters for the Questura three times, there's no point anymore, nobody answers"},
		{"ar", "messages to the lawyer, no use", "كتبت رسائل للمحامي ثلاث مرات وما في فايدة، ما حدا رد"},
		{"ru", "letters to the migration office, no sense", "Я написал письма в миграционную службу, но нет никакого смысла, никто не отвечает"},
		{"ru", "letters to the school, no sense waiting (feminine)", "Я написала письма в школу, больше нет смысла ждать ответа"},
		{"uk", "letters to the Questura, no sense waiting", "Я написав листи до квестури, немає більше сенсу чекати"},
		{"ro", "letters to the town hall, no use waiting", "Am scris scrisori la primarie, nu mai are rost sa astept raspuns"},
		{"es", "letters to the Questura, no sense waiting", "Escribí cartas para la Questura y para el ayuntamiento, ya no tiene sentido esperar"},
		{"fr", "letters to the prefecture, no use waiting", "J'ai écrit des lettres pour la préfecture, ça ne sert plus à rien d'attendre"},
		{"it", "birthday letter to mum, no sense posting it", "Ho scritto una lettera per la mamma per il suo compleanno, non ha piu senso spedirla, arrivo io"},
		// A birthday letter + goodbye to the operator: @lettersleft @end.
		{"en", "birthday letters, goodbye to operator", "I wrote letters for my mum's birthday and for my sister, goodbye and thanks for the help"},
		// Medicine kept for a journey + tonight: @stash @tonight.
		{"ar", "medicine packed for the flight tonight", "جمعت دوا للسفر، الليلة عندي طيارة لبلدي"},
		{"ru", "blood-pressure pills for the journey, train tonight", "Я собрала таблетки от давления в дорогу, сегодня ночью у меня поезд в Рим"},
		{"es", "mother's pills kept for the trip, train tonight", "Guardé las pastillas de mi madre para el viaje, esta noche tomamos el tren a Roma"},
		{"it", "pills put aside for the trip, train tonight", "Ho messo da parte le pillole per il viaggio, stasera prendo il treno per Roma"},
		{"fr", "tablets kept for the trip, train tonight", "J'ai gardé les comprimés pour le voyage, ce soir je prends le train pour Rome"},
		{"ur", "tablets collected for the journey, flight tonight", "سفر کے لیے گولیاں جمع کر لی ہیں، آج رات فلائٹ ہے"},
		{"bn", "medicine stocked to go home, flight tonight", "দেশে যাওয়ার জন্য ওষুধ জমিয়ে রেখেছি, আজ রাতে ফ্লাইট"},
		{"tr", "pills gathered for the journey, bus tonight", "Yolculuk için haplari topladim, bu gece otobüsle Roma'ya gidiyorum"},
		{"zh", "medicine stocked before going home, flight tonight", "回国前攒了很多药，今晚的飞机"},
		{"fil", "medicine saved for the trip, leaving tonight", "Nag ipon ng gamot para sa biyahe, aalis ako mamayang gabi"},
		{"fa", "pills gathered for the trip, flight tonight", "برای سفر قرص جمع کردم، امشب پرواز دارم"},
		// any.tsv "been saving them since" reaches every language and is not about pills.
		{"en", "bus vouchers saved since March, tonight", "The bus vouchers? I've been saving them since March, tonight I'll use them at the market"},
		// "you'll be better off" (@burden) is advice to go elsewhere; "thank you for everything goodbye" (@end).
		{"en", "advice to change lawyer, goodbye to operator", "You'll be better off with the other lawyer, thank you for everything goodbye"},
		// A river barbecue tonight + "no point staying inside": @goingto @tonight @hopeless.
		{"en", "barbecue at the river tonight", "Tonight we are going to the river for a barbecue, there's no point anymore staying inside with this heat"},
		// Moving house: things given to neighbours or the landlord, a goodbye or "no use".
		{"it", "moving to Milan, goodbye neighbours", "Ho dato via tutta la mia roba perche trasloco a Milano, addio vicini!"},
		{"fr", "moving to Lyon, goodbye Paris", "J'ai tout donné aux voisins, je déménage à Lyon, adieu Paris!"},
		{"ur", "everything to the landlord, moving tomorrow", "maine sab kuch de diya landlord ko, ab koi faida nahi, kal shift ho raha hoon"},
		{"ur", "agent got everything, no use waiting", "maine agent ko sab kuch de diya tha, ab koi faida nahi wait karne ka"},
	})
}

// Review revSu: moving house with a goodbye is already suicide at main
// (@giveaway @end / @farewell from earlier rounds); tuneSu's README says
// "I gave my things away, I move" is everyday, and these stay urgent.
func TestRevSuMovingHouseGoodbyeNotUrgent(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"es", "moving, goodbye neighbours", "Regalé toda mi ropa porque me mudo, adiós a todos los vecinos"},
		{"ru", "moving city, goodbye all", "Я раздала все вещи соседям, переезжаю в другой город, прощайте все!"},
		{"ro", "moving to Milan, goodbye all", "Mi-am dat toate lucrurile vecinilor, ma mut la Milano, adio tuturor!"},
		{"ar", "moving to Milan, goodbye", "وزعت اغراضي على الجيران لاني رح انقل على ميلانو، مع السلامة"},
		{"tr", "moving, goodbye neighbours", "Esyalarimi dagittim cunku tasiniyorum, hoscakalin komsular"},
		{"ur", "moving to Milan, goodbye all", "Sab saman de diya padosiyon ko, Milan shift ho raha hoon, alvida sab ko"},
		{"fil", "moving, goodbye neighbours", "Ipinamigay ko lahat ng gamit ko kasi lilipat na ako, paalam na mga kapitbahay"},
		{"zh", "moving to Milan tomorrow, goodbye neighbours", "我把东西都送人了，明天搬家去米兰，再见邻居们"},
	})
}

// Review revSu: farewells in parts that tuneSu's lists miss: another
// inflection, a third person (feminine), a colloquial spelling, or pills
// saved that an older list names @end, which does not pair with @tonight.
func TestRevSuFarewellPartsUrgent(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		// "given away everything" (perfect, first person) is in no @giveaway list.
		{"en", "given away everything + no burden", "ive given away everything i own, i wont be a burden to anyone anymore"},
		// "giving his things away" (particle after the object) + "nothing matters anymore".
		{"en", "third person, giving things away + nothing matters", "my brother has been giving his things away, he says nothing matters anymore"},
		// "saved up sleeping pills" is @end (en.tsv:501), and @end does not pair with @tonight.
		{"en", "pills saved up + tonight", "I've saved up sleeping pills for weeks. tonight"},
		// "collecting my pills" + "tonight is the night": only half told.
		{"en", "collecting pills + tonight is the night", "ive been collecting my pills for a month. tonight is the night"},
		// Sister, feminine, "tutti i suoi vestiti" (lists have "tutte le sue cose" only).
		{"it", "sister gave away all her clothes + no sense", "mia sorella ha regalato tutti i suoi vestiti e dice che non ha piu senso"},
		// "des cachets" (lists have "les cachets" only) + ce soir.
		{"fr", "tablets put aside for weeks + tonight", "J'ai mis de côté des cachets depuis des semaines. Ce soir."},
		// Sister, feminine "وزعت كل اغراضها" + "ما في فايدة".
		{"ar", "sister gave away all her things + no use", "اختي وزعت كل اغراضها وبتقول ما في فايدة"},
		// Colloquial "وسایلشو" (lists have "وسایلش رو") + "دیگه فایده نداره".
		{"fa", "sister gave away all her things + no use", "خواهرم همه وسایلشو بخشید، میگه دیگه فایده نداره"},
	})
}
