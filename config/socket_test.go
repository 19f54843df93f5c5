package config

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

func TestSocketFallsBackToAShortPath(t *testing.T) {
	short := Paths{RuntimeDir: "/run/user/1000/ticket-master"}
	if got := short.Socket(); got != "/run/user/1000/ticket-master/daemon.sock" {
		t.Fatalf("Socket() = %s", got)
	}
	if _, ok := short.SocketFallback(); ok {
		t.Fatal("a short path fell back")
	}

	deep := "/home/someone/" + strings.Repeat("very-long-folder-name/", 5) + "tm/run"
	long := Paths{RuntimeDir: deep}
	got := long.Socket()
	if len(got) > maxSocketPath() || filepath.Dir(got) != shortSocketDir() || !strings.HasSuffix(got, ".sock") {
		t.Fatalf("Socket() = %s (%d bytes)", got, len(got))
	}
	if want, ok := long.SocketFallback(); !ok || want != filepath.Join(deep, "daemon.sock") {
		t.Fatalf("SocketFallback() = %s, %v", want, ok)
	}
	// Every process computes the same path for the same folder, another for
	// another folder.
	if again := (Paths{RuntimeDir: deep}).Socket(); again != got {
		t.Fatalf("not stable: %s, %s", got, again)
	}
	if other := (Paths{RuntimeDir: deep + "2"}).Socket(); other == got {
		t.Fatal("two homes share a socket")
	}
}

func TestEnsureRuntimeMakesThePrivateSocketFolder(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	base := t.TempDir()
	p := Paths{RuntimeDir: filepath.Join(base, strings.Repeat("x", 120), "run")}
	dir := shortSocketDir()
	if _, err := os.Lstat(dir); err == nil {
		// Another test run or a real install made it: it must be as we
		// leave it.
		defer os.Chmod(dir, 0o700)
	} else {
		defer os.Remove(dir)
	}
	if err := p.EnsureRuntime(); err != nil {
		t.Fatal(err)
	}
	info, err := os.Lstat(dir)
	if err != nil || !info.IsDir() || info.Mode().Perm() != 0o700 {
		t.Fatalf("socket folder %s: %v, %v", dir, info.Mode(), err)
	}
	// Loosened by someone: tightened again.
	if err := os.Chmod(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := p.EnsureRuntime(); err != nil {
		t.Fatal(err)
	}
	if info, _ := os.Lstat(dir); info.Mode().Perm() != 0o700 {
		t.Fatalf("mode %v", info.Mode())
	}
}

// TestPrivateDirRefusesWhatItDidNotMake: in a shared /tmp, a symlink or a
// file put where the folder goes is refused, not followed.
func TestPrivateDirRefusesWhatItDidNotMake(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("Unix permissions")
	}
	base := t.TempDir()
	elsewhere := filepath.Join(base, "elsewhere")
	if err := os.Mkdir(elsewhere, 0o755); err != nil {
		t.Fatal(err)
	}
	link := filepath.Join(base, "link")
	if err := os.Symlink(elsewhere, link); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(base, "file")
	if err := os.WriteFile(file, nil, 0o600); err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{link, file} {
		if err := ensurePrivateDir(p); err == nil || !strings.Contains(err.Error(), "not a folder of yours") {
			t.Errorf("ensurePrivateDir(%s) = %v", p, err)
		}
	}
	if info, _ := os.Stat(elsewhere); info.Mode().Perm() != 0o755 {
		t.Error("the symlink was followed")
	}
}
