//go:build linux

package chaos

import (
	"bufio"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// memoryLimit is the most memory the daemon, or a command, may have
// resident while a configuration bomb goes off.
const memoryLimit = 200 << 20

// bomb is a hostile .ticket-master.yaml: plant writes it into the work
// tree, to be committed.
type bomb struct {
	name  string
	plant func(path string) error
}

func repoBombs(bigSize int) []bomb {
	return []bomb{
		{"a symbolic link to /dev/zero", func(p string) error { return os.Symlink("/dev/zero", p) }},
		{fmt.Sprintf("a %d MB file", bigSize>>20), func(p string) error { return writeBig(p, bigSize) }},
		{"sequences nested 20,000 deep", func(p string) error {
			return os.WriteFile(p, []byte("labels: "+strings.Repeat("[", 20000)+strings.Repeat("]", 20000)+"\n"), 0o644)
		}},
		{"mappings nested 10,000 deep", func(p string) error {
			return os.WriteFile(p, []byte("hotspot: "+strings.Repeat("{a: ", 10000)+"1"+strings.Repeat("}", 10000)+"\n"), 0o644)
		}},
		{"a billion laughs", func(p string) error { return os.WriteFile(p, []byte(laughs()), 0o644) }},
	}
}

// laughs is the billion laughs attack in YAML: nine levels of anchors, each
// a list of nine aliases of the one before, 9^9 strings once expanded,
// reached from settings ticket-master reads.
func laughs() string {
	var b strings.Builder
	b.WriteString(`x0: &x0 ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]` + "\n")
	for i := 1; i <= 8; i++ {
		fmt.Fprintf(&b, "x%d: &x%d [%s]\n", i, i, strings.TrimSuffix(strings.Repeat(fmt.Sprintf("*x%d,", i-1), 9), ","))
	}
	b.WriteString("labels: *x8\nignore: *x8\ntodo:\n  words: *x8\n")
	return b.String()
}

func writeBig(path string, size int) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	line := "# " + strings.Repeat("padding ", 12) + "\n"
	for n := 0; n < size; n += len(line) {
		w.WriteString(line)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

// configBombs: .ticket-master.yaml committed as a link to /dev/zero, as a
// huge file, as YAML nested deep or full of aliases, each beside a TODO;
// then the user's config.yaml linked to /dev/zero. The daemon must stay up
// (the same process) with its memory under 200 MB, `status` must show the
// error, no command may crash or use more memory; once the settings are
// fixed, the TODOs committed meanwhile are drafted. tried: bombs. failed:
// a daemon gone or grown, an error not shown, a crash. lost: TODOs
// committed beside a bomb and never drafted once it was removed.
func configBombs(t *testing.T, c *chaos) {
	s := newSandbox(t)
	repo := s.newRepo("repo")
	settings := filepath.Join(repo, ".ticket-master.yaml")
	s.mustTM(repo, "enroll")
	pid := s.daemonPID()
	if pid == 0 {
		t.Fatal("enroll started no daemon")
	}
	var want []string
	todo := 0
	commitTODO := func(msg string) {
		path, content := todoFile(todo)
		todo++
		want = append(want, path)
		s.writeFile(filepath.Join(repo, path), content)
		s.git(repo, "add", "-A")
		s.git(repo, "commit", "-q", "-m", msg)
	}
	daemonUp := func(what string) bool {
		if !alive(pid) || s.daemonPID() != pid {
			c.fail("%s: the daemon (pid %d) is gone", what, pid)
			return false
		}
		if rss := peakRSS(pid); rss > memoryLimit {
			c.fail("%s: the daemon's memory peaked at %d MB", what, rss>>20)
		}
		return true
	}
	// run runs a command that must not crash nor use too much memory.
	run := func(what string, args ...string) result {
		r := s.tm(repo, args...)
		if why := crashed(r); why != "" {
			c.fail("%s: %s: %v", what, why, r)
		}
		if r.maxRSS > memoryLimit {
			c.fail("%s: `ticket-master %s` used %d MB", what, strings.Join(args, " "), r.maxRSS>>20)
		}
		return r
	}

	for _, b := range repoBombs(c.size(8, 100) << 20) {
		c.tried(1)
		what := ".ticket-master.yaml as " + b.name
		if err := os.Remove(settings); err != nil {
			t.Fatal(err)
		}
		if err := b.plant(settings); err != nil {
			t.Fatal(err)
		}
		commitTODO("bomb: " + b.name)
		run(what, "daemon", "sync", "--timeout", "60s")
		if !daemonUp(what) {
			return
		}
		st, err := s.status()
		if err != nil {
			c.fail("%s: status: %v", what, err)
		} else if len(st.Repos) != 1 || !strings.Contains(st.Repos[0].LastError, ".ticket-master.yaml") {
			c.fail("%s: status --json shows no error about .ticket-master.yaml: %+v", what, st.Repos)
		} else {
			t.Logf("%s: status says %q; the daemon's memory peaked at %d MB so far", what, st.Repos[0].LastError, peakRSS(pid)>>20)
		}
		if r := run(what, "status"); !strings.Contains(r.stdout, ".ticket-master.yaml") {
			c.fail("%s: status shows no error about .ticket-master.yaml:\n%s", what, r.stdout)
		}
		// config check reads the working copy, with the same limits.
		if r := run(what, "config", "check"); r.code == 0 {
			c.fail("%s: config check found nothing wrong: %v", what, r)
		}

		// Fixed: the reconcile works again and the TODOs come through.
		if err := os.Remove(settings); err != nil {
			t.Fatal(err)
		}
		s.writeFile(settings, repoSettings)
		commitTODO("settings fixed after " + b.name)
		run(what, "daemon", "sync", "--timeout", "60s")
		if !daemonUp(what + ", then fixed") {
			return
		}
		if st, err := s.status(); err == nil && len(st.Repos) == 1 && st.Repos[0].LastError != "" {
			c.fail("%s, then fixed: the error stays: %s", what, st.Repos[0].LastError)
		}
	}
	ds, err := s.allDrafts()
	if err != nil {
		c.fail("drafts list: %v", err)
	} else {
		lost, dup, lostEx, dupEx := tally(want, draftsPerTODO(ds), nil)
		c.lose(lost, "TODOs committed beside a bomb, never drafted once it was gone, e.g. %v", lostEx)
		c.duplicate(dup, "TODOs with more than one draft, e.g. %v", dupEx)
	}

	// The user's own config.yaml linked to /dev/zero: commands that only
	// look keep working and say what is wrong; those that need the
	// settings refuse without reading it; the running daemon stays.
	c.tried(1)
	what := "config.yaml as a link to /dev/zero"
	if err := os.Remove(s.configPath()); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", s.configPath()); err != nil {
		t.Fatal(err)
	}
	if r := run(what, "status"); r.code != 0 || !strings.Contains(r.stdout+r.stderr, "config.yaml") {
		c.fail("%s: status should work and name config.yaml: %v", what, r)
	}
	if r := run(what, "doctor"); r.code != 1 || !strings.Contains(r.stdout, "config.yaml") {
		c.fail("%s: doctor should fail naming config.yaml: %v", what, r)
	}
	if r := run(what, "drafts", "list"); r.code != 0 {
		c.fail("%s: drafts list should work: %v", what, r)
	}
	if r := run(what, "daemon", "restart"); r.code == 0 {
		c.fail("%s: daemon restart went ahead: %v", what, r)
	}
	daemonUp(what)
	if r := run(what, "daemon", "stop"); r.code != 0 {
		c.fail("%s: daemon stop should work: %v", what, r)
	}
}
