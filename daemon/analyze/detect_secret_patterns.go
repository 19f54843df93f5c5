package analyze

import (
	"math"
	"regexp"
	"strings"
	"unicode"
)

// SecretFormat is a credential recognisable by its shape alone.
type SecretFormat struct {
	ID     string // in fingerprints: "aws-access-key"
	Name   string // for people: "AWS access key"
	Rotate string // how to revoke and replace it, as an imperative clause
	// Pattern matches the credential; when it has a group named "v" only
	// that group is the secret ("aws_secret_access_key = " is not).
	Pattern *regexp.Regexp
}

// privateKeyID is the SecretFormat.ID of private key blocks, whose secret
// is the block's body on the lines below the BEGIN line.
const privateKeyID = "private-key"

var (
	privateKeyRE   = regexp.MustCompile(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----`)
	awsAccessKeyRE = regexp.MustCompile(`\b(?:AKIA|ASIA)[A-Z0-9]{16}\b`)
	awsSecretKeyRE = regexp.MustCompile(`(?i)aws_?secret_?(?:access_?)?key["']?\s*(?::=|=>|=|:)\s*["']?(?P<v>[A-Za-z0-9/+=]{40})\b`)
	githubTokenRE  = regexp.MustCompile(`\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255})\b`)
	gitlabTokenRE  = regexp.MustCompile(`\bglpat-[A-Za-z0-9_\-]{20,}`)
	slackTokenRE   = regexp.MustCompile(`\bxox[abposr]-[A-Za-z0-9\-]{10,}`)
	stripeKeyRE    = regexp.MustCompile(`\b[sr]k_live_[A-Za-z0-9]{16,}`)
	googleAPIKeyRE = regexp.MustCompile(`\bAIza[0-9A-Za-z_\-]{35}`)
)

// SecretFormats returns the credential formats DetectSecrets recognises,
// for other packages that must recognise the same (redaction). Each call
// builds a new slice; the patterns are safe for concurrent use.
func SecretFormats() []SecretFormat {
	return []SecretFormat{
		{ID: privateKeyID, Name: "private key", Pattern: privateKeyRE,
			Rotate: "generate a new key pair, install the new public key wherever the old one was trusted (authorized_keys, certificates, deploy keys) and remove the old one"},
		{ID: "aws-access-key", Name: "AWS access key", Pattern: awsAccessKeyRE,
			Rotate: "in AWS IAM, create a new access key for the user or role, switch to it, then deactivate and delete the old one"},
		{ID: "aws-secret-key", Name: "AWS secret access key", Pattern: awsSecretKeyRE,
			Rotate: "in AWS IAM, create a new access key for the user or role, switch to it, then deactivate and delete the old one"},
		{ID: "github-token", Name: "GitHub token", Pattern: githubTokenRE,
			Rotate: "revoke it on GitHub (Settings, Developer settings; or the app's or organisation's settings) and create a new one with the least scope needed"},
		{ID: "gitlab-token", Name: "GitLab token", Pattern: gitlabTokenRE,
			Rotate: "revoke it in GitLab (User settings, Access tokens) and create a new one with the least scope needed"},
		{ID: "slack-token", Name: "Slack token", Pattern: slackTokenRE,
			Rotate: "revoke it in the Slack app's settings (OAuth & Permissions) and reinstall the app or issue a new token"},
		{ID: "stripe-key", Name: "Stripe live key", Pattern: stripeKeyRE,
			Rotate: "roll the key in the Stripe dashboard (Developers, API keys)"},
		{ID: "google-api-key", Name: "Google API key", Pattern: googleAPIKeyRE,
			Rotate: "regenerate or delete the key in the Google Cloud console (APIs & Services, Credentials) and restrict the new one"},
	}
}

// awsExampleKey reports the credentials AWS's documentation uses: no
// account has them, and they appear in many tests and examples.
func awsExampleKey(s string) bool {
	return s == "AKIAIOSFODNN7EXAMPLE" || s == "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
}

const (
	// minSecretLen and minSecretEntropy are the bar a value assigned to a
	// secret-sounding name must clear: about what 16 random characters of
	// a base64 or hex alphabet reach, well above words and identifiers.
	minSecretLen     = 16
	minSecretEntropy = 3.5
	// placeholderEntropy is below what any real token body reaches:
	// "ghp_xxxx...", "AKIA0000000000000000".
	placeholderEntropy = 3.0
)

// shannonEntropy is the entropy of s's bytes, in bits per byte.
func shannonEntropy(s string) float64 {
	if s == "" {
		return 0
	}
	var counts [256]int
	for i := 0; i < len(s); i++ {
		counts[s[i]]++
	}
	h, n := 0.0, float64(len(s))
	for _, c := range counts {
		if c > 0 {
			p := float64(c) / n
			h -= p * math.Log2(p)
		}
	}
	return h
}

// secretRefRE is a reference to a secret kept elsewhere: $VAR, ${VAR},
// {{ .Var }}, <your-token>, %s, %(name)s.
var secretRefRE = regexp.MustCompile(`^(?:\$\{[^}]*\}|\$[A-Za-z_]\w*|\{\{.*\}\}|<[^<>]*>|%[-+ #0-9.]*[a-zA-Z]|%\([^)]*\)[a-z])$`)

// isPlaceholderSecret reports values that stand in for a secret rather
// than being one: references, repeated characters, and values naming
// themselves as examples (changeme, your_token_here, fake-key-for-tests).
func isPlaceholderSecret(v string) bool {
	v = strings.TrimSpace(v)
	lv := strings.ToLower(v)
	if lv == "" || secretRefRE.MatchString(v) || strings.Trim(lv, "x*.#-_0 ") == "" || strings.HasPrefix(lv, "your") {
		return true
	}
	// Words that mark a stand-in: it names itself as one, or spells out
	// what it stands for (supersecret, password1234567890).
	for _, w := range []string{
		"changeme", "change_me", "change-me", "changeit", "example", "sample", "dummy", "fake",
		"placeholder", "redacted", "test", "xxxx", "****", "notreal", "not_real", "insecure",
		"_here", "-here", "todo", "secret", "password",
	} {
		if strings.Contains(lv, w) {
			return true
		}
	}
	return sequentialRun(tokenBody(v))
}

// sequentialRun reports a run such as ABCDEFGHIJKLMNOP or 1234567890abcdef:
// half its neighbouring characters are consecutive, where random text has
// one pair in sixty.
func sequentialRun(v string) bool {
	if len(v) < 8 {
		return false
	}
	n := 0
	for i := 1; i < len(v); i++ {
		if v[i] == v[i-1]+1 {
			n++
		}
	}
	return 2*n >= len(v)-1
}

// isPlaceholderName reports names of stand-ins: fakeToken, DUMMY_PASSWORD,
// example_secret. ("test" is not one: TEST_DB_PASSWORD may be real.)
func isPlaceholderName(name string) bool {
	for _, w := range SplitNameWords(name) {
		switch w {
		case "fake", "dummy", "example", "sample", "mock", "placeholder", "stub":
			return true
		}
	}
	return false
}

// secretNameWords are the name parts that make an assigned value secret.
func secretNameWord(s string) bool {
	switch s {
	case "password", "passwd", "passphrase", "secret", "token", "apikey", "credential", "credentials":
		return true
	}
	return false
}

// secretNamePairs are two adjacent name parts that do the same.
func secretNamePair(s string) bool {
	switch s {
	case "api key", "access key", "private key", "secret key", "signing key":
		return true
	}
	return false
}

// describingNameWords end names that are about a secret without holding
// one: token_url, password_file, secret_name, token_hash.
func describingNameWord(s string) bool {
	switch s {
	case "file", "path", "dir", "url", "uri", "endpoint", "type", "name", "length", "len", "count",
		"ttl", "expiry", "expires", "expiration", "timeout", "enabled", "required", "header", "prefix",
		"method", "mode", "provider", "field", "env", "var", "policy", "min", "max", "size", "limit",
		"regex", "pattern", "hint", "label", "prompt", "error", "err", "msg", "message", "id", "hash",
		"digest", "checksum", "sum", "fingerprint", "format":
		return true
	}
	return false
}

// isSecretName reports whether an identifier names a credential: one of its
// words is a secret word (DB_PASSWORD, authToken, client_secret, API_KEY)
// and its last word does not make it about the secret instead.
func isSecretName(name string) bool {
	words := SplitNameWords(name)
	if len(words) == 0 || describingNameWord(words[len(words)-1]) {
		return false
	}
	for i, w := range words {
		if secretNameWord(w) || (i > 0 && secretNamePair(words[i-1]+" "+w)) {
			return true
		}
	}
	return false
}

// SplitNameWords splits snake_case, kebab-case, dotted.names and camelCase
// (acronyms too: APIKey is api, key) into lower-case words.
func SplitNameWords(name string) []string {
	var words []string
	var cur []rune
	flush := func() {
		if len(cur) > 0 {
			words = append(words, strings.ToLower(string(cur)))
			cur = cur[:0]
		}
	}
	rs := []rune(name)
	for i, r := range rs {
		switch {
		case r == '_' || r == '-' || r == '.':
			flush()
			continue
		case unicode.IsUpper(r) && i > 0:
			prev := rs[i-1]
			nextLower := i+1 < len(rs) && unicode.IsLower(rs[i+1])
			if unicode.IsLower(prev) || unicode.IsDigit(prev) || (unicode.IsUpper(prev) && nextLower) {
				flush()
			}
		}
		cur = append(cur, r)
	}
	flush()
	return words
}
