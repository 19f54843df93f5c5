package untested

import (
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
)

// Subjects of real commits: those that bring in another project's code,
// and those that only say "embed" or "vendor" in another sense.
func TestVendors(t *testing.T) {
	for subject, want := range map[string]bool{
		"Embed the diode lib to avoid test dependencies":                            true,  // rs/zerolog 77db4b4
		"➖ Vendor Click and streamline Typer's functionality and code base (#1774)": true,  // fastapi/typer 1829d73
		"Vendor `AddExtensionLayer` and `AddExtension` (#414)":                      true,  // tokio-rs/axum
		"change structure to embed source json and template files":                  false, // urfave/cli
		"Remove go mod vendor from appveyor":                                        false, // urfave/cli
		"Fonts: added AddFontDefaultVector() with embedded ProggyVector data.":      false, // ocornut/imgui
		"Minor refactor to markdown embed print (#18518)":                           false, // prettier/prettier
		"build: Bump github.com/pjbgf/sha1cd to v0.2.3 Fixes regression in which applications that depend on go-git could no longer build with CGO_ENABLED=0 or when vendoring dependencies.": false, // go-git/go-git
	} {
		if got := vendors(subject); got != want {
			t.Errorf("vendors(%q) = %v, want %v", subject, got, want)
		}
	}
}

// rs/zerolog 77db4b4 "Embed the diode lib to avoid test dependencies"
// copied go-diodes under diode/internal/diodes: its files are tested
// where they came from.
func TestVendoredFilesAreNotReported(t *testing.T) {
	cd := difftest.Commit(t, difftest.Added("diode/internal/diodes/poller.go",
		"package diodes",
		"",
		"// WithPollingInterval sets the interval at which the diode is queried",
		"// for new data. The default is 10ms.",
		"func WithPollingInterval(interval time.Duration) PollerConfigOption {",
		"\treturn PollerConfigOption(func(c *Poller) {",
		"\t\tc.interval = interval",
		"\t})",
		"}"))
	if found, _ := Detect(analyze.Commit{Hash: difftest.CommitID, Subject: "Embed the diode lib to avoid test dependencies"}, cd, Options{}); len(found) != 0 {
		t.Errorf("vendored file reported: %+v", found)
	}
}
