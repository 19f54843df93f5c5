package secret

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
	"math"
	"strings"

	"github.com/ticket-master/ticket-master/credential"
)

// Format is a credential recognisable by its shape: the table is
// credential.Patterns, which redaction uses too, so that whatever one
// recognises the other does.
type Format = credential.Pattern

// privateKeyID is the Format.ID of private key blocks, whose secret
// is the block's body on the lines below the BEGIN line.
const privateKeyID = credential.PrivateKeyID

// Formats returns the credential formats Detect recognises. Each call
// builds a new slice; the patterns are safe for concurrent use.
func Formats() []Format { return credential.Patterns() }

// scanFormats is the table Detect uses, built once (it is never changed),
// and scanFilter its prefilter.
var (
	scanFormats = Formats()
	scanFilter  = newPrefilter(scanFormats)
)

// documentedExample reports the credentials documentation everywhere
// copies: AWS's example keys, which no account has, and jwt.io's example
// token ("John Doe", signed with "your-256-bit-secret"), which
// fastapi/fastapi's JWT tutorial shows in every translation (37ccca3 added
// the Hindi one: "Rotate the JSON web token committed in oauth2-jwt.md"),
// and the bot token of Telegram's Bot API documentation, which
// pinojs/pino's docs/transports.md shows for pino-telegram-webhook
// (a41b4d3: "Rotate the botToken secret committed in docs/transports.md").
func documentedExample(s string) bool {
	return s == "AKIAIOSFODNN7EXAMPLE" || s == "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY" ||
		strings.HasSuffix(s, ".SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c") ||
		s == "123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11"
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
var secretRefRE = lazyregexp.New(`^(?:\$\{[^}]*\}|\$[A-Za-z_]\w*|\{\{.*\}\}|<[^<>]*>|%[-+ #0-9.]*[a-zA-Z]|%\([^)]*\)[a-z])$`)

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
	return sequentialRun(tokenBody(v)) || wordsOnly(v)
}

// wordsOnly reports a value made of lower-case words joined by hyphens or
// underscores and nothing else, as a document names what goes there:
// lostisland/faraday's docs show "Authorization: Bearer
// authentication-token". A token drawn at random has digits, capitals or
// no separators.
func wordsOnly(v string) bool {
	words := 0
	for _, w := range strings.FieldsFunc(v, func(r rune) bool { return r == '-' || r == '_' }) {
		if len(w) < 2 {
			return false
		}
		for i := 0; i < len(w); i++ {
			if w[i] < 'a' || w[i] > 'z' {
				return false
			}
		}
		words++
	}
	return words >= 2 && strings.Trim(v, "-_") == v
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
	words := credential.SplitNameWords(name)
	for i, w := range words {
		switch w {
		case "fake", "dummy", "example", "sample", "mock", "placeholder", "stub", "passwordless":
			return true
		case "no", "without":
			// A name that says the value holds none: sqlc-dev/sqlc's
			// uriNoPassword, "root@tcp(localhost:3306)/mysql", drafted as
			// a secret to rotate (round 153, wrong).
			if i+1 < len(words) && secretNameWord(words[i+1]) {
				return true
			}
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
	words := credential.SplitNameWords(name)
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
