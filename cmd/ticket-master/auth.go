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

	"github.com/ticket-master/ticket-master/ghrepo"
	"github.com/ticket-master/ticket-master/publish"
	"github.com/ticket-master/ticket-master/store"
)

// isFatal errors stop a batch of publishes: the next draft would fail the
// same way.
func isFatal(err error) bool {
	return errors.Is(err, publish.ErrUnauthorized) || errors.Is(err, publish.ErrNoToken) ||
		errors.Is(err, publish.ErrRateLimited)
}

// authOptions is what the auth commands share: the host, the token
// sources, and a GitHub client maker.
type authOptions struct {
	IO     *IO
	Host   string
	Tokens func() publish.Tokens
	GitHub func(host, token string) (*publish.Client, error)
}

func (f *factory) authOptions(c *cli.Context) authOptions {
	return authOptions{IO: f.IO, Host: c.String("hostname"), Tokens: f.Tokens, GitHub: f.GitHub}
}

type authLoginOptions struct {
	authOptions
	Store     func() (*store.Store, error)
	WithToken bool
}

type authStatusOptions struct {
	authOptions
	JSON bool
}

type authLogoutOptions struct{ authOptions }

func authCommand(f *factory) *cli.Command {
	return &cli.Command{
		Name:  "auth",
		Usage: "store, check or remove the GitHub token used to publish",
		Description: "The token is kept in the OS keyring (service ticket-master:HOST), never in the\n" +
			"config, the database or a log. When publishing, the token is looked up in\n" +
			"this order: GH_TOKEN, GITHUB_TOKEN (GH_ENTERPRISE_TOKEN, GITHUB_ENTERPRISE_TOKEN\n" +
			"for other hosts), the keyring, then `gh auth token` of an installed GitHub CLI.",
		Subcommands: []*cli.Command{
			newAuthLoginCmd(f, nil),
			newAuthStatusCmd(f, nil),
			newAuthLogoutCmd(f, nil),
		},
	}
}

func hostFlag() cli.Flag {
	return &cli.StringFlag{Name: "hostname", Value: "github.com", Usage: "the GitHub `HOST` (github.com or a GitHub Enterprise host)"}
}

func newAuthLoginCmd(f *factory, runF func(context.Context, *authLoginOptions) error) *cli.Command {
	if runF == nil {
		runF = runAuthLogin
	}
	return &cli.Command{
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
			if c.NArg() > 0 {
				return usagef("auth login takes no arguments (pipe the token in with --with-token)")
			}
			return runF(c.Context, &authLoginOptions{authOptions: f.authOptions(c), Store: f.Store, WithToken: c.Bool("with-token")})
		},
	}
}

func newAuthStatusCmd(f *factory, runF func(context.Context, *authStatusOptions) error) *cli.Command {
	if runF == nil {
		runF = runAuthStatus
	}
	return &cli.Command{
		Name:  "status",
		Usage: "show where the token comes from and whose it is (never the token itself)",
		Flags: []cli.Flag{hostFlag(), jsonFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("auth status takes no arguments")
			}
			return runF(c.Context, &authStatusOptions{authOptions: f.authOptions(c), JSON: c.Bool("json")})
		},
	}
}

func newAuthLogoutCmd(f *factory, runF func(context.Context, *authLogoutOptions) error) *cli.Command {
	if runF == nil {
		runF = runAuthLogout
	}
	return &cli.Command{
		Name:  "logout",
		Usage: "remove the token from the OS keyring",
		Flags: []cli.Flag{hostFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("auth logout takes no arguments")
			}
			return runF(c.Context, &authLogoutOptions{f.authOptions(c)})
		},
	}
}

func runAuthLogout(_ context.Context, o *authLogoutOptions) error {
	err := o.Tokens().Delete(o.Host)
	if errors.Is(err, publish.ErrNoKeyringEntry) {
		fmt.Fprintf(o.IO.Out, "No token for %s in the keyring.\n", o.Host)
		return nil
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(o.IO.Out, "Removed the token for %s from the keyring.\n", o.Host)
	return nil
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

func runAuthLogin(ctx context.Context, o *authLoginOptions) error {
	ios, host := o.IO, o.Host
	token, err := readToken(ios, host, o.WithToken)
	if err != nil {
		return err
	}
	if token == "" {
		return errors.New("the token is empty")
	}
	tok := publish.Token{Value: token, Source: "login", Host: host}
	c, err := o.GitHub(host, token)
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
	if st, err := o.Store(); err == nil {
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
			if err := c.CheckRepo(ctx, ghrepo.Repo{Host: rh, Owner: r.Owner, Name: r.Name}); err != nil {
				warnings = append(warnings, tok.Scrub(err).Error())
			}
		}
	}
	if err := o.Tokens().Store(host, token); err != nil {
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

func runAuthStatus(ctx context.Context, o *authStatusOptions) error {
	ios, host, asJSON := o.IO, o.Host, o.JSON
	rep := authReport{Host: host}
	tok, err := o.Tokens().Find(ctx, host)
	if err == nil {
		rep.Source = tok.Source
		c, cerr := o.GitHub(host, tok.Value)
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
