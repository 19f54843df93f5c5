package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/urfave/cli/v2"

	"github.com/ticket-master/ticket-master/config"
	"github.com/ticket-master/ticket-master/daemon/analyze"
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
					"its .ticket-master.yaml. Unknown keys are errors. Exit 1 when anything is wrong.\n\n" +
					"Example:\n  ticket-master config check .ticket-master.yaml",
				Action: func(c *cli.Context) error {
					if c.NArg() > 1 {
						return usagef("config check takes at most one PATH")
					}
					return runConfigCheck(ios, c.Args().First())
				},
			},
			{
				Name:        "show",
				Usage:       "print the settings in force for the repository at PATH (default .), every layer applied",
				ArgsUsage:   "[PATH]",
				Description: "Example:\n  ticket-master config show ~/src/gadgets",
				Action: func(c *cli.Context) error {
					path, err := argPath(c)
					if err != nil {
						return err
					}
					e, err := loadEnv(ios)
					if err != nil {
						return err
					}
					repo, err := analyze.Open(c.Context, path)
					if err != nil {
						return err
					}
					team, err := config.LoadRepoSettings(repo.Path)
					if err != nil {
						return err
					}
					return writeJSON(ios, e.cfg.ForRepo(repo.Path, team))
				},
			},
		},
	}
}

func runConfigCheck(ios *IO, path string) error {
	paths, err := config.ResolvePaths(ios.Getenv)
	if err != nil {
		return err
	}
	var files []string
	switch {
	case path == "":
		files = append(files, paths.ConfigFile())
		if top, err := repoTop("."); err == nil {
			files = append(files, filepath.Join(top, config.RepoFile))
		}
	default:
		st, err := os.Stat(path)
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
		data, err := os.ReadFile(f)
		if errors.Is(err, os.ErrNotExist) {
			fmt.Fprintf(ios.Out, "none: %s (defaults apply)\n", f)
			continue
		}
		if err != nil {
			return err
		}
		if filepath.Base(f) == config.RepoFile {
			_, err = config.ParseRepoSettings(data)
		} else {
			cfg := config.Defaults()
			err = config.Parse(data, &cfg)
		}
		if err != nil {
			bad = append(bad, fmt.Errorf("%s: %w", f, err))
			fmt.Fprintf(ios.Out, "FAIL: %s\n", f)
			continue
		}
		fmt.Fprintf(ios.Out, "ok:   %s\n", f)
	}
	return errors.Join(bad...)
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
