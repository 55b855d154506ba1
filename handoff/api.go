package handoff

import (
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"

	"frontdoor/console"
)

type apiHandler func(w http.ResponseWriter, r *http.Request, op Operator) error

// api authenticates the Bearer token and turns errors into JSON: a
// stable code and the words in the operator's language (else the
// client's Accept-Language).
func (w *web) api(h apiHandler) http.HandlerFunc {
	return func(rw http.ResponseWriter, r *http.Request) {
		auth := r.Header.Get("Authorization")
		tok, ok := strings.CutPrefix(auth, "Bearer ")
		if !ok || strings.TrimSpace(tok) == "" {
			rw.Header().Set("WWW-Authenticate", `Bearer realm="frontdoor"`)
			console.Refuse(rw, r, w.s.cat, console.Denial{Status: http.StatusUnauthorized, Code: "no_token", Text: "console.refuse.no_token"})
			return
		}
		op, err := w.s.q.TokenOperator(r.Context(), strings.TrimSpace(tok))
		if errors.Is(err, ErrNoOperator) {
			rw.Header().Set("WWW-Authenticate", `Bearer realm="frontdoor", error="invalid_token"`)
			console.Refuse(rw, r, w.s.cat, console.Denial{Status: http.StatusUnauthorized, Code: "bad_token", Text: "console.refuse.bad_token"})
			return
		}
		if err != nil {
			w.s.log.Error("api auth", "err", err)
			console.Refuse(rw, r, w.s.cat, console.Internal())
			return
		}
		if err := h(rw, r, op); err != nil {
			d := denialOf(err)
			if d.Status == http.StatusInternalServerError {
				w.s.log.Error("api", "path", r.URL.Path, "err", err)
			}
			console.RefuseIn(rw, r, w.s.cat, w.s.gate.Viewer(r, op).Lang, d)
		}
	}
}

func decode(r *http.Request, v any) error {
	r.Body = http.MaxBytesReader(nil, r.Body, 64<<10)
	if err := json.NewDecoder(r.Body).Decode(v); err != nil {
		return fmt.Errorf("%w: the body must be a JSON object: %v", errBadRequest, err)
	}
	return nil
}

type caseView struct {
	Case
	Transcript []apiEntry `json:"transcript"`
}

// apiEntry is a transcript entry with the address of its file, if any.
type apiEntry struct {
	Entry
	MediaURL string `json:"media_url,omitempty"`
}

func (w *web) apiMe(rw http.ResponseWriter, r *http.Request, op Operator) error {
	writeJSON(rw, http.StatusOK, op)
	return nil
}

func (w *web) apiList(rw http.ResponseWriter, r *http.Request, op Operator) error {
	waiting, assigned, err := w.s.queueFor(r.Context(), op)
	if err != nil {
		return err
	}
	if waiting == nil {
		waiting = []Case{}
	}
	if assigned == nil {
		assigned = []Case{}
	}
	writeJSON(rw, http.StatusOK, map[string]any{"waiting": waiting, "assigned": assigned})
	return nil
}

func (w *web) apiGet(rw http.ResponseWriter, r *http.Request, op Operator) error {
	cs, tx, err := w.s.readCase(r.Context(), op, r.PathValue("id"))
	if err != nil {
		return err
	}
	out := make([]apiEntry, len(tx))
	for i, e := range tx {
		out[i].Entry = e
		if e.Media != "" {
			out[i].MediaURL = "/api/v1/cases/" + url.PathEscape(cs.ID) + "/media/" + e.Media
		}
	}
	writeJSON(rw, http.StatusOK, caseView{cs, out})
	return nil
}

func (w *web) writeCase(rw http.ResponseWriter, r *http.Request, id string) error {
	cs, err := w.s.q.Get(r.Context(), id)
	if err != nil {
		return err
	}
	writeJSON(rw, http.StatusOK, cs)
	return nil
}

func (w *web) apiNext(rw http.ResponseWriter, r *http.Request, op Operator) error {
	id, err := w.s.Next(r.Context(), op.Name)
	if err != nil {
		return err
	}
	return w.writeCase(rw, r, id)
}

func (w *web) apiClaim(rw http.ResponseWriter, r *http.Request, op Operator) error {
	id := r.PathValue("id")
	if err := w.s.Claim(r.Context(), op.Name, id); err != nil {
		return err
	}
	return w.writeCase(rw, r, id)
}

type textBody struct {
	Text string `json:"text"`
}

func (w *web) apiReply(rw http.ResponseWriter, r *http.Request, op Operator) error {
	var b textBody
	if err := decode(r, &b); err != nil {
		return err
	}
	if err := w.s.Reply(r.Context(), op.Name, r.PathValue("id"), b.Text); err != nil {
		return err
	}
	// Queued, not yet delivered: during an outage of the channel it goes
	// out when the channel is back, and a reply that cannot be delivered
	// is noted in the case's transcript (and live on the case page).
	writeJSON(rw, http.StatusAccepted, map[string]string{"status": "queued"})
	return nil
}

func (w *web) apiNote(rw http.ResponseWriter, r *http.Request, op Operator) error {
	var b textBody
	if err := decode(r, &b); err != nil {
		return err
	}
	cs, err := w.s.q.Get(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	if !w.s.visible(op, cs) {
		return ErrNotYours
	}
	if err := w.s.Note(r.Context(), op.Name, cs.ID, b.Text); err != nil {
		return err
	}
	writeJSON(rw, http.StatusOK, map[string]string{"status": "noted"})
	return nil
}

// apiDeleteReply takes back an operator's reply from the person's phone
// (Service.DeleteReply).
func (w *web) apiDeleteReply(rw http.ResponseWriter, r *http.Request, op Operator) error {
	if err := w.s.DeleteReply(r.Context(), op.Name, r.PathValue("id"), r.PathValue("entry"), op.Admin); err != nil {
		return err
	}
	writeJSON(rw, http.StatusAccepted, map[string]string{"status": "deleting"})
	return nil
}

func (w *web) apiHere(rw http.ResponseWriter, r *http.Request, op Operator) error {
	if err := w.s.StillHere(r.Context(), op.Name, r.PathValue("id")); err != nil {
		return err
	}
	writeJSON(rw, http.StatusOK, map[string]string{"status": "noted"})
	return nil
}

func (w *web) apiTransfer(rw http.ResponseWriter, r *http.Request, op Operator) error {
	var b struct {
		To   string `json:"to"`
		Note string `json:"note"`
	}
	if err := decode(r, &b); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := w.s.Transfer(r.Context(), op.Name, id, b.To, b.Note, op.Admin); err != nil {
		return err
	}
	return w.writeCase(rw, r, id)
}

func (w *web) apiClose(rw http.ResponseWriter, r *http.Request, op Operator) error {
	var b struct {
		Outcome string `json:"outcome"`
	}
	if err := decode(r, &b); err != nil {
		return err
	}
	id := r.PathValue("id")
	if err := w.s.Close(r.Context(), op.Name, id, b.Outcome, op.Admin); err != nil {
		return err
	}
	return w.writeCase(rw, r, id)
}

func (w *web) apiAudit(rw http.ResponseWriter, r *http.Request, op Operator) error {
	if !op.Admin {
		return fmt.Errorf("%w: the audit log is for admins", errForbidden)
	}
	a, err := w.s.q.Audit(r.Context(), 500)
	if err != nil {
		return err
	}
	writeJSON(rw, http.StatusOK, map[string]any{"audit": a})
	return nil
}

func (w *web) apiStats(rw http.ResponseWriter, r *http.Request, op Operator) error {
	o, err := w.s.q.OutcomeCounts(r.Context())
	if err != nil {
		return err
	}
	n, err := w.s.q.Waiting(r.Context())
	if err != nil {
		return err
	}
	writeJSON(rw, http.StatusOK, map[string]any{"waiting": n, "outcomes": o})
	return nil
}

// apiFile sends a file to the person of a case, as the case page's file
// form: multipart/form-data with the field file and an optional text.
func (w *web) apiFile(rw http.ResponseWriter, r *http.Request, op Operator) error {
	r.Body = http.MaxBytesReader(rw, r.Body, MaxOutFile+64<<10)
	if err := r.ParseMultipartForm(1 << 20); err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			return ErrFileTooBig
		}
		return fmt.Errorf("%w: the body must be multipart/form-data with a field file: %v", errBadRequest, err)
	}
	defer r.MultipartForm.RemoveAll()
	data, name, err := readUpload(r, "file")
	if err != nil {
		return err
	}
	if err := w.s.SendFile(r.Context(), op.Name, r.PathValue("id"), data, name, r.PostFormValue("text")); err != nil {
		return err
	}
	writeJSON(rw, http.StatusAccepted, map[string]string{"status": "queued"})
	return nil
}
