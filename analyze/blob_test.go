package analyze

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestFirstParagraph(t *testing.T) {
	tests := []struct{ in, want string }{
		{"# gadgets\n\n[![ci](x)](y)\n\nExports gadgets\nto S3.\n\nMore.\n", "Exports gadgets to S3."},
		{"---\ntitle: x\n---\nHello there.\n", "Hello there."},
		{"# only a heading\n", ""},
		{"<p align=center><img src=x></p>\n\nA tool.\n", "A tool."},
	}
	for _, tt := range tests {
		if got := FirstParagraph(tt.in); got != tt.want {
			t.Errorf("FirstParagraph(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestReadFileTreeAndDescription(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("HOME", dir)
	run := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run("init", "-q")
	if err := os.MkdirAll(filepath.Join(dir, "svc"), 0o755); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(filepath.Join(dir, "README.md"), []byte("# x\n\nDoes things.\n"), 0o644)
	os.WriteFile(filepath.Join(dir, "svc", "up.py"), []byte("print(1)\n"), 0o644)
	run("add", ".")
	run("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one")
	head := run("rev-parse", "HEAD")

	r, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	got, err := r.ReadFile(ctx, head, "svc/up.py")
	if err != nil || string(got) != "print(1)\n" {
		t.Fatalf("ReadFile = %q, %v", got, err)
	}
	if _, err := r.ReadFile(ctx, head, "nope.go"); err == nil || !strings.Contains(err.Error(), "does not exist") {
		t.Fatalf("missing file: %v", err)
	}
	paths, err := r.TreePaths(ctx, head)
	if err != nil {
		t.Fatal(err)
	}
	if !paths["svc/up.py"] || !paths["svc"] || !paths["README.md"] || paths["up.py"] {
		t.Fatalf("paths = %v", paths)
	}
	if d := r.Description(ctx, head); d != "Does things." {
		t.Fatalf("Description = %q", d)
	}
}

// A file over the limit is an error, read no further than the limit; one
// at the limit is read whole.
func TestReadFileLimit(t *testing.T) {
	dir := t.TempDir()
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("HOME", dir)
	run := func(args ...string) string {
		t.Helper()
		out, err := exec.Command("git", append([]string{"-C", dir}, args...)...).CombinedOutput()
		if err != nil {
			t.Fatalf("git %v: %v\n%s", args, err, out)
		}
		return strings.TrimSpace(string(out))
	}
	run("init", "-q")
	os.WriteFile(filepath.Join(dir, "at.txt"), []byte(strings.Repeat("a", maxBlob)), 0o644)
	os.WriteFile(filepath.Join(dir, "over.txt"), []byte(strings.Repeat("b", maxBlob+1)), 0o644)
	run("add", ".")
	run("-c", "user.name=t", "-c", "user.email=t@t", "commit", "-q", "-m", "one")
	head := run("rev-parse", "HEAD")
	r, err := Open(context.Background(), dir)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := r.ReadFile(context.Background(), head, "at.txt"); err != nil || len(got) != maxBlob {
		t.Errorf("at the limit: %d bytes, %v", len(got), err)
	}
	if got, err := r.ReadFile(context.Background(), head, "over.txt"); err == nil || !strings.Contains(err.Error(), "too large") || got != nil {
		t.Errorf("over the limit: %d bytes, %v", len(got), err)
	}
}
