package main

import (
	"context"
	"fmt"
	"sync"
	"time"

	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/draft"
	"github.com/ticket-master/ticket-master/publish"
	"github.com/ticket-master/ticket-master/review"
	"github.com/ticket-master/ticket-master/store"
)

// factory is the one place that builds what commands need from the
// process's streams and environment: the paths and config, the store, and
// the clients (daemon, GitHub, model). Commands copy the functions they
// need into their options; tests build options with their own.
type factory struct {
	IO *IO

	mu   sync.Mutex
	envs map[configNeed]loadedEnv
}

type loadedEnv struct {
	env *env
	err error
}

func newFactory(ios *IO) *factory { return &factory{IO: ios, envs: map[configNeed]loadedEnv{}} }

// Env loads the paths and a valid config, once per process.
func (f *factory) Env() (*env, error) { return f.envFor(needConfig) }

// EnvAny is Env for commands that must work whatever state config.yaml is
// in: a broken file gets a warning and defaults stand in.
func (f *factory) EnvAny() (*env, error) { return f.envFor(anyConfig) }

func (f *factory) envFor(need configNeed) (*env, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	l, ok := f.envs[need]
	if !ok {
		l.env, l.err = loadEnvFor(f.IO, need)
		f.envs[need] = l
	}
	return l.env, l.err
}

// Store opens the database (each transaction opens the file, so this is
// cheap and holds no lock), for commands that need a valid config.
func (f *factory) Store() (*store.Store, error) { return openStoreWith(f.Env) }

// StoreAny opens the database whatever state config.yaml is in.
func (f *factory) StoreAny() (*store.Store, error) { return openStoreWith(f.EnvAny) }

func openStoreWith(load func() (*env, error)) (*store.Store, error) {
	e, err := load()
	if err != nil {
		return nil, err
	}
	return e.openStore()
}

// Daemon is a client of the daemon's socket whose requests give up after
// timeout. It needs only the paths, so a broken config.yaml does not stop
// it (the daemon has its own).
func (f *factory) Daemon(timeout time.Duration) (*daemon.Client, error) {
	e, err := f.EnvAny()
	if err != nil {
		return nil, err
	}
	return daemon.NewClient(e.paths.Socket(), timeout), nil
}

// Tokens finds GitHub tokens in the environment, the OS keyring and gh.
func (f *factory) Tokens() publish.Tokens {
	return publish.Tokens{Getenv: f.IO.Getenv, Keyring: publish.SystemKeyring(publish.DefaultKeyringTimeout)}
}

// GitHub is a client of host's REST API that sends token. The API base
// follows publish.APIBase, so a token never goes to another host's API.
func (f *factory) GitHub(host, token string) (*publish.Client, error) {
	e, err := f.Env()
	if err != nil {
		return nil, err
	}
	return publish.NewClient(publish.ClientOptions{
		APIBase: publish.APIBase(f.IO.Getenv, e.cfg.GitHub.APIURL, host),
		Token:   token,
	})
}

// Publishers makes one publisher per GitHub host, on first use, with the
// token found for that host and the config's pace and label settings.
func (f *factory) Publishers() review.PublisherFor {
	var mu sync.Mutex
	made := map[string]*publish.Publisher{}
	return func(ctx context.Context, host string) (*publish.Publisher, error) {
		mu.Lock()
		defer mu.Unlock()
		if p := made[host]; p != nil {
			return p, nil
		}
		e, err := f.Env()
		if err != nil {
			return nil, err
		}
		tok, err := f.Tokens().Find(ctx, host)
		if err != nil {
			return nil, err
		}
		c, err := f.GitHub(host, tok.Value)
		if err != nil {
			return nil, tok.Scrub(err)
		}
		login, err := c.User(ctx)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", tok, tok.Scrub(err))
		}
		p := &publish.Publisher{
			Client: c, Clock: publish.RealClock(), Pace: publish.ConfigPace(e.cfg.GitHub.Pace.Std()),
			CreateLabels: e.cfg.GitHub.CreateLabels, Login: login,
		}
		made[host] = p
		return p, nil
	}
}

// Ollama is a client of the configured Ollama (OLLAMA_HOST wins) for model.
func (f *factory) Ollama(model string, timeout time.Duration) (*draft.Ollama, error) {
	e, err := f.Env()
	if err != nil {
		return nil, err
	}
	host, err := draft.ResolveHost(f.IO.Getenv, e.cfg.LLM.Host)
	if err != nil {
		return nil, err
	}
	return draft.NewOllama(draft.OllamaConfig{Host: host, Model: model, Timeout: timeout}), nil
}
