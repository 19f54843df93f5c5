package install

import (
	"encoding/xml"
	"path/filepath"
	"strings"
)

// launchdDefaultPath is where git and ollama live on a Mac (Xcode's tools,
// Homebrew on Intel and on Apple silicon). launchd starts an agent with only
// /usr/bin:/bin:/usr/sbin:/sbin, which finds Apple's git shim but not a
// Homebrew ollama.
const launchdDefaultPath = "/usr/local/bin:/opt/homebrew/bin:/usr/bin:/bin:/usr/sbin:/sbin"

// LaunchdPlist is the LaunchAgent that runs "Exe daemon run" at login.
//
// KeepAlive is {SuccessfulExit: false}: launchd restarts the daemon after a
// crash but not after `ticket-master daemon stop`, which exits cleanly.
// Both output streams go to the state folder's daemon.log, the file a
// detached daemon writes, so `daemon logs` reads one place either way.
func LaunchdPlist(spec Spec) string {
	env := make(map[string]string, len(spec.Env)+1)
	for k, v := range spec.Env {
		env[k] = v
	}
	env["PATH"] = launchdPath(spec.Env["PATH"])
	logFile := spec.Paths.DaemonLog()

	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0">
<dict>
`)
	plistKey(&b, 1, "Label")
	plistString(&b, 1, LaunchdLabel)
	plistKey(&b, 1, "ProgramArguments")
	b.WriteString("\t<array>\n")
	for _, arg := range []string{spec.Exe, "daemon", "run"} {
		plistString(&b, 2, arg)
	}
	b.WriteString("\t</array>\n")
	plistKey(&b, 1, "RunAtLoad")
	b.WriteString("\t<true/>\n")
	plistKey(&b, 1, "KeepAlive")
	b.WriteString("\t<dict>\n")
	plistKey(&b, 2, "SuccessfulExit")
	b.WriteString("\t\t<false/>\n")
	b.WriteString("\t</dict>\n")
	plistKey(&b, 1, "EnvironmentVariables")
	b.WriteString("\t<dict>\n")
	for _, k := range sortedKeys(env) {
		plistKey(&b, 2, k)
		plistString(&b, 2, env[k])
	}
	b.WriteString("\t</dict>\n")
	plistKey(&b, 1, "StandardOutPath")
	plistString(&b, 1, logFile)
	plistKey(&b, 1, "StandardErrorPath")
	plistString(&b, 1, logFile)
	b.WriteString("</dict>\n</plist>\n")
	return b.String()
}

// launchdPath puts the user's PATH first, so that the git and ollama they
// use in a terminal are the ones the daemon uses, then adds the usual
// folders it lacks.
func launchdPath(captured string) string {
	var parts []string
	seen := make(map[string]bool)
	for _, list := range []string{captured, launchdDefaultPath} {
		for _, dir := range filepath.SplitList(list) {
			if dir != "" && !seen[dir] {
				seen[dir] = true
				parts = append(parts, dir)
			}
		}
	}
	return strings.Join(parts, ":")
}

func plistKey(b *strings.Builder, indent int, k string) {
	b.WriteString(strings.Repeat("\t", indent) + "<key>" + xmlEscape(k) + "</key>\n")
}

func plistString(b *strings.Builder, indent int, s string) {
	b.WriteString(strings.Repeat("\t", indent) + "<string>" + xmlEscape(s) + "</string>\n")
}

func xmlEscape(s string) string {
	var b strings.Builder
	// EscapeText only fails when the writer does; a Builder never does.
	_ = xml.EscapeText(&b, []byte(s))
	return b.String()
}

// parsePlistEnv reads the EnvironmentVariables dictionary of a plist back,
// for Status. It understands the flat layout LaunchdPlist writes. The
// decoder never fetches the DOCTYPE's external DTD.
func parsePlistEnv(plist string) map[string]string {
	env := make(map[string]string)
	dec := xml.NewDecoder(strings.NewReader(plist))
	depth, envDepth := 0, 0 // envDepth is the depth of the environment's <dict>, 0 before it
	var text strings.Builder
	var lastKey string
	for {
		tok, err := dec.Token()
		if err != nil { // io.EOF or a malformed file: what was read so far
			return env
		}
		switch t := tok.(type) {
		case xml.StartElement:
			depth++
			text.Reset()
			if t.Name.Local == "dict" && lastKey == "EnvironmentVariables" && envDepth == 0 {
				envDepth = depth
			}
		case xml.CharData:
			text.Write(t)
		case xml.EndElement:
			switch {
			case t.Name.Local == "dict" && depth == envDepth:
				return env
			case t.Name.Local == "key":
				lastKey = text.String()
			case t.Name.Local == "string" && envDepth > 0 && depth == envDepth+1:
				env[lastKey] = text.String()
			}
			depth--
		}
	}
}
