package publish

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"
)

// Tokens finds, stores and deletes GitHub tokens. The zero value uses the
// process environment, the OS keyring (SystemKeyring(DefaultKeyringTimeout))
// and the gh on PATH; tests set all three fields.
type Tokens struct {
	Getenv  func(string) string
	Keyring Keyring
	// GhToken runs `gh auth token --hostname HOST`; nil means the real gh on
	// PATH (absent: skipped) with a 5s timeout. It returns "" when gh has no
	// token for host.
	GhToken func(ctx context.Context, host string) (string, error)
}

// ErrNoToken: no source has a token for the host. The error's message lists
// the ways to provide one.
var ErrNoToken = errors.New("no GitHub token found")

// Find returns host's token from the first source that has one:
//  1. the environment: GH_TOKEN, then GITHUB_TOKEN for github.com (and
//     *.ghe.com, github.localhost); GH_ENTERPRISE_TOKEN, then
//     GITHUB_ENTERPRISE_TOKEN for any other host (see tokenEnvVars);
//  2. our keyring entry, KeyringService(host);
//  3. the GitHub CLI's token, `gh auth token --hostname HOST`.
//
// A keyring that fails (locked, timed out, no Secret Service) does not stop
// the search; if nothing else has a token either, the error says what went
// wrong with the keyring. gh's own failures (not installed, not logged in)
// just mean it has no token.
func (t Tokens) Find(ctx context.Context, host string) (Token, error) {
	host = normalizeHost(host)
	for _, name := range tokenEnvVars(host) {
		if v := strings.TrimSpace(t.getenv(name)); v != "" {
			return Token{Value: v, Source: name, Host: host}, nil
		}
	}

	v, keyringErr := t.keyring().Get(KeyringService(host), keyringUser)
	if v = strings.TrimSpace(v); keyringErr == nil && v != "" {
		return Token{Value: v, Source: sourceKeyring, Host: host}, nil
	}
	if errors.Is(keyringErr, ErrNoKeyringEntry) {
		keyringErr = nil
	}

	gh := t.GhToken
	if gh == nil {
		gh = ghCLIToken
	}
	if v, err := gh(ctx, host); err == nil && strings.TrimSpace(v) != "" {
		return Token{Value: strings.TrimSpace(v), Source: sourceGh, Host: host}, nil
	}
	if err := ctx.Err(); err != nil {
		return Token{}, err
	}
	return Token{}, noTokenError{host: host, keyringErr: keyringErr}
}

// Store saves token as host's token in the keyring, for `auth login`.
func (t Tokens) Store(host, token string) error {
	token = strings.TrimSpace(token)
	if token == "" {
		return errors.New("the token is empty")
	}
	if strings.ContainsAny(token, " \t\r\n") {
		// Not shown: it may be a real token pasted with something else.
		return errors.New("the token contains spaces or line breaks: paste only the token")
	}
	host = normalizeHost(host)
	if err := t.keyring().Set(KeyringService(host), keyringUser, token); err != nil {
		return fmt.Errorf("storing the token for %s: %w", host, scrubSecret(err, token))
	}
	return nil
}

// Delete removes host's token from the keyring, for `auth logout`. When there
// was none the error matches ErrNoKeyringEntry, so the CLI can say "not
// logged in" (a token from GH_TOKEN or gh is not ours to remove).
func (t Tokens) Delete(host string) error {
	host = normalizeHost(host)
	if err := t.keyring().Delete(KeyringService(host), keyringUser); err != nil {
		return fmt.Errorf("removing the token for %s: %w", host, err)
	}
	return nil
}

func (t Tokens) getenv(name string) string {
	if t.Getenv == nil {
		return os.Getenv(name)
	}
	return t.Getenv(name)
}

func (t Tokens) keyring() Keyring {
	if t.Keyring == nil {
		return SystemKeyring(DefaultKeyringTimeout)
	}
	return t.Keyring
}

// noTokenError matches ErrNoToken; its message is the help a user needs.
type noTokenError struct {
	host       string
	keyringErr error
}

func (e noTokenError) Error() string {
	login, env, gh := "ticket-master auth login", tokenEnvVars(e.host)[0], "gh auth login"
	if e.host != "github.com" {
		login += " --hostname " + e.host
		gh += " --hostname " + e.host
	}
	msg := fmt.Sprintf("no GitHub token for %s: run `%s`, set %s, or log in with `%s`", e.host, login, env, gh)
	if e.keyringErr != nil {
		msg += fmt.Sprintf(" (the OS keyring could not be read: %v)", e.keyringErr)
	}
	return msg
}

func (e noTokenError) Is(target error) bool { return target == ErrNoToken }

// Unwrap exposes the keyring's error, e.g. for errors.Is(err, ErrKeyringTimeout).
func (e noTokenError) Unwrap() error { return e.keyringErr }
