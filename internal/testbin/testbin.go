// Package testbin builds the ticket-master binary for the suites that run
// it for real (the end-to-end scripts, the chaos suite, the benchmarks):
// hooks and the detached daemon call it by its absolute path, so the test
// binary's own re-exec will not do.
package testbin

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
)

// Package is the import path of the command.
const Package = "github.com/ticket-master/ticket-master/cmd/ticket-master"

// Build builds the binary into a new temporary folder whose name starts
// with prefix, and returns the folder; the binary is "ticket-master" in it.
// The caller removes the folder.
func Build(prefix string) (string, error) {
	dir, err := os.MkdirTemp("", prefix)
	if err != nil {
		return "", err
	}
	out, err := exec.Command("go", "build", "-o", filepath.Join(dir, "ticket-master"), Package).CombinedOutput()
	if err != nil {
		os.RemoveAll(dir)
		return "", fmt.Errorf("build ticket-master: %v\n%s", err, out)
	}
	return dir, nil
}
