package dependency

import "testing"

func TestDeclares(t *testing.T) {
	composer := []byte(`{"require": {"php": "^8.1"}, "require-dev": {"phpunit/phpunit": "^10", "nikic/php-parser": "^4"}}`)
	for _, c := range []struct {
		fingerprint, path string
		content           []byte
		declared, ok      bool
	}{
		{"dependency:nikic/php-parser:v4", "composer.json", composer, true, true},
		{"dependency:yoast/phpunit-polyfills:v1", "composer.json", composer, false, true}, // ramsey/uuid's 4.x after the merge
		{"dependency:org.slf4j:slf4j-api:v2", "pom.xml", []byte("<project><dependencies><dependency><groupId>org.slf4j</groupId><artifactId>slf4j-api</artifactId><version>2.0.9</version></dependency></dependencies></project>"), true, true},
		{"dependency:nikic/php-parser:v4", "README.md", composer, false, false},
		// micromatch ec0fc55's braces at v2, declared at v3 since 976d956.
		{"dependency:braces:v2", "package.json", []byte(`{"dependencies": {"braces": "^3.0.3"}}`), false, true},
		{"dependency:braces:v3", "package.json", []byte(`{"dependencies": {"braces": "^3.0.3"}}`), true, true},
		{"dependency:braces:v2", "package.json", []byte(`{"dependencies": {"braces": "micromatch/braces#dev"}}`), true, true},
		{"dependency:braces:any", "package.json", []byte(`{"dependencies": {"braces": "^3.0.3"}}`), true, true},
		{"dependency:picomatch:v0.1", "package.json", []byte(`{"dependencies": {"picomatch": "^0.1.2"}}`), true, true},
		{"dependency:nikic/php-parser:v4", "composer.json", []byte("{not json"), false, false},
		{"todo:composer.json:abc", "composer.json", composer, false, false},
	} {
		declared, ok := Declares(c.fingerprint, c.path, c.content)
		if declared != c.declared || ok != c.ok {
			t.Errorf("Declares(%q, %q) = %v, %v; want %v, %v", c.fingerprint, c.path, declared, ok, c.declared, c.ok)
		}
	}
}
