// Command ticket-master drafts GitHub issues from what your commits say and
// publishes them once you have reviewed them. See README.md.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	stopProfiles := startProfiles(os.Getenv, os.Stderr)
	code := run(ctx, os.Args, systemIO())
	stopProfiles()
	stop()
	os.Exit(code)
}
