package main

import (
	"context"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/install"
)

// The daemon's start policy lives in daemon.Starter (daemon/start.go); these
// build it for the commands.

// starter is the start policy on this machine: the OS service manager,
// unless TICKET_MASTER_NO_SERVICE=1 asks for the detached daemon only
// (tests, and people who start it themselves).
func starter(e *env, ios *IO) (*daemon.Starter, error) {
	exe, err := selfPath()
	if err != nil {
		return nil, err
	}
	return daemon.NewStarter(e.paths, exe, ios.Getenv)
}

// serviceManager is the OS service manager for the daemon, or nil with
// TICKET_MASTER_NO_SERVICE=1.
func serviceManager(e *env, ios *IO) (*install.Manager, error) {
	s, err := starter(e, ios)
	if err != nil {
		return nil, err
	}
	return s.Manager, nil
}

// ensureDaemon makes sure a daemon runs and returns what it did, for the
// user.
func ensureDaemon(ctx context.Context, e *env, ios *IO) (string, error) {
	s, err := starter(e, ios)
	if err != nil {
		return "", err
	}
	return s.Ensure(ctx)
}

// starter is the start policy of the daemon commands, with the service
// manager they were given (tests give a fake one).
func (o *daemonOptions) starter() (*daemon.Starter, *env, error) {
	e, err := o.Env()
	if err != nil {
		return nil, nil, err
	}
	m, err := o.Manager()
	if err != nil {
		return nil, nil, err
	}
	exe, err := selfPath()
	if err != nil {
		return nil, nil, err
	}
	return &daemon.Starter{Paths: e.paths, Exe: exe, Manager: m}, e, nil
}
