//go:build linux

package chaos

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// The suite finds its own processes through /proc: a process is ours when
// it runs the binary this suite built (a path no one else uses), and it
// belongs to a sandbox when its environment names the sandbox's
// TICKET_MASTER_HOME. Nothing else is ever signalled.

// ours says whether pid runs the suite's binary, in the sandbox at home
// when home is not "".
func ours(pid int, home string) bool {
	exe, err := os.Readlink(filepath.Join("/proc", strconv.Itoa(pid), "exe"))
	if err != nil || strings.TrimSuffix(exe, " (deleted)") != filepath.Join(binDir, "ticket-master") {
		return false
	}
	if home == "" {
		return true
	}
	env, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "environ"))
	if err != nil {
		return false
	}
	return bytes.Contains(append([]byte{0}, env...), []byte("\x00TICKET_MASTER_HOME="+home+"\x00"))
}

// processesOf lists the pids of the suite's binary running in the sandbox
// at home ("" for every sandbox), this process excluded.
func processesOf(home string) []int {
	entries, err := os.ReadDir("/proc")
	if err != nil {
		return nil
	}
	var pids []int
	for _, e := range entries {
		pid, err := strconv.Atoi(e.Name())
		if err != nil || pid == os.Getpid() {
			continue
		}
		if ours(pid, home) {
			pids = append(pids, pid)
		}
	}
	return pids
}

// peakRSS is the most memory pid has had resident (VmHWM), in bytes, or -1
// when it cannot be read.
func peakRSS(pid int) int64 {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "status"))
	if err != nil {
		return -1
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			f := strings.Fields(rest)
			if len(f) == 2 && f[1] == "kB" {
				n, err := strconv.ParseInt(f[0], 10, 64)
				if err == nil {
					return n * 1024
				}
			}
		}
	}
	return -1
}

// alive says whether pid still exists and is not a zombie.
func alive(pid int) bool {
	b, err := os.ReadFile(filepath.Join("/proc", strconv.Itoa(pid), "stat"))
	if err != nil {
		return false
	}
	// The state follows the command name in parentheses, which may itself
	// hold spaces and parentheses: take the last ')'.
	i := bytes.LastIndexByte(b, ')')
	return i >= 0 && i+2 < len(b) && b[i+2] != 'Z'
}
