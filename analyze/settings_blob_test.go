package analyze

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/finding"
)

// settingsRepo is a real repository whose commits hold .ticket-master.yaml
// in various hostile shapes.
type settingsRepo struct {
	t   *testing.T
	dir string
}

func newSettingsRepo(t *testing.T) *settingsRepo {
	t.Helper()
	dir := t.TempDir()
	t.Setenv("GIT_CONFIG_NOSYSTEM", "1")
	t.Setenv("HOME", dir)
	r := &settingsRepo{t: t, dir: dir}
	r.git("init", "-q")
	return r
}

func (r *settingsRepo) git(args ...string) string {
	r.t.Helper()
	return r.gitIn(nil, args...)
}

func (r *settingsRepo) gitIn(stdin *os.File, args ...string) string {
	r.t.Helper()
	cmd := exec.Command("git", append([]string{"-C", r.dir, "-c", "user.name=t", "-c", "user.email=t@t"}, args...)...)
	if stdin != nil {
		cmd.Stdin = stdin
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		r.t.Fatalf("git %v: %v\n%s", args, err, out)
	}
	return strings.TrimSpace(string(out))
}

// commit records the working tree as it is and returns the commit.
func (r *settingsRepo) commit(msg string) string {
	r.git("add", "-A")
	r.git("commit", "-q", "--allow-empty", "-m", msg)
	return r.git("rev-parse", "HEAD")
}

func (r *settingsRepo) open() *Repo {
	r.t.Helper()
	repo, err := Open(context.Background(), r.dir)
	if err != nil {
		r.t.Fatal(err)
	}
	return repo
}

func TestRepoSettingsAtReadsTheCommittedFile(t *testing.T) {
	r := newSettingsRepo(t)
	none := r.commit("no settings yet")
	path := filepath.Join(r.dir, config.RepoFile)
	if err := os.WriteFile(path, []byte("labels: [team]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	first := r.commit("settings")
	// The working copy changes, uncommitted: the commit's file still wins.
	if err := os.WriteFile(path, []byte("labels: [mine]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	repo := r.open()
	ctx := context.Background()
	if data, err := repo.RepoSettingsAt(ctx, none); err != nil || data != nil {
		t.Errorf("a commit without the file: %q, %v", data, err)
	}
	data, err := repo.RepoSettingsAt(ctx, first)
	if err != nil || string(data) != "labels: [team]\n" {
		t.Errorf("RepoSettingsAt = %q, %v", data, err)
	}
	s, err := repo.LoadRepoSettingsAt(ctx, first)
	if err != nil || strings.Join(s.Labels, ",") != "team" {
		t.Errorf("LoadRepoSettingsAt = %+v, %v", s, err)
	}
	if err := os.WriteFile(path, []byte("labels: [x]\nhotspot:\n  window: 1\n"), 0o755); err != nil {
		t.Fatal(err)
	}
	broken := r.commit("broken settings, executable")
	_, err = repo.LoadRepoSettingsAt(ctx, broken)
	want := finding.ShortHash(broken) + ":" + config.RepoFile + ":3: hotspot.window: use at least 2 commits"
	if err == nil || err.Error() != want {
		t.Errorf("err = %v, want %q", err, want)
	}
	if _, err := repo.RepoSettingsAt(ctx, "--output=/tmp/x"); err == nil {
		t.Error("an option was taken for a commit")
	}
}

// A hostile .ticket-master.yaml (a link to /dev/zero, a 100 MB file, a
// submodule or a folder of that name) is refused from its tree entry,
// without reading it: memory stays small.
func TestRepoSettingsAtRefusesHostileEntries(t *testing.T) {
	r := newSettingsRepo(t)
	path := filepath.Join(r.dir, config.RepoFile)
	if err := os.Symlink("/dev/zero", path); err != nil {
		t.Fatal(err)
	}
	link := r.commit("settings linked to /dev/zero")
	if err := os.Remove(path); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(path, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(path, "x"), []byte("x"), 0o644); err != nil {
		t.Fatal(err)
	}
	folder := r.commit("a folder of that name")
	r.git("rm", "-rq", config.RepoFile)
	r.git("update-index", "--add", "--cacheinfo", "160000,"+link+","+config.RepoFile)
	r.git("commit", "-q", "-m", "a submodule of that name")
	submodule := r.git("rev-parse", "HEAD")

	// 100 MB of zeros as a blob, committed without a working tree file.
	blob := r.hashZeros(100_000_000)
	tree := r.mktree("100644 blob " + blob + "\t" + config.RepoFile + "\n")
	huge := r.git("commit-tree", tree, "-m", "100 MB of settings")

	repo := r.open()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for commit, want := range map[string]string{
		link:      "is a symbolic link in this commit",
		folder:    "is a folder in this commit",
		submodule: "is a submodule in this commit",
		huge:      "is 95.4 MiB, more than the 64 KiB a settings file may hold",
	} {
		var before, after runtime.MemStats
		runtime.GC()
		runtime.ReadMemStats(&before)
		data, err := repo.RepoSettingsAt(ctx, commit)
		runtime.ReadMemStats(&after)
		name := finding.ShortHash(commit) + ":" + config.RepoFile
		if data != nil || err == nil || !strings.HasPrefix(err.Error(), name+": "+want) {
			t.Errorf("%s: %q, %v; want an error saying %q", want, data, err, want)
		}
		if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
			t.Errorf("%s: allocated %d bytes", want, grew)
		}
	}

	// Should a tree entry ever understate its blob, the read itself stops
	// at the limit.
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	_, err := repo.readBlobLimited(ctx, blob, config.MaxRepoFile)
	runtime.ReadMemStats(&after)
	if err == nil || !strings.Contains(err.Error(), "larger than its tree entry said") {
		t.Errorf("reading past the limit: %v", err)
	}
	if grew := after.TotalAlloc - before.TotalAlloc; grew > 1<<20 {
		t.Errorf("reading past the limit allocated %d bytes", grew)
	}
}

// hashZeros writes n zero bytes as a blob, streamed through git.
func (r *settingsRepo) hashZeros(n int64) string {
	r.t.Helper()
	cmd := exec.Command("git", "-C", r.dir, "-c", "core.looseCompression=1", "hash-object", "-w", "--stdin")
	in, err := cmd.StdinPipe()
	if err != nil {
		r.t.Fatal(err)
	}
	var out strings.Builder
	cmd.Stdout = &out
	if err := cmd.Start(); err != nil {
		r.t.Fatal(err)
	}
	buf := make([]byte, 1<<20)
	for left := n; left > 0; {
		k := min(left, int64(len(buf)))
		if _, err := in.Write(buf[:k]); err != nil {
			r.t.Fatal(err)
		}
		left -= k
	}
	in.Close()
	if err := cmd.Wait(); err != nil {
		r.t.Fatal(err)
	}
	return strings.TrimSpace(out.String())
}

func (r *settingsRepo) mktree(entries string) string {
	r.t.Helper()
	cmd := exec.Command("git", "-C", r.dir, "mktree")
	cmd.Stdin = strings.NewReader(entries)
	out, err := cmd.Output()
	if err != nil {
		r.t.Fatal(err)
	}
	return strings.TrimSpace(string(out))
}

func TestNewestCommit(t *testing.T) {
	r := newSettingsRepo(t)
	var hashes []string
	for _, date := range []string{"2031-01-01T00:00:00", "2020-01-01T00:00:00", "2025-01-01T00:00:00"} {
		t.Setenv("GIT_COMMITTER_DATE", date)
		hashes = append(hashes, r.commit("at "+date))
	}
	repo := r.open()
	ctx := context.Background()
	got, err := repo.NewestCommit(ctx, []string{hashes[2], hashes[1], hashes[0]})
	if err != nil || got != hashes[0] {
		t.Errorf("NewestCommit = %s, %v; want %s, committed last but dated first", got, err, hashes[0])
	}
	if got, err := repo.NewestCommit(ctx, nil); got != "" || err != nil {
		t.Errorf("no commits: %q, %v", got, err)
	}
	if got, err := repo.NewestCommit(ctx, hashes[1:2]); got != hashes[1] || err != nil {
		t.Errorf("one commit: %q, %v", got, err)
	}
}

// The settings a commit named by its hash holds are read from git once
// per Repo: asked again, they come without git (here, without the
// objects git would read them from). A name that can move is read each
// time.
func TestRepoSettingsAtReadsACommitOnce(t *testing.T) {
	r := newSettingsRepo(t)
	if err := os.WriteFile(filepath.Join(r.dir, config.RepoFile), []byte("labels: [team]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	hash := r.commit("settings")
	repo := r.open()
	ctx := context.Background()
	if data, err := repo.RepoSettingsAt(ctx, hash); err != nil || string(data) != "labels: [team]\n" {
		t.Fatalf("first read: %q, %v", data, err)
	}
	objects := filepath.Join(repo.GitDir, "objects")
	if err := os.Rename(objects, objects+".away"); err != nil {
		t.Fatal(err)
	}
	defer os.Rename(objects+".away", objects)
	if data, err := repo.RepoSettingsAt(ctx, hash); err != nil || string(data) != "labels: [team]\n" {
		t.Errorf("asked again: %q, %v", data, err)
	}
	if _, err := repo.RepoSettingsAt(ctx, "HEAD"); err == nil {
		t.Error("HEAD was answered without git")
	}
}
