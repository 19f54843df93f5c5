package draft

import "github.com/ticket-master/ticket-master/credential"

// Redacted replaces a credential wherever one is found.
const Redacted = credential.Redacted

// Redact replaces likely credentials in s with [REDACTED] and says how many
// it replaced: credential.Redact, the same table of formats the secret
// detector reports, plus URL passwords and secret-sounding assignments.
func Redact(s string) (string, int) { return credential.Redact(s) }
