package publish

import "strings"

// Token sources besides the environment variables' names.
const (
	sourceKeyring = "keyring"
	sourceGh      = "gh"
)

// tokenEnvVars lists the variables that may hold host's token, in order,
// following the GitHub CLI (go-gh's auth.TokenForHost): GH_TOKEN and
// GITHUB_TOKEN are for github.com, its *.ghe.com tenancies and
// github.localhost; any other host is a GitHub Enterprise Server, whose token
// is in GH_ENTERPRISE_TOKEN or GITHUB_ENTERPRISE_TOKEN. So a github.com token
// in GH_TOKEN is never sent to another server. GH_HOST only picks gh's default
// host and plays no part here.
func tokenEnvVars(host string) []string {
	if usesDotComToken(normalizeHost(host)) {
		return []string{"GH_TOKEN", "GITHUB_TOKEN"}
	}
	return []string{"GH_ENTERPRISE_TOKEN", "GITHUB_ENTERPRISE_TOKEN"}
}

func usesDotComToken(host string) bool {
	return host == "github.com" || host == "github.localhost" || strings.HasSuffix(host, ".ghe.com")
}

// normalizeHost lower-cases host and, as gh does, maps subdomains of
// github.com (api.github.com) and github.localhost to those hosts; no host
// means github.com.
func normalizeHost(host string) string {
	h := strings.ToLower(strings.TrimSpace(host))
	if h == "" {
		return "github.com"
	}
	for _, base := range []string{"github.com", "github.localhost"} {
		if strings.HasSuffix(h, "."+base) {
			return base
		}
	}
	return h
}
