package main

import (
	"errors"
	"fmt"
	"os"
	"strings"
)

// tailFile prints the last n lines of a log file.
func tailFile(ios *IO, path string, n int) error {
	raw, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		fmt.Fprintf(ios.Out, "No log yet at %s.\n", path)
		return nil
	}
	if err != nil {
		return fmt.Errorf("read log: %w", err)
	}
	lines := strings.Split(strings.TrimRight(string(raw), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	fmt.Fprintln(ios.Out, strings.Join(lines, "\n"))
	return nil
}
