//go:build unix

package publish

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// fakeGh puts a gh on an otherwise empty PATH that answers `auth token
// --hostname github.com` as a logged-in gh does and fails for other hosts as
// a logged-out one does.
func fakeGh(t *testing.T) {
	dir := t.TempDir()
	script := `#!/bin/sh
if [ "$*" = "auth token --hostname github.com" ]; then echo gho_FROMGH; exit 0; fi
echo "no oauth token found for $4" >&2
exit 1
`
	if err := os.WriteFile(filepath.Join(dir, "gh"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", dir)
}

func TestGhCLIToken(t *testing.T) {
	fakeGh(t)
	if got, err := ghCLIToken(context.Background(), "github.com"); err != nil || got != "gho_FROMGH" {
		t.Fatalf("ghCLIToken(github.com) = %q, %v", got, err)
	}
	_, err := ghCLIToken(context.Background(), "ghe.example.com")
	if err == nil || !strings.Contains(err.Error(), "no oauth token found for ghe.example.com") {
		t.Fatalf("ghCLIToken(ghe.example.com): %v, want gh's complaint", err)
	}

	// The zero Tokens runs the gh on PATH.
	tokens := Tokens{Getenv: envOf(nil), Keyring: newMemKeyring()}
	if tok, err := tokens.Find(context.Background(), "github.com"); err != nil || tok.Source != "gh" || tok.Value != "gho_FROMGH" {
		t.Fatalf("Find = %v, %v; want gh's token", tok, err)
	}
	if _, err := tokens.Find(context.Background(), "ghe.example.com"); !errors.Is(err, ErrNoToken) {
		t.Fatalf("Find(ghe.example.com): %v, want ErrNoToken", err)
	}
}

func TestGhCLITokenWithoutGh(t *testing.T) {
	t.Setenv("PATH", t.TempDir())
	if got, err := ghCLIToken(context.Background(), "github.com"); got != "" || err != nil {
		t.Fatalf("ghCLIToken with no gh = %q, %v; want nothing and no error", got, err)
	}
}
