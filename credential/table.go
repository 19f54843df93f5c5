package credential

import (
	"github.com/ticket-master/ticket-master/internal/lazyregexp"
)

// PrivateKeyID is the ID of private key blocks. Pattern matches the BEGIN
// line only; the secret is the block's body below it, which the detector
// collects over the diff's lines and Redact hides through the END line.
const PrivateKeyID = "private-key"

// BearerTokenID is the ID of a token after "Bearer", whatever its issuer:
// no provider's format, so a test's own is left alone.
const BearerTokenID = "bearer-token"

// awsKeyIDPrefixes are the AWS unique-ID prefixes of credentials: access
// keys (AKIA), temporary ones (ASIA), STS bearer tokens (ABIA) and
// context-specific credentials (ACCA). AIDA, AGPA, AROA, ANPA and the like
// name users, groups, roles and policies: identifiers, not secrets.
const awsKeyIDPrefixes = `AKIA|ASIA|ABIA|ACCA`

var (
	awsKeyIDRE = lazyregexp.New(`\b(?:` + awsKeyIDPrefixes + `)[A-Z0-9]{16}\b`)
	// awsUnnamedSecretRE is 40 characters of base64 without padding; the
	// pattern's standalone flag keeps it from a window of a longer run.
	awsUnnamedSecretRE = lazyregexp.New(`[A-Za-z0-9/+]{40}`)
	privateKeyEndRE    = lazyregexp.New(`-----END [A-Z0-9 ]*PRIVATE KEY(?: BLOCK)?-----`)
)

// awsIDKeywords are the key-id prefixes in lower case, for the prefilter.
var awsIDKeywords = []string{"akia", "asia", "abia", "acca"}

// table is every format, in the order they are tried: a later one does
// not report what an earlier one took (the named AWS secret before the
// unnamed one).
var table = []Pattern{
	{ID: PrivateKeyID, Name: "private key",
		Pattern:  lazyregexp.New(`-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----`),
		Keywords: []string{"private key"}, through: privateKeyEndRE,
		Rotate: "generate a new key pair, install the new public key wherever the old one was trusted (authorized_keys, certificates, deploy keys) and remove the old one"},
	{ID: "aws-access-key", Name: "AWS access key", Pattern: awsKeyIDRE, Keywords: awsIDKeywords,
		Rotate: "in AWS IAM, create a new access key for the user or role, switch to it, then deactivate and delete the old one"},
	{ID: "aws-secret-key", Name: "AWS secret access key",
		Pattern:  lazyregexp.New(`(?i)aws_?secret_?(?:access_?)?key["']?\s*(?::=|=>|=|:)\s*["']?(?P<v>[A-Za-z0-9/+=]{40})(?:$|[^A-Za-z0-9/+=])`),
		Keywords: []string{"aws"},
		Rotate:   "in AWS IAM, create a new access key for the user or role, switch to it, then deactivate and delete the old one"},
	{ID: "aws-secret-key-beside-id", Name: "AWS secret access key",
		Pattern: awsUnnamedSecretRE, Keywords: awsIDKeywords, near: awsKeyIDRE, mixedCase: true, standalone: true,
		Rotate: "in AWS IAM, create a new access key for the user or role, switch to it, then deactivate and delete the old one"},
	{ID: "github-token", Name: "GitHub token",
		Pattern:  lazyregexp.New(`\b(?:gh[pousr]_[A-Za-z0-9]{20,255}|github_pat_[A-Za-z0-9_]{20,255})\b`),
		Keywords: []string{"ghp_", "gho_", "ghu_", "ghs_", "ghr_", "github_pat_"},
		Rotate:   "revoke it on GitHub (Settings, Developer settings; or the app's or organisation's settings) and create a new one with the least scope needed"},
	{ID: "gitlab-token", Name: "GitLab token",
		Pattern: lazyregexp.New(`\bglpat-[A-Za-z0-9_\-]{20,}`), Keywords: []string{"glpat-"},
		Rotate: "revoke it in GitLab (User settings, Access tokens) and create a new one with the least scope needed"},
	{ID: "slack-webhook", Name: "Slack webhook URL",
		Pattern:  lazyregexp.New(`https://hooks\.slack\.com/(?:services|workflows|triggers)/T[A-Za-z0-9_]+/[A-Za-z0-9_]+/[A-Za-z0-9_]+`),
		Keywords: []string{"hooks.slack.com"},
		Rotate:   "remove the webhook in the Slack app's settings (Incoming Webhooks) and add a new one"},
	{ID: "slack-token", Name: "Slack token",
		Pattern: lazyregexp.New(`\bxox[abeoprs]-[A-Za-z0-9\-]{10,}`), Keywords: []string{"xox"},
		Rotate: "revoke it in the Slack app's settings (OAuth & Permissions) and reinstall the app or issue a new token"},
	{ID: "stripe-key", Name: "Stripe live key",
		Pattern: lazyregexp.New(`\b[sr]k_live_[A-Za-z0-9]{16,}`), Keywords: []string{"k_live_"},
		Rotate: "roll the key in the Stripe dashboard (Developers, API keys)"},
	{ID: "google-api-key", Name: "Google API key",
		Pattern: lazyregexp.New(`\bAIza[0-9A-Za-z_\-]{35}`), Keywords: []string{"aiza"},
		Rotate: "regenerate or delete the key in the Google Cloud console (APIs & Services, Credentials) and restrict the new one"},
	// An OpenAI key's body is random, in both cases: kevinburke/ssh_config
	// f0c7024's "sk-ssh-ed25519-cert-v01@openssh.com", an OpenSSH
	// algorithm's name, was drafted as a key to rotate (round 142, wrong).
	{ID: "openai-key", Name: "OpenAI API key", mixedCase: true,
		Pattern: lazyregexp.New(`\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}`), Keywords: []string{"sk-"},
		Rotate: "revoke it in the OpenAI dashboard (API keys) and create a new one"},
	{ID: "jwt", Name: "JSON web token",
		// A signature is 43 characters at the least (HS256); one of fewer
		// than 16 is a placeholder: colinhacks/zod fa77a4d's benchmark data
		// "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.signature".
		Pattern: lazyregexp.New(`\beyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]{16,}`), Keywords: []string{"eyj"},
		Rotate: "end the session it belongs to, or rotate the key that signed it if it does not expire soon"},
	{ID: BearerTokenID, Name: "bearer token",
		Pattern: lazyregexp.New(`(?i)\bbearer\s+(?P<v>[A-Za-z0-9\-._~+/]{16,}=*)`), Keywords: []string{"bearer"},
		Rotate: "revoke it at the service that issued it and issue a new one"},
}

// Patterns returns the table. Each call builds a new slice; the patterns
// are safe for concurrent use.
func Patterns() []Pattern {
	return append([]Pattern(nil), table...)
}
