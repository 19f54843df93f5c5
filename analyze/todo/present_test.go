package todo

import (
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
)

// presentRepo is a real git repository in a temporary folder; commit writes
// files (nil content deletes) and returns the new commit's hash.
type presentRepo struct {
	t   *testing.T
	dir string
}

func newPresentRepo(t *testing.T) *presentRepo {
	t.Helper()
	if _, err := exec.LookPath("git"); err != nil {
		t.Skip("git not installed")
	}
	dir := t.TempDir()
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("HOME", dir)
	r := &presentRepo{t: t, dir: dir}
	r.git("init", "-q")
	return r
}

func (r *presentRepo) git(args ...string) string {
	r.t.Helper()
	out, err := exec.Command("git", append([]string{"-C", r.dir, "-c", "user.name=t", "-c", "user.email=t@t"}, args...)...).CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

func (r *presentRepo) commit(files map[string]*string) string {
	r.t.Helper()
	for name, content := range files {
		p := filepath.Join(r.dir, name)
		if content == nil {
			r.git("rm", "-q", name)
			continue
		}
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			r.t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(*content), 0o644); err != nil {
			r.t.Fatal(err)
		}
		r.git("add", name)
	}
	r.git("commit", "-q", "--allow-empty", "-m", "c")
	return r.git("rev-parse", "HEAD")
}

func (r *presentRepo) open() *analyze.Repo {
	r.t.Helper()
	repo, err := analyze.Open(context.Background(), r.dir)
	if err != nil {
		r.t.Fatal(err)
	}
	return repo
}

func text(s string) *string { return &s }

func TestPresent(t *testing.T) {
	r := newPresentRepo(t)
	twice := "package a\n\nfunc f() {\n\t// TODO: handle errors\n}\n\nfunc g() {\n\t// TODO: handle errors\n}\n"
	c1 := r.commit(map[string]*string{
		"a.go":     text(twice),
		"owner.go": text("package a\n\n// TODO(alice):\n// do the thing\nfunc h() {}\n"),
		"str.go":   text("package a\n\nvar s = `\n// TODO: in a raw string\n`\n"),
	})
	once := strings.Replace(twice, "\t// TODO: handle errors\n}\n\nfunc g", "}\n\nfunc g", 1)
	c2 := r.commit(map[string]*string{"a.go": text(once)})
	c3 := r.commit(map[string]*string{"a.go": text("package a\n"), "owner.go": nil})
	repo := r.open()
	fp := todoFingerprint("a.go", "TODO", "handle errors")
	tests := []struct {
		name        string
		commit, fp  string
		want        bool
		wantErrText string
	}{
		{"both copies there", c1, fp, true, ""},
		{"one copy removed, the other keeps it open", c2, fp, true, ""},
		{"both removed", c3, fp, false, ""},
		{"text on the next comment line", c1, todoFingerprint("owner.go", "TODO", "do the thing"), true, ""},
		{"file deleted", c3, todoFingerprint("owner.go", "TODO", "do the thing"), false, ""},
		{"a TODO in a string is not one", c1, todoFingerprint("str.go", "TODO", "in a raw string"), false, ""},
		{"another text", c1, todoFingerprint("a.go", "TODO", "handle other errors"), false, ""},
		{"not a TODO fingerprint", c1, "docdrift:a.go:x", false, ""},
		{"unknown commit", strings.Repeat("e", 40), fp, false, "git grep a.go"},
	}
	blobs := r.blobs(repo)
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Present(context.Background(), repo, nil, tt.commit, tt.fp, Options{})
			if got != tt.want {
				t.Errorf("Present through git grep = %v, want %v", got, tt.want)
			}
			if tt.wantErrText == "" && err != nil || tt.wantErrText != "" && (err == nil || !strings.Contains(err.Error(), tt.wantErrText)) {
				t.Errorf("err = %v, want %q", err, tt.wantErrText)
			}
			// The blob reader gives the same answer; an unknown commit
			// holds no file, which is no error for it.
			got, err = Present(context.Background(), repo, blobs, tt.commit, tt.fp, Options{})
			if got != tt.want || err != nil {
				t.Errorf("Present through the blob reader = %v, %v; want %v", got, err, tt.want)
			}
		})
	}
}

// blobs starts a blob reader on the repository, closed with the test.
func (r *presentRepo) blobs(repo *analyze.Repo) *countingBlobs {
	r.t.Helper()
	b, err := repo.NewBlobReader(context.Background())
	if err != nil {
		r.t.Fatal(err)
	}
	r.t.Cleanup(func() { b.Close() })
	return &countingBlobs{BlobReader: b}
}

// countingBlobs is a real blob reader that counts the files it refused as
// too large.
type countingBlobs struct {
	*analyze.BlobReader
	tooLarge int
}

func (c *countingBlobs) Read(commit, path string, max int64) ([]byte, error) {
	data, err := c.BlobReader.Read(commit, path, max)
	if errors.Is(err, analyze.ErrBlobTooLarge) {
		c.tooLarge++
	}
	return data, err
}

// TestPresentReadsBlobsWithoutGitGrep: with a blob reader, a file under
// the cap is read through it alone (git grep cannot run in a repository
// that is not one), and a file over the cap is left to git grep.
func TestPresentReadsBlobsWithoutGitGrep(t *testing.T) {
	r := newPresentRepo(t)
	big := strings.Repeat("int value_of_a_rather_long_name = compute_something(argument_one);\n", presentMaxBlob/60) +
		"// TODO: split this file\n"
	c := r.commit(map[string]*string{
		"a.go":   text("package a\n\n// TODO: handle errors\nfunc f() {}\n"),
		"big.cc": text(big),
	})
	repo := r.open()
	blobs := r.blobs(repo)
	noGrep := &analyze.Repo{Path: t.TempDir(), GitDir: t.TempDir()}
	ctx := context.Background()

	if ok, err := Present(ctx, noGrep, blobs, c, todoFingerprint("a.go", "TODO", "handle errors"), Options{}); !ok || err != nil {
		t.Errorf("Present(a.go, there) = %v, %v; want true from the blob reader", ok, err)
	}
	if ok, err := Present(ctx, noGrep, blobs, c, todoFingerprint("a.go", "TODO", "handle other errors"), Options{}); ok || err != nil {
		t.Errorf("Present(a.go, another text) = %v, %v; want false from the blob reader", ok, err)
	}
	if ok, err := Present(ctx, noGrep, blobs, c, todoFingerprint("gone.go", "TODO", "handle errors"), Options{}); ok || err != nil {
		t.Errorf("Present(gone.go) = %v, %v; want false from the blob reader", ok, err)
	}
	if blobs.tooLarge != 0 {
		t.Fatalf("the blob reader refused %d small files", blobs.tooLarge)
	}

	fp := todoFingerprint("big.cc", "TODO", "split this file")
	if ok, err := Present(ctx, repo, blobs, c, fp, Options{}); !ok || err != nil || blobs.tooLarge != 1 {
		t.Errorf("Present(big.cc) = %v, %v after %d refusals; want true from git grep after the blob reader refused it", ok, err, blobs.tooLarge)
	}
	if _, err := Present(ctx, noGrep, blobs, c, fp, Options{}); err == nil || !strings.Contains(err.Error(), "git grep") {
		t.Errorf("Present(big.cc) where git grep cannot run: err = %v, want git grep's", err)
	}
}

// TestPresentBlobReadsWhatGitGrepPrints: the blob reader's answer is git
// grep's, file by file, where the lines around the words overlap, touch,
// or are far apart, a block opens a few lines above, a TODO's text is on
// the next line, lines end in CRLF,
// and a file is binary.
func TestPresentBlobReadsWhatGitGrepPrints(t *testing.T) {
	r := newPresentRepo(t)
	filler := func(n int) string { return strings.Repeat("x := 1\n", n) }
	files := map[string]string{
		"near.go":   "package a\n// TODO: one\n" + filler(3) + "// FIXME: two\n" + filler(2) + "// TODO:\n// three\n",
		"touch.go":  filler(6) + "// TODO: first\n" + filler(12) + "// TODO: second\n" + filler(6),
		"apart.go":  "// HACK: top\n" + filler(40) + "/*\n" + filler(20) + " * XXX: in a block opened far above\n */\n",
		"strs.py":   "s = \"\"\"\n# TODO: in a string\n\"\"\"\n# TODO: a comment\n",
		"crlf.c":    "int x;\r\n// TODO: crlf line\r\nint y;\r\n",
		"tags.js":   "/**\n * @todo tag form\n * \\bug doxygen\n */\n// [TODO] bracketed\n",
		"binary.go": "package a\x00\n// TODO: in a binary file\n",
		"owner.go":  filler(10) + "// TODO(alice):\n// do the thing\n" + filler(10),
		"bare.c":    filler(10) + "/*\n" + filler(2) + "   TODO: in a bare block line\n*/\n",
	}
	content := map[string]*string{}
	for name, s := range files {
		content[name] = text(s)
	}
	c := r.commit(content)
	repo := r.open()
	blobs := r.blobs(repo)
	ctx := context.Background()
	type todo struct{ file, word, text string }
	todos := []todo{
		{"near.go", "TODO", "one"}, {"near.go", "FIXME", "two"}, {"near.go", "TODO", "three"}, {"near.go", "TODO", "two"},
		{"touch.go", "TODO", "first"}, {"touch.go", "TODO", "second"},
		{"apart.go", "HACK", "top"}, {"apart.go", "XXX", "in a block opened far above"},
		{"strs.py", "TODO", "in a string"}, {"strs.py", "TODO", "a comment"},
		{"crlf.c", "TODO", "crlf line"},
		{"tags.js", "TODO", "tag form"}, {"tags.js", "BUG", "doxygen"}, {"tags.js", "TODO", "bracketed"},
		{"binary.go", "TODO", "in a binary file"},
		{"owner.go", "TODO", "do the thing"}, {"owner.go", "TODO", "absent"},
		{"bare.c", "TODO", "in a bare block line"},
	}
	presentSome := 0
	for _, td := range todos {
		fp := todoFingerprint(td.file, td.word, td.text)
		viaGrep, gerr := Present(ctx, repo, nil, c, fp, Options{})
		viaBlob, berr := Present(ctx, repo, blobs, c, fp, Options{})
		if gerr != nil || berr != nil || viaGrep != viaBlob {
			t.Errorf("%s %s: %s: git grep says %v (%v), the blob reader %v (%v)", td.file, td.word, td.text, viaGrep, gerr, viaBlob, berr)
		}
		if viaBlob {
			presentSome++
		}
	}
	if presentSome < 10 {
		t.Fatalf("only %d TODOs found present; the comparison proves little", presentSome)
	}
}

// TestPresentMemoryBounded shows that asking whether a TODO is still in a
// large file allocates about the same as for a small one: git reads the
// file, and only the lines around the words reach this process. (Reading
// the file whole, as Present did, allocated several times its size.)
func TestPresentMemoryBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes a 1.5 MiB file")
	}
	r := newPresentRepo(t)
	var b strings.Builder
	// Under the 2 MiB that reading a file whole allowed, so that the
	// difference is in what is allocated, not in what is refused.
	for b.Len() < 3<<19 {
		b.WriteString("int value_of_a_rather_long_name = compute_something(argument_one, argument_two);\n")
	}
	b.WriteString("// TODO: split this file\n")
	big := r.commit(map[string]*string{"big.cc": text(b.String()), "small.cc": text("int x;\n// TODO: split this file\n")})
	repo := r.open()
	blobs := r.blobs(repo) // as the daemon asks: the small file through it, the large one through git grep
	allocated := func(path string) uint64 {
		t.Helper()
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		ok, err := Present(context.Background(), repo, blobs, big, todoFingerprint(path, "TODO", "split this file"), Options{})
		runtime.ReadMemStats(&after)
		if !ok || err != nil {
			t.Fatalf("Present(%s) = %v, %v; want true", path, ok, err)
		}
		return after.TotalAlloc - before.TotalAlloc
	}
	small, large := allocated("small.cc"), allocated("big.cc")
	if large > 1<<20 || large > 4*small+256<<10 {
		t.Fatalf("Present allocated %d bytes for a 1.5 MiB file and %d for a small one; want no more than for the small one, give or take", large, small)
	}
	t.Logf("allocated %d bytes for a 1.5 MiB file, %d for a small one", large, small)
}
