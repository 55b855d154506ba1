package whatsapp

import (
	"context"
	"strings"
	"unicode"

	"go.mau.fi/whatsmeow/proto/waE2E"
	"go.mau.fi/whatsmeow/types"
	"go.mau.fi/whatsmeow/types/events"

	"frontdoor/bot"
)

// toMessage converts a WhatsApp message into a bot.Message. It returns ok
// false, with the reason for the debug log, for messages Frontdoor does not
// answer: groups, status updates, broadcast lists, newsletters, the linked
// phone's own messages, reactions and protocol messages. An edit of a text
// is the person's new words (Message.Edits names what it edits).
func toMessage(ctx context.Context, evt *events.Message, lids lidMap) (msg bot.Message, why string, ok bool) {
	info := &evt.Info
	switch {
	case info.IsFromMe:
		return msg, "sent by the linked phone", false
	case info.IsGroup || info.Chat.Server == types.GroupServer:
		return msg, "group", false
	case info.Chat.Server == types.BroadcastServer:
		// status@broadcast and broadcast lists alike.
		return msg, "status or broadcast list", false
	case info.Chat.Server == types.NewsletterServer || info.Sender.Server == types.NewsletterServer:
		return msg, "newsletter", false
	case info.Sender.IsBot():
		return msg, "bot account", false
	case info.Sender.Server != types.DefaultUserServer && info.Sender.Server != types.HiddenUserServer:
		return msg, "sender on server " + info.Sender.Server, false
	case evt.Message == nil:
		return msg, "no content", false
	}
	if target, ok := revoked(evt.Message); ok {
		// "Delete for everyone": in a chat with one person, only their
		// own message can be the one they delete.
		who := identify(ctx, info.MessageSource, lids)
		return bot.Message{Contact: bot.Contact{Channel: channelName, ID: who.key().String()},
			ID: info.ID, Time: info.Timestamp.UTC(), Revokes: target}, "", true
	}
	m, edits := evt.Message, ""
	if p := m.GetProtocolMessage(); p.GetType() == waE2E.ProtocolMessage_MESSAGE_EDIT && p.GetKey().GetID() != "" {
		// An edit, as it comes live (whatsmeow unwraps only the older
		// EditedMessage wrapper, which holds the same): the new content
		// of the message the key names.
		m, edits = p.GetEditedMessage(), p.GetKey().GetID()
	} else if evt.IsEdit {
		return msg, "edit without the message it edits", false
	}
	text, att, ok := content(m)
	if !ok {
		return msg, "no content Frontdoor answers (protocol, reaction, poll vote, ...)", false
	}
	if edits != "" && (att != bot.AttachNone || text == "") {
		// A caption edited: the file is the one already received.
		return msg, "edited caption", false
	}
	who := identify(ctx, info.MessageSource, lids)
	msg = bot.Message{
		Contact:    bot.Contact{Channel: channelName, ID: who.key().String()},
		ID:         info.ID,
		Time:       info.Timestamp.UTC(),
		Text:       text,
		Attachment: att,
		LangHint:   langHint(who.pn),
		Edits:      edits,
	}
	if !evt.IsViewOnce {
		// A view-once photo or video is the sender's to show once: the
		// bot answers that it came, but operators get nothing to open.
		setMedia(&msg, evt.Message, info)
	}
	return msg, "", true
}

// sender is who sent a message, in both of WhatsApp's forms where known:
// the hidden LID and the phone-number JID (either may be empty).
type sender struct {
	lid, pn types.JID
}

// identify finds both forms of a message's sender: from the message
// itself (Sender and SenderAlt), else from the device store's map, which
// whatsmeow fills as it learns pairs. A failed lookup only leaves that
// form unknown.
func identify(ctx context.Context, src types.MessageSource, lids lidMap) sender {
	var s sender
	for _, j := range []types.JID{src.Sender, src.SenderAlt} {
		j = j.ToNonAD()
		switch {
		case j.User == "":
		case j.Server == types.HiddenUserServer && s.lid.User == "":
			s.lid = j
		case j.Server == types.DefaultUserServer && s.pn.User == "":
			s.pn = j
		}
	}
	if lids == nil {
		return s
	}
	switch {
	case s.lid.User == "" && s.pn.User != "":
		if lid, err := lids.GetLIDForPN(ctx, s.pn); err == nil && lid.User != "" {
			s.lid = lid.ToNonAD()
		}
	case s.pn.User == "" && s.lid.User != "":
		if pn, err := lids.GetPNForLID(ctx, s.lid); err == nil && pn.User != "" {
			s.pn = pn.ToNonAD()
		}
	}
	return s
}

// key is the contact's canonical JID: the LID whenever it is known, since
// every account has one and WhatsApp may never reveal the number, and the
// phone-number JID only when no LID is known. (Channel.recordedKey keeps
// people already recorded under their number there.)
func (s sender) key() types.JID {
	if s.lid.User != "" {
		return s.lid
	}
	return s.pn
}

// content returns the text (or caption) and the kind of attachment; ok is
// false for messages that carry nothing a person wrote.
func content(m *waE2E.Message) (text string, att bot.Attachment, ok bool) {
	switch {
	case m.Conversation != nil:
		return clean(m.GetConversation()), bot.AttachNone, true
	case m.ExtendedTextMessage != nil:
		// Also a reply quoting an earlier message (the bot's menu, say):
		// the answer is the text; what it quotes does not matter here.
		return clean(m.GetExtendedTextMessage().GetText()), bot.AttachNone, true
	case m.AudioMessage != nil:
		// Voice notes (PTT) and audio files alike: the bot answers both
		// as a voice message it cannot listen to.
		return "", bot.AttachVoice, true
	case m.ImageMessage != nil:
		return clean(m.GetImageMessage().GetCaption()), bot.AttachPhoto, true
	case m.DocumentMessage != nil:
		return clean(m.GetDocumentMessage().GetCaption()), bot.AttachDocument, true
	case m.LocationMessage != nil, m.LiveLocationMessage != nil:
		return "", bot.AttachLocation, true
	case m.StickerMessage != nil:
		return "", bot.AttachSticker, true
	case m.VideoMessage != nil:
		return clean(m.GetVideoMessage().GetCaption()), bot.AttachOther, true
	case m.ContactMessage != nil, m.ContactsArrayMessage != nil,
		m.PtvMessage != nil, m.PollCreationMessage != nil, m.PollCreationMessageV2 != nil,
		m.PollCreationMessageV3 != nil, m.EventMessage != nil, m.GroupInviteMessage != nil,
		m.ProductMessage != nil, m.AlbumMessage != nil:
		// Things the bot cannot read but should say so rather than stay
		// silent.
		return "", bot.AttachOther, true
	}
	// Protocol messages (revokes, key shares, history sync), reactions,
	// poll votes, pins, keep-in-chat, sender key distributions: not
	// something a person expects an answer to.
	return "", bot.AttachNone, false
}

// revoked returns the id of the message a "delete for everyone" names.
func revoked(m *waE2E.Message) (string, bool) {
	p := m.GetProtocolMessage()
	if p.GetType() != waE2E.ProtocolMessage_REVOKE || p.GetKey().GetID() == "" {
		return "", false
	}
	return p.GetKey().GetID(), true
}

// clean trims spaces and the invisible direction marks that some keyboards
// add around a short answer, so "\u200f٢" still reads as a number.
func clean(s string) string {
	return strings.TrimFunc(s, func(r rune) bool {
		return unicode.IsSpace(r) || unicode.Is(unicode.Cf, r)
	})
}

// countryLangs maps calling codes to a language Frontdoor speaks. It is a
// weak hint: many people write from an Italian SIM, and a country's
// official language is often not the person's. Longest prefix wins.
var countryLangs = map[string]string{
	// Bengali, Urdu, Ukrainian, Albanian (Albania, Kosovo), Chinese.
	"880": "bn", "92": "ur", "380": "uk", "355": "sq", "383": "sq",
	"86": "zh", "852": "zh", "853": "zh", "886": "zh",
	// Italian (Italy, San Marino, Vatican).
	"39": "it", "378": "it", "379": "it",
	// French: France and francophone Africa.
	"33": "fr", "221": "fr", "223": "fr", "224": "fr", "225": "fr", "226": "fr",
	"227": "fr", "228": "fr", "229": "fr", "237": "fr", "241": "fr", "242": "fr",
	"243": "fr", "235": "fr", "236": "fr", "257": "fr", "250": "fr", "509": "fr",
	// Spanish: Spain and Latin America.
	"34": "es", "52": "es", "53": "es", "54": "es", "56": "es", "57": "es",
	"58": "es", "51": "es", "591": "es", "593": "es", "595": "es", "598": "es",
	"502": "es", "503": "es", "504": "es", "505": "es", "506": "es", "507": "es",
	"1809": "es", "1829": "es", "1849": "es",
	// Arabic-speaking countries.
	"20": "ar", "212": "ar", "213": "ar", "216": "ar", "218": "ar", "249": "ar",
	"222": "ar", "961": "ar", "962": "ar", "963": "ar", "964": "ar", "965": "ar",
	"966": "ar", "967": "ar", "968": "ar", "970": "ar", "971": "ar", "973": "ar",
	"974": "ar",
	// English: UK, Ireland, North America, anglophone Africa and Asia.
	"44": "en", "353": "en", "1": "en", "234": "en", "233": "en", "232": "en",
	"231": "en", "220": "en", "254": "en", "256": "en", "260": "en", "263": "en",
	"27": "en", "63": "en",
}

// langHint guesses a language from a phone-number JID's calling code; ""
// for LIDs and unknown codes.
func langHint(jid types.JID) string {
	if jid.Server != types.DefaultUserServer {
		return ""
	}
	for n := min(4, len(jid.User)); n > 0; n-- {
		if l, ok := countryLangs[jid.User[:n]]; ok {
			return l
		}
	}
	return ""
}
