package install

import (
	"sort"
	"strings"
)

// SystemdUnit is the user unit that runs "Exe daemon run".
//
// kardianos/service's built-in template is written for system services: it
// says WantedBy=multi-user.target, a target a user manager never reaches (so
// an enabled unit would never start at login), restarts after 120 s, reads
// /etc/sysconfig, and writes Environment= lines unquoted (a value with a
// space breaks the line). So the unit text is ours and kardianos is handed it
// through its SystemdScript option.
//
// There is no After=network-online.target: that target does not exist in a
// user manager, and the daemon needs no network to start (Ollama is local,
// GitHub is only asked when the user publishes).
func SystemdUnit(spec Spec) string {
	var b strings.Builder
	b.WriteString("# Written by `ticket-master daemon install`; the next install replaces it.\n")
	b.WriteString("[Unit]\n")
	b.WriteString("Description=" + description + "\n")
	b.WriteString("\n[Service]\n")
	b.WriteString("Type=simple\n")
	b.WriteString("ExecStart=" + systemdExecArg(spec.Exe) + " daemon run\n")
	b.WriteString("Restart=on-failure\n")
	b.WriteString("RestartSec=2s\n")
	for _, k := range sortedKeys(spec.Env) {
		b.WriteString("Environment=" + systemdEnvAssignment(k, spec.Env[k]) + "\n")
	}
	b.WriteString("\n[Install]\n")
	b.WriteString("WantedBy=default.target\n")
	return b.String()
}

// systemdExecArg quotes one word of an Exec line. Inside double quotes
// systemd undoes C-style backslash escapes; it also expands specifiers (%)
// and variables ($) in Exec lines, so both are doubled to stay literal.
func systemdExecArg(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, `%`, `%%`, `$`, `$$`)
	return `"` + r.Replace(s) + `"`
}

// systemdEnvAssignment quotes a whole KEY=value assignment, the form
// systemd.exec(5) documents for values with spaces. Environment= expands
// specifiers but not variables, so only % is doubled.
func systemdEnvAssignment(k, v string) string {
	r := strings.NewReplacer(`\`, `\\`, `"`, `\"`, `%`, `%%`)
	return `"` + r.Replace(k+"="+v) + `"`
}

// parseSystemdEnv reads back the Environment= lines of a unit, quoted as
// systemdEnvAssignment writes them or plain, for Status.
func parseSystemdEnv(unit string) map[string]string {
	env := make(map[string]string)
	for _, line := range strings.Split(unit, "\n") {
		rest, ok := strings.CutPrefix(strings.TrimSpace(line), "Environment=")
		if !ok {
			continue
		}
		for _, assignment := range splitSystemdWords(rest) {
			if k, v, ok := strings.Cut(assignment, "="); ok {
				env[k] = v
			}
		}
	}
	return env
}

// splitSystemdWords splits a value into words the way systemd does for
// Environment=: whitespace separates words, double quotes group them, and
// backslash escapes and %% are undone.
func splitSystemdWords(s string) []string {
	var words []string
	var cur strings.Builder
	inWord, quoted := false, false
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == '\\' && i+1 < len(s):
			i++
			cur.WriteByte(unescapeC(s[i]))
			inWord = true
		case c == '%' && i+1 < len(s) && s[i+1] == '%':
			i++
			cur.WriteByte('%')
			inWord = true
		case c == '"':
			quoted = !quoted
			inWord = true
		case (c == ' ' || c == '\t') && !quoted:
			if inWord {
				words = append(words, cur.String())
				cur.Reset()
				inWord = false
			}
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	if inWord {
		words = append(words, cur.String())
	}
	return words
}

func unescapeC(c byte) byte {
	switch c {
	case 'n':
		return '\n'
	case 't':
		return '\t'
	default:
		return c
	}
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
