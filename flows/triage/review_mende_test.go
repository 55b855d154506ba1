package triage

import "testing"

// mendE (issue 12): what review revE found in tuneF, mended by removing or
// narrowing the calms, about/over marks and ignore lines that hid a present
// danger. These cases go beyond revE's own: the same objectless frames in
// the other forms tuneF listed (a course, an essay on anything, a novel in
// which, a book about anything), and the gun licence said of someone who
// has one. Each was read as no danger before mendE.
func TestMendEObjectlessFramesReachNoDanger(t *testing.T) {
	c := newClassifier(t)
	wantUrgent(t, c, []reviewCase{
		{"en", "a course for cultural mediators, husband beats me every day, permit", "i do a course for cultural mediators my husband beats me every day, can i renew my permit"},
		{"en", "an essay on my country, dad beats me every night, school", "my essay on my country is late my dad beats me every night, help with school"},
		{"it", "an essay on the war, father beats me every evening", "la tesina sulla guerra non la finisco mio padre mi picchia ogni sera, aiuto con la scuola?"},
		{"ur", "a novel with Urdu, husband beats me every day", "ناول جس میں اردو ہو اسکول کے لیے چاہیے میرا شوہر مجھے روز مارتا ہے"},
		{"bn", "an essay about my family, dad beats me with a belt", "পরিবার নিয়ে রচনা লিখতে পারিনি বলে বাবা আমাকে বেল্ট দিয়ে মারে, স্কুলে কী করব"},
		{"zh", "reading a book about cats, husband takes a knife to kill me", "我在看一本关于猫的书 我丈夫拿刀要杀我"},
		{"zh", "a film about the sea, husband takes a knife to kill me", "看了一部关于大海的电影 我丈夫拿刀要杀我"},
	})
}

// The frames kept name the danger as their object: a school's essay, a
// course's homework, a film or a thesis about trafficking or violence, a
// novel in which a boy kills himself, a gun licence applied for. A danger
// told now beside them still counts.
func TestMendEFramesNamingTheDanger(t *testing.T) {
	c := newClassifier(t)
	wantNotUrgent(t, c, []reviewCase{
		{"en", "course homework: how to recognise victims of trafficking", "for the mediator course our homework is how to recognize victims of human trafficking, any books in English?"},
		{"it", "son wants to talk about trafficking in his school essay", "per la scuola mio figlio vuole parlare della tratta, ci sono libri semplici?"},
		{"bn", "school essay on trafficking, the Italian term glossed", "ছেলের স্কুলে traffico di esseri umani নিয়ে রচনা দিয়েছে, বই কোথায় পাব?"},
		{"zh", "a thesis about domestic violence", "我在写家暴的论文，图书馆有相关的书吗？"},
		{"fa", "a guard asks how to get a gun licence", "برای کار نگهبانی باید مجوز حمل اسلحه بگیرم؟ کلاسش کجاست؟"},
		{"tr", "a knife threat years ago, divorced, alimony asked (a need named)", "yıllar önce kocam beni bıçakla tehdit etmişti, boşandık, nafaka için ne yapmalıyım"},
	})
	wantUrgent(t, c, []reviewCase{
		{"en", "trafficking homework, and now my husband beats me", "our homework is about human trafficking, now my husband is beating me"},
		{"fa", "husband has a gun licence and says he'll kill me tonight", "shoharam mojavez haml aslahe dare va emshab gofte mikoshamet"},
		{"tr", "a knife threat years ago, divorced, alimony, and he is at the door now", "yıllar önce kocam beni bıçakla tehdit etmişti, boşandık, nafaka için ne yapmalıyım, şimdi yine kapıda"},
	})
}
