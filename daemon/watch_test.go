package daemon

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/fsnotify/fsnotify"
)

// watchWait bounds every wait for an event: delivery is asynchronous, and a
// loaded CI machine can be slow, but a missing event must still fail.
const watchWait = 5 * time.Second

// watchHarness runs a real Watcher with a sentinel repository. Inotify keeps
// one ordered queue per instance and the watcher calls OnChange in that
// order, so once an event for a file written to the sentinel arrives, every
// event caused before the write has been delivered. That makes "nothing
// arrived" checkable without sleeping.
type watchHarness struct {
	t        *testing.T
	w        *Watcher
	changes  chan string
	overflow chan struct{}
	sentinel string
	pings    int
}

func newWatchHarness(t *testing.T) *watchHarness {
	t.Helper()
	h := &watchHarness{t: t, changes: make(chan string, 4096), overflow: make(chan struct{}, 16)}
	w, err := NewWatcher(WatchOptions{
		OnChange:   func(id string) { h.changes <- id },
		OnOverflow: func() { h.overflow <- struct{}{} },
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if err := w.Close(); err != nil {
			t.Error(err)
		}
	})
	h.w = w
	h.sentinel = filepath.Join(t.TempDir(), "sentinel.git")
	if err := os.MkdirAll(filepath.Join(h.sentinel, "refs"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := w.Add("sentinel", h.sentinel); err != nil {
		t.Fatal(err)
	}
	return h
}

func (h *watchHarness) add(id string, r *gitRepo) {
	h.t.Helper()
	if err := h.w.Add(id, filepath.Join(r.dir, ".git")); err != nil {
		h.t.Fatal(err)
	}
}

// settle returns the repositories reported since the last call, once every
// event caused so far has been delivered.
func (h *watchHarness) settle() []string {
	h.t.Helper()
	h.pings++
	ping := filepath.Join(h.sentinel, "refs", fmt.Sprintf("ping-%d", h.pings))
	if err := os.WriteFile(ping, nil, 0o644); err != nil {
		h.t.Fatal(err)
	}
	var seen []string
	deadline := time.After(watchWait)
	for {
		select {
		case id := <-h.changes:
			if id == "sentinel" {
				return seen
			}
			if !slices.Contains(seen, id) {
				seen = append(seen, id)
			}
		case <-deadline:
			h.t.Fatalf("the sentinel's event did not arrive within %s", watchWait)
		}
	}
}

// expect settles and checks which repositories were reported.
func (h *watchHarness) expect(want ...string) {
	h.t.Helper()
	got := h.settle()
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		h.t.Fatalf("changed repositories: got %q, want %q", got, want)
	}
}

func (h *watchHarness) watches(dir string) bool {
	h.w.mu.Lock()
	defer h.w.mu.Unlock()
	_, ok := h.w.dirs[dir]
	return ok
}

func newWatchedRepo(t *testing.T) *gitRepo {
	t.Helper()
	r := newGitRepo(t)
	r.commit("first", map[string]string{"a.txt": "a\n"})
	return r
}

func TestWatchCommitTriggers(t *testing.T) {
	h := newWatchHarness(t)
	r := newWatchedRepo(t)
	h.add("r", r)
	if n := h.w.Watched()["r"]; n < 4 { // the git folder, refs/, refs/heads/, logs/, ...
		t.Fatalf("watched folders: %d", n)
	}
	h.expect()
	r.commit("second", map[string]string{"b.txt": "b\n"})
	h.expect("r")
}

func TestWatchBranchWithSlash(t *testing.T) {
	h := newWatchHarness(t)
	r := newWatchedRepo(t)
	h.add("r", r)
	r.git("-C", r.dir, "branch", "feature/x")
	h.expect("r")
	for _, dir := range []string{"refs/heads/feature", "logs/refs/heads/feature"} {
		if !h.watches(filepath.Join(r.dir, ".git", dir)) {
			t.Errorf("%s is not watched", dir)
		}
	}
	// Move feature/x without a reflog or HEAD: only the watch on the new
	// folder can see this.
	r.commit("on main", nil)
	h.settle()
	r.git("-C", r.dir, "-c", "core.logAllRefUpdates=false", "update-ref", "refs/heads/feature/x", "main")
	h.expect("r")

	r.git("-C", r.dir, "checkout", "-q", "feature/x")
	h.settle()
	r.commit("on feature", map[string]string{"c.txt": "c\n"})
	h.expect("r")
}

func TestWatchUpdateRefAndPackRefs(t *testing.T) {
	h := newWatchHarness(t)
	r := newWatchedRepo(t)
	h.add("r", r)
	h.settle()
	r.git("-C", r.dir, "update-ref", "refs/tags/v1", "HEAD")
	h.expect("r")
	r.git("-C", r.dir, "pack-refs", "--all")
	h.expect("r")
	// v1 now lives only in packed-refs and tags keep no reflog: deleting
	// it rewrites packed-refs and nothing else.
	r.git("-C", r.dir, "update-ref", "-d", "refs/tags/v1")
	h.expect("r")
}

func TestWatchIgnoresObjectsIndexAndNoise(t *testing.T) {
	h := newWatchHarness(t)
	r := newWatchedRepo(t)
	h.add("r", r)
	h.settle()
	gitDir := filepath.Join(r.dir, ".git")
	// git add writes objects and the index; no ref moves.
	if err := os.WriteFile(filepath.Join(r.dir, "new.txt"), []byte("new\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r.git("-C", r.dir, "add", "new.txt")
	for name, content := range map[string]string{
		"objects/ab/cdef":    "x",
		"COMMIT_EDITMSG":     "msg\n",
		"hooks/post-commit":  "#!/bin/sh\n",
		"index.lock":         "",
		"refs/heads/y.lock":  "", // a lock never renamed into place
		"logs/refs/x.lock":   "",
		"info/exclude":       "*.tmp\n",
		"description":        "d\n",
		"objects/info/packs": "",
	} {
		p := filepath.Join(gitDir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Chmod(filepath.Join(gitDir, "HEAD"), 0o600); err != nil {
		t.Fatal(err)
	}
	h.expect()
}

func TestWatchTwoReposNested(t *testing.T) {
	h := newWatchHarness(t)
	outer := newWatchedRepo(t)
	// inner's git folder lies inside outer's work tree, as a vendored
	// clone would: events must still go to the right repository.
	inner := &gitRepo{t: t, dir: filepath.Join(outer.dir, "vendor", "inner")}
	inner.git("init", "-q", "-b", "main", inner.dir)
	inner.git("-C", inner.dir, "config", "user.name", "T")
	inner.git("-C", inner.dir, "config", "user.email", "t@example.com")
	inner.commit("first", nil)
	h.add("outer", outer)
	h.add("inner", inner)
	h.settle()

	inner.commit("inner change", nil)
	h.expect("inner")
	outer.commit("outer change", nil)
	h.expect("outer")
}

func TestWatchRemoveStopsEvents(t *testing.T) {
	h := newWatchHarness(t)
	r := newWatchedRepo(t)
	h.add("r", r)
	h.w.Remove("r")
	if _, ok := h.w.Watched()["r"]; ok {
		t.Fatal("removed repository still listed")
	}
	r.commit("unwatched", nil)
	h.expect()
}

func TestWatchLinkedWorktree(t *testing.T) {
	h := newWatchHarness(t)
	r := newWatchedRepo(t)
	h.add("r", r)
	h.settle()
	wt := &gitRepo{t: t, dir: filepath.Join(t.TempDir(), "wt")}
	r.git("-C", r.dir, "worktree", "add", "-q", "-b", "wt", wt.dir)
	h.expect("r")
	if !h.watches(filepath.Join(r.dir, ".git", "worktrees", "wt")) {
		t.Fatal("the linked worktree's folder is not watched")
	}
	wt.commit("in worktree", nil) // moves refs/heads/wt in the common folder
	h.expect("r")
	// A detached commit moves only worktrees/wt/HEAD (and that worktree's
	// own reflog, which is not watched).
	wt.git("-C", wt.dir, "checkout", "-q", "--detach")
	h.settle()
	wt.commit("detached", nil)
	h.expect("r")
}

func TestWatchDeletedRepo(t *testing.T) {
	h := newWatchHarness(t)
	r := newWatchedRepo(t)
	h.add("r", r)
	h.settle()
	if err := os.RemoveAll(r.dir); err != nil {
		t.Fatal(err)
	}
	h.expect("r")
	if n, ok := h.w.Watched()["r"]; !ok || n != 0 {
		t.Fatalf("deleted repository: listed %v with %d folders, want listed with 0", ok, n)
	}
	// Nothing keeps coming.
	h.expect()
	h.expect()

	if err := h.w.Add("r", filepath.Join(r.dir, ".git")); err == nil {
		t.Fatal("adding a missing git folder succeeded")
	}
	if n, ok := h.w.Watched()["r"]; !ok || n != 0 {
		t.Fatalf("failed add: listed %v with %d folders, want listed with 0", ok, n)
	}
}

func TestWatchOverflowRescans(t *testing.T) {
	h := newWatchHarness(t)
	r := newWatchedRepo(t)
	h.add("r", r)
	h.settle()
	// Pretend the event for a new folder was lost: forget its watch.
	heads := filepath.Join(r.dir, ".git", "refs", "heads")
	h.w.mu.Lock()
	h.w.unwatchLocked(h.w.repos["r"], heads)
	h.w.mu.Unlock()

	h.w.handleError(fmt.Errorf("read: %w", fsnotify.ErrEventOverflow))
	select {
	case <-h.overflow:
	default:
		t.Fatal("OnOverflow was not called")
	}
	if !h.watches(heads) {
		t.Fatal("refs/heads was not watched again after the overflow")
	}
}

func TestWatchRelevantNames(t *testing.T) {
	for _, c := range []struct {
		kind dirKind
		name string
		want bool
	}{
		{kindGitDir, "HEAD", true},
		{kindGitDir, "packed-refs", true},
		{kindGitDir, "ORIG_HEAD", true},
		{kindGitDir, "FETCH_HEAD", true},
		{kindGitDir, "MERGE_HEAD", true},
		{kindGitDir, "index", false},
		{kindGitDir, "COMMIT_EDITMSG", false},
		{kindGitDir, "config", false},
		{kindWorktree, "HEAD", true},
		{kindWorktree, "index", false},
		{kindRefs, "main", true},
		{kindLogs, "HEAD", true},
		{kindWorktrees, "wt", false}, // folders are handled as folders
	} {
		if got := relevant(c.kind, c.name); got != c.want {
			t.Errorf("relevant(%d, %q) = %v, want %v", c.kind, c.name, got, c.want)
		}
	}
	for _, c := range []struct {
		parent dirKind
		name   string
		want   dirKind
	}{
		{kindGitDir, "refs", kindRefs},
		{kindGitDir, "logs", kindLogs},
		{kindGitDir, "worktrees", kindWorktrees},
		{kindGitDir, "objects", kindNone},
		{kindGitDir, "hooks", kindNone},
		{kindGitDir, "modules", kindNone},
		{kindRefs, "feature", kindRefs},
		{kindLogs, "refs", kindLogs},
		{kindWorktrees, "wt", kindWorktree},
		{kindWorktree, "logs", kindNone},
	} {
		if got := childKind(c.parent, c.name); got != c.want {
			t.Errorf("childKind(%d, %q) = %d, want %d", c.parent, c.name, got, c.want)
		}
	}
}

func TestWatchLimitErrors(t *testing.T) {
	if runtime.GOOS != "linux" {
		t.Skip("the inotify limits are Linux's")
	}
	err := watchAddError("/r/.git/refs", fmt.Errorf("inotify_add_watch: %w", syscall.ENOSPC))
	if !errors.Is(err, syscall.ENOSPC) {
		t.Errorf("cause lost: %v", err)
	}
	for _, want := range []string{"/r/.git/refs", "sysctl fs.inotify.max_user_watches", "periodic reconcile"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	err = watcherInitError(fmt.Errorf("couldn't initialize inotify: %w", syscall.EMFILE))
	if !errors.Is(err, syscall.EMFILE) {
		t.Errorf("cause lost: %v", err)
	}
	for _, want := range []string{"sysctl fs.inotify.max_user_instances", "periodic reconcile"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("%q does not say %q", err, want)
		}
	}
	// Other errors keep their own message, without a misleading hint.
	err = watchAddError("/r/.git", fmt.Errorf("x: %w", syscall.ENOENT))
	if strings.Contains(err.Error(), "sysctl") {
		t.Errorf("ENOENT mentions a sysctl: %v", err)
	}
}
