package main

import (
	"bytes"
	"compress/gzip"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// pprof files are gzip-compressed protocol buffers: a profile that reads
// back through gzip with content is one `go tool pprof` can open.
func readProfile(t *testing.T, path string) []byte {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatalf("profile not written: %v", err)
	}
	defer f.Close()
	zr, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s is not a pprof file: %v", path, err)
	}
	data, err := io.ReadAll(zr)
	if err != nil || len(data) == 0 {
		t.Fatalf("%s: %d bytes, %v", path, len(data), err)
	}
	return data
}

func TestProfilesWrittenWhenAsked(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{
		envCPUProfile: filepath.Join(dir, "cpu.pprof"),
		envMemProfile: filepath.Join(dir, "mem.pprof"),
		envTrace:      filepath.Join(dir, "trace.out"),
	}
	var errw bytes.Buffer
	stop := startProfiles(func(k string) string { return env[k] }, &errw)
	sink := 0
	for i := range 1 << 20 {
		sink += len(strings.Repeat("x", i%64))
	}
	_ = sink
	stop()
	if errw.Len() > 0 {
		t.Fatalf("unexpected messages: %s", errw.String())
	}
	readProfile(t, env[envCPUProfile])
	if mem := readProfile(t, env[envMemProfile]); !bytes.Contains(mem, []byte("alloc_space")) {
		t.Errorf("heap profile lacks the alloc_space sample type")
	}
	if tr, err := os.ReadFile(env[envTrace]); err != nil || !bytes.HasPrefix(tr, []byte("go 1.")) {
		t.Errorf("execution trace: %v, starts %q", err, tr[:min(len(tr), 16)])
	}
}

func TestProfilesNothingByDefault(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir)
	var errw bytes.Buffer
	startProfiles(func(string) string { return "" }, &errw)()
	entries, _ := os.ReadDir(dir)
	if len(entries) > 0 || errw.Len() > 0 {
		t.Fatalf("wrote %d files and said %q with no profile asked for", len(entries), errw.String())
	}
}

func TestProfilesUnwritablePathIsReported(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "missing", "cpu.pprof")
	var errw bytes.Buffer
	startProfiles(func(k string) string {
		if k == envCPUProfile || k == envMemProfile || k == envTrace {
			return bad
		}
		return ""
	}, &errw)()
	if got := errw.String(); strings.Count(got, "ticket-master: TM_") != 3 {
		t.Fatalf("want one message per profile, got %q", got)
	}
}

// Allocations are sampled for a heap profile only when one is asked for:
// the sampling cost every command CPU.
func TestMemProfileSamplingOnlyWhenAsked(t *testing.T) {
	defer func(rate int) { runtime.MemProfileRate = rate }(runtime.MemProfileRate)
	runtime.MemProfileRate = 512 << 10
	startProfiles(func(string) string { return "" }, io.Discard)()
	if runtime.MemProfileRate != 0 {
		t.Errorf("MemProfileRate = %d with no heap profile asked for, want 0", runtime.MemProfileRate)
	}
	runtime.MemProfileRate = 512 << 10
	mem := filepath.Join(t.TempDir(), "mem.pprof")
	startProfiles(func(k string) string {
		if k == envMemProfile {
			return mem
		}
		return ""
	}, io.Discard)()
	if runtime.MemProfileRate != 512<<10 {
		t.Errorf("MemProfileRate = %d with TM_MEMPROFILE set, want the default kept", runtime.MemProfileRate)
	}
}
