package bench

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// A process's rusage is what /usr/bin/time reports: CPU time and peak RSS,
// its waited-for children's (git's) included. But on Linux a child started
// by a large process inherits that process's peak: Go starts children with
// vfork, and exec records the peak of the address space it replaces, which
// is the parent's. The benchmark process holds generated histories and
// would show its own peak for every command. So a measured command is
// started by a small launcher, this test binary run again with
// TM_BENCH_LAUNCH set, which runs it and writes its usage to a file, as
// /usr/bin/time would print it.
const (
	envLaunch = "TM_BENCH_LAUNCH" // the file the launcher writes the usage to
)

// launchMain is the launcher: it runs os.Args[1:], writes "cpu-ns peak-bytes"
// to the file $TM_BENCH_LAUNCH, and exits with the command's status.
func launchMain() int {
	if len(os.Args) < 2 {
		fmt.Fprintln(os.Stderr, "launcher: no command")
		return 2
	}
	cmd := exec.Command(os.Args[1], os.Args[2:]...)
	cmd.Stdin, cmd.Stdout, cmd.Stderr = os.Stdin, os.Stdout, os.Stderr
	cmd.Env = withoutLaunch(os.Environ())
	err := cmd.Run()
	var exit *exec.ExitError
	if err != nil && !errors.As(err, &exit) {
		fmt.Fprintf(os.Stderr, "launcher: %v\n", err)
		return 2
	}
	cpu, peak := usage(cmd.ProcessState)
	if werr := os.WriteFile(os.Getenv(envLaunch), []byte(fmt.Sprintf("%d %d\n", cpu, peak)), 0o600); werr != nil {
		fmt.Fprintf(os.Stderr, "launcher: %v\n", werr)
		return 2
	}
	return cmd.ProcessState.ExitCode()
}

func withoutLaunch(env []string) []string {
	var out []string
	for _, kv := range env {
		if !strings.HasPrefix(kv, envLaunch+"=") {
			out = append(out, kv)
		}
	}
	return out
}

// launched returns cmd rewritten to run under the launcher, and the file
// where the launcher leaves the usage.
func (s *sandbox) launched(cmd *exec.Cmd) (*exec.Cmd, string) {
	self, err := os.Executable()
	if err != nil {
		s.tb.Fatal(err)
	}
	f, err := os.CreateTemp(s.root, "usage")
	if err != nil {
		s.tb.Fatal(err)
	}
	f.Close()
	path := cmd.Path
	if !filepath.IsAbs(path) {
		if path, err = exec.LookPath(path); err != nil {
			s.tb.Fatal(err)
		}
	}
	l := exec.Command(self, append([]string{path}, cmd.Args[1:]...)...)
	l.Dir, l.Env = cmd.Dir, append(append([]string(nil), cmd.Env...), envLaunch+"="+f.Name())
	l.Stdin, l.Stdout = cmd.Stdin, cmd.Stdout
	return l, f.Name()
}

// measure runs a command that must succeed, as timed does, under the
// launcher, and says what it used.
func (s *sandbox) measure(cmd *exec.Cmd) measurement {
	s.tb.Helper()
	l, usageFile := s.launched(cmd)
	var errb bytes.Buffer
	l.Stderr = &errb
	start := time.Now()
	err := l.Run()
	m := measurement{wall: time.Since(start)}
	if err != nil {
		s.tb.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), err, errb.String())
	}
	raw, err := os.ReadFile(usageFile)
	os.Remove(usageFile)
	fields := strings.Fields(string(raw))
	if err != nil || len(fields) != 2 {
		s.tb.Fatalf("%s: no usage from the launcher (%v)", strings.Join(cmd.Args, " "), err)
	}
	cpu, err1 := strconv.ParseInt(fields[0], 10, 64)
	peak, err2 := strconv.ParseInt(fields[1], 10, 64)
	if err1 != nil || err2 != nil {
		s.tb.Fatalf("launcher wrote %q", raw)
	}
	m.cpu, m.peakRSS = time.Duration(cpu), peak
	return m
}
