package draft

import (
	"net/url"
	"testing"
)

// FuzzResolveHost: no OLLAMA_HOST or configured llm.host panics the
// resolution, and whatever it accepts is an http or https URL with a host
// and a port that the URL reads back as it was built.
func FuzzResolveHost(f *testing.F) {
	for _, s := range []string{
		"", "127.0.0.1", "0.0.0.0:8080", ":8080", "[::]:1", "https://ollama.example", "ollama.com", `"localhost:99999"`,
		"ftp://x", "http://x/proxy/path", "[::1", "http://[fe80::1%25eth0]:11434",
	} {
		f.Add(s, "")
		f.Add("", s)
	}
	f.Fuzz(func(t *testing.T, env, configured string) {
		u, err := ResolveHost(func(string) string { return env }, configured)
		if err != nil {
			return
		}
		if u.Scheme != "http" && u.Scheme != "https" || u.Hostname() == "" || u.Port() == "" {
			t.Fatalf("ResolveHost(%q, %q) = %q: want an http(s) URL with a host and a port", env, configured, u)
		}
		if _, err := url.Parse(u.String()); err != nil {
			t.Fatalf("ResolveHost(%q, %q) = %q, which does not parse: %v", env, configured, u, err)
		}
	})
}

func TestResolveHostRefusesWhatIsNoHost(t *testing.T) {
	for _, v := range []string{"#", "a b:11434", "http://x y"} {
		u, err := ResolveHost(func(string) string { return v }, "")
		if err == nil || !containsProblem([]string{err.Error()}, "is not a host name or address; use HOST[:PORT]") {
			t.Errorf("OLLAMA_HOST=%q: %v, %v", v, u, err)
		}
	}
}
