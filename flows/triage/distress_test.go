package triage

import "testing"

// A cry for help is urgent in every language: it goes to a person at once,
// with the emergency numbers.
func TestDistress(t *testing.T) {
	c := newClassifier(t)
	cases := map[string][]string{
		"it": {"aiuto", "Aiuto!!!", "AIUTO", "aiutatemi", "aiuto aiuto", "vi prego aiutatemi", "salvatemi", "sono in pericolo", "SOS"},
		"en": {"help me", "help!", "HELP ME PLEASE", "please help me", "somebody help", "sos", "save me", "i am in danger", "help"},
		"fr": {"au secours", "Au secours !!", "à l'aide", "aidez-moi", "sauvez moi", "je suis en danger"},
		"es": {"socorro", "¡Socorro!", "auxilio", "ayuda!", "ayúdenme por favor", "estoy en peligro"},
		"ar": {"النجدة", "ساعدوني", "أنقذوني", "الحقوني", "انا في خطر", "3te9ni"},
		"uk": {"рятуйте", "Допоможіть!", "на допомогу", "врятуйте мене", "я в небезпеці"},
		"sq": {"ndihmë", "ndihme!", "më ndihmoni", "më shpëtoni", "jam në rrezik"},
		"bn": {"বাঁচাও", "আমাকে বাঁচাও", "বাঁচান", "সাহায্য করুন", "bachao"},
		"ur": {"مجھے بچاؤ", "بچاؤ", "مدد!", "میری مدد کریں", "mujhe bachao"},
		"zh": {"救命", "救命啊", "救救我", "帮帮我", "快来救我"},
	}
	for lang, msgs := range cases {
		for _, msg := range msgs {
			if r := c.Classify(msg); r.Urgent == "" {
				t.Errorf("%s %q: not urgent (%s/%s, lang %q)", lang, msg, r.Area, r.Topic, r.Lang)
			}
		}
	}
	// A specific kind wins over the cry that comes with it.
	if r := c.Classify("au secours mon mari me frappe"); r.Urgent != "violence" {
		t.Errorf("cry with violence: urgent %q, want violence", r.Urgent)
	}
}

// Asking for help with something is not a cry for help.
func TestHelpIsNotDistress(t *testing.T) {
	c := newClassifier(t)
	tests := []struct{ text, area string }{
		{"help with my CV", "work"},
		{"can you help me with my cv", "work"},
		{"help me renew my permit", "legal"},
		{"i need help", ""},
		{"aiuto per il curriculum", "work"},
		{"ho bisogno di aiuto per il permesso", "legal"},
		{"mi aiutate a fare il curriculum", "work"},
		{"ho bisogno di aiuto", ""},
		{"j'ai besoin d'aide pour le loyer", "welfare"},
		{"j'ai droit a l'aide sociale ?", ""},
		{"le secours populaire donne des colis", "welfare"},
		{"necesito ayuda con el alquiler", "welfare"},
		{"ndihme per femijet", "welfare"},
		{"kam nevoje per ndihme", ""},
		{"допоможіть з документами", ""},
		{"مساعدة في السكن", "welfare"},
		{"ساعدوني في الكراء", "welfare"},
		{"帮我找工作", "work"},
		{"میری مدد کریں کام چاہیے", "work"},
		{"madad chahiye kiraya ke liye", "welfare"},
		{"আমাকে কাজ খুঁজতে সাহায্য করুন", "work"},
		{"dove si trova il pronto soccorso", ""},
		{"vos sos muy amable", ""},
	}
	for _, tt := range tests {
		r := c.Classify(tt.text)
		if r.Urgent != "" {
			t.Errorf("Classify(%q): urgent %q", tt.text, r.Urgent)
		}
		if tt.area != "" && r.Area != tt.area {
			t.Errorf("Classify(%q): area %q, want %q", tt.text, r.Area, tt.area)
		}
	}
}
