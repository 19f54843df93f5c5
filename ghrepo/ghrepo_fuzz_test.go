package ghrepo

import (
	"strings"
	"testing"
)

// FuzzParseRemote: no remote URL panics the parser, and a URL it accepts
// names one repository that ParseOwnerRepo reads back the same.
func FuzzParseRemote(f *testing.F) {
	for _, s := range []string{
		"https://github.com/o/r.git", "git@github.com:o/r.git", "ssh://git@host:22/o/r.git", "git://host/o/r",
		"http://ghe.example/o/r/", "/home/me/repo", "file:///tmp/x", "git@host:o/r/extra", "user@:x", "https://[::1]/o/r",
		"ssh://host/%zz/r", "  https://github.com/o/r  ", "git@github.com:/o/r", "o/r", "",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		tg, ok := ParseRemote(raw)
		if ok {
			if tg.Host == "" || tg.Owner == "" || tg.Name == "" || strings.Contains(tg.Owner+tg.Name, "/") {
				t.Fatalf("ParseRemote(%q) = %+v: a target needs a host, an owner and a name", raw, tg)
			}
			if tg.Host != strings.ToLower(tg.Host) {
				t.Fatalf("ParseRemote(%q): host %q not in lower case", raw, tg.Host)
			}
		}
		got, err := ParseOwnerRepo(raw)
		if err != nil {
			if strings.Contains(err.Error(), "OWNER/REPO") {
				return
			}
			t.Fatalf("ParseOwnerRepo(%q): %v, which does not say what to write", raw, err)
		}
		if got.Owner == "" || got.Name == "" || got.Host == "" {
			t.Fatalf("ParseOwnerRepo(%q) = %+v", raw, got)
		}
		if ok && got != tg {
			t.Fatalf("ParseOwnerRepo(%q) = %+v, ParseRemote gave %+v", raw, got, tg)
		}
	})
}
