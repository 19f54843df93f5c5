package review

import (
	"fmt"
	"io"
	"os"
	"os/exec"
	"runtime"
	"strings"
)

// EditorCommand is the editor a person chose: $VISUAL, then $EDITOR, as
// git does; "" when neither is set.
func EditorCommand(getenv func(string) string) string {
	for _, name := range []string{"TICKET_MASTER_EDITOR", "VISUAL", "EDITOR"} {
		if v := strings.TrimSpace(getenv(name)); v != "" {
			return v
		}
	}
	return ""
}

// Editor returns a function that edits text in the given editor command,
// run through the shell so that "code --wait" and the like work. The
// editor talks to the terminal, not to our streams.
func Editor(command string, stdin io.Reader, stdout, stderr io.Writer) func(string) (string, error) {
	return func(text string) (string, error) {
		if command == "" {
			return "", fmt.Errorf("no editor: set EDITOR (for example EDITOR=vi)")
		}
		f, err := os.CreateTemp("", "ticket-master-draft-*.md")
		if err != nil {
			return "", fmt.Errorf("create temp file: %w", err)
		}
		path := f.Name()
		defer os.Remove(path)
		if _, err := f.WriteString(text); err != nil {
			f.Close()
			return "", fmt.Errorf("write temp file: %w", err)
		}
		if err := f.Close(); err != nil {
			return "", err
		}
		var cmd *exec.Cmd
		if runtime.GOOS == "windows" {
			cmd = exec.Command("cmd", "/C", command+" "+path)
		} else {
			cmd = exec.Command("sh", "-c", command+` "$1"`, "editor", path)
		}
		cmd.Stdin, cmd.Stdout, cmd.Stderr = stdin, stdout, stderr
		if err := cmd.Run(); err != nil {
			return "", fmt.Errorf("editor %q: %w", command, err)
		}
		out, err := os.ReadFile(path)
		if err != nil {
			return "", fmt.Errorf("read edited draft: %w", err)
		}
		return string(out), nil
	}
}
