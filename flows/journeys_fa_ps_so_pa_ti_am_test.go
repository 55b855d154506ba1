package flows

import "testing"

// journeysFaToAm walk a whole conversation in each of the languages added
// after the first ten (fa, ps, so, pa, ti, am): choose the language from
// the menu (their free-text recognition is not adopted yet), agree, say a
// need in one's own words (with the Italian name of the document, as people
// write it), confirm it, read the service page, ask for a person, and
// delete everything. The goldens show every text in the language, right to
// left with isolates where it applies.
var journeysFaToAm = map[string][]string{
	"journey_fa": {
		"text:/start", "choice:lang.fa", "choice:consent.yes",
		"text:سلام، permesso di soggiorno من ماه بعد تمام می\u200cشود، چه کار کنم؟", "choice:triage.yes",
		"choice:legal.permit_renewal", "choice:legal_permit_renewal.person", "text:/delete", "choice:delete.yes",
	},
	"journey_ps": {
		"text:/start", "choice:lang.ps", "choice:consent.yes",
		"text:سلام، زه د خپل ماشوم لپاره ډاکټر ته اړتیا لرم، tessera sanitaria نه لرم", "choice:triage.yes",
		"choice:health_tax_code.person", "text:/delete", "choice:delete.yes",
	},
	"journey_so": {
		"text:/start", "choice:lang.so", "choice:consent.yes",
		"text:Salaan, permesso di soggiorno-gayga wuu dhacayaa bisha dambe, maxaan sameeyaa?", "choice:triage.yes",
		"choice:legal.permit_renewal", "choice:legal_permit_renewal.person", "text:/delete", "choice:delete.yes",
	},
	"journey_pa": {
		"text:/start", "choice:lang.pa", "choice:consent.yes",
		"text:ਸਤ ਸ੍ਰੀ ਅਕਾਲ, ਮੇਰੀ busta paga ਵਿੱਚ ਘੰਟੇ ਗ਼ਲਤ ਹਨ", "choice:triage.yes",
		"choice:work_payslip_contract.person", "text:/delete", "choice:delete.yes",
	},
	"journey_ti": {
		"text:/start", "choice:lang.ti", "choice:consent.yes",
		"text:ሰላም፣ medico di base ክመርጽ እደሊ", "choice:triage.yes",
		"choice:health_family_doctor.person", "text:/delete", "choice:delete.yes",
	},
	"journey_am": {
		"text:/start", "choice:lang.am", "choice:consent.yes",
		"text:ሰላም፣ ጣሊያንኛ ለመማር corso di italiano CPIA እፈልጋለሁ", "choice:triage.yes",
		"choice:education_language_course.person", "text:/delete", "choice:delete.yes",
	},
}

func TestJourneysFaToAm(t *testing.T) { checkGoldens(t, journeysFaToAm) }
