package draft

import (
	"fmt"
	"net"
	"net/url"
	"strconv"
	"strings"
)

// OllamaDefaultHost is where Ollama listens unless told otherwise.
const OllamaDefaultHost = "http://127.0.0.1:11434"

// ResolveHost finds the Ollama server to talk to: OLLAMA_HOST when set (it
// is Ollama's own variable, so whoever set it for `ollama` meant it for us
// too), else the configured value, else OllamaDefaultHost.
//
// Values are read by Ollama's own rules (envconfig.Host in Ollama v0.17,
// which only reads the process environment, hence the copy): quotes and
// spaces trimmed, scheme http unless given, port 11434 unless given (80 or
// 443 when the scheme is spelled out), an invalid port replaced by the
// default, a path kept for a reverse proxy. Two changes, because we are
// only ever a client: an unspecified address (0.0.0.0, ::, or an empty host
// as in ":8080"), which is how a server is told to listen everywhere, is
// dialled on loopback; and a scheme other than http or https is an error
// rather than a failure on every request.
func ResolveHost(getenv func(string) string, configured string) (*url.URL, error) {
	source, value := "OLLAMA_HOST", ""
	if getenv != nil {
		value = trimVar(getenv("OLLAMA_HOST"))
	}
	if value == "" {
		source, value = "the configured Ollama host", trimVar(configured)
	}
	if value == "" {
		return parseOllamaHost(OllamaDefaultHost), nil
	}
	u := parseOllamaHost(value)
	if u.Scheme != "http" && u.Scheme != "https" {
		return nil, fmt.Errorf("invalid Ollama host %q (from %s): the scheme must be http or https", value, source)
	}
	// A host with characters no host name has ("#", a space) would fail
	// every request with a parse error: say so once, here.
	if _, err := url.Parse(u.String()); err != nil {
		return nil, fmt.Errorf("invalid Ollama host %q (from %s): %q is not a host name or address; use HOST[:PORT] or http://HOST[:PORT]", value, source, u.Hostname())
	}
	return u, nil
}

// trimVar trims a value as envconfig.Var does.
func trimVar(s string) string {
	return strings.TrimSpace(strings.Trim(strings.TrimSpace(s), "\"'"))
}

// parseOllamaHost is envconfig.Host's parsing, plus the loopback rule.
func parseOllamaHost(s string) *url.URL {
	defaultPort := "11434"
	scheme, hostport, ok := strings.Cut(s, "://")
	switch {
	case !ok:
		scheme, hostport = "http", s
		if s == "ollama.com" {
			scheme, hostport = "https", "ollama.com:443"
		}
	case scheme == "http":
		defaultPort = "80"
	case scheme == "https":
		defaultPort = "443"
	}

	hostport, path, _ := strings.Cut(hostport, "/")
	host, port, err := net.SplitHostPort(hostport)
	if err != nil {
		host, port = "127.0.0.1", defaultPort
		if ip := net.ParseIP(strings.Trim(hostport, "[]")); ip != nil {
			host = ip.String()
		} else if hostport != "" {
			host = hostport
		}
	}
	if n, err := strconv.ParseInt(port, 10, 32); err != nil || n > 65535 || n < 0 {
		port = defaultPort
	}
	return &url.URL{
		Scheme: strings.ToLower(scheme),
		Host:   net.JoinHostPort(loopbackFor(host), port),
		Path:   path,
	}
}

// loopbackFor turns a listen-everywhere address into one a client can dial
// on every OS (Windows refuses to connect to 0.0.0.0).
func loopbackFor(host string) string {
	if host == "" {
		return "127.0.0.1"
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsUnspecified() {
		if ip.To4() != nil {
			return "127.0.0.1"
		}
		return "::1"
	}
	return host
}
