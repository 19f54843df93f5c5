package main

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/urfave/cli/v2"
	"golang.org/x/term"

	"github.com/ticket-master/ticket-master/publish"
	"github.com/ticket-master/ticket-master/store"
)

// tokenSource finds tokens in the environment given to the command, the OS
// keyring and gh.
func tokenSource(ios *IO) publish.Tokens {
	return publish.Tokens{Getenv: ios.Getenv, Keyring: publish.SystemKeyring(publish.DefaultKeyringTimeout)}
}

// isFatal errors stop a batch of publishes: the next draft would fail the
// same way.
func isFatal(err error) bool {
	return errors.Is(err, publish.ErrUnauthorized) || errors.Is(err, publish.ErrNoToken) ||
		errors.Is(err, publish.ErrRateLimited)
}

func authCommand(ios *IO) *cli.Command {
	hostFlag := func() cli.Flag {
		return &cli.StringFlag{Name: "hostname", Value: "github.com", Usage: "the GitHub `HOST` (github.com or a GitHub Enterprise host)"}
	}
	return &cli.Command{
		Name:  "auth",
		Usage: "store, check or remove the GitHub token used to publish",
		Description: "The token is kept in the OS keyring (service ticket-master:HOST), never in the\n" +
			"config, the database or a log. When publishing, the token is looked up in\n" +
			"this order: GH_TOKEN, GITHUB_TOKEN (GH_ENTERPRISE_TOKEN, GITHUB_ENTERPRISE_TOKEN\n" +
			"for other hosts), the keyring, then `gh auth token` of an installed GitHub CLI.",
		Subcommands: []*cli.Command{
			{
				Name:  "login",
				Usage: "check a token against GitHub and store it in the OS keyring",
				Description: "Reads the token at a hidden prompt, or from standard input with --with-token.\n" +
					"The token needs the repo scope (classic) or Issues: read and write\n" +
					"(fine-grained) on the repositories you publish to.\n\n" +
					"Examples:\n  ticket-master auth login\n  gh auth token | ticket-master auth login --with-token",
				Flags: []cli.Flag{
					hostFlag(),
					&cli.BoolFlag{Name: "with-token", Usage: "read the token from standard input"},
				},
				Action: func(c *cli.Context) error {
					return runAuthLogin(c.Context, ios, c.String("hostname"), c.Bool("with-token"))
				},
			},
			{
				Name:  "status",
				Usage: "show where the token comes from and whose it is (never the token itself)",
				Flags: []cli.Flag{hostFlag(), jsonFlag()},
				Action: func(c *cli.Context) error {
					return runAuthStatus(c.Context, ios, c.String("hostname"), c.Bool("json"))
				},
			},
			{
				Name:  "logout",
				Usage: "remove the token from the OS keyring",
				Flags: []cli.Flag{hostFlag()},
				Action: func(c *cli.Context) error {
					host := c.String("hostname")
					err := tokenSource(ios).Delete(host)
					if errors.Is(err, publish.ErrNoKeyringEntry) {
						fmt.Fprintf(ios.Out, "No token for %s in the keyring.\n", host)
						return nil
					}
					if err != nil {
						return err
					}
					fmt.Fprintf(ios.Out, "Removed the token for %s from the keyring.\n", host)
					return nil
				},
			},
		},
	}
}

func readToken(ios *IO, host string, fromStdin bool) (string, error) {
	if !fromStdin {
		f, ok := ios.In.(*os.File)
		if !ok || !term.IsTerminal(int(f.Fd())) {
			return "", usagef("no terminal to ask for the token: pipe it in with --with-token")
		}
		fmt.Fprintf(ios.Err, "Paste a GitHub token for %s (it is not shown): ", host)
		raw, err := term.ReadPassword(int(f.Fd()))
		fmt.Fprintln(ios.Err)
		if err != nil {
			return "", fmt.Errorf("read the token: %w", err)
		}
		return strings.TrimSpace(string(raw)), nil
	}
	line, err := bufio.NewReader(ios.In).ReadString('\n')
	if err != nil && line == "" {
		return "", errors.New("no token on standard input")
	}
	return strings.TrimSpace(line), nil
}

func runAuthLogin(ctx context.Context, ios *IO, host string, fromStdin bool) error {
	e, err := loadEnv(ios)
	if err != nil {
		return err
	}
	token, err := readToken(ios, host, fromStdin)
	if err != nil {
		return err
	}
	if token == "" {
		return errors.New("the token is empty")
	}
	tok := publish.Token{Value: token, Source: "login", Host: host}
	c, err := publish.NewClient(publish.ClientOptions{APIBase: publish.APIBase(ios.Getenv, apiURLFor(e.cfg.GitHub.APIURL, host), host), Token: token})
	if err != nil {
		return tok.Scrub(err)
	}
	login, err := c.User(ctx)
	if err != nil {
		return fmt.Errorf("not stored: %w", tok.Scrub(err))
	}
	// When repositories on this host are enrolled, check the token can
	// create issues there too: better to learn it now than at publish.
	var warnings []string
	if st, err := e.openStore(); err == nil {
		var repos []store.Repo
		_ = st.View(func(tx *store.Tx) (err error) { repos, err = tx.Repos(); return err })
		for _, r := range repos {
			rh := r.Host
			if rh == "" {
				rh = "github.com"
			}
			if !r.Enrolled || r.GitHub() == "" || rh != host {
				continue
			}
			if err := c.CheckRepo(ctx, publish.Target{Host: rh, Owner: r.Owner, Name: r.Name}); err != nil {
				warnings = append(warnings, tok.Scrub(err).Error())
			}
		}
	}
	if err := tokenSource(ios).Store(host, token); err != nil {
		return fmt.Errorf("the token works (%s) but could not be stored: %w", login, tok.Scrub(err))
	}
	fmt.Fprintf(ios.Out, "Logged in to %s as %s; the token is in the OS keyring (%s).\n", host, login, publish.KeyringService(host))
	for _, w := range warnings {
		fmt.Fprintf(ios.Out, "warning: %s\n", w)
	}
	return nil
}

type authReport struct {
	Host   string `json:"host"`
	Source string `json:"source,omitempty"`
	Login  string `json:"login,omitempty"`
	Error  string `json:"error,omitempty"`
}

func runAuthStatus(ctx context.Context, ios *IO, host string, asJSON bool) error {
	e, err := loadEnv(ios)
	if err != nil {
		return err
	}
	rep := authReport{Host: host}
	tok, err := tokenSource(ios).Find(ctx, host)
	if err == nil {
		rep.Source = tok.Source
		c, cerr := publish.NewClient(publish.ClientOptions{APIBase: publish.APIBase(ios.Getenv, apiURLFor(e.cfg.GitHub.APIURL, host), host), Token: tok.Value})
		if cerr == nil {
			rep.Login, cerr = c.User(ctx)
		}
		if cerr != nil {
			err = tok.Scrub(cerr)
		}
	}
	if err != nil {
		rep.Error = err.Error()
	}
	if asJSON {
		if werr := writeJSON(ios, rep); werr != nil {
			return werr
		}
		return err
	}
	if rep.Source != "" {
		fmt.Fprintf(ios.Out, "%s: token from %s", host, rep.Source)
		if rep.Login != "" {
			fmt.Fprintf(ios.Out, ", logged in as %s", rep.Login)
		}
		fmt.Fprintln(ios.Out)
	}
	return err
}
