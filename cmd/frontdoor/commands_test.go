package main

import (
	"encoding/json"
	"testing"
)

// At start Frontdoor registers Telegram's command menu in every language
// (and a default one), through the real go-telegram client and the fake
// Bot API: /appointments, /privacy and /delete can be found with the "/"
// button, each described in the app's language.
func TestTelegramCommandMenusRegistered(t *testing.T) {
	r := startFrontdoor(t, nil)
	langs := r.cat.Languages()
	calls, err := r.tg.WaitCalls(waitCtx(t), "setMyCommands", len(langs)+1)
	if err != nil {
		t.Fatal(err)
	}
	type command struct{ Command, Description string }
	menus := map[string][]command{}
	for _, c := range calls {
		if !c.OK() {
			t.Fatalf("setMyCommands refused: %+v", c)
		}
		var cmds []command
		if err := json.Unmarshal([]byte(c.Params["commands"]), &cmds); err != nil {
			t.Fatalf("commands %q: %v", c.Params["commands"], err)
		}
		menus[c.Params["language_code"]] = cmds
	}
	for _, lang := range append([]string{""}, func() []string {
		var tags []string
		for _, l := range langs {
			tags = append(tags, l.Tag)
		}
		return tags
	}()...) {
		cmds, ok := menus[lang]
		if !ok {
			t.Errorf("no command menu for language %q", lang)
			continue
		}
		descLang := lang
		if lang == "" {
			descLang = r.cat.Default()
		}
		got := map[string]string{}
		for _, c := range cmds {
			got[c.Command] = c.Description
		}
		for name, id := range map[string]string{"appointments": "command.appointments", "privacy": "command.privacy", "delete": "command.delete", "help": "command.help", "menu": "command.menu"} {
			if want := r.cat.Text(descLang, id, nil); got[name] != want {
				t.Errorf("%q menu: /%s = %q, want %q", lang, name, got[name], want)
			}
		}
	}
}
