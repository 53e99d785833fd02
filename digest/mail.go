package digest

import (
	"bytes"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"html/template"
	"net/http"
	"net/mail"
	"net/url"
	"strconv"
	"strings"
	textTemplate "text/template"
	"time"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/tools/mailer"

	"github.com/pocketbase/pocketbase/core"
)

// UnsubscribePath turns a user's digests off from a link in a digest,
// without signing in: the link is signed for that user, until it expires
// (LinkLifetime) or they change their password or email (which changes
// their token key, part of what is signed).
const UnsubscribePath = "/api/chat/digest/unsubscribe"

// LinkLifetime is how long an unsubscribe link works.
const LinkLifetime = 30 * 24 * time.Hour

// sign is the signature of an unsubscribe link for user, valid until the
// Unix time expires while their token key is tokenKey.
func sign(secret, user, tokenKey string, expires int64) string {
	m := hmac.New(sha256.New, []byte(secret))
	m.Write([]byte("unsubscribe:" + user + ":" + strconv.FormatInt(expires, 10) + ":" + tokenKey))
	return hex.EncodeToString(m.Sum(nil))
}

type line struct {
	Author string `db:"author"`
	Text   string `db:"text"`
}

type section struct {
	Title  string
	Link   string
	Unread int
	Lines  []line
}

type letter struct {
	Name        string
	Sections    []section
	App         string
	Unsubscribe string
}

var htmlDigest = template.Must(template.New("digest").Parse(`<p>Hello {{.Name}},</p>
<p>While you were away:</p>
{{range .Sections}}<h3><a href="{{.Link}}">{{.Title}}</a>: {{.Unread}} new</h3>
<ul>{{range .Lines}}<li><b>{{.Author}}</b>: {{.Text}}</li>{{end}}</ul>
{{end}}<p><a href="{{.App}}">Open pbchat</a></p>
<p style="color:#667085;font-size:12px">You get this because you have unread messages.
<a href="{{.Unsubscribe}}">Stop these emails</a>, or turn them back on in Settings.</p>`))

var textDigest = textTemplate.Must(textTemplate.New("digest").Parse(`Hello {{.Name}},

While you were away:
{{range .Sections}}
{{.Title}}: {{.Unread}} new ({{.Link}})
{{range .Lines}}  {{.Author}}: {{.Text}}
{{end}}{{end}}
Open pbchat: {{.App}}

Stop these emails: {{.Unsubscribe}}
`))

// mail builds and sends user's digest of items.
func (s *Service) mail(user string, items []item) error {
	u, err := s.app.FindRecordById("users", user)
	if err != nil {
		return err
	}
	st, err := s.state()
	if err != nil {
		return err
	}
	settings := s.app.Settings()
	app := strings.TrimRight(settings.Meta.AppURL, "/")
	l := letter{
		Name:        u.GetString("name"),
		App:         app + "/",
		Unsubscribe: unsubscribeLink(app, st.Secret, u, time.Now().Add(LinkLifetime)),
	}
	if l.Name == "" {
		l.Name = "there"
	}
	for _, it := range items {
		var lines []line
		err := s.app.DB().NewQuery(`SELECT COALESCE(u.[[name]], 'Someone') AS author, m.[[text]] AS text
			FROM {{messages}} m LEFT JOIN {{users}} u ON u.[[id]] = m.[[author]]
			WHERE m.[[conversation]] = {:c} AND m.[[created]] > {:at} AND m.[[author]] != {:me}
				AND m.[[author]] NOT IN (SELECT [[blocked]] FROM {{blocks}} WHERE [[blocker]] = {:me})
			ORDER BY m.[[created]] DESC LIMIT 3`).
			Bind(dbx.Params{"c": it.Conversation, "at": it.LastReadAt, "me": user}).All(&lines)
		if err != nil {
			return err
		}
		for i := range lines {
			lines[i].Text = firstLine(lines[i].Text)
		}
		title := it.Title
		if title == "" && len(lines) > 0 {
			title = lines[0].Author
		}
		l.Sections = append(l.Sections, section{Title: title, Link: app + "/#conversation=" + it.Conversation, Unread: it.Unread, Lines: lines})
	}
	var h, t bytes.Buffer
	if err := htmlDigest.Execute(&h, l); err != nil {
		return err
	}
	if err := textDigest.Execute(&t, l); err != nil {
		return err
	}
	subject := "New messages in pbchat"
	if len(l.Sections) == 1 {
		subject = fmt.Sprintf("New messages in %s", l.Sections[0].Title)
	}
	return s.app.NewMailClient().Send(&mailer.Message{
		From:    mail.Address{Name: settings.Meta.SenderName, Address: settings.Meta.SenderAddress},
		To:      []mail.Address{{Address: u.Email(), Name: u.GetString("name")}},
		Subject: subject,
		HTML:    h.String(),
		Text:    t.String(),
		Headers: map[string]string{"List-Unsubscribe": "<" + l.Unsubscribe + ">"},
	})
}

// firstLine is the start of a text, on one line.
func firstLine(text string) string {
	text = strings.Join(strings.Fields(text), " ")
	if r := []rune(text); len(r) > 160 {
		return string(r[:160]) + "…"
	}
	if text == "" {
		return "(an attachment)"
	}
	return text
}

// unsubscribeLink is u's link, valid until expires.
func unsubscribeLink(app, secret string, u *core.Record, expires time.Time) string {
	exp := expires.Unix()
	return app + UnsubscribePath + "?user=" + url.QueryEscape(u.Id) + "&exp=" + strconv.FormatInt(exp, 10) +
		"&sig=" + sign(secret, u.Id, u.TokenKey(), exp)
}

// unsubscribe turns digests off for the user a signed link names, while
// the link is valid.
func (s *Service) unsubscribe(e *core.RequestEvent) error {
	q := e.Request.URL.Query()
	user := q.Get("user")
	exp, _ := strconv.ParseInt(q.Get("exp"), 10, 64)
	st, err := s.state()
	if err != nil {
		return e.InternalServerError("", err)
	}
	invalid := func() error {
		return e.HTML(http.StatusBadRequest, page("This link is not valid any more. Turn email digests off in pbchat's Settings instead."))
	}
	if user == "" || time.Now().Unix() > exp {
		return invalid()
	}
	u, err := e.App.FindRecordById("users", user)
	if err != nil || !hmac.Equal([]byte(sign(st.Secret, user, u.TokenKey(), exp)), []byte(q.Get("sig"))) {
		return invalid()
	}
	if _, err := e.App.DB().Update("users", dbx.Params{"emailDigestsOff": true}, dbx.HashExp{"id": user}).Execute(); err != nil {
		return e.InternalServerError("", err)
	}
	return e.HTML(http.StatusOK, page("You won't get email digests any more. Turn them back on in pbchat's Settings."))
}

func page(text string) string {
	return "<!doctype html><meta charset=utf-8><title>pbchat</title><p style=\"font-family:system-ui;margin:2em\">" +
		template.HTMLEscapeString(text) + "</p>"
}
