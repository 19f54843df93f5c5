package analyze

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"testing"
)

// The call greps ask git for PCRE and find what POSIX ERE finds; a git
// built without PCRE refuses -P, and the greps go on with -E, the same
// answers, without asking for -P again.
func TestGrepCallsWithoutPCRE(t *testing.T) {
	dir := t.TempDir()
	git, write := gitIn(t, dir), writeIn(t, dir)
	git("init", "-q", "-b", "main")
	write("tests/test_item.rs", "#[test]\nfn test_paste() {\n    let s = paste! { [<a b>] };\n    let p = parse_borrowed::<Vec<u8>> (s);\n}\n")
	write("test/test_util.py", "def test_load():\n    assert_raises(Exc, loader.load, 'x')\n    run(\"parse_args\")\n    x = reparse(s)\n")
	write("pkg/x_test.go", "package pkg\n\nfunc TestX(t *testing.T) { é(Open(\"a\")); _ = sync.Open }\n")
	git("add", ".")
	git("commit", "-q", "-m", "start")
	repo, head := openHead(t, dir)
	names := []string{"paste", "load", "parse_borrowed", "parse_args", "parse", "Open"}
	withPCRE, err := repo.TestCallersAt(context.Background(), head, names, nil)
	if err != nil || noPCRE.Load() {
		t.Fatalf("TestCallersAt = %v, %v (noPCRE %v)", withPCRE, err, noPCRE.Load())
	}
	want := map[string][]string{"paste": {"tests/test_item.rs"}, "load": {"test/test_util.py"}, "parse_borrowed": {"tests/test_item.rs"},
		"parse_args": {"test/test_util.py"}, "Open": {"pkg/x_test.go"}}
	if !reflect.DeepEqual(withPCRE, want) {
		t.Errorf("with PCRE: TestCallersAt = %v, want %v", withPCRE, want)
	}

	// A git that refuses -P as one built without libpcre does.
	real, err := exec.LookPath("git")
	if err != nil {
		t.Fatal(err)
	}
	bin := t.TempDir()
	script := "#!/bin/sh\nfor a in \"$@\"; do\n  if [ \"$a\" = -P ]; then\n    echo 'fatal: cannot use Perl-compatible regexes when not compiled with USE_LIBPCRE' >&2\n    exit 128\n  fi\ndone\nexec " + real + " \"$@\"\n"
	if err := os.WriteFile(filepath.Join(bin, "git"), []byte(script), 0o755); err != nil {
		t.Fatal(err)
	}
	t.Setenv("PATH", bin+string(os.PathListSeparator)+os.Getenv("PATH"))
	t.Cleanup(func() { noPCRE.Store(false) })
	withERE, err := repo.TestCallersAt(context.Background(), head, names, nil)
	if err != nil || !reflect.DeepEqual(withERE, want) {
		t.Errorf("without PCRE: TestCallersAt = %v, %v; want %v", withERE, err, want)
	}
	if !noPCRE.Load() {
		t.Error("a git without PCRE was not remembered")
	}
}
