package analyze

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

// Errors a user can act on; messages say what to do next.
var (
	ErrNotRepo = errors.New("not a git repository")
	ErrBare    = errors.New("bare repository: ticket-master watches repositories you commit in; enroll a clone with a working tree")
)

// Repo is an opened repository: where it lives, and how to read its refs.
type Repo struct {
	// Path is the top of the main working tree.
	Path string
	// GitDir is the common git folder (shared by linked worktrees).
	GitDir string
	// Shallow commits are the boundary of a shallow clone: their parents are
	// missing, so they cannot be diffed and are never analysed.
	Shallow map[string]bool

	gg *git.Repository // nil when go-git refused the repository

	settingsMu sync.Mutex
	settingsAt map[string][]byte // RepoSettingsAt's answers, by commit hash

	keep keptReaders // readers of ended analyses, when asked (KeepReaders)
}

// Open finds the repository containing path. It asks git itself where the
// folders are, since only git knows every layout (linked worktrees,
// core.worktree, gitdir files), and then reads refs through go-git; where
// go-git refuses a repository (extensions.worktreeConfig, in v5.17 and
// later), it reads them through the git CLI instead.
func Open(ctx context.Context, dir string) (*Repo, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("resolve %s: %w", dir, err)
	}
	if st, err := os.Stat(abs); err != nil {
		return nil, fmt.Errorf("%s: no such folder", abs)
	} else if !st.IsDir() {
		return nil, fmt.Errorf("%s: %w (it is a file)", abs, ErrNotRepo)
	}
	out, err := runGit(ctx, abs, "rev-parse", "--is-bare-repository", "--git-common-dir")
	if err != nil {
		return nil, fmt.Errorf("%s: %w", abs, ErrNotRepo)
	}
	lines := strings.Split(out, "\n")
	if len(lines) != 2 {
		return nil, fmt.Errorf("%s: unexpected answer from git rev-parse: %q", abs, out)
	}
	if lines[0] == "true" {
		return nil, fmt.Errorf("%s: %w", abs, ErrBare)
	}
	common := lines[1]
	if !filepath.IsAbs(common) {
		common = filepath.Join(abs, common)
	}
	common = filepath.Clean(common)
	if resolved, err := filepath.EvalSymlinks(common); err == nil {
		common = resolved
	}
	r := &Repo{GitDir: common}
	if filepath.Base(common) == ".git" {
		r.Path = filepath.Dir(common)
	} else {
		// A separate git dir (core.worktree, --separate-git-dir): the
		// working tree is wherever git says it is.
		top, err := runGit(ctx, abs, "rev-parse", "--show-toplevel")
		if err != nil {
			return nil, fmt.Errorf("%s: %w", abs, err)
		}
		r.Path = filepath.Clean(top)
	}
	if r.Shallow, err = readShallow(common); err != nil {
		return nil, err
	}
	// go-git's refusal is not an error for us: the CLI path covers it.
	r.gg, _ = git.PlainOpenWithOptions(common, &git.PlainOpenOptions{})
	return r, nil
}

func readShallow(gitDir string) (map[string]bool, error) {
	f, err := os.Open(filepath.Join(gitDir, "shallow"))
	if errors.Is(err, os.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read shallow file: %w", err)
	}
	defer f.Close()
	set := map[string]bool{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if h := strings.TrimSpace(sc.Text()); h != "" {
			set[h] = true
		}
	}
	return set, sc.Err()
}

// Tips returns the commits at the tips of the watched local branches (all of
// them when globs is empty), keyed by full ref name, plus "HEAD" when HEAD is
// detached, since commits made there are commits too. An empty repository
// has no tips.
func (r *Repo) Tips(ctx context.Context, globs []string) (map[string]string, error) {
	var tips map[string]string
	var err error
	if r.gg != nil {
		tips, err = r.tipsGoGit()
	}
	if r.gg == nil || err != nil {
		// go-git reads every file under refs/ as a ref, and git writes a
		// ref through an empty NAME.lock beside it: a reconcile that came
		// while `git push` updated refs/remotes/origin/main failed with
		// "ref file is empty" (seen in `make demo`'s status). git itself
		// lists what is there.
		tips, err = r.tipsCLI(ctx)
	}
	if err != nil {
		return nil, err
	}
	for ref := range tips {
		if ref != "HEAD" && !matchBranch(strings.TrimPrefix(ref, "refs/heads/"), globs) {
			delete(tips, ref)
		}
	}
	return tips, nil
}

func matchBranch(name string, globs []string) bool {
	if len(globs) == 0 {
		return true
	}
	for _, g := range globs {
		if ok, _ := path.Match(g, name); ok {
			return true
		}
	}
	return false
}

func (r *Repo) tipsGoGit() (map[string]string, error) {
	tips := map[string]string{}
	iter, err := r.gg.Branches()
	if err != nil {
		return nil, fmt.Errorf("list branches: %w", err)
	}
	err = iter.ForEach(func(ref *plumbing.Reference) error {
		tips[ref.Name().String()] = ref.Hash().String()
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("list branches: %w", err)
	}
	head, err := r.gg.Reference(plumbing.HEAD, false)
	if err == nil && head.Type() == plumbing.HashReference {
		tips["HEAD"] = head.Hash().String()
	}
	return tips, nil
}

func (r *Repo) tipsCLI(ctx context.Context) (map[string]string, error) {
	out, err := runGit(ctx, r.GitDir, "for-each-ref", "--format=%(objectname) %(refname)", "refs/heads/")
	if err != nil {
		return nil, err
	}
	tips := map[string]string{}
	for _, line := range strings.Split(out, "\n") {
		if hash, ref, ok := strings.Cut(line, " "); ok {
			tips[ref] = hash
		}
	}
	// symbolic-ref fails exactly when HEAD is detached.
	if _, err := runGit(ctx, r.GitDir, "symbolic-ref", "-q", "HEAD"); err != nil {
		if h, err := runGit(ctx, r.GitDir, "rev-parse", "-q", "--verify", "HEAD^{commit}"); err == nil {
			tips["HEAD"] = h
		}
	}
	return tips, nil
}

// RemoteURL returns the URL of a remote, or "" if there is none.
func (r *Repo) RemoteURL(ctx context.Context, name string) string {
	if r.gg != nil {
		rem, err := r.gg.Remote(name)
		if err != nil || len(rem.Config().URLs) == 0 {
			return ""
		}
		return rem.Config().URLs[0]
	}
	url, err := runGit(ctx, r.GitDir, "config", "--get", "remote."+name+".url")
	if err != nil {
		return ""
	}
	return url
}

// SortedTips returns tip hashes without duplicates, in a stable order.
func SortedTips(tips map[string]string) []string {
	seen := map[string]bool{}
	var out []string
	for _, h := range tips {
		if !seen[h] {
			seen[h] = true
			out = append(out, h)
		}
	}
	sort.Strings(out)
	return out
}
