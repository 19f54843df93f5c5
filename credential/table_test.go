package credential_test

import (
	stdbase64 "encoding/base64"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
	"github.com/ticket-master/ticket-master/analyze/secret"
	"github.com/ticket-master/ticket-master/credential"
)

// Credentials are assembled at run time from a deterministic generator, so
// that this file holds none and secret scanners leave it alone.
const (
	alnum    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	upperNum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	base64   = alnum + "+/"
	hexDigit = "0123456789abcdef"
)

func randomish(n int, seed uint32, alphabet string) string {
	b := make([]byte, n)
	x := seed
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = alphabet[(x>>16)%uint32(len(alphabet))]
	}
	return string(b)
}

func cat(parts ...string) string { return strings.Join(parts, "") }

var (
	awsKeyID  = cat("AK", "IA", randomish(16, 1, upperNum))
	awsSecret = randomish(40, 3, base64)
)

// sample is a line holding one credential of a format, and the credential.
type sample struct{ line, secret string }

// samples has lines for every format of the table; TestEveryFormatHasSamples
// fails when a format is added without one.
var samples = map[string][]sample{
	credential.PrivateKeyID: {{"-----BEGIN RSA PRIVATE KEY-----" + randomish(120, 4, base64), randomish(120, 4, base64)}},
	"aws-access-key": {
		{"aws_access_key_id = " + awsKeyID, awsKeyID},
		{"key: " + cat("AS", "IA", randomish(16, 5, upperNum)), cat("AS", "IA", randomish(16, 5, upperNum))},
	},
	"aws-secret-key": {{"aws_secret_access_key=" + awsSecret, awsSecret}},
	"aws-secret-key-beside-id": {
		{"bob," + awsKeyID + "," + awsSecret, awsSecret},
		{`{"AccessKeyId": "` + awsKeyID + `", "SecretAccessKey": "` + awsSecret + `"}`, awsSecret},
	},
	"github-token":  {{"use " + cat("gh", "p_", randomish(36, 6, alnum)), cat("gh", "p_", randomish(36, 6, alnum))}},
	"gitlab-token":  {{"GITLAB=" + cat("gl", "pat-", randomish(20, 7, alnum)), cat("gl", "pat-", randomish(20, 7, alnum))}},
	"slack-webhook": {{"url = " + cat("https://hooks.", "slack.com/services/T", randomish(8, 8, upperNum), "/B", randomish(8, 9, upperNum), "/", randomish(24, 10, alnum)), cat("https://hooks.", "slack.com/services/T", randomish(8, 8, upperNum), "/B", randomish(8, 9, upperNum), "/", randomish(24, 10, alnum))}},
	"slack-token": {
		{"hook " + cat("xo", "xb-", randomish(24, 11, alnum)), cat("xo", "xb-", randomish(24, 11, alnum))},
		{"legacy " + cat("xo", "xo-", randomish(24, 12, alnum)), cat("xo", "xo-", randomish(24, 12, alnum))},
	},
	"stripe-key":     {{`stripe.Key = "` + cat("sk", "_live_", randomish(24, 13, alnum)) + `"`, cat("sk", "_live_", randomish(24, 13, alnum))}},
	"google-api-key": {{"key = '" + cat("AI", "za", randomish(35, 14, alnum)) + "';", cat("AI", "za", randomish(35, 14, alnum))}},
	"openai-key":     {{"client = OpenAI(key=" + cat("sk", "-proj-", randomish(40, 15, alnum)) + ")", cat("sk", "-proj-", randomish(40, 15, alnum))}},
	"jwt":            {{"X-Session: " + cat("ey", "J", randomish(20, 16, alnum), ".", randomish(30, 17, alnum), ".", randomish(43, 18, alnum)), cat("ey", "J", randomish(20, 16, alnum), ".", randomish(30, 17, alnum), ".", randomish(43, 18, alnum))}},
	"bearer-token":   {{"Authorization: Bearer " + randomish(32, 19, alnum), randomish(32, 19, alnum)}},
}

func TestEveryFormatHasSamples(t *testing.T) {
	for _, p := range credential.Patterns() {
		if len(samples[p.ID]) == 0 {
			t.Errorf("format %q has no sample here: add one", p.ID)
		}
	}
}

// TestDetectorAndRedactionAgree iterates the table: whatever the secret
// detector reports on a sample line is redacted from it, and whatever
// redaction hides the detector reports, as a finding of that format.
func TestDetectorAndRedactionAgree(t *testing.T) {
	for _, p := range credential.Patterns() {
		for _, s := range samples[p.ID] {
			redacted, n := credential.Redact(s.line)
			if n == 0 || strings.Contains(redacted, s.secret) {
				t.Errorf("%s: Redact(%q) = %q: the secret is still there", p.ID, s.line, redacted)
			}
			cd := difftest.Commit(t, difftest.Added("config/app.env", s.line))
			found, _ := secret.Detect(analyze.Commit{Hash: strings.Repeat("a", 40)}, cd, secret.Options{})
			if len(found) == 0 {
				t.Errorf("%s: the detector found nothing in %q, which Redact changed to %q", p.ID, s.line, redacted)
				continue
			}
			formats := ""
			for _, f := range found {
				formats += f.Fingerprint + " "
				if strings.Contains(f.Evidence.Excerpt, s.secret) {
					t.Errorf("%s: the finding's excerpt keeps the secret: %q", p.ID, f.Evidence.Excerpt)
				}
			}
			if !strings.Contains(formats, ":"+p.ID+":") {
				t.Errorf("%s: the detector reported %s for %q", p.ID, formats, s.line)
			}
		}
	}
}

func TestKeywordsPrefilter(t *testing.T) {
	for _, p := range credential.Patterns() {
		for _, k := range p.Keywords {
			if k != strings.ToLower(k) {
				t.Errorf("%s: keyword %q is not in lower case", p.ID, k)
			}
		}
		for _, s := range samples[p.ID] {
			if !p.MayMatch(strings.ToLower(s.line)) {
				t.Errorf("%s: the prefilter skips %q, which holds one", p.ID, s.line)
			}
		}
		if p.MayMatch("retry uploads that fail with a 503 from the bucket") {
			t.Errorf("%s: the prefilter lets a line of prose through", p.ID)
		}
	}
}

// TestNotCredentials: what only looks like one is neither redacted nor
// reported.
func TestNotCredentials(t *testing.T) {
	for _, line := range []string{
		// A git hash beside a key id: hex, 40 characters, never a secret.
		awsKeyID + " " + randomish(40, 20, hexDigit),
		// 40 characters of base64 with no key id near.
		"checksum: " + randomish(40, 21, base64),
		// Part of a longer run of base64, beside a key id.
		awsKeyID + " " + randomish(60, 22, base64),
		// Identifiers of users, groups and roles are not secrets.
		"group " + cat("AG", "PA", randomish(16, 23, upperNum)) + " role " + cat("AR", "OA", randomish(16, 24, upperNum)),
	} {
		if got, n := credential.Redact(line); strings.Contains(line, awsKeyID) && n != 1 || !strings.Contains(line, awsKeyID) && n != 0 {
			t.Errorf("Redact(%q) = %q, %d", line, got, n)
		}
		cd := difftest.Commit(t, difftest.Added("data.txt", line))
		found, _ := secret.Detect(analyze.Commit{Hash: strings.Repeat("a", 40)}, cd, secret.Options{})
		for _, f := range found {
			if !strings.Contains(f.Fingerprint, ":aws-access-key:") {
				t.Errorf("%q: reported %s", line, f.Fingerprint)
			}
		}
	}
}

// Every format is found in a long line (minified code, embedded data) as
// in a short one, at its place: findAll reads a long line around its
// keywords (gdamore/tcell's vendored ghostty-web.js, 64 KiB lines that
// hold "aws" here and there, cost seconds read whole; round 109).
func TestFormatsInALongLine(t *testing.T) {
	filler := strings.Repeat("var draws=function(a,b){return a.laws+b};", 400) // ~16 KiB, "aws" all along
	for _, p := range credential.Patterns() {
		if p.ID == credential.PrivateKeyID {
			continue // its block is matched from its header on, in a text read whole
		}
		for _, s := range samples[p.ID] {
			line := filler + " " + s.line + " ;" + filler
			var got []string
			for _, m := range p.FindAll(line) {
				got = append(got, line[m[0]:m[1]])
			}
			if len(got) != 1 || got[0] != s.secret {
				t.Errorf("%s in a %d-byte line: found %q, want %q", p.ID, len(line), got, s.secret)
			}
		}
	}
}

// BenchmarkLongLine is a 64 KiB line of embedded base64 data (a vendored
// bundle's wasm), which holds "aws" here and there, whatever the case, and
// no credential: 590 ms a line read whole, 21 ms around the keywords.
func BenchmarkLongLine(b *testing.B) {
	raw := []byte(randomish(48<<10, 21, "\x00\x01\x02\x03\x04\x05\x06\x07\x08\x09\x0a\x0b\x0c\x0d"))
	line := `var wasm="` + stdbase64.StdEncoding.EncodeToString(raw) + `";`
	pats := credential.Patterns()
	for b.Loop() {
		for i := range pats {
			pats[i].FindAll(line)
		}
	}
}
