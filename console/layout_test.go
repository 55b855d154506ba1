package console

import (
	"slices"
	"testing"
)

// TestNavigationByRole: the menu offers each operator the entries their
// roles open, in the menu's order, and no other (a link that answers 403
// is a dead end for a busy operator); an admin sees every entry; the
// page's own entry is the one marked current.
func TestNavigationByRole(t *testing.T) {
	all := []string{CasesPath, AgendaPath, CampaignsPath, StatsPath, TextsPath, WhatsAppPath, OperatorsPath}
	pathOf := map[string]string{SectionCases: CasesPath, SectionAgenda: AgendaPath, SectionCampaigns: CampaignsPath,
		SectionStats: StatsPath, SectionTexts: TextsPath, SectionWhatsApp: WhatsAppPath, SectionOperators: OperatorsPath}
	for _, tt := range []struct {
		name    string
		viewer  Viewer
		section string
		want    []string
	}{
		{"an operator", Viewer{Name: "dino"}, SectionCases, []string{CasesPath}},
		{"desk staff", Viewer{Name: "sara", Roles: []string{RoleStaff}}, SectionAgenda, []string{CasesPath, AgendaPath}},
		{"an outreach worker", Viewer{Name: "olga", Roles: []string{RoleOutreach}}, SectionCampaigns, []string{CasesPath, CampaignsPath}},
		{"a coordinator", Viewer{Name: "carla", Roles: []string{RoleCoordinator}}, SectionStats, []string{CasesPath, StatsPath}},
		{"an editor", Viewer{Name: "edo", Roles: []string{RoleEditor}}, SectionTexts, []string{CasesPath, TextsPath}},
		{"several roles", Viewer{Name: "mia", Roles: []string{RoleCoordinator, RoleStaff}}, SectionCases, []string{CasesPath, AgendaPath, StatsPath}},
		{"an admin", Viewer{Name: "root", Admin: true}, SectionOperators, all},
	} {
		t.Run(tt.name, func(t *testing.T) {
			nav := Page{Section: tt.section, Viewer: tt.viewer}.Nav()
			var got, current []string
			for _, n := range nav {
				got = append(got, n.Href)
				if n.Current {
					current = append(current, n.Href)
				}
				if n.Label == "" || Fallback(n.Label) == n.Label {
					t.Errorf("entry %s has no words: %q", n.Href, n.Label)
				}
			}
			if !slices.Equal(got, tt.want) {
				t.Errorf("menu %v, want %v", got, tt.want)
			}
			if len(current) != 1 {
				t.Fatalf("current entries %v, want the page's own", current)
			}
			if want := pathOf[tt.section]; current[0] != want {
				t.Errorf("current entry %s, want %s (section %s)", current[0], want, tt.section)
			}
		})
	}
}
