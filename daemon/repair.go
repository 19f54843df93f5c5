package daemon

import (
	"context"
	"errors"
	"fmt"
	"os"
	"time"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/review"
	"github.com/ticket-master/ticket-master/store"
)

// RepairOptions say what `doctor --fix` works with.
type RepairOptions struct {
	Paths  config.Paths
	Config config.Config
	Now    func() time.Time // nil: time.Now
	// Publisher reaches GitHub, to find the issues published after the
	// backup that a restored database does not know about. Nil skips it.
	Publisher review.PublisherFor
}

// Repair is one thing `doctor --fix` did, or could not do.
type Repair struct {
	What   string `json:"what"`
	Detail string `json:"detail"`
	Failed bool   `json:"failed,omitempty"`
	Fix    string `json:"fix,omitempty"`
}

// RepairDatabase is `doctor --fix` for the database. A damaged or missing
// database is set aside (kept, named with the time) and replaced by its
// backup; what the backup lacks comes back on its own: the issues published
// since are found on GitHub by their markers (so their drafts return as
// published, not to be published again), and the commits analysed since
// are analysed again, because the daemon reconciles from the backup's older
// tips. With no usable backup a fresh database is started and the
// repositories the registry beside it names are enrolled again. A healthy
// database is compacted when it holds free space.
func RepairDatabase(ctx context.Context, o RepairOptions) ([]Repair, error) {
	if o.Now == nil {
		o.Now = time.Now
	}
	if err := o.Paths.EnsureState(); err != nil {
		return nil, err
	}
	path := o.Paths.Database()
	opts := store.Options{NoticeDir: o.Paths.NoticeDir()}
	health, err := store.Check(path, opts)
	if err == nil {
		out, cerr := compactIfWorth(path, opts, health)
		if !errors.Is(cerr, store.ErrDamaged) {
			return out, cerr
		}
		// Sound pages, but an older schema whose records the migration
		// cannot read (a damaged byte can also make the version look
		// older; Check leaves an older file's records to the migration):
		// damaged like any other, and the backup is the fix.
		err = cerr
	}
	if !errors.Is(err, store.ErrDamaged) && !errors.Is(err, store.ErrMissing) {
		return nil, err // busy, unreadable: nothing to repair here
	}
	problem, _ := storeProblem(err)
	backup := store.Backup(path)
	if backup.Exists && backup.Err == nil {
		aside, rerr := store.RestoreBackup(path, opts, o.Now())
		if rerr == nil {
			return afterRestore(ctx, o, problem, aside, backup)
		}
		backup.Err = rerr
	}
	return startAfresh(ctx, o, problem, backup)
}

func compactIfWorth(path string, opts store.Options, h store.Health) ([]Repair, error) {
	st, err := store.Open(path, opts)
	if err != nil {
		return nil, err
	}
	r := Repair{What: "database", Detail: "healthy"}
	if h.FreeBytes >= 64<<10 {
		before, after, err := st.Compact()
		if err != nil {
			return nil, err
		}
		r.Detail = fmt.Sprintf("healthy; compacted from %s to %s", sizeText(before), sizeText(after))
	}
	out := []Repair{r}
	if wrote, err := st.Backup(); err != nil {
		out = append(out, Repair{What: "backup", Detail: err.Error(), Failed: true})
	} else if wrote {
		out = append(out, Repair{What: "backup", Detail: "written: " + store.BackupPath(path)})
	}
	return out, nil
}

func keptAt(aside string) string {
	if aside == "" {
		return ""
	}
	return "; the old file is kept at " + aside
}

func afterRestore(ctx context.Context, o RepairOptions, problem, aside string, b store.BackupInfo) ([]Repair, error) {
	out := []Repair{{What: "database", Detail: fmt.Sprintf("was %s: restored the backup from %s%s",
		problem, b.Time.Local().Format(time.DateTime), keptAt(aside))}}
	st, err := store.Open(o.Paths.Database(), store.Options{NoticeDir: o.Paths.NoticeDir()})
	if err != nil {
		return out, err
	}
	// Until GitHub has been asked, publishing looks for each draft's issue
	// before creating it.
	err = st.Update(func(tx *store.Tx) error {
		if err := tx.SetRestoredFrom(b.Time); err != nil {
			return err
		}
		return touchAll(tx) // the hooks' notices count the restored drafts
	})
	if err != nil {
		return out, err
	}
	out = append(out, recoverPublications(ctx, o, st, b.Time))
	return append(out, catchUp(ctx, o.Paths)), nil
}

// recoverPublications asks GitHub what was published since the given time.
func recoverPublications(ctx context.Context, o RepairOptions, st *store.Store, since time.Time) Repair {
	r := Repair{What: "publications"}
	if o.Publisher == nil {
		r.Failed, r.Detail = true, "GitHub was not asked"
		return r
	}
	found, err := review.RecoverPublications(ctx, st, o.Publisher, since)
	n, marked := 0, 0
	for _, f := range found {
		n += f.Found
		marked += len(f.Marked)
	}
	if err != nil {
		r.Failed = true
		r.Detail = "could not ask GitHub which issues were published since the backup: " + err.Error() +
			"; until then, publishing looks for each draft's issue before creating it"
		r.Fix = "run `ticket-master doctor --fix` again once GitHub answers"
		return r
	}
	r.Detail = fmt.Sprintf("%s with ticket-master markers on GitHub since then; %s marked published",
		count(n, "issue", "issues"), count(marked, "draft", "drafts"))
	return r
}

// count says "1 issue", "2 issues".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// catchUp asks a running daemon to reconcile every repository now: from
// the restored tips it analyses again every commit made since the backup.
func catchUp(ctx context.Context, paths config.Paths) Repair {
	r := Repair{What: "findings"}
	_, err := NewClient(paths.Socket(), 5*time.Second).Reconcile(ctx, ReconcileRequest{})
	if err != nil {
		r.Detail = "commits made since the backup are analysed again when the daemon runs"
		r.Fix = "ticket-master daemon start"
		return r
	}
	r.Detail = "the daemon is analysing again the commits made since the backup"
	return r
}

func touchAll(tx *store.Tx) error {
	repos, err := tx.Repos()
	if err != nil {
		return err
	}
	for _, r := range repos {
		tx.Touch(r.ID)
	}
	return nil
}

// startAfresh replaces a damaged database that has no usable backup with
// an empty one, and enrolls again the repositories the registry names,
// with their current tips as the baseline.
func startAfresh(ctx context.Context, o RepairOptions, problem string, b store.BackupInfo) ([]Repair, error) {
	why := "there is no backup"
	if b.Exists {
		why = "its backup is unusable (" + b.Err.Error() + ")"
	}
	registry, _ := store.Registry(o.Paths.Database())
	lost := "its drafts, findings and the record of what was published (it could not be read)"
	if c, err := store.ReadContents(o.Paths.Database()); err == nil {
		lost = fmt.Sprintf("its findings, %d pending, %d published, %d discarded and %d withdrawn drafts, and the record of what was published",
			c.Drafts[store.DraftPending], c.Drafts[store.DraftPublished], c.Drafts[store.DraftDiscarded], c.Drafts[store.DraftWithdrawn])
	}
	aside, err := store.StartAfresh(o.Paths.Database(), store.Options{}, o.Now())
	if err != nil {
		return nil, err
	}
	out := []Repair{{What: "database", Detail: fmt.Sprintf("was %s and %s: started a new one%s; lost: %s",
		problem, why, keptAt(aside), lost)}}
	st, err := store.Open(o.Paths.Database(), store.Options{NoticeDir: o.Paths.NoticeDir()})
	if err != nil {
		return out, err
	}
	for _, e := range registry {
		out = append(out, reenroll(ctx, st, e))
	}
	if len(registry) > 0 {
		// Any issue ticket-master ever published there is known again, so
		// its finding is never offered for publishing twice.
		out = append(out, recoverPublications(ctx, o, st, time.Time{}))
	}
	return out, nil
}

func reenroll(ctx context.Context, st *store.Store, e store.RegistryEntry) Repair {
	r := Repair{What: "repo " + e.Path}
	if _, err := os.Stat(e.GitDir); err != nil {
		r.Failed, r.Detail = true, "not found any more; not enrolled again"
		r.Fix = "ticket-master enroll PATH where it is now"
		return r
	}
	repo, err := analyze.Open(ctx, e.Path)
	var tips map[string]string
	if err == nil {
		tips, err = repo.Tips(ctx, e.Branches)
	}
	if err == nil {
		err = st.Update(func(tx *store.Tx) error {
			rec := store.Repo{ID: e.ID, Path: e.Path, GitDir: e.GitDir, Host: e.Host, Owner: e.Owner, Name: e.Name,
				Branches: e.Branches, NoHooks: e.NoHooks, Enrolled: true, EnrolledAt: tx.Now()}
			if err := tx.PutRepo(rec); err != nil {
				return err
			}
			return tx.SetTips(e.ID, tips)
		})
	}
	if err != nil {
		r.Failed, r.Detail = true, "could not enroll it again: "+err.Error()
		r.Fix = "ticket-master enroll " + e.Path
		return r
	}
	r.Detail = "enrolled again; commits before now are not analysed again"
	r.Fix = "ticket-master enroll " + e.Path + " --backfill N (analyses the last N commits)"
	return r
}
