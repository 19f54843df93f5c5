package publish

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"
)

// noGh is a GitHub CLI that has no token.
func noGh(context.Context, string) (string, error) { return "", nil }

func envOf(vars map[string]string) func(string) string {
	return func(name string) string { return vars[name] }
}

func TestFindOrder(t *testing.T) {
	const ghe = "ghe.example.com"
	tests := []struct {
		name       string
		host       string
		env        map[string]string
		keyring    map[string]string // host → token stored under KeyringService(host)
		gh         map[string]string // host → gh's token
		wantSource string
		wantValue  string
	}{
		{"GH_TOKEN beats everything", "github.com",
			map[string]string{"GH_TOKEN": "env1", "GITHUB_TOKEN": "env2"},
			map[string]string{"github.com": "kr"}, map[string]string{"github.com": "gh"},
			"GH_TOKEN", "env1"},
		{"GITHUB_TOKEN next", "github.com",
			map[string]string{"GITHUB_TOKEN": "env2"},
			map[string]string{"github.com": "kr"}, map[string]string{"github.com": "gh"},
			"GITHUB_TOKEN", "env2"},
		{"blank GH_TOKEN is unset", "github.com",
			map[string]string{"GH_TOKEN": "  ", "GITHUB_TOKEN": "env2"}, nil, nil,
			"GITHUB_TOKEN", "env2"},
		{"keyring beats gh", "github.com", nil,
			map[string]string{"github.com": "kr"}, map[string]string{"github.com": "gh"},
			"keyring", "kr"},
		{"gh last", "github.com", nil, nil, map[string]string{"github.com": "gh"},
			"gh", "gh"},
		{"api.github.com is github.com", "API.github.com",
			map[string]string{"GH_TOKEN": "env1"}, nil, nil,
			"GH_TOKEN", "env1"},
		{"tenancy uses GH_TOKEN", "acme.ghe.com",
			map[string]string{"GH_TOKEN": "env1", "GH_ENTERPRISE_TOKEN": "ent"}, nil, nil,
			"GH_TOKEN", "env1"},
		{"enterprise: GH_ENTERPRISE_TOKEN", ghe,
			map[string]string{"GH_TOKEN": "env1", "GH_ENTERPRISE_TOKEN": "ent1", "GITHUB_ENTERPRISE_TOKEN": "ent2"}, nil, nil,
			"GH_ENTERPRISE_TOKEN", "ent1"},
		{"enterprise: GITHUB_ENTERPRISE_TOKEN next", ghe,
			map[string]string{"GITHUB_ENTERPRISE_TOKEN": "ent2"}, nil, nil,
			"GITHUB_ENTERPRISE_TOKEN", "ent2"},
		{"enterprise never gets a github.com token", ghe,
			map[string]string{"GH_TOKEN": "env1", "GITHUB_TOKEN": "env2"},
			map[string]string{"github.com": "kr-dotcom", ghe: "kr-ghe"}, nil,
			"keyring", "kr-ghe"},
		{"enterprise: gh asked for that host", ghe, nil,
			map[string]string{"github.com": "kr-dotcom"}, map[string]string{"github.com": "gh-dotcom", ghe: "gh-ghe"},
			"gh", "gh-ghe"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			mem := newMemKeyring()
			for host, v := range tt.keyring {
				mem.entries[[2]string{KeyringService(host), keyringUser}] = v
			}
			tokens := Tokens{
				Getenv:  envOf(tt.env),
				Keyring: mem,
				GhToken: func(_ context.Context, host string) (string, error) {
					if v, ok := tt.gh[host]; ok {
						return v + "\n", nil // as gh prints it
					}
					return "", errors.New("exit status 1: no oauth token found")
				},
			}
			tok, err := tokens.Find(context.Background(), tt.host)
			if err != nil {
				t.Fatal(err)
			}
			if tok.Source != tt.wantSource || tok.Value != tt.wantValue || tok.Host != normalizeHost(tt.host) {
				t.Fatalf("Find = %s %q for %s, want %s %q", tok.Source, tok.Value, tok.Host, tt.wantSource, tt.wantValue)
			}
		})
	}
}

func TestFindDoesNotRunGhWhenNotNeeded(t *testing.T) {
	tokens := Tokens{
		Getenv:  envOf(map[string]string{"GH_TOKEN": "env"}),
		Keyring: newMemKeyring(),
		GhToken: func(context.Context, string) (string, error) {
			t.Error("gh was run although GH_TOKEN is set")
			return "", nil
		},
	}
	if _, err := tokens.Find(context.Background(), "github.com"); err != nil {
		t.Fatal(err)
	}
}

func TestFindFallsThroughABrokenKeyringToGh(t *testing.T) {
	broken := newMemKeyring()
	broken.err = errors.New("org.freedesktop.Secret.Error.IsLocked")
	tokens := Tokens{Getenv: envOf(nil), Keyring: broken,
		GhToken: func(context.Context, string) (string, error) { return "gho_gh", nil }}
	tok, err := tokens.Find(context.Background(), "github.com")
	if err != nil || tok.Source != "gh" {
		t.Fatalf("Find = %v, %v; want the gh token", tok, err)
	}
}

func TestFindFallsThroughAHangingKeyring(t *testing.T) {
	release := make(chan struct{})
	t.Cleanup(func() { close(release) })
	hung := boundedKeyring{inner: hangingKeyring{release}, timeout: 50 * time.Millisecond}

	tokens := Tokens{Getenv: envOf(nil), Keyring: hung,
		GhToken: func(context.Context, string) (string, error) { return "gho_gh", nil }}
	if tok, err := tokens.Find(context.Background(), "github.com"); err != nil || tok.Source != "gh" {
		t.Fatalf("Find = %v, %v; want the gh token", tok, err)
	}

	tokens.GhToken = noGh
	_, err := tokens.Find(context.Background(), "github.com")
	if !errors.Is(err, ErrNoToken) || !errors.Is(err, ErrKeyringTimeout) {
		t.Fatalf("Find: %v, want ErrNoToken wrapping ErrKeyringTimeout", err)
	}
	if !strings.Contains(err.Error(), "did not answer within 50ms") {
		t.Errorf("%q does not mention the keyring's timeout", err)
	}
}

func TestNoTokenSaysTheThreeWays(t *testing.T) {
	tokens := Tokens{Getenv: envOf(nil), Keyring: newMemKeyring(), GhToken: noGh}
	_, err := tokens.Find(context.Background(), "github.com")
	if !errors.Is(err, ErrNoToken) {
		t.Fatalf("Find: %v, want ErrNoToken", err)
	}
	for _, want := range []string{"`ticket-master auth login`", "GH_TOKEN", "`gh auth login`"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not mention %s", err, want)
		}
	}
	if strings.Contains(err.Error(), "keyring could not") {
		t.Errorf("%q mentions a keyring problem there was not", err)
	}

	_, err = tokens.Find(context.Background(), "ghe.example.com")
	for _, want := range []string{"`ticket-master auth login --hostname ghe.example.com`", "GH_ENTERPRISE_TOKEN", "`gh auth login --hostname ghe.example.com`"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not mention %s", err, want)
		}
	}

	broken := newMemKeyring()
	broken.err = ErrNoKeyring
	tokens.Keyring = broken
	_, err = tokens.Find(context.Background(), "github.com")
	if !errors.Is(err, ErrNoToken) || !errors.Is(err, ErrNoKeyring) || !strings.Contains(err.Error(), "no Secret Service found") {
		t.Fatalf("Find with no keyring: %v, want ErrNoToken that mentions the missing Secret Service", err)
	}
}

func TestFindStopsOnCancel(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	tokens := Tokens{Getenv: envOf(nil), Keyring: newMemKeyring(),
		GhToken: func(context.Context, string) (string, error) { cancel(); return "", context.Canceled }}
	if _, err := tokens.Find(ctx, "github.com"); !errors.Is(err, context.Canceled) {
		t.Fatalf("Find: %v, want context.Canceled", err)
	}
}

func TestStoreAndDelete(t *testing.T) {
	mem := newMemKeyring()
	tokens := Tokens{Getenv: envOf(nil), Keyring: mem, GhToken: noGh}
	if err := tokens.Delete("github.com"); !errors.Is(err, ErrNoKeyringEntry) {
		t.Fatalf("Delete with nothing stored: %v, want ErrNoKeyringEntry", err)
	}
	if err := tokens.Store("GitHub.com", "  ghp_abc\n"); err != nil {
		t.Fatal(err)
	}
	if v := mem.entries[[2]string{"ticket-master:github.com", "github-token"}]; v != "ghp_abc" {
		t.Fatalf("stored %q, want the trimmed token", v)
	}
	if err := tokens.Delete("github.com"); err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{"", "  ", "ghp_abc ghp_def", "ghp_abc\nghp_def"} {
		err := tokens.Store("github.com", bad)
		if err == nil {
			t.Errorf("Store(%q) succeeded", bad)
		} else if strings.TrimSpace(bad) != "" && strings.Contains(err.Error(), "ghp_abc") {
			t.Errorf("Store's error shows the token: %v", err)
		}
	}
}

func TestStoreNeverShowsTheTokenInErrors(t *testing.T) {
	const secret = "ghp_VERYSECRET42"
	mem := newMemKeyring()
	mem.err = fmt.Errorf("cannot store %q: %w", secret, ErrNoKeyring)
	err := Tokens{Keyring: mem}.Store("github.com", secret)
	if err == nil || strings.Contains(err.Error(), secret) {
		t.Fatalf("Store error = %v, want one without the token", err)
	}
	if !errors.Is(err, ErrNoKeyring) {
		t.Fatalf("scrubbing lost the error's identity: %v", err)
	}
	if errors.Unwrap(errors.Unwrap(err)) != nil {
		t.Fatalf("the unscrubbed error is reachable through Unwrap")
	}
}

func TestScrubSecret(t *testing.T) {
	if scrubSecret(nil, "x") != nil {
		t.Fatal("nil error became non-nil")
	}
	plain := errors.New("nothing secret")
	if scrubSecret(plain, "ghp_1") != plain {
		t.Fatal("an error without the secret was changed")
	}
	err := Token{Value: "ghp_1"}.Scrub(fmt.Errorf("GET /user with ghp_1 and ghp_1: %w", ErrNoToken))
	if got := err.Error(); got != "GET /user with [redacted] and [redacted]: no GitHub token found" {
		t.Fatalf("scrubbed = %q", got)
	}
	if !errors.Is(err, ErrNoToken) {
		t.Fatal("scrubbing lost errors.Is")
	}
}

func TestTokenNeverPrintsItsValue(t *testing.T) {
	const secret = "ghp_SHOULDNEVERPRINT"
	tok := Token{Value: secret, Source: "keyring", Host: "github.com"}
	var printed []string
	for _, verb := range []string{"%v", "%+v", "%#v", "%s", "%q", "%x", "%10.3v", "%d"} {
		printed = append(printed,
			fmt.Sprintf(verb, tok),
			fmt.Sprintf(verb, &tok),
			fmt.Sprintf(verb, []Token{tok}),
			fmt.Sprintf(verb, struct{ T Token }{tok}))
	}
	j, err := json.Marshal(map[string]any{"token": tok})
	if err != nil {
		t.Fatal(err)
	}
	printed = append(printed, string(j), fmt.Sprint(tok), fmt.Sprintln(tok), tok.String(), tok.GoString())
	var logs bytes.Buffer
	slog.New(slog.NewTextHandler(&logs, nil)).Info("publishing", "token", tok)
	slog.New(slog.NewJSONHandler(&logs, nil)).Info("publishing", "token", tok)
	printed = append(printed, logs.String())
	for _, p := range printed {
		if strings.Contains(p, secret) || strings.Contains(p, "SHOULDNEVER") {
			t.Errorf("printed the value: %s", p)
		}
	}
	if got, want := fmt.Sprintf("%v", tok), "token from keyring (ticket-master:github.com)"; got != want {
		t.Errorf("%%v = %q, want %q", got, want)
	}
	if got, want := fmt.Sprintf("%v", Token{Value: secret, Source: "GH_TOKEN", Host: "github.com"}), "token from GH_TOKEN (github.com)"; got != want {
		t.Errorf("%%v = %q, want %q", got, want)
	}
	if !strings.Contains(logs.String(), "token from keyring") {
		t.Errorf("the log does not say where the token came from:\n%s", logs.String())
	}
}
