package store

import (
	"fmt"
	"os"
	"path/filepath"
)

// NoticeFile is where a repository's hook finds the line it prints. The hook
// reads it with a shell builtin, so that telling the user about waiting
// drafts costs a commit no process start.
func NoticeFile(dir, repoID string) string { return filepath.Join(dir, repoID) }

// NoticeText is the line a hook prints for n pending drafts ("" for none).
// The hook prints it while git is still finishing, before the daemon has
// looked at the new commits, so it says that the count is of drafts from
// earlier ones: true when printed, and not taken for this commit's.
func NoticeText(n int) string {
	switch n {
	case 0:
		return ""
	case 1:
		return "ticket-master: 1 issue draft waiting from earlier commits (run: ticket-master review)"
	default:
		return fmt.Sprintf("ticket-master: %d issue drafts waiting from earlier commits (run: ticket-master review)", n)
	}
}

func writeNotices(dir string, tx *Tx, repoIDs map[string]bool) error {
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("create notice folder: %w", err)
	}
	for id := range repoIDs {
		counts, err := tx.CountDrafts(id)
		if err != nil {
			return err
		}
		if err := writeNotice(NoticeFile(dir, id), NoticeText(counts[DraftPending])); err != nil {
			return err
		}
	}
	return nil
}

// writeNotice replaces the file atomically: a hook reading it mid-write
// sees the old line or the new one, never half of one.
func writeNotice(path, line string) error {
	if line == "" {
		if err := os.Remove(path); err != nil && !os.IsNotExist(err) {
			return fmt.Errorf("clear notice: %w", err)
		}
		return nil
	}
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, []byte(line+"\n"), 0o600); err != nil {
		return fmt.Errorf("write notice: %w", err)
	}
	if err := os.Rename(tmp, path); err != nil {
		return fmt.Errorf("write notice: %w", err)
	}
	return nil
}
