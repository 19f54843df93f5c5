package secret

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"

	"github.com/ticket-master/ticket-master/analyze"
	"github.com/ticket-master/ticket-master/analyze/difftest"
	"github.com/ticket-master/ticket-master/finding"
)

// The credentials below are assembled at run time from a deterministic
// generator: this file holds none, so the detector (and any other secret
// scanner) run over this repository does not flag its own tests.

const (
	credAlnum    = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
	credUpperNum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567"
	credBase64   = credAlnum + "+/"
)

// randomish returns n characters of alphabet, the same for the same seed.
func randomish(n int, seed uint32, alphabet string) string {
	b := make([]byte, n)
	x := seed
	for i := range b {
		x = x*1664525 + 1013904223
		b[i] = alphabet[(x>>16)%uint32(len(alphabet))]
	}
	return string(b)
}

func assemble(parts ...string) string { return strings.Join(parts, "") }

var (
	awsKey     = assemble("AK", "IA", randomish(16, 1, credUpperNum))
	awsExample = assemble("AK", "IA", "IOSFODNN7", "EXAMPLE")
	ghToken    = assemble("gh", "p_", randomish(36, 2, credAlnum))
	anonJWT    = assemble("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", ".eyJtZXNzYWdlIjoiaGVsbG8gd29ybGQifQ.", "B54pAqIiLbu170tGQ1rY06Twv__0qSHTA0ioQPIOvFE")
	userJWT    = assemble("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9", ".eyJzdWIiOiI0MiIsImV4cCI6MTkwMDAwMDAwMH0.", randomish(43, 9, credAlnum))
	ghoToken   = assemble("gh", "o_", randomish(36, 3, credAlnum))
	ghPAT      = assemble("github", "_pat_", randomish(22, 4, credAlnum), "_", randomish(59, 5, credAlnum))
	glToken    = assemble("gl", "pat-", randomish(20, 6, credAlnum))
	slackToken = assemble("xo", "xb-", randomish(12, 7, "0123456789"), "-", randomish(24, 8, credAlnum))
	stripeKey  = assemble("sk", "_live_", randomish(24, 9, credAlnum))
	googleKey  = assemble("AI", "za", randomish(35, 10, credAlnum))
	dbPassword = randomish(24, 11, credAlnum)
	keyBody    = []string{randomish(64, 12, credBase64), randomish(64, 13, credBase64), randomish(20, 14, credBase64) + "=="}
	keyBegin   = assemble("-----BEGIN RSA ", "PRIVATE KEY-----")
	keyEnd     = assemble("-----END RSA ", "PRIVATE KEY-----")
)

func TestDetectSecrets(t *testing.T) {
	tests := []struct {
		name    string
		files   []string
		opts    Options
		want    []string // fingerprint | title | excerpt
		secrets []string // must appear in no field of any finding
	}{
		// Known formats.
		{
			name:    "aws access key",
			files:   []string{difftest.Added("config/prod.env", "REGION=eu-west-1", "AWS_ACCESS_KEY_ID="+awsKey)},
			want:    []string{"secret:config/prod.env:aws-access-key:" + hashSecret(awsKey) + " | Rotate the AWS access key committed in config/prod.env | AWS_ACCESS_KEY_ID=[REDACTED]"},
			secrets: []string{awsKey},
		},
		{
			// lostisland/faraday fdf797b: what goes there, in words.
			name:  "a bearer token written as words is a placeholder",
			files: []string{difftest.Added("docs/middleware/request/authentication.md", "# Authorization: Bearer authentication-token", "conn.request :authorization, 'Bearer', 'authentication-token'")},
		},
		{
			name:    "a bearer token is found",
			files:   []string{difftest.Added("docs/auth.md", "# Authorization: Bearer d2VsY29tZS10by10aGUtbWFjaGluZS0xNzA0")},
			want:    []string{"secret:docs/auth.md:bearer-token:" + hashSecret("d2VsY29tZS10by10aGUtbWFjaGluZS0xNzA0") + " | Rotate the bearer token committed in docs/auth.md | # Authorization: Bearer [REDACTED]"},
			secrets: []string{"d2VsY29tZS10by10aGUtbWFjaGluZS0xNzA0"},
		},
		{
			// colinhacks/zod fa77a4d's benchmark data: a JWT whose
			// signature is the word "signature".
			name:  "a JWT with a placeholder for its signature is not a secret",
			files: []string{difftest.Added("packages/bench/compile-helper-scope.ts", `const JWT_DATA = Array.from({ length: 1000 }, () => "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.signature");`)},
		},
		{
			// vuejs/pinia ecc5c038: Algolia's search-only key is public.
			name: "a search client's key beside its app id and index is no secret",
			files: []string{difftest.Added("packages/docs/.vitepress/config/shared.ts", "    search: {", "      provider: 'algolia',", "      options: {",
				"        appId: '69Y3N7LHI2',", "        apiKey: '45441f4b65a2f80329fd45c7cb371fea',", "        indexName: 'pinia',", "      },", "    },")},
		},
		{
			name:    "an api key without a search index beside it is one",
			files:   []string{difftest.Added("src/client.ts", "export const client = new Client({", "  appId: 'acme',", "  apiKey: '45441f4b65a2f80329fd45c7cb371fea',", "})")},
			want:    []string{"secret:src/client.ts:assignment:apiKey | Rotate the apiKey secret committed in src/client.ts | apiKey: '[REDACTED]',"},
			secrets: []string{"45441f4b65a2f80329fd45c7cb371fea"},
		},
		{
			name:  "Telegram's documented bot token is not a secret (pinojs/pino a41b4d3)",
			files: []string{difftest.Added("docs/transports.md", "    options: {", "      chatId: -1234567890,", "      botToken: \"123456:ABC-DEF1234ghIkl-zyx57W2v1u123ew11\",", "    },")},
		},
		{
			// fastapi/fastapi 37ccca3, docs/hi/docs/tutorial/security/oauth2-jwt.md
			name:  "jwt.io's example token is not a secret",
			files: []string{difftest.Added("docs/hi/docs/tutorial/security/oauth2-jwt.md", "```", "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c", "```")},
		},
		{
			// honojs/hono cc0aa7a, src/middleware/jwt/index.test.ts: an HS256
			// token of {"message":"hello world"} for an algorithm-confusion test
			name:  "a test's token that names no one and never expires is a placeholder",
			files: []string{difftest.Added("src/middleware/jwt/index.test.ts", "const hs256Token =", "  '"+anonJWT+"'")},
			opts:  Options{FixturePlaceholders: true},
		},
		{
			// golang-jwt/jwt parser_test.go: "bearer in JWT", a token of
			// {"foo":"bar"} behind the scheme's name
			name:  "a test's bearer token that is such a JSON web token is a placeholder",
			files: []string{difftest.Added("parser_test.go", "\t{", "\t\t\"bearer in JWT\",", "\t\t\"bearer "+anonJWT+"\",", "\t},")},
			opts:  Options{FixturePlaceholders: true},
		},
		{
			name:    "the same token outside the tests is reported",
			files:   []string{difftest.Added("src/auth.ts", "const token =", "  '"+anonJWT+"'")},
			opts:    Options{FixturePlaceholders: true},
			secrets: []string{anonJWT},
			want:    []string{"secret:src/auth.ts:jwt:" + hashSecret(anonJWT) + " | Rotate the JSON web token committed in src/auth.ts | '[REDACTED]'"},
		},
		{
			// golang-jwt/jwt's example_test.go and parser_test.go: a dozen
			// such tokens, each drafted as a token to rotate.
			name:    "a test's token with a subject and an expiry is a digest line, to confirm",
			files:   []string{difftest.Added("src/auth.test.ts", "const token =", "  '"+userJWT+"'")},
			opts:    Options{FixturePlaceholders: true},
			secrets: []string{userJWT},
			want:    []string{"secret:src/auth.test.ts:jwt:" + hashSecret(userJWT) + " | Confirm the JSON web token in src/auth.test.ts is a test's own | '[REDACTED]'"},
		},
		{
			// samber/lo 16b96cf, docs/docusaurus.config.ts (round 131)
			name:  "a browser analytics or payment form's publishable key is not a secret",
			files: []string{difftest.Added("docs/docusaurus.config.ts", "      {", "          apiKey: \"phc_uA762TtYyJ6UrbF5nzWutAJojstpC2EDptFpd2bBvWFY\",", "          publishableKey: '"+assemble("pk", "_live_", randomish(24, 5, credAlnum))+"',", "      },")},
		},
		{
			name:    "a secret key beside it is reported",
			files:   []string{difftest.Added("app/pay.ts", "const apiKey = '"+assemble("phx_", randomish(40, 7, credAlnum))+"'")},
			secrets: []string{assemble("phx_", randomish(40, 7, credAlnum))},
			want:    []string{"secret:app/pay.ts:assignment:apiKey | Rotate the apiKey secret committed in app/pay.ts | const apiKey = '[REDACTED]'"},
		},
		{
			// openai/openai-python tests/test_client.py (round 150)
			name:  "a test's bearer token is its own mock's",
			files: []string{difftest.Added("tests/test_client.py", "    assert request.headers[\"Authorization\"] == \"Bearer openai-access-token-1\"", "    assert auth == \"Bearer Zk3QpLr8TnVw2XyB7sHd\"")},
			opts:  Options{FixturePlaceholders: true},
		},
		{
			name:    "the same bearer token outside the tests is reported",
			files:   []string{difftest.Added("src/client.py", "HEADERS = {\"Authorization\": \"Bearer Zk3QpLr8TnVw2XyB7sHd\"}")},
			opts:    Options{FixturePlaceholders: true},
			secrets: []string{"Zk3QpLr8TnVw2XyB7sHd"},
			want:    []string{"secret:src/client.py:bearer-token:" + hashSecret("Zk3QpLr8TnVw2XyB7sHd") + " | Rotate the bearer token committed in src/client.py | HEADERS = {\"Authorization\": \"Bearer [REDACTED]\"}"},
		},
		{
			// sqlc-dev/sqlc internal/sqltest/native/mysql.go (round 153)
			name:  "a value whose name says it holds no password is none",
			files: []string{difftest.Added("internal/sqltest/native/mysql.go", "\turiNoPassword := \"root@tcp(localhost:3306)/mysql?multiStatements=true&parseTime=true\"")},
		},
		{
			// kevinburke/ssh_config f0c7024, validators.go (round 142)
			name:  "an OpenSSH algorithm's name is no OpenAI key",
			files: []string{difftest.Added("validators.go", "var defaultHostKeyAlgorithms = []string{", "\t\"sk-ssh-ed25519-cert-v01@openssh.com\",", "\t\"sk-ecdsa-sha2-nistp256-cert-v01@openssh.com\",", "}")},
		},
		{
			name:  "aws's documented example key is not a secret",
			files: []string{difftest.Added("docs/setup.md", "export AWS_ACCESS_KEY_ID="+awsExample)},
		},
		{
			name:    "github tokens",
			files:   []string{difftest.Added("ci/deploy.sh", `curl -H "Authorization: token `+ghToken+`" api`, "OAUTH="+ghoToken, `pat: "`+ghPAT+`"`)},
			secrets: []string{ghToken, ghoToken, ghPAT},
			want: []string{
				"secret:ci/deploy.sh:github-token:" + hashSecret(ghToken) + ` | Rotate the GitHub token committed in ci/deploy.sh | curl -H "Authorization: token [REDACTED]" api`,
				"secret:ci/deploy.sh:github-token:" + hashSecret(ghoToken) + " | Rotate the GitHub token committed in ci/deploy.sh | OAUTH=[REDACTED]",
				"secret:ci/deploy.sh:github-token:" + hashSecret(ghPAT) + ` | Rotate the GitHub token committed in ci/deploy.sh | pat: "[REDACTED]"`,
			},
		},
		{
			name:    "gitlab, slack, stripe, google",
			files:   []string{difftest.Added("app/settings.py", "GITLAB = '"+glToken+"'", "SLACK = '"+slackToken+"'", "STRIPE = '"+stripeKey+"'", "MAPS = '"+googleKey+"'")},
			secrets: []string{glToken, slackToken, stripeKey, googleKey},
			want: []string{
				"secret:app/settings.py:gitlab-token:" + hashSecret(glToken) + " | Rotate the GitLab token committed in app/settings.py | GITLAB = '[REDACTED]'",
				"secret:app/settings.py:slack-token:" + hashSecret(slackToken) + " | Rotate the Slack token committed in app/settings.py | SLACK = '[REDACTED]'",
				"secret:app/settings.py:stripe-key:" + hashSecret(stripeKey) + " | Rotate the Stripe live key committed in app/settings.py | STRIPE = '[REDACTED]'",
				"secret:app/settings.py:google-api-key:" + hashSecret(googleKey) + " | Rotate the Google API key committed in app/settings.py | MAPS = '[REDACTED]'",
			},
		},
		{
			name:    "private key block: one finding, its body never shown",
			files:   []string{difftest.Added("deploy/id_rsa", keyBegin, keyBody[0], keyBody[1], keyBody[2], keyEnd)},
			secrets: keyBody,
			want:    []string{"secret:deploy/id_rsa:private-key:" + hashSecret(strings.Join(keyBody, "")) + " | Rotate the private key committed in deploy/id_rsa | " + keyBegin},
		},
		{
			name:    "private key on one line of JSON",
			files:   []string{difftest.Added("sa.json", `  "private_key": "`+keyBegin+`\n`+keyBody[0]+`\n`+keyEnd+`\n",`)},
			secrets: []string{keyBody[0]},
			want:    []string{"secret:sa.json:private-key:" + hashSecret(`\n`+keyBody[0]+`\n`) + ` | Rotate the private key committed in sa.json | "private_key": "` + keyBegin + "[REDACTED]"},
		},
		{
			name:  "placeholder tokens of low entropy",
			files: []string{difftest.Added("README.md", "GITHUB_TOKEN="+assemble("gh", "p_", strings.Repeat("x", 36)), "AWS_ACCESS_KEY_ID="+assemble("AK", "IA", strings.Repeat("0", 16)))},
		},
		{
			name: "toy private keys in tests and examples are too short to be real",
			files: []string{
				difftest.Added("pkg/x_test.go", `const k = "`+keyBegin+`\nMIIEowIBAAKCAQEA7\n`+keyEnd+`"`, "next()"),
				difftest.Added("docs/example.pem", keyBegin, "MIIEowIBAAKCAQEA7", keyEnd),
			},
		},
		{
			// go-ini/ini ecf7343's test of multi-line values (round 85).
			name: "a key block of short lines is a stand-in",
			files: []string{difftest.Added("ini_test.go", "long_rsa_private_key = "+keyBegin, "   1foo", "   2bar", "   3foobar", "   4barfoo",
				"   5foo", "   6bar", "   7foobar", "   8barfoo", "   9foo", "   10bar", "   11foobar", "   12barfoo", "   13foo", "   14bar", keyEnd)},
		},
		{
			name:  "sequential token bodies are placeholders",
			files: []string{difftest.Added("a_test.go", `key := "`+assemble("AS", "IA", "ABCDEFGHIJKLMNOP")+`"`)},
		},
		{
			name:    "two secrets on one line are both redacted",
			files:   []string{difftest.Added("x.env", "A="+ghToken+" B="+stripeKey)},
			secrets: []string{ghToken, stripeKey},
			want: []string{
				"secret:x.env:github-token:" + hashSecret(ghToken) + " | Rotate the GitHub token committed in x.env | A=[REDACTED] B=[REDACTED]",
				"secret:x.env:stripe-key:" + hashSecret(stripeKey) + " | Rotate the Stripe live key committed in x.env | A=[REDACTED] B=[REDACTED]",
			},
		},

		// High-entropy assignments.
		{
			name:    "env assignment",
			files:   []string{difftest.Added("config/prod.env", "DB_PASSWORD="+dbPassword)},
			secrets: []string{dbPassword},
			want:    []string{"secret:config/prod.env:assignment:DB_PASSWORD | Rotate the DB_PASSWORD secret committed in config/prod.env | DB_PASSWORD=[REDACTED]"},
		},
		{
			name: "code, yaml and json assignments",
			files: []string{
				difftest.Added("svc/client.go", `const apiKey = "`+dbPassword+`"`),
				difftest.Added("deploy/values.yaml", "db:", "  client_secret: "+dbPassword),
				difftest.Added("conf.json", `{"privateKey": "`+dbPassword+`"}`),
			},
			secrets: []string{dbPassword},
			want: []string{
				`secret:svc/client.go:assignment:apiKey | Rotate the apiKey secret committed in svc/client.go | const apiKey = "[REDACTED]"`,
				"secret:deploy/values.yaml:assignment:client_secret | Rotate the client_secret secret committed in deploy/values.yaml | client_secret: [REDACTED]",
				`secret:conf.json:assignment:privateKey | Rotate the privateKey secret committed in conf.json | {"privateKey": "[REDACTED]"}`,
			},
		},
		{
			name: "not secrets: placeholders, references, code, short, low entropy, describing names",
			files: []string{difftest.Added("app/config.py",
				`password = "changeme"`,
				`DB_PASSWORD = "${DB_PASSWORD}"`,
				`token = os.environ["TOKEN"]`,
				`secret_key = settings.SECRET_KEY_VALUE_FROM_ENV`,
				`password = "hunter2"`,
				`password = "aaaaaaaaaaaaaaaaaaaaaaaa"`,
				`token_url = "https://auth.example.org/oauth2/token/v1"`,
				`password_file = "/etc/app/secrets/db-password.txt"`,
				`api_key = "your_api_key_here_1234567890"`,
				`client_secret = "django-insecure-`+randomish(20, 15, credAlnum)+`"`,
				`if password == "`+dbPassword+`":`,
				`help_text = "the token is read from a file given by --token-file"`,
				`token = next_page_token_from_response`,
				`fakeAWSSecret = "`+dbPassword+`"`,
				`secret = "ghp_SHOULD`+`NEVERPRINT"`,
				assemble("conf = `\"private_key\": \"` + k + `", dbPassword, "\"`"))},
		},
		{
			name:  "go := and => bare values are code",
			files: []string{difftest.Added("a.go", `token := tokenFromEnvironment1234`, `x => secretValueFromElsewhere9`)},
		},

		// Test fixtures.
		{
			name:  `password = "changeme" in a test fixture`,
			files: []string{difftest.Added("tests/fixtures/settings.py", `password = "changeme"`)},
		},
		{
			name:  `password = "changeme" in production code`,
			files: []string{difftest.Added("app/settings.py", `password = "changeme"`)},
		},
		{
			name:    "a random-looking password in a fixture is reported by default",
			files:   []string{difftest.Added("testdata/config.yaml", "password: "+dbPassword)},
			secrets: []string{dbPassword},
			want:    []string{"secret:testdata/config.yaml:assignment:password | Rotate the password secret committed in testdata/config.yaml | password: [REDACTED]"},
		},
		{
			name:  "... and taken for a placeholder with FixturePlaceholders",
			files: []string{difftest.Added("testdata/config.yaml", "password: "+dbPassword)},
			opts:  Options{FixturePlaceholders: true},
		},
		{
			name:    "known formats are reported in fixtures all the same",
			files:   []string{difftest.Added("pkg/client_test.go", `const tok = "`+ghToken+`"`)},
			opts:    Options{FixturePlaceholders: true},
			secrets: []string{ghToken},
			want:    []string{"secret:pkg/client_test.go:github-token:" + hashSecret(ghToken) + ` | Rotate the GitHub token committed in pkg/client_test.go | const tok = "[REDACTED]"`},
		},

		// axios ab77a40 lib/core/mergeConfig.js: option names that sound
		// like credentials, each assigned a function of the module.
		{
			name: "a bare name in an object literal is code, not a credential",
			files: []string{difftest.Added("lib/core/mergeConfig.js",
				"    withCredentials: defaultToConfig2,", "    withXSRFToken: defaultToConfig2,", "    cancelToken: defaultToConfig2,")},
		},
		{
			name:    "a generated value on a config line is still a credential",
			files:   []string{difftest.Added("config/app.yaml", "api_token: "+dbPassword)},
			secrets: []string{dbPassword},
			want:    []string{"secret:config/app.yaml:assignment:api_token | Rotate the api_token secret committed in config/app.yaml | api_token: [REDACTED]"},
		},

		// Files never scanned.
		{name: "vendored", files: []string{difftest.Added("vendor/x/keys.go", `var k = "`+awsKey+`"`)}},
		{name: "lock file", files: []string{difftest.Added("package-lock.json", `"token": "`+dbPassword+`"`)}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, resolved := Detect(analyze.Commit{Hash: difftest.CommitID}, difftest.Commit(t, tt.files...), tt.opts)
			var got []string
			for _, f := range found {
				got = append(got, f.Fingerprint+" | "+f.Title+" | "+f.Evidence.Excerpt)
				if f.Kind != finding.KindSecret || f.Evidence.Commit != difftest.CommitID || !reflect.DeepEqual(f.Labels, []string{"security"}) {
					t.Errorf("kind %q commit %q labels %q", f.Kind, f.Evidence.Commit, f.Labels)
				}
				if len(f.Title) > analyze.TitleMax {
					t.Errorf("title too long: %q", f.Title)
				}
				js, err := json.Marshal(f)
				if err != nil {
					t.Fatal(err)
				}
				for _, s := range tt.secrets {
					if strings.Contains(string(js), s) {
						t.Errorf("finding holds a secret: %s", js)
					}
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("found:\n got %q\nwant %q", got, tt.want)
			}
			if len(resolved) != 0 {
				t.Errorf("resolved %v", resolved)
			}
		})
	}
}

func TestSecretFinding(t *testing.T) {
	found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, difftest.Commit(t, difftest.Added("config/prod.env", "REGION=eu-west-1", "AWS_ACCESS_KEY_ID="+awsKey)), Options{})
	if len(found) != 1 {
		t.Fatalf("found %d", len(found))
	}
	f := found[0]
	if f.Text != "an AWS access key committed in config/prod.env on line 2" {
		t.Errorf("text %q", f.Text)
	}
	if !reflect.DeepEqual(f.Items, []string{"config/prod.env line 2: an AWS access key"}) {
		t.Errorf("items %q", f.Items)
	}
	if f.Evidence != (finding.Evidence{Path: "config/prod.env", Line: 2, Commit: difftest.CommitID, Excerpt: "AWS_ACCESS_KEY_ID=[REDACTED]"}) {
		t.Errorf("evidence %+v", f.Evidence)
	}
	for _, want := range []string{"An AWS access key was committed in config/prod.env on line 2", "Rotate it first: in AWS IAM", "git filter-repo", "BFG", "force-push"} {
		if !strings.Contains(f.Body, want) {
			t.Errorf("body lacks %q:\n%s", want, f.Body)
		}
	}
}

// requests a94e9b5 "Add local TLS server" commits tests/certs/*.key,
// which a Makefile beside them generates: a key among test fixtures is
// listed in the maintenance digest (low severity), not drafted as an issue
// of its own; the same key elsewhere is high.
func TestFixtureKeysAreLowSeverity(t *testing.T) {
	key := []string{keyBegin, keyBody[0], keyBody[1], keyBody[2], keyEnd}
	for _, tc := range []struct {
		path string
		want finding.Severity
	}{
		{"tests/certs/expired/server/server.key", finding.Low},
		{"Tests/VaporTests/Utilities/localhost.key", finding.Low}, // vapor/vapor: Swift's Tests/
		{"deploy/server.key", ""},
		{"gcs-fake-service-account.json", finding.Low}, // spf13/afero 1a0f207: named a stand-in
		{"deploy/latest.key", ""},                      // "latest" is no "test"
		{"examples/tls/key.ecc", finding.Low},          // seanmonstar/warp: the TLS example's key
		{"tests/client_proxy_server_test.go", finding.Low},
	} {
		found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, difftest.Commit(t, difftest.Added(tc.path, key...)), Options{})
		if len(found) != 1 || found[0].Severity != tc.want {
			t.Errorf("%s: %+v, want one finding of severity %q", tc.path, found, tc.want)
			continue
		}
		// A test key is asked to be confirmed, not rotated outright.
		if strings.HasPrefix(tc.path, "examples/") {
			if found[0].Title != "Confirm "+tc.path+" is an example's own key" || !strings.Contains(found[0].Body, "among the examples") {
				t.Errorf("%s: title %q, body %q", tc.path, found[0].Title, found[0].Body)
			}
			continue
		}
		title := "Confirm " + tc.path + " is a test-only key"
		switch tc.path {
		case "gcs-fake-service-account.json":
			title = "Confirm the private key in gcs-fake-service-account.json (line 1) is test-only"
		case "tests/client_proxy_server_test.go":
			// A key in a file that holds more than keys is named by its
			// line (gorilla/websocket's client_proxy_server_test.go holds
			// two; round 118), the path by its end when it is too long.
			title = "Confirm the private key in client_proxy_server_test.go (line 1) is test-only"
		}
		if fixture := tc.want == finding.Low; fixture != (found[0].Title == title) ||
			fixture && !strings.Contains(found[0].Body, "generates for itself") ||
			tc.path == "gcs-fake-service-account.json" && !strings.Contains(found[0].Body, `a file its name calls a stand-in ("fake")`) {
			t.Errorf("%s: title %q, body %q", tc.path, found[0].Title, found[0].Body)
		}
	}
}

// go-resty/resty 0451c4c "Reformat doc comments" re-indented the doc
// comment's example: the value was there before, and neither a new
// finding nor the resolution of the earlier one comes of it.
func TestReindentedSecretIsNotAdded(t *testing.T) {
	cd := difftest.Commit(t, difftest.Modified("client.go", "client.go", difftest.Hunk(325, 325,
		" // See `Request.SetFormData`.",
		" //",
		"-// \t\tclient.SetFormData(map[string]string{",
		"-//\t\t\t\t\"access_token\": \"BC594900-518B-4F7E-AC75-BD37F019E08F\",",
		"-//\t\t\t\t\"user_id\": \"3455454545\",",
		"-//\t\t\t})",
		"+//\tclient.SetFormData(map[string]string{",
		"+//\t\t\t\"access_token\": \"BC594900-518B-4F7E-AC75-BD37F019E08F\",",
		"+//\t\t\t\"user_id\": \"3455454545\",",
		"+//\t\t})",
		" func (c *Client) SetFormData(data map[string]string) *Client {")))
	found, resolved := Detect(analyze.Commit{Hash: difftest.CommitID}, cd, Options{})
	if len(found) != 0 || len(resolved) != 0 {
		t.Errorf("found %+v, resolved %+v; want neither", found, resolved)
	}
}

func TestSecretResolution(t *testing.T) {
	tests := []struct {
		name         string
		files        []string
		wantFound    []string
		wantResolved []string
	}{
		{
			name:         "removing the line resolves",
			files:        []string{difftest.Modified("config/prod.env", "config/prod.env", difftest.Hunk(1, 1, " REGION=eu-west-1", "-AWS_ACCESS_KEY_ID="+awsKey))},
			wantResolved: []string{"secret:config/prod.env:aws-access-key:" + hashSecret(awsKey)},
		},
		{
			name:         "deleting a key file resolves",
			files:        []string{difftest.Deleted("deploy/id_rsa", keyBegin, keyBody[0], keyBody[1], keyBody[2], keyEnd)},
			wantResolved: []string{"secret:deploy/id_rsa:private-key:" + hashSecret(strings.Join(keyBody, ""))},
		},
		{
			name:      "a new value under the same name is found again, not resolved",
			files:     []string{difftest.Modified("config/prod.env", "config/prod.env", difftest.Hunk(1, 1, "-DB_PASSWORD="+dbPassword, "+DB_PASSWORD="+randomish(24, 99, credAlnum)))},
			wantFound: []string{"secret:config/prod.env:assignment:DB_PASSWORD"},
		},
		{
			name:         "moved to the environment",
			files:        []string{difftest.Modified("config/prod.env", "config/prod.env", difftest.Hunk(1, 1, "-DB_PASSWORD="+dbPassword, "+DB_PASSWORD=${DB_PASSWORD}"))},
			wantResolved: []string{"secret:config/prod.env:assignment:DB_PASSWORD"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found, resolved := Detect(analyze.Commit{Hash: difftest.CommitID}, difftest.Commit(t, tt.files...), Options{})
			var gotFound, gotResolved []string
			for _, f := range found {
				gotFound = append(gotFound, f.Fingerprint)
			}
			for _, r := range resolved {
				gotResolved = append(gotResolved, r.Fingerprint)
				if r.Commit != difftest.CommitID {
					t.Errorf("commit %q", r.Commit)
				}
			}
			if !reflect.DeepEqual(gotFound, tt.wantFound) || !reflect.DeepEqual(gotResolved, tt.wantResolved) {
				t.Errorf("found %q resolved %q; want %q and %q", gotFound, gotResolved, tt.wantFound, tt.wantResolved)
			}
		})
	}
}

func TestScrubSecret(t *testing.T) {
	secret := randomish(20, 21, credAlnum)
	f := finding.Finding{Fingerprint: "secret:a:assignment:" + secret, Title: "x " + secret, Text: secret, Body: secret,
		Items: []string{secret}, Evidence: finding.Evidence{Path: "a", Excerpt: secret}}
	scrubSecret(&f, secret)
	js, _ := json.Marshal(f)
	if strings.Contains(string(js), secret) {
		t.Errorf("scrub left the secret: %s", js)
	}
}

func TestIsSecretName(t *testing.T) {
	for name, want := range map[string]bool{
		"password": true, "DB_PASSWORD": true, "passwd": true, "client_secret": true, "authToken": true,
		"API_KEY": true, "apiKey": true, "APIKey": true, "private_key": true, "aws.secret.key": true,
		"token_url": false, "password_file": false, "secret_name": false, "token_hash": false,
		"key": false, "monkey": false, "tokenizer": false, "author": false,
	} {
		if got := isSecretName(name); got != want {
			t.Errorf("isSecretName(%q) = %v, want %v", name, got, want)
		}
	}
}

func TestShannonEntropy(t *testing.T) {
	if e := shannonEntropy("aaaa"); e != 0 {
		t.Errorf("aaaa: %v", e)
	}
	if e := shannonEntropy("abcd"); e != 2 {
		t.Errorf("abcd: %v", e)
	}
	if e := shannonEntropy(dbPassword); e < minSecretEntropy {
		t.Errorf("a random 24-character value: %v", e)
	}
}

// A token among test fixtures stays high: tests use fake ones, which the
// placeholder rules leave out, so a real-looking one is likely real.
func TestFixtureTokensStayHigh(t *testing.T) {
	found, _ := Detect(analyze.Commit{Hash: difftest.CommitID}, difftest.Commit(t, difftest.Added("tests/client_test.py", `TOKEN = "`+ghToken+`"`)), Options{})
	if len(found) != 1 || found[0].Severity != "" {
		t.Errorf("%+v, want one finding of the kind's severity", found)
	}
}
