package telegram

import (
	"context"
	"errors"
	"fmt"

	tgbot "github.com/go-telegram/bot"
	"github.com/go-telegram/bot/models"
)

// Command is one entry of the menu Telegram shows behind the "/" button.
type Command struct {
	// Name without the slash: lowercase letters, digits and _, 1-32.
	Name        string
	Description string
}

// Commands is the command menu for the people whose app is set to Lang
// (an ISO 639-1 code); Lang "" is the menu of everyone else.
type Commands struct {
	Lang     string
	Commands []Command
}

// SetCommands registers the command menus, so that people find
// /appointments, /privacy and /delete without being told. Telegram picks
// the menu of the app's language; each call replaces the earlier one.
func (c *Channel) SetCommands(ctx context.Context, menus []Commands) error {
	var errs []error
	for _, m := range menus {
		cmds := make([]models.BotCommand, 0, len(m.Commands))
		for _, cmd := range m.Commands {
			cmds = append(cmds, models.BotCommand{Command: cmd.Name, Description: cmd.Description})
		}
		if _, err := c.api.SetMyCommands(ctx, &tgbot.SetMyCommandsParams{Commands: cmds, LanguageCode: m.Lang}); err != nil {
			errs = append(errs, fmt.Errorf("telegram: setting the commands of language %q: %w", m.Lang, err))
		}
	}
	return errors.Join(errs...)
}
