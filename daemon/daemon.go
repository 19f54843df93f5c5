// Package daemon is ticket-master's background service: a small HTTP API on
// a Unix socket that hooks nudge, a scheduler that runs one reconcile per
// repository at a time, and the reconcile itself, which turns new commits
// into findings and drafts in the store.
package daemon

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"os"
	"sync"
	"time"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/store"
)

// Options configure a daemon.
type Options struct {
	Paths   config.Paths
	Config  config.Config
	Version string
	Clock   Clock // nil means the wall clock
	Logger  *slog.Logger
	// Getenv reads OLLAMA_HOST; nil means os.Getenv.
	Getenv func(string) string
	// Ready, when set, is called once the socket accepts requests.
	Ready func()
	// HookBinary is what upgraded hooks call; empty means this executable.
	HookBinary string
}

// server is one running daemon.
type server struct {
	opts      Options
	store     *store.Store
	sched     *Scheduler
	rec       *Reconciler
	llm       *llmWorker
	watch     *Watcher // nil when the OS gave no watcher: periodic reconcile only
	log       *slog.Logger
	startedAt time.Time
	shutdown  func()

	watchMu    sync.Mutex
	watchedAt  map[string]string // repository ID → the git folder watched, under watchMu
	mu         sync.Mutex
	nudges     int
	reconciles int
	lastRun    map[string]time.Time // repository ID → when its last reconcile ended
}

// Run serves until ctx is cancelled or a client asks it to stop. It refuses
// to start when another daemon holds the instance lock. On the way out the
// running reconciles are cancelled between batches: what was written is
// whole, and the next start catches up on the rest.
func Run(ctx context.Context, opts Options) error {
	if opts.Clock == nil {
		opts.Clock = RealClock{}
	}
	if opts.Logger == nil {
		opts.Logger = slog.New(slog.NewTextHandler(os.Stderr, nil))
	}
	if opts.Getenv == nil {
		opts.Getenv = os.Getenv
	}
	ollama, err := newOllama(opts)
	if err != nil {
		return err
	}
	if err := opts.Paths.EnsureState(); err != nil {
		return err
	}
	if err := opts.Paths.EnsureRuntime(); err != nil {
		return err
	}
	lock, err := acquireLock(opts.Paths.DaemonLock())
	if err != nil {
		return err
	}
	defer lock.release()
	if logger, closeLog, ok := takeOverLog(opts.Paths.DaemonLog()); ok { // rotated: see logfile.go
		opts.Logger = logger
		defer closeLog()
	}

	st, err := store.Open(opts.Paths.Database(), store.Options{NoticeDir: opts.Paths.NoticeDir()})
	if err != nil {
		return err
	}
	clearStopped(opts.Paths) // started: the hooks stop saying it is stopped
	defer notifyInterrupt(func() { onPurpose(opts.Paths, lock) })()
	upgradeHooks(st, opts.Paths, hookBinary(opts), opts.Logger)
	// We hold the instance lock, so a socket file left here belongs to a
	// daemon that died: replace it.
	sock := opts.Paths.Socket()
	if err := os.Remove(sock); err != nil && !errors.Is(err, os.ErrNotExist) {
		return fmt.Errorf("remove stale socket: %w", err)
	}
	ln, err := net.Listen("unix", sock)
	if err != nil {
		return fmt.Errorf("listen on %s: %w", sock, err)
	}
	defer os.Remove(sock)
	if err := os.Chmod(sock, 0o600); err != nil {
		ln.Close()
		return fmt.Errorf("secure socket: %w", err)
	}

	ctx, stop := context.WithCancel(ctx)
	defer stop()
	s := &server{
		opts:      opts,
		store:     st,
		rec:       &Reconciler{Store: st, Config: opts.Config},
		log:       opts.Logger,
		startedAt: opts.Clock.Now(),
		shutdown:  func() { onPurpose(opts.Paths, lock); stop() }, // see revive.go
	}
	s.sched = NewScheduler(ctx, s.job, opts.Config.Daemon.Debounce.Std(), opts.Clock)
	s.llm = newLLMWorker(st, opts.Config, ollama, opts.Logger, opts.Clock)
	s.watch, err = NewWatcher(WatchOptions{
		OnChange:   s.watchNudge,                   // see hold.go
		OnOverflow: func() { go s.reconcileAll() }, // not on the watcher's goroutine
		Logger:     opts.Logger,
	})
	if err != nil {
		s.log.Warn("no file watching; relying on hooks and the periodic reconcile", "err", err)
		s.watch = nil
	} else {
		defer s.watch.Close()
	}
	var workers sync.WaitGroup
	workers.Add(1)
	go func() {
		defer workers.Done()
		s.llm.run(ctx)
	}()

	srv := &http.Server{Handler: s.routes(), ReadHeaderTimeout: 5 * time.Second}
	serveErr := make(chan error, 1)
	go func() { serveErr <- srv.Serve(ln) }()
	s.log.Info("daemon started", "pid", os.Getpid(), "socket", sock, "version", opts.Version)
	s.keepSocket(ctx)
	if opts.Ready != nil {
		opts.Ready()
	}

	// Repositories enrolled before ID files existed get one, so a move is
	// recognised.
	writeMissingIDs(ctx, st, opts.Logger)

	// Catch up on whatever happened while no daemon ran, then keep
	// reconciling now and then for commits no hook or event reported.
	s.reconcileAll()
	s.schedulePeriodic(ctx)
	// Backups and compaction, off the start-up path.
	go newUpkeep(st, opts.Clock, opts.Logger).start(ctx)
	s.llm.Kick() // template drafts left from before may be rewritten now

	select {
	case <-ctx.Done():
	case err := <-serveErr:
		s.log.Error("server stopped", "err", err)
	}
	s.log.Info("daemon stopping")
	shutCtx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
	defer cancel()
	_ = srv.Shutdown(shutCtx)
	stop()
	s.sched.Stop()
	workers.Wait()
	s.log.Info("daemon stopped")
	return nil
}

func (s *server) job(ctx context.Context, repoID string) error {
	sum, err := s.rec.Reconcile(ctx, repoID)
	s.mu.Lock()
	s.reconciles++
	if err == nil {
		if s.lastRun == nil {
			s.lastRun = map[string]time.Time{}
		}
		s.lastRun[repoID] = s.opts.Clock.Now().UTC()
	}
	s.mu.Unlock()
	switch {
	case errors.Is(err, ErrHeld):
		s.log.Debug("reconcile postponed", "repo", repoID, "why", err)
	case errors.Is(err, context.Canceled):
		s.log.Info("reconcile cancelled", "repo", repoID)
	case err != nil:
		s.log.Warn("reconcile failed", "repo", repoID, "err", err)
	case sum.Commits > 0:
		s.log.Info("reconciled", "repo", repoID, "commits", sum.Commits, "findings", sum.Findings,
			"resolved", sum.Resolved, "new_drafts", sum.NewDrafts, "withdrawn", sum.Withdrawn)
		if sum.Unreadable > 0 {
			s.log.Warn("commits git could not read (objects missing from the repository; `git fsck` lists them)",
				"repo", repoID, "commits", sum.Unreadable)
		}
	}
	if err == nil && sum.Backlog > 0 {
		// More new commits than one reconcile takes: carry on soon,
		// leaving room for other repositories' jobs in between.
		s.log.Info("backlog", "repo", repoID, "commits", sum.Backlog)
		s.sched.Nudge(repoID)
	}
	if err == nil {
		s.llm.Kick()
	}
	return err
}

// newOllama makes the model client, or nil when llm.provider is none.
func newOllama(opts Options) (*draft.Ollama, error) {
	llm := opts.Config.LLM
	if !llm.Enabled() {
		return nil, nil
	}
	host, err := draft.ResolveHost(opts.Getenv, llm.Host)
	if err != nil {
		return nil, fmt.Errorf("ollama host: %w", err)
	}
	return draft.NewOllama(draft.OllamaConfig{
		Host: host, Model: llm.Model, NumCtx: llm.NumCtx, Temperature: llm.Temperature,
		KeepAlive: llm.KeepAlive.Std(), Timeout: llm.Timeout.Std(),
	}), nil
}

// enrolled lists the repositories to watch.
func (s *server) enrolled() ([]store.Repo, error) {
	var out []store.Repo
	err := s.store.View(func(tx *store.Tx) error {
		repos, err := tx.Repos()
		for _, r := range repos {
			if r.Enrolled {
				out = append(out, r)
			}
		}
		return err
	})
	return out, err
}

func (s *server) reconcileAll() []<-chan error {
	repos, err := s.enrolled()
	if err != nil {
		s.log.Warn("list repositories", "err", err)
		return nil
	}
	s.syncWatches(repos)
	var chans []<-chan error
	for _, r := range repos {
		chans = append(chans, s.sched.Trigger(r.ID))
	}
	return chans
}

func (s *server) schedulePeriodic(ctx context.Context) {
	every := s.opts.Config.Daemon.ReconcileInterval.Std()
	if every <= 0 {
		return
	}
	var arm func()
	arm = func() {
		s.opts.Clock.AfterFunc(every, func() {
			if ctx.Err() != nil {
				return
			}
			s.reconcileAll()
			arm()
		})
	}
	arm()
}

// syncWatches makes the watched repositories the enrolled ones: new ones
// are added (a failure is logged: that repository falls back to the
// periodic reconcile), unenrolled ones dropped.
func (s *server) syncWatches(repos []store.Repo) {
	if s.watch == nil {
		return
	}
	s.watchMu.Lock()
	defer s.watchMu.Unlock()
	watched := s.watch.Watched()
	want := map[string]bool{}
	for _, r := range repos {
		want[r.ID] = true
		if _, ok := watched[r.ID]; ok && s.watchedAt[r.ID] == r.GitDir {
			continue // a moved repository, enrolled again, is watched anew
		}
		if s.watchedAt == nil {
			s.watchedAt = map[string]string{}
		}
		s.watchedAt[r.ID] = r.GitDir
		if err := s.watch.Add(r.ID, r.GitDir); err != nil {
			s.log.Warn("cannot watch repository; the periodic reconcile covers it", "repo", r.Path, "err", err)
		}
	}
	for id := range watched {
		if !want[id] {
			s.watch.Remove(id)
			delete(s.watchedAt, id)
		}
	}
}
