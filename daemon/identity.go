package daemon

import (
	"context"
	"errors"
	"log/slog"
	"os"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/store"
)

// RepoIDOf is the ID of the repository whose common git folder is gitDir:
// the one in its ID file (written at enroll, moving with the repository),
// or, for a repository enrolled before ID files existed, the one derived
// from the folder's path. The hook path can afford it: one small read.
func RepoIDOf(gitDir string) string {
	if id, ok := store.ReadRepoID(gitDir); ok {
		return id
	}
	return analyze.RepoID(gitDir)
}

// identity is who a repository being enrolled is, for the store.
type identity struct {
	id string
	// prev is the record the ID names, if any.
	prev *store.Repo
	// movedFrom is set when that record is of another path that is gone:
	// the repository was moved, and its record and baseline carry over.
	movedFrom string
	// copyOf is set when the ID file names a record of another path that
	// is still there: the folder was copied, and the copy is a repository
	// of its own.
	copyOf string
	// forgotten: the ID file says the repository was enrolled, but the
	// database has no record of it (the database was lost or replaced).
	forgotten bool
}

// identify works out the ID of the repository at gitDir (see RepoIDOf).
func identify(tx *store.Tx, gitDir string) (identity, error) {
	lookup := func(id string) (*store.Repo, error) {
		r, err := tx.Repo(id)
		if errors.Is(err, store.ErrNotFound) {
			return nil, nil
		}
		return &r, err
	}
	taken := func(id string) bool { r, _ := lookup(id); return r != nil }
	fileID, hasFile := store.ReadRepoID(gitDir)
	if !hasFile {
		legacy := analyze.RepoID(gitDir)
		prev, err := lookup(legacy)
		if err != nil {
			return identity{}, err
		}
		if prev != nil && prev.MovedTo == "" {
			// Enrolled before ID files: keep the record's key.
			return identity{id: legacy, prev: prev}, nil
		}
		return identity{id: store.NewRepoID(taken)}, nil
	}
	prev, err := lookup(fileID)
	if err != nil || prev == nil || prev.GitDir == gitDir {
		return identity{id: fileID, prev: prev, forgotten: prev == nil}, err
	}
	if id, ok := store.ReadRepoID(prev.GitDir); ok && id == fileID {
		// Both folders say they are this repository: the other one was
		// here first, so this is a copy.
		return identity{id: store.NewRepoID(taken), copyOf: prev.Path}, nil
	}
	return identity{id: fileID, prev: prev, movedFrom: prev.Path}, nil
}

// writeMissingIDs gives every enrolled repository that has no ID file yet
// (enrolled before they existed) one naming its record, so that a later
// move is recognised. It runs at daemon start.
func writeMissingIDs(ctx context.Context, st *store.Store, log *slog.Logger) {
	var repos []store.Repo
	err := st.View(func(tx *store.Tx) (err error) {
		repos, err = tx.Repos()
		return err
	})
	if err != nil {
		return
	}
	for _, r := range repos {
		if ctx.Err() != nil {
			return
		}
		if !r.Enrolled {
			continue
		}
		if _, err := os.Stat(r.GitDir); err != nil {
			continue
		}
		if _, ok := store.ReadRepoID(r.GitDir); ok {
			continue
		}
		if err := store.WriteRepoID(r.GitDir, r.ID); err != nil {
			log.Warn("cannot write the repository's ID file; a move will not be recognised", "repo", r.Path, "err", err)
		}
	}
}

// noticeMove handles a nudge from a repository whose ID file names the
// record of another path. When that path is gone the repository was moved:
// the log says so and the record remembers where it went, for status and
// doctor; `ticket-master enroll` there adopts the record. When the old path
// is still there, this is a copy, which is not enrolled. It returns what to
// tell the hook.
func (s *server) noticeMove(rec store.Repo, gitDir, dir string) string {
	if _, err := os.Stat(rec.GitDir); err == nil {
		return "a copy of " + rec.Path + " (same ID file) is not enrolled: run `ticket-master enroll` in it"
	}
	msg := "repository " + rec.Path + " moved to " + dir + ": run `ticket-master enroll " + dir + "` there to carry on (its record and baseline carry over)"
	if rec.MovedTo == dir {
		return msg
	}
	s.log.Warn("repository moved", "from", rec.Path, "to", dir, "git_dir", gitDir, "fix", "ticket-master enroll "+dir)
	err := s.store.Update(func(tx *store.Tx) error {
		cur, err := tx.Repo(rec.ID)
		if err != nil {
			return err
		}
		cur.MovedTo = dir
		return tx.PutRepo(cur)
	})
	if err != nil {
		s.log.Warn("record the move", "repo", rec.Path, "err", err)
	}
	return msg
}
