package main

import (
	"fmt"
	"io"
	"os"
	"runtime"
	"runtime/pprof"
	"runtime/trace"
)

// Profiling is a hidden hook for measuring real runs of the real binary
// (`make bench`, a backfill over a large history): TM_CPUPROFILE=FILE
// writes a CPU profile of the whole process, TM_MEMPROFILE=FILE a heap
// profile (allocations since start, and what is live) when it ends, and
// TM_TRACE=FILE an execution trace (where goroutines waited while git
// worked: `go tool trace -pprof=sync FILE`). The profiles are for
// `go tool pprof`. They are environment variables rather than
// flags because every command may be the one worth profiling, and users
// never need them.
const (
	envCPUProfile = "TM_CPUPROFILE"
	envMemProfile = "TM_MEMPROFILE"
	envTrace      = "TM_TRACE"
)

// startProfiles starts what the environment asks for and returns the
// function that writes the profiles out; problems are reported on errw and
// never stop the command.
func startProfiles(getenv func(string) string, errw io.Writer) (stop func()) {
	if getenv(envMemProfile) == "" {
		// The heap profile is only ever written for TM_MEMPROFILE, but
		// the runtime samples allocations for it from the start: a stack
		// recorded every 512 KiB allocated took 2.5% of the CPU of
		// go-git's 2,000-commit backfill (runtime.mProf_Malloc).
		runtime.MemProfileRate = 0
	}
	var cpu *os.File
	if path := getenv(envCPUProfile); path != "" {
		f, err := os.Create(path)
		if err == nil {
			err = pprof.StartCPUProfile(f)
			if err != nil {
				f.Close()
			}
		}
		if err != nil {
			fmt.Fprintf(errw, "ticket-master: %s: %v\n", envCPUProfile, err)
		} else {
			cpu = f
		}
	}
	tr := startTrace(getenv(envTrace), errw)
	memPath := getenv(envMemProfile)
	return func() {
		if tr != nil {
			trace.Stop()
			if err := tr.Close(); err != nil {
				fmt.Fprintf(errw, "ticket-master: %s: %v\n", envTrace, err)
			}
		}
		if cpu != nil {
			pprof.StopCPUProfile()
			if err := cpu.Close(); err != nil {
				fmt.Fprintf(errw, "ticket-master: %s: %v\n", envCPUProfile, err)
			}
		}
		if memPath != "" {
			if err := writeHeapProfile(memPath); err != nil {
				fmt.Fprintf(errw, "ticket-master: %s: %v\n", envMemProfile, err)
			}
		}
	}
}

// startTrace starts an execution trace into path, when one is asked for.
func startTrace(path string, errw io.Writer) *os.File {
	if path == "" {
		return nil
	}
	f, err := os.Create(path)
	if err == nil {
		if err = trace.Start(f); err != nil {
			f.Close()
		}
	}
	if err != nil {
		fmt.Fprintf(errw, "ticket-master: %s: %v\n", envTrace, err)
		return nil
	}
	return f
}

func writeHeapProfile(path string) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	runtime.GC() // what is live at the end, not at the last collection
	if err := pprof.Lookup("allocs").WriteTo(f, 0); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
