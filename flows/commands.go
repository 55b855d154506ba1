package flows

// Command is a /command people can type on every screen, with the catalogue
// message that describes it in a channel's command menu (Telegram's "/"
// button).
type Command struct {
	Name    string
	Message string
}

// Commands lists the commands offered in the channels' menus, most useful
// first. Others still work when typed (/back, /stop, /start and the
// Italian and French spellings), but a short menu is easier to read.
// /appointments is the booking dialogue's, which wraps the conversation.
func Commands() []Command {
	return []Command{
		{"menu", "command.menu"},
		{"appointments", "command.appointments"},
		{"person", "command.person"},
		{"help", "command.help"},
		{"language", "command.language"},
		{"privacy", "command.privacy"},
		{"delete", "command.delete"},
		{"clear", "command.clear"},
	}
}
