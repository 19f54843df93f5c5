//go:build unix

package store

import (
	"errors"
	"os"
	"syscall"
)

// tryLock takes the lock bbolt takes on a database file (flock, exclusive)
// without waiting; held is true when another process has it.
func tryLock(f *os.File) (held bool, err error) {
	err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
	if errors.Is(err, syscall.EWOULDBLOCK) {
		return true, nil
	}
	return false, err
}

func unlock(f *os.File) { _ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN) }
