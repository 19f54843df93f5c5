//go:build linux

package chaos

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// pageSize is bbolt's page size on Linux (the OS page size).
const pageSize = 4096

// corruptions: the database is damaged in a different way each time
// (truncated, random bytes flipped in random pages, meta pages zeroed, a
// page zeroed or filled with garbage, emptied) while a backup the daemon
// wrote sits beside it. `status`, `drafts list` and `doctor` must never
// panic or print a goroutine trace, and exit as documented (0, or 4 for a
// damaged database; doctor 0 or 1); `doctor --fix` must not crash either,
// and when it succeeds the database works again with every draft the
// backup held. tried: corruptions. failed: a crash, an undocumented exit, a
// fix that left the database unusable. lost: drafts missing after a fix
// that reported success.
func corruptions(t *testing.T, c *chaos) {
	s := newSandbox(t)
	repo := s.newRepo("repo")
	s.mustTM(repo, "enroll")
	const todos = 6
	for i := range todos {
		path, content := todoFile(i)
		s.commitFile(repo, path, content, "add "+path)
	}
	s.mustTM(repo, "daemon", "sync")
	// The daemon writes its backup when it starts; a restart backs up
	// what the first run stored.
	s.mustTM(repo, "daemon", "restart")
	backup := s.dbPath() + ".backup"
	if !waitFor(20*time.Second, func() bool { return backupHolds(s, backup, todos) }) {
		t.Fatalf("no backup with %d drafts appeared at %s", todos, backup)
	}
	s.mustTM(repo, "daemon", "stop")
	good, err := os.ReadFile(s.dbPath())
	if err != nil {
		t.Fatal(err)
	}
	goodBackup, err := os.ReadFile(backup)
	if err != nil {
		t.Fatal(err)
	}

	fixed, refused := 0, 0
	for i := range c.size(6, 40) {
		resetState(t, s, good, goodBackup)
		what := corrupt(t, c, s.dbPath(), i)
		c.tried(1)
		for _, args := range [][]string{{"status"}, {"drafts", "list", "--all-repos"}, {"doctor"}, {"status", "--json"}} {
			r := s.tm(repo, args...)
			allowed := "0 4"
			if args[0] == "doctor" {
				allowed = "0 1"
			}
			if why := crashed(r); why != "" {
				c.fail("%s: %s: %v", what, why, r)
			} else if !strings.Contains(" "+allowed+" ", fmt.Sprintf(" %d ", r.code)) {
				c.fail("%s: exit %d (want one of %s): %v", what, r.code, allowed, r)
			}
		}
		r := s.tm(repo, "doctor", "--fix", "--json")
		if why := crashed(r); why != "" {
			c.fail("%s: doctor --fix %s: %v", what, why, r)
			continue
		}
		var rep doctorJSON
		if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil {
			c.fail("%s: doctor --fix --json: %v: %v", what, err, r)
			continue
		}
		db, ok := rep.repair("database")
		if !ok || db.Failed {
			refused++
			t.Logf("%s: doctor --fix could not repair it: %+v", what, db)
			continue
		}
		fixed++
		// It said it could: the database works again, with the drafts the
		// backup (or the undamaged part) held.
		if check, _ := rep.check("database"); !check.OK {
			c.fail("%s: doctor --fix said %q, but its own check of the database fails: %s", what, db.Detail, check.Detail)
		}
		ds, err := s.allDrafts()
		if err != nil {
			c.fail("%s: doctor --fix said %q, but: %v", what, db.Detail, err)
			continue
		}
		c.lose(max(0, todos-len(ds)), "%s: drafts after doctor --fix (%s): %d of %d", what, db.Detail, len(ds), todos)
		if r := s.tm(repo, "status"); r.code != 0 {
			c.fail("%s: status after doctor --fix said %q: %v", what, db.Detail, r)
		}
	}
	t.Logf("doctor --fix repaired %d corruptions and declined %d", fixed, refused)
}

// doctorJSON is what `doctor --fix --json` prints.
type doctorJSON struct {
	Repairs []repairJSON `json:"repairs"`
	Checks  []checkJSON  `json:"checks"`
}

type repairJSON struct {
	What   string `json:"what"`
	Detail string `json:"detail"`
	Failed bool   `json:"failed"`
}

type checkJSON struct {
	Name   string `json:"name"`
	OK     bool   `json:"ok"`
	Detail string `json:"detail"`
}

func (d doctorJSON) repair(what string) (repairJSON, bool) {
	for _, r := range d.Repairs {
		if r.What == what {
			return r, true
		}
	}
	return repairJSON{}, false
}

func (d doctorJSON) check(name string) (checkJSON, bool) {
	for _, c := range d.Checks {
		if c.Name == name {
			return c, true
		}
	}
	return checkJSON{}, false
}

// backupHolds says whether the backup at path is a database with n drafts,
// asking ticket-master itself: a sandbox whose state folder is a copy.
func backupHolds(s *sandbox, path string, n int) bool {
	b, err := os.ReadFile(path)
	if err != nil || len(b) == 0 {
		return false
	}
	probe := &sandbox{t: s.t, dir: s.dir, home: filepath.Join(s.dir, "probe"), env: map[string]string{}}
	for k, v := range s.env {
		probe.env[k] = v
	}
	probe.env["TICKET_MASTER_HOME"] = probe.home
	if err := os.MkdirAll(probe.stateDir(), 0o700); err != nil {
		return false
	}
	defer os.RemoveAll(probe.home)
	if err := os.WriteFile(probe.dbPath(), b, 0o600); err != nil {
		return false
	}
	ds, err := probe.allDrafts()
	return err == nil && len(ds) == n
}

// resetState puts the good database and backup back, and removes what an
// earlier doctor --fix set aside.
func resetState(t *testing.T, s *sandbox, db, backup []byte) {
	t.Helper()
	entries, err := os.ReadDir(s.stateDir())
	if err != nil {
		t.Fatal(err)
	}
	for _, e := range entries {
		if strings.Contains(e.Name(), ".damaged-") {
			os.Remove(filepath.Join(s.stateDir(), e.Name()))
		}
	}
	if err := os.WriteFile(s.dbPath(), db, 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(s.dbPath()+".backup", backup, 0o600); err != nil {
		t.Fatal(err)
	}
}

// corrupt damages the file at path, the i-th way of the cycle with random
// details, and says what it did.
func corrupt(t *testing.T, c *chaos, path string, i int) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	pages := len(b) / pageSize
	page := func() int { return c.rnd.IntN(pages) }
	var what string
	switch i % 8 {
	case 0:
		n := c.rnd.IntN(len(b))
		b, what = b[:n], fmt.Sprintf("truncated to %d bytes", n)
	case 1, 2:
		flips := 1 + c.rnd.IntN(64)
		var at []int
		for range flips {
			p := page()
			off := p*pageSize + c.rnd.IntN(pageSize)
			b[off] ^= byte(1 + c.rnd.IntN(255))
			at = append(at, p)
		}
		what = fmt.Sprintf("%d bytes flipped in pages %v", flips, uniq(at))
	case 3:
		clear(b[:2*pageSize])
		what = "both meta pages zeroed"
	case 4:
		p := c.rnd.IntN(2)
		clear(b[p*pageSize : (p+1)*pageSize])
		what = fmt.Sprintf("meta page %d zeroed", p)
	case 5:
		p := 2 + c.rnd.IntN(pages-2)
		clear(b[p*pageSize : (p+1)*pageSize])
		what = fmt.Sprintf("page %d zeroed", p)
	case 6:
		p := page()
		for j := p * pageSize; j < (p+1)*pageSize; j++ {
			b[j] = byte(c.rnd.IntN(256))
		}
		what = fmt.Sprintf("page %d filled with random bytes", p)
	case 7:
		if c.rnd.IntN(2) == 0 {
			b, what = nil, "emptied"
		} else {
			n := pageSize*pages + pageSize*(1+c.rnd.IntN(8))
			b, what = append(b, make([]byte, n-len(b))...), fmt.Sprintf("grown with zeros to %d bytes", n)
		}
	}
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return fmt.Sprintf("corruption %d (%s)", i+1, what)
}

func uniq(xs []int) []int {
	seen := map[int]bool{}
	var out []int
	for _, x := range xs {
		if !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}
