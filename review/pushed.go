package review

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/factcheck"
	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/finding"
	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/store"
)

// ErrNotPushed means a draft cites a commit that GitHub does not have yet:
// its permalinks would 404, so the draft is held until the commit is
// pushed.
var ErrNotPushed = errors.New("cites a commit that is not on GitHub yet")

// ErrContradicted means git no longer confirms something a draft states.
var ErrContradicted = errors.New("states something git does not confirm")

// CheckPublishable checks a draft once more before it goes to GitHub: every
// claim of its evidence still holds in git, and every commit it cites is
// on the GitHub repository (reachable from a remote-tracking branch of the
// remote whose URL is the enrolled OWNER/REPO, origin otherwise), so that
// no link in the issue 404s. A draft that cites nothing is publishable.
func CheckPublishable(ctx context.Context, d store.Draft, rec store.Repo) error {
	if len(d.Evidence) == 0 {
		return nil
	}
	repo, err := analyze.Open(ctx, rec.Path)
	if err != nil {
		return fmt.Errorf("draft %d: cannot check what it cites, %s cannot be opened (moved? enroll it where it is now): %w", d.ID, rec.Path, ErrNotPublishable)
	}
	blobs, err := repo.NewBlobReader(ctx)
	if err != nil {
		return err
	}
	defer blobs.Close()
	ck := &factcheck.Checker{
		Blobs:   blobs,
		Redact:  func(s string) string { out, _ := draft.Redact(s); return out },
		Commits: func(h string) (analyze.Commit, error) { return repo.CommitInfo(ctx, h) },
	}
	for _, ev := range d.Evidence {
		if err := ck.Evidence(ev); err != nil {
			return fmt.Errorf("draft %d %w: %v; discard it (ticket-master drafts discard %d)", d.ID, ErrContradicted, err, d.ID)
		}
	}
	remote, err := remoteOf(ctx, repo, rec)
	if err != nil {
		return err
	}
	var missing []string
	seen := map[string]bool{}
	for _, ev := range d.Evidence {
		if ev.Commit == "" || seen[ev.Commit] {
			continue
		}
		seen[ev.Commit] = true
		ok, err := repo.OnRemote(ctx, remote, ev.Commit)
		if err != nil {
			return fmt.Errorf("draft %d: %v: %w", d.ID, err, ErrNotPublishable)
		}
		if !ok {
			missing = append(missing, finding.ShortHash(ev.Commit))
		}
	}
	if len(missing) > 0 {
		sort.Strings(missing)
		return fmt.Errorf("draft %d %w: %s %s not on %s's branches (%s): push first (git push %s), then publish again",
			d.ID, ErrNotPushed, strings.Join(missing, ", "), isAre(len(missing)), rec.GitHub(), remote, remote)
	}
	return nil
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

// remoteOf is the remote whose URL names the enrolled GitHub repository,
// or origin.
func remoteOf(ctx context.Context, repo *analyze.Repo, rec store.Repo) (string, error) {
	remotes, err := repo.Remotes(ctx)
	if err != nil {
		return "", err
	}
	names := make([]string, 0, len(remotes))
	for name := range remotes {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		t, ok := ghrepo.ParseRemote(remotes[name])
		if ok && strings.EqualFold(t.Owner, rec.Owner) && strings.EqualFold(t.Name, rec.Name) && sameHost(t.Host, rec.Host) {
			return name, nil
		}
	}
	return "origin", nil
}

func sameHost(a, b string) bool {
	if a == "" {
		a = "github.com"
	}
	if b == "" {
		b = "github.com"
	}
	return strings.EqualFold(a, b)
}

// precheck runs CheckPublishable on a pending draft, with no transaction
// open: it asks git.
func (p *Publishing) precheck(ctx context.Context, id uint64) error {
	var d store.Draft
	var rec store.Repo
	err := p.Store.View(func(tx *store.Tx) (err error) {
		if d, err = tx.Draft(id); err != nil {
			return err
		}
		rec, err = tx.Repo(d.RepoID)
		return err
	})
	if err != nil || d.State != store.DraftPending || rec.GitHub() == "" {
		return err // Publish says what is wrong with those
	}
	return CheckPublishable(ctx, d, rec)
}
