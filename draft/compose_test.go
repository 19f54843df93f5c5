package draft

import (
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/ghrepo"
)

func TestCompose(t *testing.T) {
	tgt := ghrepo.Repo{Owner: "acme", Name: "gadgets"}
	f := sampleFinding() // labels: enhancement, enhancement, s3
	r := goodReply()
	r.Body = "\n  Ask @bob about #12 first.\n" + goodBody + "\n\n"
	is := Compose(tgt, f, r)
	if is.Title != r.Title {
		t.Errorf("title = %q", is.Title)
	}
	wantBody := strings.TrimSpace(Neutralize(r.Body)) + "\n\n" + Footer(tgt, f)
	if is.Body != wantBody {
		t.Errorf("body =\n%s\nwant\n%s", is.Body, wantBody)
	}
	if !strings.Contains(is.Body, "Ask @\u200bbob about `#12` first.") {
		t.Error("mentions and references must be neutralised")
	}
	if !strings.HasSuffix(is.Body, Marker(f.Fingerprint)) {
		t.Error("the marker must end the body")
	}
	if !strings.Contains(is.Body, "(https://github.com/acme/gadgets/blob/"+f.Evidence.Commit+"/svc/upload.py#L7)") {
		t.Error("the permalink comes from the footer")
	}
}

func TestComposeLabels(t *testing.T) {
	tests := []struct {
		name         string
		reply, found []string
		want         string
	}{
		{"reply then finding", []string{"enhancement"}, []string{"enhancement", "s3"}, "enhancement,s3"},
		{"dedupe ignoring case", []string{"S3", "s3", "bug"}, []string{"s3"}, "S3,bug"},
		{"no second kind label", []string{"bug"}, []string{"enhancement", "s3"}, "bug,s3"},
		{"finding's kind when the reply has none", []string{"s3"}, []string{"tech-debt"}, "s3,tech-debt"},
		{"empty", nil, nil, ""},
	}
	for _, tt := range tests {
		f := sampleFinding()
		f.Labels = tt.found
		r := goodReply()
		r.Labels = tt.reply
		is := Compose(ghrepo.Repo{}, f, r)
		if got := strings.Join(is.Labels, ","); got != tt.want || is.Labels == nil {
			t.Errorf("%s: labels = %q, want %q", tt.name, got, tt.want)
		}
	}
}
