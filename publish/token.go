package publish

import (
	"encoding/json"
	"fmt"
	"log/slog"
	"strconv"
)

// Token is a GitHub token and where it came from. Its Value never leaves
// through fmt (%v, %+v, %#v, %s, %q), encoding/json or log/slog: all of them
// print only where it came from, so a Token in a log line leaks nothing.
type Token struct {
	Value  string
	Source string // GH_TOKEN, GITHUB_TOKEN, GH_ENTERPRISE_TOKEN, GITHUB_ENTERPRISE_TOKEN, "keyring" or "gh"
	Host   string
}

// String describes the token without its value, e.g.
// "token from keyring (ticket-master:github.com)".
func (t Token) String() string {
	switch t.Source {
	case sourceKeyring:
		return "token from keyring (" + KeyringService(t.Host) + ")"
	case sourceGh:
		return "token from gh (" + t.Host + ")"
	case "":
		return "no token"
	default:
		return "token from " + t.Source + " (" + t.Host + ")"
	}
}

// GoString is what %#v prints.
func (t Token) GoString() string {
	return fmt.Sprintf("publish.Token{Source:%q, Host:%q, Value:%q}", t.Source, t.Host, redacted)
}

// Format makes every verb print String (GoString for %#v), so that no verb,
// flag or width reaches the fields themselves.
func (t Token) Format(f fmt.State, verb rune) {
	switch {
	case verb == 'v' && f.Flag('#'):
		fmt.Fprint(f, t.GoString())
	case verb == 'q':
		fmt.Fprint(f, strconv.Quote(t.String()))
	default:
		fmt.Fprint(f, t.String())
	}
}

// MarshalJSON leaves the value out, for structured logs and --json output.
func (t Token) MarshalJSON() ([]byte, error) {
	return json.Marshal(struct {
		Source string `json:"source"`
		Host   string `json:"host"`
	}{t.Source, t.Host})
}

// LogValue is what log/slog prints.
func (t Token) LogValue() slog.Value { return slog.StringValue(t.String()) }

// Scrub returns err with the token's value replaced wherever its message
// contains it; for errors from code that was handed the token.
func (t Token) Scrub(err error) error { return scrubSecret(err, t.Value) }
