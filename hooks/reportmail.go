package hooks

import (
	"bytes"
	"fmt"
	htmltemplate "html/template"
	"log/slog"
	"net/mail"
	"strings"
	texttemplate "text/template"

	"github.com/pocketbase/dbx"
	"github.com/pocketbase/pocketbase/core"
	"github.com/pocketbase/pocketbase/tools/mailer"
)

// reportsMailSchedule is when superusers are mailed the reports made
// since the last mail: every ten minutes, one mail for however many.
const reportsMailSchedule = "*/10 * * * *"

// maxReportsMailed is the most reports one mail lists; the rest wait for
// the next.
const maxReportsMailed = 100

type reportLine struct {
	ID, Reason, Details, Author, Text, Link string
	Files                                   []string
}

var (
	reportsHTML = htmltemplate.Must(htmltemplate.New("reports").Parse(`<p>{{len .}} new report{{if gt (len .) 1}}s{{end}} to look at:</p>
{{range .}}<div style="margin:1em 0;padding:.5em 1em;border-left:3px solid #c33">
<p><b>{{.Reason}}</b>{{if .Details}}: {{.Details}}{{end}}</p>
<p>{{.Author}} wrote: {{.Text}}{{if .Files}} (files: {{range $i, $f := .Files}}{{if $i}}, {{end}}{{$f}}{{end}}){{end}}</p>
<p><a href="{{.Link}}">Open the report</a></p></div>
{{end}}`))
	reportsText = texttemplate.Must(texttemplate.New("reports").Parse(`{{len .}} new report(s) to look at:
{{range .}}
- {{.Reason}}{{if .Details}}: {{.Details}}{{end}}
  {{.Author}} wrote: {{.Text}}
  {{.Link}}
{{end}}`))
)

// MailReports sends each superuser one mail of the reports not mailed yet
// (up to maxReportsMailed, oldest first), with what each message said when
// reported, and marks them mailed; it returns how many it listed. The
// chat's cron runs it every ten minutes.
func MailReports(app core.App) (int, error) {
	pending, err := app.FindRecordsByFilter(Reports, "mailed = false", "created", maxReportsMailed, 0)
	if err != nil || len(pending) == 0 {
		return 0, err
	}
	supers, err := app.FindAllRecords(core.CollectionNameSuperusers)
	if err != nil {
		return 0, fmt.Errorf("superusers: %w", err)
	}
	settings := app.Settings()
	base := strings.TrimRight(settings.Meta.AppURL, "/")
	lines := make([]reportLine, len(pending))
	for i, r := range pending {
		author := "Someone"
		if u, err := app.FindRecordById(Users, r.GetString("author")); err == nil && u.GetString("name") != "" {
			author = u.GetString("name")
		}
		lines[i] = reportLine{
			ID: r.Id, Reason: r.GetString("reason"), Details: r.GetString("details"), Author: author,
			Text: r.GetString("text"), Files: r.GetStringSlice("files"),
			Link: base + "/_/#/collections?collection=" + Reports + "&recordId=" + r.Id,
		}
	}
	var h, t bytes.Buffer
	if err := reportsHTML.Execute(&h, lines); err != nil {
		return 0, err
	}
	if err := reportsText.Execute(&t, lines); err != nil {
		return 0, err
	}
	for _, s := range supers {
		err := app.NewMailClient().Send(&mailer.Message{
			From:    mail.Address{Name: settings.Meta.SenderName, Address: settings.Meta.SenderAddress},
			To:      []mail.Address{{Address: s.Email()}},
			Subject: fmt.Sprintf("%d new report(s) in %s", len(lines), settings.Meta.AppName),
			HTML:    h.String(),
			Text:    t.String(),
		})
		if err != nil {
			return 0, fmt.Errorf("mail reports to %s: %w", s.Email(), err)
		}
	}
	ids := make([]any, len(pending))
	for i, r := range pending {
		ids[i] = r.Id
	}
	_, err = app.DB().Update(Reports, dbx.Params{"mailed": true}, dbx.In("id", ids...)).Execute()
	return len(lines), err
}

func (h *handlers) mailReports() {
	if n, err := MailReports(h.app); err != nil {
		h.app.Logger().Error("chat: mailing reports failed", slog.String("error", err.Error()))
	} else if n > 0 {
		h.app.Logger().Info("chat: reports mailed to superusers", slog.Int("reports", n))
	}
}
