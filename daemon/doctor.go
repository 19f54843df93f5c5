package daemon

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/hooks"
	"github.com/ticket-master/ticket-master/store"
)

// Check is one line of `ticket-master doctor`.
type Check struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Warn   bool   `json:"warn,omitempty"` // not broken, but worth knowing
	Detail string `json:"detail"`
	Fix    string `json:"fix,omitempty"` // the exact thing to do
}

// DoctorOptions say what to check.
type DoctorOptions struct {
	Paths  config.Paths
	Config config.Config
	Getenv func(string) string
}

// Doctor checks everything ticket-master depends on and says how to fix
// what is wrong: git, the database, the daemon, Ollama and the model, and
// the hooks of every enrolled repository.
func Doctor(ctx context.Context, o DoctorOptions) []Check {
	var out []Check
	out = append(out, checkGit(ctx))
	st, dbChecks := checkStore(o.Paths)
	out = append(out, dbChecks...)
	out = append(out, checkDaemon(ctx, o.Paths))
	out = append(out, checkLLM(ctx, o)...)
	if st != nil {
		out = append(out, checkHooks(st)...)
	}
	return out
}

func checkGit(ctx context.Context) Check {
	c := Check{Name: "git"}
	out, err := exec.CommandContext(ctx, "git", "--version").Output()
	if err != nil {
		c.Detail, c.Fix = "git is not on PATH", "install git 2.26 or newer"
		return c
	}
	v := strings.TrimSpace(string(out))
	c.Detail = v
	fields := strings.Fields(strings.TrimPrefix(v, "git version "))
	if len(fields) > 0 {
		parts := strings.SplitN(fields[0], ".", 3)
		major, _ := strconv.Atoi(parts[0])
		minor := 0
		if len(parts) > 1 {
			minor, _ = strconv.Atoi(parts[1])
		}
		if major < 2 || (major == 2 && minor < 26) {
			c.Fix = "upgrade git to 2.26 or newer (hooks need `git config --show-scope`)"
			return c
		}
	}
	c.OK = true
	return c
}

func checkStore(paths config.Paths) (*store.Store, []Check) {
	c := Check{Name: "database"}
	if err := paths.EnsureState(); err != nil {
		c.Detail, c.Fix = err.Error(), "make "+paths.StateDir+" writable"
		return nil, []Check{c}
	}
	opts := store.Options{NoticeDir: paths.NoticeDir()}
	health, err := store.Check(paths.Database(), opts)
	if err != nil {
		c.Detail, c.Fix = storeProblem(err)
		return nil, []Check{c, checkBackup(paths.Database())}
	}
	st, err := store.Open(paths.Database(), opts)
	if err != nil {
		c.Detail, c.Fix = storeProblem(err)
		return nil, []Check{c}
	}
	if info, err := os.Stat(st.Path()); err == nil {
		health.Size = info.Size() // Open creates the file on a first run
	}
	c.OK, c.Detail = true, fmt.Sprintf("%s (%s, checked)", st.Path(), sizeText(health.Size))
	out := []Check{c, checkBackup(paths.Database())}
	if health.NeedsCompaction() {
		out = append(out, Check{Name: "space", OK: true, Warn: true,
			Detail: fmt.Sprintf("%.0f%% of the database file is free space", 100*health.FreeShare()),
			Fix:    store.FixCommand + " (compacts it; the daemon also does once a day)"})
	}
	return st, out
}

// storeProblem words a database error for doctor: what is wrong, and the
// fix.
func storeProblem(err error) (detail, fix string) {
	var damage *store.DamageError
	var missing *store.MissingError
	switch {
	case errors.As(err, &damage):
		return "damaged: " + damage.Detail, store.FixCommand + " (sets the file aside and restores the last backup)"
	case errors.As(err, &missing):
		what := "missing"
		if missing.Emptied {
			what = "empty"
		}
		return fmt.Sprintf("%s, but %s", what, missing.Evidence), store.FixCommand + " (restores the last backup)"
	case errors.Is(err, store.ErrBusy):
		return err.Error(), "another ticket-master process holds the database; try again, or stop the daemon with `ticket-master daemon stop`"
	}
	return err.Error(), ""
}

// checkBackup is a note, never a failure: a missing backup is normal
// until the daemon has run for a while after a change.
func checkBackup(dbPath string) Check {
	c := Check{Name: "backup", OK: true}
	b := store.Backup(dbPath)
	switch {
	case !b.Exists:
		c.Warn, c.Detail = true, "none yet: the running daemon writes one within an hour of a change"
	case b.Err != nil:
		c.Warn, c.Detail = true, "unusable: "+b.Err.Error()
		c.Fix = "the running daemon replaces it within the hour; remove " + b.Path + " if it does not"
	default:
		c.Detail = fmt.Sprintf("%s (from %s)", b.Path, b.Time.Local().Format(time.DateTime))
	}
	return c
}

func sizeText(n int64) string {
	switch {
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MiB", float64(n)/(1<<20))
	case n >= 1<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return fmt.Sprintf("%d bytes", n)
}

func checkDaemon(ctx context.Context, paths config.Paths) Check {
	c := Check{Name: "daemon"}
	live := Probe(ctx, NewClient(paths.Socket(), 2*time.Second), paths)
	c.OK, c.Detail, c.Fix = live.State == LiveRunning, live.Text(), live.Fix()
	return c
}

func checkLLM(ctx context.Context, o DoctorOptions) []Check {
	llm := o.Config.LLM
	if !llm.Enabled() {
		return []Check{{Name: "ollama", OK: true, Warn: true, Detail: "off (llm.provider: none): drafts come from the template drafter"}}
	}
	host, err := draft.ResolveHost(o.Getenv, llm.Host)
	if err != nil {
		return []Check{{Name: "ollama", Detail: err.Error(), Fix: "set OLLAMA_HOST or llm.host to an address such as http://127.0.0.1:11434"}}
	}
	ol := draft.NewOllama(draft.OllamaConfig{Host: host, Model: llm.Model, Timeout: 10 * time.Second})
	// The model is optional: without it drafts come from the template
	// drafter, so a missing Ollama or model is a note, not a failure.
	reach := Check{Name: "ollama"}
	version, err := ol.Ping(ctx)
	if err != nil {
		reach.OK, reach.Warn = true, true
		reach.Detail = err.Error() + "; drafts come from the template drafter"
		reach.Fix = "to draft with a model, start Ollama (`ollama serve`, see https://ollama.com/download) or point OLLAMA_HOST at it; to stop this note, set llm.provider: none"
		return []Check{reach}
	}
	reach.OK, reach.Detail = true, fmt.Sprintf("%s answers (version %s)", ol.Host(), version)

	model := Check{Name: "model"}
	info, err := ol.Model(ctx, llm.Model)
	switch {
	case errors.Is(err, draft.ErrModelMissing):
		model.OK, model.Warn = true, true
		model.Detail = fmt.Sprintf("%s is not pulled; drafts come from the template drafter", llm.Model)
		model.Fix = "ticket-master model pull " + llm.Model
		return []Check{reach, model}
	case err != nil:
		model.OK, model.Warn = true, true
		model.Detail = err.Error() + "; drafts come from the template drafter"
		return []Check{reach, model}
	}
	model.OK = true
	model.Detail = llm.Model
	if info.Family != "" {
		model.Detail += " (" + info.Family + ")"
	}
	window := Check{Name: "context", OK: true}
	switch {
	case info.ContextLength == 0:
		window.Detail = fmt.Sprintf("the model does not say its limit; using llm.num_ctx %d", llm.NumCtx)
	case info.ContextLength < llm.NumCtx:
		window.Warn = true
		window.Detail = fmt.Sprintf("the model takes %d tokens, less than llm.num_ctx %d: prompts are fitted to %d", info.ContextLength, llm.NumCtx, info.ContextLength)
		window.Fix = fmt.Sprintf("set llm.num_ctx: %d in %s", info.ContextLength, o.Paths.ConfigFile())
	default:
		window.Detail = fmt.Sprintf("prompts fitted to %d tokens (the model takes up to %d)", llm.NumCtx, info.ContextLength)
	}
	return []Check{reach, model, window}
}

func checkHooks(st *store.Store) []Check {
	var repos []store.Repo
	err := st.View(func(tx *store.Tx) (err error) {
		repos, err = tx.Repos()
		return err
	})
	if err != nil {
		return []Check{{Name: "repositories", Detail: err.Error()}}
	}
	var out []Check
	for _, r := range repos {
		if !r.Enrolled {
			continue
		}
		c := Check{Name: "repo " + r.Path}
		if _, err := os.Stat(r.GitDir); err != nil {
			c.Detail = "moved or deleted"
			c.Fix = "ticket-master enroll NEW-PATH where it is now (its record and baseline carry over), or ticket-master unenroll " + r.Path
			if r.MovedTo != "" {
				c.Detail = "moved to " + r.MovedTo
				c.Fix = "ticket-master enroll " + r.MovedTo + " (its record and baseline carry over)"
			}
			out = append(out, c)
			continue
		}
		c = hookCheck(c, r)
		if _, err := config.LoadRepoSettings(r.Path); err != nil {
			c.OK, c.Detail = false, c.Detail+"; "+err.Error()
			c.Fix = "fix the file (ticket-master config check " + r.Path + " shows every problem)"
		}
		if r.LastError != "" {
			c.OK, c.Detail = false, c.Detail+"; last reconcile failed: "+r.LastError
		}
		out = append(out, c)
	}
	if len(out) == 0 {
		out = append(out, Check{Name: "repositories", OK: true, Warn: true, Detail: "none enrolled", Fix: "cd REPO && ticket-master enroll"})
	}
	return out
}

// hookCheck says whether the repository's hooks call ticket-master. A
// repository enrolled with --no-hooks, or whose hooks folder another
// manager owns (husky, a core.hooksPath), is fine without our hooks: the
// file watcher sees its commits, and that manager's hooks may call
// `ticket-master hook`. That is a note, not a failure, and its fix is never
// the enroll that refuses.
func hookCheck(c Check, r store.Repo) Check {
	states, err := hooks.Inspect(r.Path)
	if err != nil {
		c.Detail = err.Error()
		return c
	}
	var missing []string
	for _, s := range states {
		if !s.Ours {
			missing = append(missing, s.Hook)
		}
	}
	if len(missing) == 0 {
		c.OK, c.Detail = true, "hooks installed"
		return c
	}
	dir, _ := hooks.Dir(r.Path)
	managed := dir != "" && filepath.Clean(dir) != filepath.Join(r.GitDir, "hooks")
	if r.NoHooks || (managed && len(missing) == len(states)) {
		c.OK, c.Warn = true, true
		if callsUs(dir) {
			c.Detail = "hooks managed elsewhere (" + dir + ") call `ticket-master hook`"
			c.Warn = false
			return c
		}
		c.Detail = "hooks managed elsewhere (" + dir + "); the file watcher sees commits"
		c.Fix = "for a nudge on every commit, add `ticket-master hook post-commit \"$@\"` (and post-merge, post-rewrite) to that manager's hooks"
		return c
	}
	c.Detail = "hooks missing or replaced: " + strings.Join(missing, ", ")
	c.Fix = "ticket-master enroll " + r.Path
	return c
}

// callsUs reports whether a hook in dir (or, for husky's generated .husky/_,
// the user's scripts one level up) runs `ticket-master hook`.
func callsUs(dir string) bool {
	if dir == "" {
		return false
	}
	dirs := []string{dir}
	if filepath.Base(dir) == "_" {
		dirs = append(dirs, filepath.Dir(dir))
	}
	for _, d := range dirs {
		for _, h := range hooks.Names() {
			raw, err := os.ReadFile(filepath.Join(d, h))
			if err == nil && strings.Contains(string(raw), "ticket-master hook") {
				return true
			}
		}
	}
	return false
}
