package credential

import (
	"strings"
	"testing"
)

// Token-shaped fixtures are assembled at run time so that secret scanners
// reading this repository do not take them for leaked credentials.
var (
	fakeAWSKey    = "AKIA" + "Z7QX4MPLR2TW9KVB"
	fakeAWSSecret = "wJalrXUtnFEMI/K7MDENG/" + "bPxRfiCYzq8PLeKEY0"
	fakeGitHub    = "ghp_" + strings.Repeat("a1B2c3D4e5", 4)
	fakeJWT       = "eyJhbGciOiJIUzI1NiJ9" + ".eyJzdWIiOiIxMjM0NTY3ODkwIn0" + ".dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U"
	fakeKeyBlock  = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\nq2k9Lw0=\n-----END RSA PRIVATE KEY-----"
)

func TestRedactMust(t *testing.T) {
	tests := []struct {
		name, in, secret, want string
	}{
		{"aws key id", "aws_access_key_id = " + fakeAWSKey, fakeAWSKey, "aws_access_key_id = [REDACTED]"},
		{"bare random value ending in a comma", "  password: hunter2x9,", "hunter2x9", "  password: [REDACTED],"},
		{"aws session key id", "key: ASIA" + "ABCDEFGHIJKLMNOP", "ASIAABCDEFGHIJKLMNOP", "key: [REDACTED]"},
		{"aws secret", "aws_secret_access_key=" + fakeAWSSecret, fakeAWSSecret, "aws_secret_access_key=[REDACTED]"},
		{"aws secret in code", `cfg := Config{SecretAccessKey: "` + fakeAWSSecret + `"}`, fakeAWSSecret, `cfg := Config{SecretAccessKey: "[REDACTED]"}`},
		{"github ghp", "use " + fakeGitHub + " for now", fakeGitHub, "use [REDACTED] for now"},
		{"github gho", "gho_" + strings.Repeat("x9", 18), "gho_", "[REDACTED]"},
		{"github ghs", "ghs_" + strings.Repeat("Q7", 18), "ghs_", "[REDACTED]"},
		{"github ghu ghr", "ghu_" + strings.Repeat("k", 36) + " ghr_" + strings.Repeat("m", 36), "gh", "[REDACTED] [REDACTED]"},
		{"github fine-grained", "github_pat_" + strings.Repeat("11AB_cd", 8), "github_pat_", "[REDACTED]"},
		{"gitlab", "GITLAB=glpat-" + strings.Repeat("Ab1_", 6), "glpat-", "GITLAB=[REDACTED]"},
		{"slack", "hook xoxb-" + "1234567890-abcdefABCDEF", "xoxb-", "hook [REDACTED]"},
		{"stripe secret", `stripe.Key = "sk_live_` + strings.Repeat("4eC39HqLyjWD", 2) + `"`, "sk_live_", `stripe.Key = "[REDACTED]"`},
		{"stripe restricted", "rk_live_" + strings.Repeat("Zz09", 6), "rk_live_", "[REDACTED]"},
		{"google", "const key = 'AIza" + strings.Repeat("SyB1-_x", 5) + "';", "AIza", "const key = '[REDACTED]';"},
		{"openai", "OPENAI_API_KEY=sk-proj-" + strings.Repeat("T3BlbkFJ", 4), "sk-proj-", "OPENAI_API_KEY=[REDACTED]"},
		{"openai legacy", `client = OpenAI(api_key="sk-` + strings.Repeat("a1b2C3d4", 4) + `")`, "sk-a1b2", `client = OpenAI(api_key="[REDACTED]")`},
		{"jwt", "curl -H 'X-Session: " + fakeJWT + "'", fakeJWT, "curl -H 'X-Session: [REDACTED]'"},
		{"bearer", "Authorization: Bearer abcdef0123456789abcdef", "abcdef0123456789", "Authorization: Bearer [REDACTED]"},
		{"private key", "key := `" + fakeKeyBlock + "`\nnext()", "MIIEow", "key := `[REDACTED]\n\n\n`\nnext()"},
		{"private key cut off", "x\n-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEA\nAAAA", "b3Blbn", "x\n[REDACTED]\n\n"},
		{"url password", "DATABASE_URL=postgres://app:s3cretPw@db:5432/app", "s3cretPw", "DATABASE_URL=postgres://app:[REDACTED]@db:5432/app"},
		{"quoted password", `password = "hunter2"`, "hunter2", `password = "[REDACTED]"`},
		{"env file", "DB_PASSWORD=s3cr3t!", "s3cr3t!", "DB_PASSWORD=[REDACTED]"},
		{"export", "export GITHUB_TOKEN=abcdef123456", "abcdef123456", "export GITHUB_TOKEN=[REDACTED]"},
		{"yaml", "db:\n  password: hunter2\n  user: app", "hunter2", "db:\n  password: [REDACTED]\n  user: app"},
		{"yaml list item", "- secret: plainwords", "plainwords", "- secret: [REDACTED]"},
		{"json", `{"user": "app", "api_key": "abcd1234efgh"}`, "abcd1234efgh", `{"user": "app", "api_key": "[REDACTED]"}`},
		{"client secret", "client_secret: 'xyz789'", "xyz789", "client_secret: '[REDACTED]'"},
		{"go short assign", `token := "abc123def456"`, "abc123def456", `token := "[REDACTED]"`},
		{"php arrow", `'passwd' => 'letmein'`, "letmein", `'passwd' => '[REDACTED]'`},
		{"ini", "[db]\npwd = qwerty ; old", "qwerty", "[db]\npwd = [REDACTED] ; old"},
		{"camel api key", `apiKey: "k3y-val"`, "k3y-val", `apiKey: "[REDACTED]"`},
		{"header name", `headers = {"X-Api-Key": "Zx9Qw"}`, "Zx9Qw", `headers = {"X-Api-Key": "[REDACTED]"}`},
		{"auth", `auth = "admin:admin"`, "admin:admin", `auth = "[REDACTED]"`},
		{"access key", "ACCESS_KEY=plainvalue", "plainvalue", "ACCESS_KEY=[REDACTED]"},
		{"in a comment", "// TODO: remove password=hunter2 before release", "hunter2", "// TODO: remove password=[REDACTED] before release"},
		{"kwarg", "connect(host, passwd=Pa55word)", "Pa55word", "connect(host, passwd=[REDACTED])"},
		{"query string", "GET /api?user=1&token=9f8e7d6c5b&x=1", "9f8e7d6c5b", "GET /api?user=1&token=[REDACTED]&x=1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, n := Redact(tt.in)
			if n == 0 || strings.Contains(got, tt.secret) {
				t.Errorf("Redact(%q) = %q, %d: the secret is still there", tt.in, got, n)
			}
			if tt.want != "" && got != tt.want {
				t.Errorf("Redact(%q) =\n%q, want\n%q", tt.in, got, tt.want)
			}
			if strings.Count(got, "\n") != strings.Count(tt.in, "\n") {
				t.Errorf("Redact changed the line count: %q", got)
			}
			if again, n := Redact(got); n != 0 || again != got {
				t.Errorf("redacting twice changed %q to %q (%d)", got, again, n)
			}
		})
	}
}

func TestRedactMustNot(t *testing.T) {
	for _, in := range []string{
		`password = ""`,
		`password: ''`,
		"password=",
		"password:\n  from: vault",
		`password = "changeme"`,
		`aegis-password-generator = "0.1.1"`, // nushell's Cargo.toml: a crate's version (round 114)
		`password-hash = { version = "^0.5", features = ["std"] }`,
		"token: xxx",
		"\treturn &InvalidTokenError{\n\t\tToken: tk,\n\t}", // goccy/go-yaml scanner/error.go: a field set from a variable (round 156)
		"  auth: authenticate,",
		`api_key = "<your-token>"`,
		"secret: ${SECRET}",
		`TOKEN="$GITHUB_TOKEN"`,
		`token := os.Getenv("GITHUB_TOKEN")`,
		"const token = process.env.TOKEN;",
		`password = os.environ["DB_PASSWORD"]`,
		"api_key: your_api_key_here",
		`password: "********"`,
		`if token == "" {`,
		"if token != nil {",
		"max_tokens = 100",
		"token_ttl = 3600",
		"token_url: https://example.com/oauth/token",
		"auth_enabled: true",
		"password_file = /run/secrets/db",
		"author: Jane Doe",
		"auth: handled by the gateway",
		"// the token: see the docs",
		`log.Printf("token=%s", tok)`,
		`return errors.New("password: missing")`,
		"Password: cfg.Password,",
		"  token: string;",
		"password: str = field(default=None)",
		`password = "[REDACTED]"`,
		"[REDACTED]",
		"Retry uploads that fail with a 503",
		"a risk-assessment-for-the-whole-team-matters",
		"-----BEGIN PUBLIC KEY-----\nMIIBIjAN\n-----END PUBLIC KEY-----",
		"https://user@example.com/ and https://example.com:8080/path",
		"postgres://app:${DB_PASSWORD}@db/app",
		"Read the token from `cfg.Token` instead of a constant.",
		"Token: Bearer",
		"The `password:` field in `db.yaml` holds a literal password.",
		"- token: read it from the environment",
		"Move the token: it should come from `os.Getenv`.",
		"key = value",
	} {
		if got, n := Redact(in); n != 0 || got != in {
			t.Errorf("Redact(%q) = %q, %d; want it unchanged", in, got, n)
		}
	}
}
