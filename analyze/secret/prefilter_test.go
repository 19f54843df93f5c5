package secret

import (
	"reflect"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
)

// samplesForPrefilter are lines where a secret is, or nearly is: every
// format and name the detector knows, in the cases they may be written in,
// and ordinary code that must cost nothing.
func samplesForPrefilter() []string {
	return []string{
		"AWS_ACCESS_KEY_ID=" + awsKey,
		"aws_secret_access_key = " + randomish(40, 31, credBase64),
		"id=" + awsKey + ",secret=" + randomish(40, 32, credBase64),
		"Authorization: token " + ghToken,
		"OAUTH=" + ghPAT + " and " + ghoToken,
		"GITLAB = '" + glToken + "'",
		"SLACK = '" + slackToken + "'",
		"STRIPE = '" + stripeKey + "'",
		"MAPS = '" + googleKey + "'",
		keyBegin,
		`{"private_key": "` + keyBegin + `\n` + keyBody[0] + `\n` + keyEnd + `\n"}`,
		"DB_PASSWORD=" + dbPassword,
		"db_passwd: " + dbPassword,
		"const apiKey = \"" + dbPassword + "\"",
		"APIKey: '" + dbPassword + "'",
		"signing.key=" + dbPassword,
		"export CLIENT_SECRET=" + dbPassword,
		"authToken := \"" + dbPassword + "\"",
		"Credentials = \"" + dbPassword + "\"",
		"Authorization: Bearer " + dbPassword,
		"hook: https://hooks.slack.com/services/T" + randomish(10, 33, credAlnum) + "/B" + randomish(10, 34, credAlnum) + "/" + randomish(24, 35, credAlnum),
		"jwt = eyJ" + randomish(20, 36, credAlnum) + ".eyJ" + randomish(20, 37, credAlnum) + "." + randomish(30, 38, credAlnum),
		"OPENAI=sk-proj-" + randomish(40, 39, credAlnum),
		// The Kelvin sign lowers to k: "API_\u212aEY" is a secret's name to
		// the keyword check as credential.MayMatch does it.
		"API_\u212aEY=" + dbPassword,
		"ÄPI_KEY = '" + dbPassword + "'",
		"for i := range items { total += i }",
		"return fmt.Errorf(\"open store: %w\", err)",
		"",
	}
}

// The prefilter must change nothing but the time taken: with it and
// without it, every line gives the same spans.
func TestPrefilterKeepsEverySecret(t *testing.T) {
	if scanFilter == nil || scanFilter.always {
		t.Fatal("the format table's keywords do not fit the prefilter: every line runs every pattern")
	}
	found := 0
	for _, line := range samplesForPrefilter() {
		for _, fixture := range []bool{false, true} {
			want := lineSecrets(nil, line, fixture)
			got := lineSecrets(scanFilter, line, fixture)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q (fixture %v): prefiltered %+v, unfiltered %+v", line, fixture, got, want)
			}
			found += len(want)
		}
	}
	if found < 20 {
		t.Errorf("only %d spans over the samples: the samples no longer exercise the formats", found)
	}
}

func FuzzPrefilterKeepsEverySecret(f *testing.F) {
	for _, line := range samplesForPrefilter() {
		f.Add(line)
	}
	f.Fuzz(func(t *testing.T, line string) {
		for _, fixture := range []bool{false, true} {
			want := lineSecrets(nil, line, fixture)
			if got := lineSecrets(scanFilter, line, fixture); !reflect.DeepEqual(got, want) {
				t.Fatalf("%q (fixture %v): prefiltered %+v, unfiltered %+v", line, fixture, got, want)
			}
		}
	})
}

// Ordinary code holds none of the keywords: no pattern runs on it.
func TestPrefilterSkipsOrdinaryLines(t *testing.T) {
	for _, line := range []string{
		"for i := range items { total += i }",
		"return fmt.Errorf(\"open store: %w\", err)",
		"    self.assertEqual(response.status_code, 200)",
		"#include <vector>",
	} {
		if lf := scanFilter.line(line); !lf.none() {
			t.Errorf("%q: prefilter bits %b, want none", line, lf.bits)
		}
	}
	for line, want := range map[string]bool{
		"DB_PASSWORD=x":  true,
		"authToken: x":   true,
		"Bearer abc":     false, // a format, not a name
		"x = AKIAabc":    false, // an AWS key id is no name: formats only
		"-----BEGIN RSA": false,
	} {
		if got := scanFilter.line(line).assignment(); got != want {
			t.Errorf("%q: assignment() = %v, want %v", line, got, want)
		}
	}
}

func TestKeywordSetScan(t *testing.T) {
	k := newKeywordSet([]string{"akia", "private key", "sk-"})
	for text, want := range map[string]uint64{
		"AKIA":                    1,
		"xx akIa yy SK-1":         1 | 4,
		"-----BEGIN PRIVATE KEY":  2,
		"private  key":            0,
		"\u212a":                  0,
		"s\u212a-":                4, // the Kelvin sign lowers to k
		"ak":                      0,
		"":                        0,
		"AKIAAKIA private keysk-": 7,
	} {
		if got := k.scan(text); got != want {
			t.Errorf("scan(%q) = %b, want %b", text, got, want)
		}
	}
	one := newKeywordSet([]string{"x", "xy"})
	for text, want := range map[string]uint64{"x": 1, "aX": 1, "Xy": 3, "ab": 0, "y": 0} {
		if got := one.scan(text); got != want {
			t.Errorf("one-byte keyword: scan(%q) = %b, want %b", text, got, want)
		}
	}
	if newKeywordSet([]string{"Upper"}) != nil || newKeywordSet([]string{""}) != nil {
		t.Error("keywords that are not lower-case ASCII must give no set")
	}
	if newPrefilter([]Format{{Keywords: []string{"Upper"}}}) != nil {
		t.Error("a prefilter over unusable keywords must filter nothing (nil)")
	}
}

// sideFilters scans each line of a hunk once: its filters must line up
// with analyze.SideOfHunk, say for each changed line what the line's own
// scan says, and the hits with them must be the hits without any filter.
func TestSideFiltersLineUpWithTheSide(t *testing.T) {
	samples := samplesForPrefilter()
	kinds := []analyze.LineKind{analyze.Context, analyze.Added, analyze.Removed}
	for n := range 200 {
		var h analyze.Hunk
		for k := range n % 9 {
			h.Lines = append(h.Lines, analyze.Line{
				Kind: kinds[(n+k*7)%3], Text: samples[(n*5+k*3)%len(samples)], OldNo: k + 1, NewNo: k + 1,
			})
		}
		for _, side := range []analyze.LineKind{analyze.Added, analyze.Removed} {
			lines := analyze.SideOfHunk(h, side)
			filters, ok := scanFilter.sideFilters(h, side)
			worth := false
			for _, l := range lines {
				worth = worth || l.Changed && !scanFilter.line(l.Text).none()
			}
			if ok != worth {
				t.Fatalf("hunk %d side %v: sideFilters says %v, the lines say %v", n, side, ok, worth)
			}
			if !ok {
				continue
			}
			if len(filters) != len(lines) {
				t.Fatalf("hunk %d side %v: %d filters for %d lines", n, side, len(filters), len(lines))
			}
			for i, l := range lines {
				if l.Changed && filters[i] != scanFilter.line(l.Text) {
					t.Fatalf("hunk %d side %v line %d: filter %+v, the line's own %+v", n, side, i, filters[i], scanFilter.line(l.Text))
				}
			}
			if got, want := secretHits(filters, "a.env", lines, Options{}), secretHits(nil, "a.env", lines, Options{}); !reflect.DeepEqual(got, want) {
				t.Fatalf("hunk %d side %v: filtered hits %+v, unfiltered %+v", n, side, got, want)
			}
		}
	}
}

// mayBeSecretName may only skip names isSecretName refuses: every name it
// accepts, in any case and spelling, holds one of the keywords.
func TestMayBeSecretNameKeepsEverySecretName(t *testing.T) {
	pieces := []string{"db", "password", "PASSWD", "Pass", "phrase", "secret", "Token", "api", "KEY", "Key", "apikey",
		"access", "private", "signing", "credential", "Credentials", "auth", "url", "file", "_", "-", ".", "x", "9", "ID"}
	accepted := 0
	for a := range pieces {
		for b := range pieces {
			for c := range pieces {
				name := pieces[a] + pieces[b] + pieces[c]
				if isSecretName(name) {
					accepted++
					if !mayBeSecretName(name) {
						t.Fatalf("%q: isSecretName accepts it, mayBeSecretName skips it", name)
					}
				}
			}
		}
	}
	if accepted < 1000 {
		t.Fatalf("only %d secret names among the combinations: the pieces no longer exercise isSecretName", accepted)
	}
	for _, name := range []string{"count", "items", "user_name", "HOST"} {
		if mayBeSecretName(name) {
			t.Errorf("%q holds no keyword, yet mayBeSecretName keeps it", name)
		}
	}
}

func FuzzMayBeSecretName(f *testing.F) {
	f.Add("DB_PASSWORD")
	f.Add("signingKey")
	f.Add("API_\u212aEY")
	f.Fuzz(func(t *testing.T, name string) {
		if isSecretName(name) && !mayBeSecretName(name) {
			t.Fatalf("%q: isSecretName accepts it, mayBeSecretName skips it", name)
		}
	})
}
