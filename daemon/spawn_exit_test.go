package daemon

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/store"
)

// A daemon that ends before answering is explained by the error it wrote
// to its log after it was started, not by an older one; one that found the
// database damaged (exit 4) stays a damaged-database error.
func TestExitedAtOnceSaysWhy(t *testing.T) {
	log := filepath.Join(t.TempDir(), "daemon.log")
	old := "time=... level=INFO msg=\"daemon stopped\"\nticket-master: an old failure\n"
	if err := os.WriteFile(log, []byte(old), 0o600); err != nil {
		t.Fatal(err)
	}
	from := int64(len(old))
	exit := func(code string) error {
		err := exec.Command("sh", "-c", "exit "+code).Run()
		if err == nil {
			t.Fatal("sh did not fail")
		}
		return err
	}

	// Nothing new in the log: the exit status and where to look.
	err := exitedAtOnce(exit("1"), log, from)
	if !strings.Contains(err.Error(), "exited at once (exit status 1); see "+log) || strings.Contains(err.Error(), "old failure") {
		t.Errorf("nothing logged: %v", err)
	}

	f, err := os.OpenFile(log, os.O_APPEND|os.O_WRONLY, 0)
	if err != nil {
		t.Fatal(err)
	}
	_, _ = f.WriteString("ticket-master: the ticket-master database /s/tm.db is damaged (truncated): run `ticket-master doctor --fix`\n")
	f.Close()
	err = exitedAtOnce(exit("4"), log, from)
	want := "the daemon exited at once: the ticket-master database /s/tm.db is damaged (truncated): run `ticket-master doctor --fix`"
	if err.Error() != want {
		t.Errorf("got %q\nwant %q", err, want)
	}
	if !errors.Is(err, store.ErrDamaged) {
		t.Errorf("exit 4 is not a damaged database: %v", err)
	}
	if err := exitedAtOnce(exit("1"), log, from); errors.Is(err, store.ErrDamaged) || err.Error() != want {
		t.Errorf("exit 1: %v (damaged %v)", err, errors.Is(err, store.ErrDamaged))
	}
}
