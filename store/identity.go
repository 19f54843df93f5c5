package store

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// A repository's identity is written in its git folder at enroll, so it
// moves with the repository: after `mv repo repo2` (or a copy of the whole
// folder), the ID there still names its record and baseline. Repositories
// enrolled before ID files existed keep the ID derived from their git
// folder's path (their records are keyed by it); the first enroll or daemon
// start after the upgrade writes it into their ID file.
const repoIDFile = "ticket-master-id"

// RepoIDFile is the ID file in a repository's common git folder.
func RepoIDFile(gitDir string) string { return filepath.Join(gitDir, repoIDFile) }

// ReadRepoID returns the ID written in the repository's git folder; ok is
// false when there is none (or it is not an ID).
func ReadRepoID(gitDir string) (id string, ok bool) {
	raw, err := os.ReadFile(RepoIDFile(gitDir))
	if err != nil || len(raw) > 128 {
		return "", false
	}
	id = strings.TrimSpace(string(raw))
	return id, validRepoID(id)
}

func validRepoID(id string) bool {
	if id == "" || len(id) > 64 {
		return false
	}
	for _, c := range id {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c == '-') {
			return false
		}
	}
	return true
}

// WriteRepoID writes id into the repository's git folder.
func WriteRepoID(gitDir, id string) error {
	if !validRepoID(id) {
		return fmt.Errorf("write repository ID: %q is not an ID", id)
	}
	if cur, ok := ReadRepoID(gitDir); ok && cur == id {
		return nil
	}
	if err := writeFileAtomic(RepoIDFile(gitDir), []byte(id+"\n")); err != nil {
		return fmt.Errorf("write repository ID: %w", err)
	}
	return nil
}

// RemoveRepoID removes the repository's ID file, when it names id.
func RemoveRepoID(gitDir, id string) error {
	if cur, ok := ReadRepoID(gitDir); !ok || cur != id {
		return nil
	}
	if err := os.Remove(RepoIDFile(gitDir)); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove repository ID: %w", err)
	}
	return nil
}

// NewRepoID makes a random ID that taken does not know.
func NewRepoID(taken func(string) bool) string {
	for {
		b := make([]byte, 6)
		_, _ = rand.Read(b)
		if id := hex.EncodeToString(b); !taken(id) {
			return id
		}
	}
}
