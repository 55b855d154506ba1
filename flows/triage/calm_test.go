package triage

import (
	"strings"
	"testing"
)

// A calm phrase ("I watched a film", "on the news", "two years ago")
// discounts the dangers of its own clause, not a present danger told in
// another: the engine used to raise the bar of every kind in the whole
// message, and these were not urgent (issue 12, calm12).
func TestCalmScopedToItsClause(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ msg, kind string }{
		// A danger after a joining word, the calm's clause telling none.
		{"I watched a film yesterday and my husband says he will kill me tonight", "violence"},
		{"j'ai vu un reportage hier et mon mari dit qu'il va me tuer ce soir", "violence"},
		{"vi en las noticias ayer y mi marido dice que me va a matar esta noche", "violence"},
		{"курс першої допомоги вчора, і чоловік каже що вб'є мене сьогодні вночі", "violence"},
		{"зараз все добре з роботою, але чоловік каже що вб'є мене сьогодні вночі", "violence"},
		// The news opens a clause, the danger goes on after a joining word.
		{"saw on the news, he has a knife and is going to kill me", "violence"},
		{"aux infos, il a un couteau et il va me tuer", "violence"},
		{"lo vi en las noticias, tiene un cuchillo y me va a matar", "violence"},
		{"al tg, ha un coltello e mi vuole ammazzare", "violence"},
		// The wish to die is the writer's own, whatever story is told
		// before it.
		{"I watched a film, I don't want to live anymore", "suicide"},
		{"ho visto un film, non voglio più vivere", "suicide"},
		{"j'ai vu un documentaire, je ne veux plus vivre", "suicide"},
		{"I watched a film yesterday, I'm tired of everything, goodbye forever", "suicide"},
		// In another sentence.
		{"شفت في الاخبار امبارح. جوزي بيقول هيقتلني الليلة", "violence"},
	} {
		if got := c.Classify(tt.msg).Urgent; got != tt.kind {
			t.Errorf("%q: urgent %q, want %q", tt.msg, got, tt.kind)
		}
	}
}

// What a calm phrase speaks of stays calm: a film's story told in its
// clause or right after it over a comma, a past told before "now I'm
// safe", a joke with a laughing emoji or laughter anywhere.
func TestCalmStillCalmsItsOwn(t *testing.T) {
	c := newClassifier(t)
	for _, msg := range []string{
		"I watched a film about a man who kills his wife, very sad. Where do I renew my permesso?",
		"ho visto un film su un uomo che uccide la moglie, che tristezza. dove rinnovo il permesso?",
		"vi una película sobre un hombre que mata a su mujer, muy triste. donde renuevo el permiso?",
		"two years ago my husband beat me, now I'm safe; can I get a permit for domestic violence?",
		"due anni fa mio marito mi picchiava, ora sto bene. posso avere il permesso?",
		"my boss will kill me if I'm late again 😂",
		"kemarin nonton film, ada orang dibunuh pakai pisau",
		"years ago my ex used to beat me, that's over and i'm safe now, is a psychologist free here?",
		"mi ex me pegaba pero eso ya paso, estoy divorciada, hay ayudas para el alquiler?",
		"у 2015 мене продали в туреччині, зараз я в італії в безпеці, потрібен адвокат для притулку",
		"رجلي كان يضربني قبل سنين بالبلد، هلق منيح ومطلقين، في مساعده بالايجار؟",
		"curso de primeros auxilios sobre quemaduras y hemorragias, donde me inscribo",
		"film bi ma gis démb dafa ma tiital lool haha. laaj bi: ban waxtu lay ubbi questura ci Palermo?",
	} {
		if r := c.Classify(msg); r.Urgent != "" || r.Concern != "" {
			t.Errorf("%q: urgent %q, half told %q; want neither", msg, r.Urgent, r.Concern)
		}
	}
}

// A danger half told where no calm is over it still gets its numbers,
// though another sentence of the message be calm; one half told inside
// the calm's clause, or with laughter, does not.
func TestCalmHalfTold(t *testing.T) {
	c := newClassifier(t)
	for _, tt := range []struct{ msg, concern string }{
		{"I watched a film yesterday. I can't go on", "suicide"},
		{"ho visto un film ieri. non ce la faccio più", "suicide"},
		{"two years ago I couldn't go on, now I'm fine", ""},
		{"I can't go on haha", ""},
		{"I watched a film yesterday. I can't go on 😂", ""},
	} {
		r := c.Classify(tt.msg)
		if r.Urgent != "" || r.Concern != tt.concern {
			t.Errorf("%q: urgent %q, half told %q; want half told %q", tt.msg, r.Urgent, r.Concern, tt.concern)
		}
	}
}

// Explain tells which calm phrase discounted which danger, and what the
// danger then counts for.
func TestExplainTellsTheCalm(t *testing.T) {
	c := newClassifier(t)
	x := c.Explain("saw on the news, he has a knife and is going to kill me")
	var calmed []string
	for _, h := range x.Hits {
		for _, m := range h.Calmed {
			calmed = append(calmed, strings.Join(h.Words, " ")+": "+m)
		}
	}
	if len(calmed) != 1 || !strings.Contains(calmed[0], "knife: urgent violence 0.6 by \"saw on the news\"") || !strings.Contains(calmed[0], "counts 0.6/2") {
		t.Errorf("calmed %q, want the knife alone calmed by \"saw on the news\", counting 0.6/2", calmed)
	}
}

// A laughing word is told by its shape, in every script the lists laugh
// in; other words are not.
func TestIsLaughter(t *testing.T) {
	for _, tt := range []struct {
		w    string
		want bool
	}{
		{"haha", true}, {"hahaha", true}, {"ahah", true}, {"jajaja", true}, {"hehe", true},
		{"хаха", true}, {"lol", true}, {"mdr", true},
		{"aha", false}, {"hah", false}, {"hello", false}, {"jaja1", false}, {"mama", false},
	} {
		if got := isLaughter([]byte(tt.w)); got != tt.want {
			t.Errorf("isLaughter(%q) = %v, want %v", tt.w, got, tt.want)
		}
	}
}

// calm.go's suicide constant names the kind by its index in urgentNames:
// a reordering of the kinds must move it too, or calm would spare
// another kind's dangers from a film's or a story's reach.
func TestSuicideIndexNamesSuicide(t *testing.T) {
	if got := urgentNames[suicide]; got != "suicide" {
		t.Fatalf("urgentNames[suicide] = %q", got)
	}
}
