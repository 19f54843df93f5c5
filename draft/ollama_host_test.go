package draft

import (
	"log/slog"
	"strings"
	"testing"

	"github.com/ollama/ollama/envconfig"
)

// hostCases are envconfig's own TestHost cases (Ollama v0.17.4), with the
// two changes ResolveHost makes for a client: unspecified addresses become
// loopback, and only http and https are accepted.
func hostCases() []hostCase {
	return []hostCase{
		{"empty", "", "http://127.0.0.1:11434"},
		{"only address", "1.2.3.4", "http://1.2.3.4:11434"},
		{"only port", ":1234", "http://127.0.0.1:1234"}, // envconfig: http://:1234
		{"address and port", "1.2.3.4:1234", "http://1.2.3.4:1234"},
		{"hostname", "example.com", "http://example.com:11434"},
		{"hostname and port", "example.com:1234", "http://example.com:1234"},
		{"zero port", ":0", "http://127.0.0.1:0"},
		{"too large port", ":66000", "http://127.0.0.1:11434"},
		{"too small port", ":-1", "http://127.0.0.1:11434"},
		{"ipv6 localhost", "[::1]", "http://[::1]:11434"},
		{"ipv6 world open", "[::]", "http://[::1]:11434"}, // envconfig: http://[::]:11434
		{"ipv6 no brackets", "::1", "http://[::1]:11434"},
		{"ipv6 + port", "[::1]:1337", "http://[::1]:1337"},
		{"extra space", " 1.2.3.4 ", "http://1.2.3.4:11434"},
		{"extra quotes", "\"1.2.3.4\"", "http://1.2.3.4:11434"},
		{"extra space+quotes", " \" 1.2.3.4 \" ", "http://1.2.3.4:11434"},
		{"extra single quotes", "'1.2.3.4'", "http://1.2.3.4:11434"},
		{"http", "http://1.2.3.4", "http://1.2.3.4:80"},
		{"http port", "http://1.2.3.4:4321", "http://1.2.3.4:4321"},
		{"https", "https://1.2.3.4", "https://1.2.3.4:443"},
		{"https port", "https://1.2.3.4:4321", "https://1.2.3.4:4321"},
		{"proxy path", "https://example.com/ollama", "https://example.com:443/ollama"},
		{"ollama.com", "ollama.com", "https://ollama.com:443"},
		{"listen everywhere", "0.0.0.0", "http://127.0.0.1:11434"}, // envconfig: http://0.0.0.0:11434
		{"listen everywhere, port", "0.0.0.0:8080", "http://127.0.0.1:8080"},
		{"localhost", "localhost:11434", "http://localhost:11434"},
	}
}

type hostCase struct{ name, value, want string }

func TestResolveHostFromEnv(t *testing.T) {
	for _, tc := range hostCases() {
		t.Run(tc.name, func(t *testing.T) {
			env := func(k string) string {
				if k == "OLLAMA_HOST" {
					return tc.value
				}
				return ""
			}
			u, err := ResolveHost(env, "")
			if err != nil {
				t.Fatal(err)
			}
			if u.String() != tc.want {
				t.Errorf("OLLAMA_HOST=%q: got %s, want %s", tc.value, u, tc.want)
			}
		})
	}
}

// TestResolveHostMatchesEnvconfig checks the copy against the original:
// where ResolveHost does not deliberately differ, it agrees with envconfig.
func TestResolveHostMatchesEnvconfig(t *testing.T) {
	// envconfig warns about invalid ports through the default logger.
	prev := slog.Default()
	slog.SetDefault(slog.New(slog.DiscardHandler))
	t.Cleanup(func() { slog.SetDefault(prev) })
	for _, tc := range hostCases() {
		t.Run(tc.name, func(t *testing.T) {
			t.Setenv("OLLAMA_HOST", tc.value)
			theirs := envconfig.Host()
			ours, err := ResolveHost(func(string) string { return tc.value }, "")
			if err != nil {
				t.Fatal(err)
			}
			if theirs.Hostname() == "" || theirs.Hostname() == "0.0.0.0" || theirs.Hostname() == "::" {
				theirs.Host = strings.Replace(theirs.Host, theirs.Hostname(), ours.Hostname(), 1)
				if theirs.Hostname() == "::1" {
					theirs.Host = "[::1]:" + theirs.Port()
				}
			}
			if ours.String() != theirs.String() {
				t.Errorf("%q: ours %s, envconfig %s", tc.value, ours, theirs)
			}
		})
	}
}

func TestResolveHostPrecedence(t *testing.T) {
	set := func(v string) func(string) string {
		return func(k string) string {
			if k == "OLLAMA_HOST" {
				return v
			}
			return ""
		}
	}
	cases := []struct {
		name       string
		getenv     func(string) string
		configured string
		want       string
	}{
		{"env wins", set("gpu-box:11434"), "http://127.0.0.1:9999", "http://gpu-box:11434"},
		{"configured when env unset", set(""), "10.0.0.5", "http://10.0.0.5:11434"},
		{"blank env is unset", set("  "), "10.0.0.5:1", "http://10.0.0.5:1"},
		{"nil getenv", nil, "https://ollama.example.com", "https://ollama.example.com:443"},
		{"default", set(""), "", "http://127.0.0.1:11434"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			u, err := ResolveHost(tc.getenv, tc.configured)
			if err != nil || u.String() != tc.want {
				t.Errorf("got %v, %v, want %s", u, err, tc.want)
			}
		})
	}
}

func TestResolveHostBadScheme(t *testing.T) {
	_, err := ResolveHost(func(string) string { return "ftp://host" }, "")
	if err == nil || !strings.Contains(err.Error(), "OLLAMA_HOST") || !strings.Contains(err.Error(), "http or https") {
		t.Errorf("env: %v", err)
	}
	_, err = ResolveHost(nil, "unix:///tmp/ollama.sock")
	if err == nil || !strings.Contains(err.Error(), "configured") {
		t.Errorf("configured: %v", err)
	}
}
