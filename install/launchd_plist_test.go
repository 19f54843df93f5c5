package install

import (
	"encoding/xml"
	"path/filepath"
	"strings"
	"testing"
)

func TestLaunchdPlistText(t *testing.T) {
	spec := testSpec(t)
	spec.Exe = "/Users/me/R&D <tools>/ticket-master"
	spec.Env["GITHUB_API_URL"] = `https://ghe.example/api/v3?a=1&b="2"`
	plist := LaunchdPlist(spec)

	log := filepath.Join(spec.Paths.StateDir, "daemon.log")
	for _, want := range []string{
		"\t<key>Label</key>\n\t<string>io.github.ticket-master</string>\n",
		"\t<key>ProgramArguments</key>\n\t<array>\n" +
			"\t\t<string>/Users/me/R&amp;D &lt;tools&gt;/ticket-master</string>\n" +
			"\t\t<string>daemon</string>\n\t\t<string>run</string>\n\t</array>\n",
		"\t<key>RunAtLoad</key>\n\t<true/>\n",
		"\t<key>KeepAlive</key>\n\t<dict>\n\t\t<key>SuccessfulExit</key>\n\t\t<false/>\n\t</dict>\n",
		"\t\t<key>GITHUB_API_URL</key>\n\t\t<string>https://ghe.example/api/v3?a=1&amp;b=&#34;2&#34;</string>\n",
		"\t\t<key>PATH</key>\n\t\t<string>/home/me/bin:/usr/bin:/usr/local/bin:/opt/homebrew/bin:/bin:/usr/sbin:/sbin</string>\n",
		"\t<key>StandardOutPath</key>\n\t<string>" + log + "</string>\n",
		"\t<key>StandardErrorPath</key>\n\t<string>" + log + "</string>\n",
	} {
		if !strings.Contains(plist, want) {
			t.Errorf("plist lacks %q:\n%s", want, plist)
		}
	}

	// It is well-formed XML, and Status reads the environment back.
	var doc struct {
		XMLName xml.Name `xml:"plist"`
	}
	if err := xml.Unmarshal([]byte(plist), &doc); err != nil {
		t.Fatalf("plist is not XML: %v", err)
	}
	env := parsePlistEnv(plist)
	if env["GITHUB_API_URL"] != spec.Env["GITHUB_API_URL"] || env["TICKET_MASTER_HOME"] != "/home/me/tm home" {
		t.Errorf("environment read back as %v", env)
	}
	if _, ok := env["Label"]; ok {
		t.Error("read a top-level key as an environment variable")
	}
}

func TestLaunchdPathWithoutCapturedPath(t *testing.T) {
	spec := testSpec(t)
	delete(spec.Env, "PATH")
	env := parsePlistEnv(LaunchdPlist(spec))
	if env["PATH"] != launchdDefaultPath {
		t.Errorf("PATH = %q, want %q", env["PATH"], launchdDefaultPath)
	}
}
