package daemon

import (
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/fsnotify/fsnotify"
)

// Watcher turns file events in the git folders of enrolled repositories into
// hints that a repository changed. One fsnotify watcher serves every
// repository, so the daemon uses one inotify instance however many are
// enrolled. Events are hints, not data: the caller reconciles, which reads
// the refs themselves, so a lost or doubled event costs nothing but time.
//
// Only folders are watched, never files: git replaces a ref by writing
// x.lock and renaming it onto x, which would orphan a watch on the file.
type Watcher struct {
	opts WatchOptions
	fs   *fsnotify.Watcher
	done chan struct{} // closed when the event loop ends

	mu     sync.Mutex
	repos  map[string]*watchedRepo
	dirs   map[string]watchedDir // every watched folder, so an event finds its owner in one lookup
	closed bool
}

// WatchOptions configure a Watcher. The callbacks run on the watcher's event
// goroutine: they must return quickly and must not call Close.
type WatchOptions struct {
	// OnChange is called when a ref, HEAD, packed-refs or a reflog of the
	// repository changed, or its git folder disappeared. It may be called
	// several times for one commit; the caller debounces (Scheduler.Nudge).
	OnChange func(repoID string)
	// OnOverflow is called when the kernel dropped events: the caller
	// reconciles every repository.
	OnOverflow func()
	Logger     *slog.Logger
}

type watchedRepo struct {
	id     string
	gitDir string
	dirs   map[string]struct{}
}

// dirKind is the role of a watched folder inside a git folder; it decides
// which names in it matter and which new subfolders get watched.
type dirKind uint8

const (
	kindNone      dirKind = iota
	kindGitDir            // the common git folder: HEAD, packed-refs, *_HEAD
	kindRefs              // refs/ and every folder below it
	kindLogs              // logs/ and every folder below it (reflogs)
	kindWorktrees         // worktrees/: one folder per linked worktree
	kindWorktree          // worktrees/NAME/: that worktree's HEAD
)

type watchedDir struct {
	repo *watchedRepo
	kind dirKind
}

// NewWatcher starts the watcher's event goroutine; Close ends it.
func NewWatcher(o WatchOptions) (*Watcher, error) {
	if o.OnChange == nil {
		o.OnChange = func(string) {}
	}
	if o.OnOverflow == nil {
		o.OnOverflow = func() {}
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	fw, err := fsnotify.NewWatcher()
	if err != nil {
		return nil, watcherInitError(err)
	}
	w := &Watcher{
		opts:  o,
		fs:    fw,
		done:  make(chan struct{}),
		repos: map[string]*watchedRepo{},
		dirs:  map[string]watchedDir{},
	}
	go w.loop()
	return w, nil
}

// Add watches the repository whose common git folder is gitDir: the folder
// itself, refs/ and logs/ with everything below them, and the folders of
// linked worktrees. Adding a repository again replaces its watches, for a
// repository that moved. On error the repository keeps no watches (the
// periodic reconcile still covers it) and Watched lists it with zero.
func (w *Watcher) Add(repoID, gitDir string) error {
	abs, err := filepath.Abs(gitDir)
	if err != nil {
		return fmt.Errorf("watch %s: %w", gitDir, err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.closed {
		return fmt.Errorf("watch %s: %w", abs, fsnotify.ErrClosed)
	}
	if old := w.repos[repoID]; old != nil {
		w.unwatchLocked(old, "")
	}
	if d, ok := w.dirs[abs]; ok {
		delete(w.repos, repoID)
		return fmt.Errorf("watch %s: already watched for repository %s", abs, d.repo.id)
	}
	r := &watchedRepo{id: repoID, gitDir: abs, dirs: map[string]struct{}{}}
	w.repos[repoID] = r
	if err := w.watchTreeLocked(r, abs, kindGitDir); err != nil {
		// Half a set of watches would miss some refs silently and still
		// use up the watch limit: all or nothing.
		w.unwatchLocked(r, "")
		return err
	}
	return nil
}

// Remove stops watching the repository's folders.
func (w *Watcher) Remove(repoID string) {
	w.mu.Lock()
	defer w.mu.Unlock()
	if r := w.repos[repoID]; r != nil {
		w.unwatchLocked(r, "")
		delete(w.repos, repoID)
	}
}

// Watched returns, for each added repository, how many folders are watched;
// zero means it is seen only by the periodic reconcile.
func (w *Watcher) Watched() map[string]int {
	w.mu.Lock()
	defer w.mu.Unlock()
	out := make(map[string]int, len(w.repos))
	for id, r := range w.repos {
		out[id] = len(r.dirs)
	}
	return out
}

// Close stops watching and waits for the event goroutine to end.
func (w *Watcher) Close() error {
	w.mu.Lock()
	if w.closed {
		w.mu.Unlock()
		return nil
	}
	w.closed = true
	w.mu.Unlock()
	err := w.fs.Close()
	<-w.done
	if err != nil {
		return fmt.Errorf("close watcher: %w", err)
	}
	return nil
}

func (w *Watcher) loop() {
	defer close(w.done)
	for {
		select {
		case ev, ok := <-w.fs.Events:
			if !ok {
				return
			}
			if id, changed := w.route(ev); changed {
				w.opts.OnChange(id)
			}
		case err, ok := <-w.fs.Errors:
			if !ok {
				return
			}
			w.handleError(err)
		}
	}
}

func (w *Watcher) handleError(err error) {
	if !errors.Is(err, fsnotify.ErrEventOverflow) {
		w.opts.Logger.Warn("file watcher", "err", err)
		return
	}
	w.opts.Logger.Warn("file events were lost; reconciling every repository", "err", err)
	// A lost event may have been a new refs/ subfolder: watch what exists
	// now, so later changes inside it are seen again.
	w.mu.Lock()
	for _, r := range w.repos {
		w.rescanLocked(r)
	}
	w.mu.Unlock()
	w.opts.OnOverflow()
}

// route decides whether ev is a change of some repository, and keeps the set
// of watched folders in step with the folders that appear and disappear. It
// runs for every event, so it sticks to map lookups and substrings of
// ev.Name; only a Create in a folder where subfolders are watched costs a
// stat, to learn whether the new name is a folder.
func (w *Watcher) route(ev fsnotify.Event) (repoID string, changed bool) {
	if ev.Op&^fsnotify.Chmod == 0 {
		return "", false // attribute noise: indexers, backups, link counts
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if d, ok := w.dirs[ev.Name]; ok && ev.Op&(fsnotify.Remove|fsnotify.Rename) != 0 {
		// A watched folder went away: a ref folder emptied by a branch
		// deletion, or the whole repository deleted or moved. The kernel
		// drops its watch; forget it too, and let the reconcile find out
		// what is left (and record the error if nothing is).
		if ev.Name == d.repo.gitDir {
			w.opts.Logger.Info("git folder disappeared; no longer watched", "repo", d.repo.id, "git_dir", ev.Name)
		}
		w.unwatchLocked(d.repo, ev.Name)
		return d.repo.id, true
	}
	parent, ok := w.dirs[filepath.Dir(ev.Name)]
	if !ok {
		return "", false // late event from a folder no longer watched
	}
	name := filepath.Base(ev.Name)
	if strings.HasSuffix(name, ".lock") {
		return "", false // only the rename of the lock onto the ref counts
	}
	if ev.Has(fsnotify.Create) {
		if k := childKind(parent.kind, name); k != kindNone && isDir(ev.Name) {
			// Watch it, then list it: a ref written before the watch
			// existed is why this counts as a change by itself.
			if err := w.watchTreeLocked(parent.repo, ev.Name, k); err != nil {
				w.opts.Logger.Warn("watch new folder", "repo", parent.repo.id, "err", err)
			}
			return parent.repo.id, true
		}
	}
	return parent.repo.id, relevant(parent.kind, name)
}

// childKind is the role of a subfolder name of a folder of kind parent, or
// kindNone when it is not watched (objects/, hooks/, info/, modules/, ...).
func childKind(parent dirKind, name string) dirKind {
	switch parent {
	case kindGitDir:
		switch name {
		case "refs":
			return kindRefs
		case "logs":
			return kindLogs
		case "worktrees":
			return kindWorktrees
		}
	case kindRefs, kindLogs:
		return parent
	case kindWorktrees:
		return kindWorktree
	}
	return kindNone
}

// relevant reports whether a change to the file name in a folder of the
// given kind can move a branch tip. Lock files are filtered before.
func relevant(kind dirKind, name string) bool {
	switch kind {
	case kindRefs, kindLogs:
		return true
	case kindGitDir, kindWorktree:
		// HEAD, packed-refs, ORIG_HEAD, FETCH_HEAD, MERGE_HEAD, ...; not
		// index, COMMIT_EDITMSG, config or gc.log.
		return name == "HEAD" || name == "packed-refs" || strings.HasSuffix(name, "_HEAD")
	}
	return false
}

// watchTreeLocked watches dir and the subfolders its kind asks for. The watch
// comes before the listing, so a folder created in between is either listed
// or reported by an event; watching one twice is harmless.
func (w *Watcher) watchTreeLocked(r *watchedRepo, dir string, kind dirKind) error {
	if d, ok := w.dirs[dir]; ok && d.repo != r {
		return nil // another repository's folder: never take it over
	}
	if err := w.fs.Add(dir); err != nil {
		return watchAddError(dir, err)
	}
	w.dirs[dir] = watchedDir{repo: r, kind: kind}
	r.dirs[dir] = struct{}{}
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil // gone already; its removal event follows
	}
	if err != nil {
		return fmt.Errorf("list %s: %w", dir, err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		k := childKind(kind, e.Name())
		if k == kindNone {
			continue
		}
		if err := w.watchTreeLocked(r, filepath.Join(dir, e.Name()), k); err != nil {
			return err
		}
	}
	return nil
}

// unwatchLocked stops watching root and the folders below it, or all of the
// repository's folders when root is "".
func (w *Watcher) unwatchLocked(r *watchedRepo, root string) {
	for dir := range r.dirs {
		if root != "" && dir != root && !isBelow(dir, root) {
			continue
		}
		// The kernel has already dropped the watch of a deleted folder,
		// so an error here only says so.
		_ = w.fs.Remove(dir)
		delete(r.dirs, dir)
		delete(w.dirs, dir)
	}
}

// rescanLocked forgets folders that no longer exist and watches any that
// appeared unnoticed.
func (w *Watcher) rescanLocked(r *watchedRepo) {
	for dir := range r.dirs {
		if !isDir(dir) {
			w.unwatchLocked(r, dir)
		}
	}
	if !isDir(r.gitDir) {
		return
	}
	if err := w.watchTreeLocked(r, r.gitDir, kindGitDir); err != nil {
		w.opts.Logger.Warn("watch after lost events", "repo", r.id, "err", err)
	}
}

func isBelow(path, root string) bool {
	return len(path) > len(root) && path[len(root)] == filepath.Separator && strings.HasPrefix(path, root)
}

func isDir(path string) bool {
	fi, err := os.Lstat(path)
	return err == nil && fi.IsDir()
}
