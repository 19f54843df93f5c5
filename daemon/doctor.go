package daemon

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"strconv"
	"strings"
	"time"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/daemon/draft"
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
	st, dbCheck := checkStore(o.Paths)
	out = append(out, dbCheck, checkDaemon(ctx, o.Paths))
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

func checkStore(paths config.Paths) (*store.Store, Check) {
	c := Check{Name: "database"}
	if err := paths.EnsureState(); err != nil {
		c.Detail, c.Fix = err.Error(), "make "+paths.StateDir+" writable"
		return nil, c
	}
	st, err := store.Open(paths.Database(), store.Options{NoticeDir: paths.NoticeDir()})
	if err != nil {
		c.Detail = err.Error()
		if errors.Is(err, store.ErrBusy) {
			c.Fix = "another ticket-master process holds the database; try again, or stop the daemon with `ticket-master daemon stop`"
		}
		return nil, c
	}
	c.OK, c.Detail = true, st.Path()
	return st, c
}

func checkDaemon(ctx context.Context, paths config.Paths) Check {
	c := Check{Name: "daemon"}
	s, err := NewClient(paths.Socket(), 2*time.Second).Status(ctx)
	if err != nil {
		c.Detail = err.Error()
		c.Fix = "ticket-master daemon start"
		return c
	}
	c.OK, c.Detail = true, fmt.Sprintf("running (pid %d, version %s)", s.PID, s.Version)
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
	reach := Check{Name: "ollama"}
	version, err := ol.Ping(ctx)
	if err != nil {
		reach.Detail = err.Error()
		reach.Fix = "start Ollama (`ollama serve`, see https://ollama.com/download), or point OLLAMA_HOST at it; until then drafts come from the template drafter"
		return []Check{reach}
	}
	reach.OK, reach.Detail = true, fmt.Sprintf("%s answers (version %s)", ol.Host(), version)

	model := Check{Name: "model"}
	info, err := ol.Model(ctx, llm.Model)
	switch {
	case errors.Is(err, draft.ErrModelMissing):
		model.Detail = fmt.Sprintf("%s is not pulled", llm.Model)
		model.Fix = "ticket-master model pull " + llm.Model
		return []Check{reach, model}
	case err != nil:
		model.Detail = err.Error()
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
			c.Fix = "ticket-master unenroll " + r.Path + " (then enroll it where it is now)"
			out = append(out, c)
			continue
		}
		states, err := hooks.Inspect(r.Path)
		if err != nil {
			c.Detail = err.Error()
			out = append(out, c)
			continue
		}
		var missing []string
		for _, s := range states {
			if !s.Ours {
				missing = append(missing, s.Hook)
			}
		}
		if len(missing) > 0 {
			c.Detail = "hooks missing or replaced: " + strings.Join(missing, ", ")
			c.Fix = "ticket-master enroll " + r.Path
		} else {
			c.OK, c.Detail = true, "hooks installed"
		}
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
