package main

import (
	"context"
	"fmt"
	"runtime"

	"github.com/urfave/cli/v2"
)

// versionText is the version as `version` and `--version` both print it,
// after "ticket-master version ".
func versionText() string {
	return fmt.Sprintf("%s (%s, %s/%s)", version, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}

type versionOptions struct {
	IO   *IO
	JSON bool
}

func newVersionCmd(f *factory, runF func(context.Context, *versionOptions) error) *cli.Command {
	if runF == nil {
		runF = runVersion
	}
	return &cli.Command{
		Name:  "version",
		Usage: "print the version",
		Flags: []cli.Flag{jsonFlag()},
		Action: func(c *cli.Context) error {
			if c.NArg() > 0 {
				return usagef("version takes no arguments")
			}
			return runF(c.Context, &versionOptions{IO: f.IO, JSON: c.Bool("json")})
		},
	}
}

func runVersion(_ context.Context, o *versionOptions) error {
	if o.JSON {
		return writeJSON(o.IO, map[string]string{"version": version, "go": runtime.Version(), "os": runtime.GOOS, "arch": runtime.GOARCH})
	}
	// The same line as --version, which urfave/cli prints as
	// "NAME version VERSION".
	fmt.Fprintf(o.IO.Out, "ticket-master version %s\n", versionText())
	return nil
}
