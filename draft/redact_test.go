package draft

import (
	"strings"
	"testing"
)

// Token-shaped fixtures are assembled at run time so that secret scanners
// reading this repository do not take them for leaked credentials.
var (
	fakeAWSKey   = "AKIA" + "Z7QX4MPLR2TW9KVB"
	fakeGitHub   = "ghp_" + strings.Repeat("a1B2c3D4e5", 4)
	fakeKeyBlock = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nq2k9Lw0=\n-----END RSA PRIVATE KEY-----"
)

// TestRedactIsTheTable: drafts redact with the credential package (whose
// own tests hold the cases), key blocks and all.
func TestRedactIsTheTable(t *testing.T) {
	in := "key " + fakeAWSKey + ", token " + fakeGitHub + "\n" + fakeKeyBlock + "\nend"
	got, n := Redact(in)
	if n != 3 || got != "key "+Redacted+", token "+Redacted+"\n"+Redacted+"\n\n\n\nend" {
		t.Errorf("Redact = %q, %d", got, n)
	}
}
