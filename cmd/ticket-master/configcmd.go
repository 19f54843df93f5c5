package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/daemon"
	"github.com/ticket-master/ticket-master/finding"
)

func configCommand(ios *IO) *cli.Command {
	return &cli.Command{
		Name:  "config",
		Usage: "check configuration files and show the settings in force for a repository",
		Subcommands: []*cli.Command{
			{
				Name:      "check",
				Usage:     "validate config.yaml and a repository's .ticket-master.yaml; errors name their line",
				ArgsUsage: "[PATH]",
				Description: "PATH is a .ticket-master.yaml, a config.yaml, or a repository (its\n" +
					".ticket-master.yaml). Without PATH: your config.yaml and, inside a repository,\n" +
					"its .ticket-master.yaml. Unknown keys are errors. Exit 1 when anything is wrong.\n" +
					"A repository's file is read from the working copy; the daemon reads the one\n" +
					"committed, and check says when the two differ.\n\n" +
					"Example:\n  ticket-master config check .ticket-master.yaml",
				Action: func(c *cli.Context) error {
					if c.NArg() > 1 {
						return usagef("config check takes at most one PATH")
					}
					return runConfigCheck(c.Context, &configCheckOptions{IO: ios, Path: c.Args().First()})
				},
			},
			{
				Name:      "show",
				Usage:     "print the settings in force for the repository at PATH (default .), every layer applied",
				ArgsUsage: "[PATH]",
				Description: "Prints YAML with the keys you write in config.yaml and .ticket-master.yaml;\n" +
					"--json prints the same document as JSON. The repository's settings are the\n" +
					"ones committed at HEAD, which the daemon uses.\n\n" +
					"Example:\n  ticket-master config show ~/src/gadgets",
				Flags: []cli.Flag{jsonFlag()},
				Action: func(c *cli.Context) error {
					path, err := argPath(c)
					if err != nil {
						return err
					}
					return runConfigShow(c.Context, &configShowOptions{IO: ios, Path: path, JSON: c.Bool("json")})
				},
			},
		},
	}
}

type configShowOptions struct {
	IO   *IO
	Path string
	JSON bool
}

func runConfigShow(ctx context.Context, o *configShowOptions) error {
	e, err := loadEnv(o.IO)
	if err != nil {
		return err
	}
	repo, err := analyze.Open(ctx, o.Path)
	if err != nil {
		return err
	}
	team, err := committedSettings(ctx, repo)
	if err != nil {
		return err
	}
	if c, _ := compareWithCommitted(ctx, repo); c.differs {
		fmt.Fprintf(o.IO.Err, "note: %s\n", c.note())
	}
	for env, key := range map[string]string{"OLLAMA_HOST": "llm.host", "GITHUB_API_URL": "github.api_url"} {
		if v := strings.TrimSpace(o.IO.Getenv(env)); v != "" {
			fmt.Fprintf(o.IO.Err, "note: %s=%s is set and wins over %s\n", env, v, key)
		}
	}
	inForce := e.cfg.InForce(repo.Path, team)
	var out []byte
	if o.JSON {
		out, err = config.JSON(inForce)
	} else {
		out, err = config.YAML(inForce)
		out = append([]byte("# settings in force for "+repo.Path+"\n"), out...)
	}
	if err != nil {
		return err
	}
	_, err = o.IO.Out.Write(out)
	return err
}

// committedSettings reads the .ticket-master.yaml committed at HEAD: what
// the daemon analyses new commits with. A repository without commits has
// none.
func committedSettings(ctx context.Context, repo *analyze.Repo) (config.RepoSettings, error) {
	head, err := repo.ResolveRevision(ctx, "HEAD")
	if err != nil {
		return config.RepoSettings{}, nil
	}
	return repo.LoadRepoSettingsAt(ctx, head)
}

// committedComparison says how a working copy's .ticket-master.yaml stands
// against HEAD's.
type committedComparison struct {
	differs bool
	head    string
	headErr error // what is wrong with the committed file
	// noCommitted: HEAD has no such file; noWorking: the working copy has
	// none. A note must not speak of a committed file that is not there.
	noCommitted, noWorking bool
}

func (c committedComparison) note() string {
	head := finding.ShortHash(c.head)
	switch {
	case c.noCommitted:
		return fmt.Sprintf("your %s is not committed (HEAD, %s, has none); the daemon goes without it until you commit it",
			config.RepoFile, head)
	case c.noWorking:
		return fmt.Sprintf("your working copy has no %s but HEAD (%s) has one; the daemon uses the committed one until you commit its removal",
			config.RepoFile, head)
	}
	return fmt.Sprintf("your working copy differs from the committed %s; the daemon uses the committed one (HEAD, %s) until you commit it",
		config.RepoFile, head)
}

// compareWithCommitted compares the working copy's file with HEAD's. It
// says nothing (zero value) where there is no HEAD to compare with.
func compareWithCommitted(ctx context.Context, repo *analyze.Repo) (committedComparison, error) {
	var c committedComparison
	head, err := repo.ResolveRevision(ctx, "HEAD")
	if err != nil {
		return c, err
	}
	c.head = head
	committed, cerr := repo.RepoSettingsAt(ctx, head)
	working, werr := config.ReadRepoFile(filepath.Join(repo.Path, config.RepoFile))
	if errors.Is(werr, os.ErrNotExist) {
		working, werr = nil, nil
		c.noWorking = true
	}
	c.noCommitted = cerr == nil && committed == nil
	switch {
	case cerr != nil && werr != nil:
		c.differs = false // both refused; each error says why
	case cerr != nil || werr != nil:
		c.differs = true
	default:
		c.differs = !bytes.Equal(committed, working)
	}
	if cerr == nil && committed != nil {
		_, cerr = repo.LoadRepoSettingsAt(ctx, head)
	}
	c.headErr = cerr
	return c, nil
}

type configCheckOptions struct {
	IO   *IO
	Path string
}

func runConfigCheck(ctx context.Context, o *configCheckOptions) error {
	paths, err := config.ResolvePaths(o.IO.Getenv)
	if err != nil {
		return err
	}
	var files []string
	switch path := o.Path; {
	case path == "":
		files = append(files, paths.ConfigFile())
		if top, err := repoTop("."); err == nil {
			files = append(files, filepath.Join(top, config.RepoFile))
		}
	default:
		st, err := os.Stat(path)
		if err != nil && !errors.Is(err, os.ErrNotExist) {
			st, err = os.Lstat(path) // a link to nowhere useful: checkFile says why
		}
		if err != nil {
			return fmt.Errorf("%s: no such file or folder", path)
		}
		if st.IsDir() {
			path = filepath.Join(path, config.RepoFile)
		}
		files = append(files, path)
	}
	var bad []error
	for _, f := range files {
		err := checkFile(f)
		switch {
		case errors.Is(err, os.ErrNotExist):
			fmt.Fprintf(o.IO.Out, "none: %s (defaults apply)\n", f)
		case err != nil:
			bad = append(bad, err)
			fmt.Fprintf(o.IO.Out, "FAIL: %s\n", f)
		default:
			fmt.Fprintf(o.IO.Out, "ok:   %s\n", f)
		}
		if filepath.Base(f) == config.RepoFile {
			noteCommitted(ctx, o.IO, f)
		}
	}
	return errors.Join(bad...)
}

// checkFile reads and checks one settings file with the limits its reader
// applies.
func checkFile(f string) error {
	if filepath.Base(f) == config.RepoFile {
		data, err := config.ReadRepoFile(f)
		if err != nil {
			return err
		}
		if _, err := config.ParseRepoSettings(data); err != nil {
			return named(f, err)
		}
		return nil
	}
	data, err := config.ReadConfigFile(f)
	if err != nil {
		return err
	}
	cfg := config.Defaults()
	return named(f, config.Parse(data, &cfg))
}

// named names the file in each line of a parse error.
func named(file string, err error) error {
	var fe *config.FileError
	if errors.As(err, &fe) {
		return fe.In(file)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", file, err)
	}
	return nil
}

// noteCommitted says when the working copy's .ticket-master.yaml at the top
// of a repository is not what the daemon uses, HEAD's, and what is wrong
// with HEAD's.
func noteCommitted(ctx context.Context, ios *IO, file string) {
	abs, err := filepath.Abs(file)
	if err != nil {
		return
	}
	repo, err := analyze.Open(ctx, filepath.Dir(abs))
	if err != nil || filepath.Join(repo.Path, config.RepoFile) != abs {
		return // not the settings file of a repository
	}
	c, err := compareWithCommitted(ctx, repo)
	if err != nil || !c.differs {
		return
	}
	fmt.Fprintf(ios.Out, "note: %s\n", c.note())
	if c.headErr != nil {
		fmt.Fprintf(ios.Out, "note: the committed one has problems; reconciles fail until a fixed one is committed:\n%s\n", c.headErr)
	}
}

// configCheck is doctor's line for config.yaml: what is wrong, at which
// line, and what to do.
func configCheck(e *env) daemon.Check {
	c := daemon.Check{Name: "config"}
	file := e.paths.ConfigFile()
	if e.cfgErr == nil {
		c.OK, c.Detail = true, file
		if _, err := os.Lstat(file); errors.Is(err, os.ErrNotExist) {
			c.Detail = "no config.yaml: defaults apply"
		}
		return c
	}
	c.Detail = strings.ReplaceAll(e.cfgErr.Error(), "\n", "; ")
	c.Fix = "edit " + file
	var fe *config.FileError
	if errors.As(e.cfgErr, &fe) && len(fe.Problems) > 0 && fe.Problems[0].Line > 0 {
		c.Fix += fmt.Sprintf(" at line %d", fe.Problems[0].Line)
	}
	c.Fix += " (`ticket-master config check` re-checks it); until then the broken settings keep their defaults"
	return c
}

// repoTop finds the top of the working tree containing dir, by files only.
func repoTop(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	for d := abs; ; d = filepath.Dir(d) {
		if _, err := os.Stat(filepath.Join(d, ".git")); err == nil {
			return d, nil
		}
		if filepath.Dir(d) == d {
			return "", analyze.ErrNotRepo
		}
	}
}
