package analyze

import (
	"reflect"
	"testing"
)

func TestDetectDependencies(t *testing.T) {
	tests := []struct {
		name  string
		files []string
		want  []string // fingerprint | title | labels
	}{
		// go.mod.
		{
			name: "go.mod: new requirement in a block; indirect ones left out",
			files: []string{modifiedFileText("go.mod", "go.mod", hunkText(5, 5,
				" require (",
				" \tgithub.com/fsnotify/fsnotify v1.10.1",
				"+\tgithub.com/spf13/cobra v1.8.0",
				"+\tgithub.com/inconshreveable/mousetrap v1.1.0 // indirect",
				" )"))},
			want: []string{"dependency:go.mod:github.com/spf13/cobra@new | Review the new dependency github.com/spf13/cobra | security"},
		},
		{
			name:  "go.mod: single require line",
			files: []string{modifiedFileText("go.mod", "go.mod", hunkText(3, 3, " go 1.22", "+require golang.org/x/sync v0.7.0"))},
			want:  []string{"dependency:go.mod:golang.org/x/sync@new | Review the new dependency golang.org/x/sync | security"},
		},
		{
			name: "go.mod: /vN path change is a major move",
			files: []string{modifiedFileText("go.mod", "go.mod", hunkText(8, 8,
				"-\tgithub.com/google/go-github/v62 v62.0.0",
				"+\tgithub.com/google/go-github/v63 v63.0.0"))},
			want: []string{"dependency:go.mod:github.com/google/go-github@v63 | Review the upgrade of github.com/google/go-github/v63 from v62 to v63 | tech-debt"},
		},
		{
			name:  "go.mod: v0 to v1 is a major move",
			files: []string{modifiedFileText("go.mod", "go.mod", hunkText(8, 8, "-\texample.com/m v0.9.0", "+\texample.com/m v1.0.0"))},
			want:  []string{"dependency:go.mod:example.com/m@v1 | Review the upgrade of example.com/m from v0 to v1 | tech-debt"},
		},
		{
			name:  "go.mod: gopkg.in major",
			files: []string{modifiedFileText("go.mod", "go.mod", hunkText(8, 8, "-\tgopkg.in/yaml.v2 v2.4.0", "+\tgopkg.in/yaml.v3 v3.0.1"))},
			want:  []string{"dependency:go.mod:gopkg.in/yaml@v3 | Review the upgrade of gopkg.in/yaml.v3 from v2 to v3 | tech-debt"},
		},
		{
			name: "go.mod: minor and patch bumps, indirect to direct, replace and go lines are not findings",
			files: []string{modifiedFileText("go.mod", "go.mod", hunkText(3, 3,
				"-go 1.21",
				"+go 1.22",
				" require (",
				"-\tgithub.com/fsnotify/fsnotify v1.9.0",
				"+\tgithub.com/fsnotify/fsnotify v1.10.1",
				"-\tgolang.org/x/sys v0.49.0 // indirect",
				"+\tgolang.org/x/sys v0.50.0",
				" )",
				"+replace example.com/a => ../a"))},
		},
		{
			name: "a lock file is not a dependency change",
			files: []string{
				addedFileText("go.sum", "github.com/spf13/cobra v1.8.0 h1:abc=", "github.com/spf13/cobra v1.8.0/go.mod h1:def="),
				addedFileText("web/package-lock.json", `{`, `  "dependencies": {`, `    "left-pad": "1.3.0"`, `  }`, `}`),
				addedFileText("Cargo.lock", "[[package]]", `name = "serde"`, `version = "1.0.0"`),
				addedFileText("yarn.lock", `left-pad@^1.3.0:`, `  version "1.3.0"`),
				addedFileText("poetry.lock", "[[package]]", `name = "requests"`, `version = "2.31.0"`),
			},
		},
		{
			name:  "vendored manifest",
			files: []string{addedFileText("node_modules/x/package.json", `{`, `  "dependencies": {`, `    "y": "^1.0.0"`, `  }`, `}`)},
		},

		// package.json.
		{
			name: "package.json: new dependency and a major bump; scripts and version are not",
			files: []string{modifiedFileText("package.json", "package.json", hunkText(1, 1,
				" {",
				`-  "version": "1.0.0",`,
				`+  "version": "2.0.0",`,
				`   "scripts": {`,
				`+    "build": "tsc -p ."`,
				`   },`,
				`   "dependencies": {`,
				`-    "express": "^4.18.2",`,
				`+    "express": "^5.0.0",`,
				`+    "@octokit/rest": "~20.0.1",`,
				`-    "lodash": "^4.17.20"`,
				`+    "lodash": "^4.17.21"`,
				`   },`,
				`   "devDependencies": {`,
				`+    "vitest": "1.x"`,
				`   }`,
				" }"))},
			want: []string{
				"dependency:package.json:express@v5 | Review the upgrade of express from v4 to v5 | tech-debt",
				"dependency:package.json:@octokit/rest@new | Review the new dependency @octokit/rest | security",
				"dependency:package.json:vitest@new | Review the new dependency vitest | security",
			},
		},
		{
			name: "package.json: hunk inside the dependencies object; 0.x minors count",
			files: []string{modifiedFileText("web/package.json", "web/package.json", hunkText(12, 12,
				`     "a": "^1.0.0",`,
				`-    "b": "^0.4.1",`,
				`+    "b": "^0.5.0",`,
				`-    "c": "^0.4.1",`,
				`+    "c": "^0.4.2",`,
				`     "d": "^1.0.0"`))},
			want: []string{"dependency:web/package.json:b@v0.5 | Review the upgrade of b from v0.4 to v0.5 | tech-debt"},
		},
		{
			name:  "package.json: downgrade",
			files: []string{modifiedFileText("package.json", "package.json", hunkText(3, 3, `   "dependencies": {`, `-    "react": "^18.2.0"`, `+    "react": "^17.0.2"`, `   }`))},
			want:  []string{"dependency:package.json:react@v17 | Review the downgrade of react from v18 to v17 | tech-debt"},
		},

		// requirements.txt.
		{
			name: "requirements: new pin and a major bump; minor bump, comments and options are not",
			files: []string{modifiedFileText("requirements.txt", "requirements.txt", hunkText(1, 1,
				" # runtime",
				"-requests==2.31.0",
				"+requests==3.0.0",
				"-Flask>=2.2",
				"+flask>=2.3",
				"+pydantic[email]~=2.5 ; python_version >= '3.8'",
				"+-r base.txt",
				"+--hash=sha256:abc"))},
			want: []string{
				"dependency:requirements.txt:requests@v3 | Review the upgrade of requests from v2 to v3 | tech-debt",
				"dependency:requirements.txt:pydantic@new | Review the new dependency pydantic | security",
			},
		},
		{
			name:  "requirements under requirements/ and dev-requirements",
			files: []string{addedFileText("requirements/dev.txt", "pytest>=8"), addedFileText("dev-requirements.in", "black")},
			want: []string{
				"dependency:requirements/dev.txt:pytest@new | Review the new dependency pytest | security",
				"dependency:dev-requirements.in:black@new | Review the new dependency black | security",
			},
		},

		// pyproject.toml.
		{
			name: "pyproject: PEP 621 array; build-system is not",
			files: []string{modifiedFileText("pyproject.toml", "pyproject.toml", hunkText(1, 1,
				" [build-system]",
				`+requires = ["hatchling>=1.20"]`,
				" [project]",
				` name = "tool"`,
				" dependencies = [",
				`-  "httpx>=0.25",`,
				`+  "httpx>=1.0",`,
				`+  "rich",`,
				`   "click>=8.1",`,
				" ]",
				" [project.optional-dependencies]",
				`+test = ["pytest>=8"]`))},
			want: []string{
				"dependency:pyproject.toml:httpx@v1 | Review the upgrade of httpx from v0 to v1 | tech-debt",
				"dependency:pyproject.toml:rich@new | Review the new dependency rich | security",
				"dependency:pyproject.toml:pytest@new | Review the new dependency pytest | security",
			},
		},
		{
			name: "pyproject: poetry tables; python is not a dependency",
			files: []string{modifiedFileText("pyproject.toml", "pyproject.toml", hunkText(5, 5,
				" [tool.poetry.dependencies]",
				`-python = "^3.9"`,
				`+python = "^3.10"`,
				`-Django = "^4.2"`,
				`+Django = "^5.0"`,
				`+celery = { version = "^5.3", extras = ["redis"] }`,
				`-sqlalchemy = "^2.0.1"`,
				`+sqlalchemy = "^2.0.2"`,
				" [tool.black]",
				`+line-length = "100"`))},
			want: []string{
				"dependency:pyproject.toml:django@v5 | Review the upgrade of Django from v4 to v5 | tech-debt",
				"dependency:pyproject.toml:celery@new | Review the new dependency celery | security",
			},
		},

		// Cargo.toml.
		{
			name: "cargo: plain, inline table, sub-table; package keys are not",
			files: []string{modifiedFileText("Cargo.toml", "Cargo.toml", hunkText(1, 1,
				" [package]",
				`-version = "0.1.0"`,
				`+version = "1.0.0"`,
				" [dependencies]",
				`-serde = "1.0.190"`,
				`+serde = "1.0.193"`,
				`-clap = { version = "3.2", features = ["derive"] }`,
				`+clap = { version = "4.4", features = ["derive"] }`,
				`+local = { path = "../local" }`,
				`-rand = "0.7"`,
				`+rand = "0.8"`,
				"+[dev-dependencies.proptest]",
				`+version = "1"`))},
			want: []string{
				"dependency:Cargo.toml:clap@v4 | Review the upgrade of clap from v3 to v4 | tech-debt",
				"dependency:Cargo.toml:local@new | Review the new dependency local | security",
				"dependency:Cargo.toml:rand@v0.8 | Review the upgrade of rand from v0.7 to v0.8 | tech-debt",
				"dependency:Cargo.toml:proptest@new | Review the new dependency proptest | security",
			},
		},

		// pom.xml.
		{
			name: "pom: new dependency, major version line change, plugin left out",
			files: []string{modifiedFileText("pom.xml", "pom.xml", hunkText(20, 20,
				"     <dependency>",
				"       <groupId>com.fasterxml.jackson.core</groupId>",
				"       <artifactId>jackson-databind</artifactId>",
				"-      <version>2.15.0</version>",
				"+      <version>3.0.0</version>",
				"       <exclusions><exclusion>",
				"       </exclusion></exclusions>",
				"     </dependency>",
				"+    <dependency>",
				"+      <groupId>org.slf4j</groupId>",
				"+      <artifactId>slf4j-api</artifactId>",
				"+      <version>2.0.9</version>",
				"+    </dependency>",
				"     <plugin>",
				"       <artifactId>maven-surefire-plugin</artifactId>",
				"-      <version>2.22.0</version>",
				"+      <version>3.2.0</version>",
				"     </plugin>"))},
			want: []string{
				"dependency:pom.xml:com.fasterxml.jackson.core:jackson-databind@v3 | Review the upgrade of com.fasterxml.jackson.core:jackson-databind from v2 to v3 | tech-debt",
				"dependency:pom.xml:org.slf4j:slf4j-api@new | Review the new dependency org.slf4j:slf4j-api | security",
			},
		},
		{
			name: "pom: a hunk that starts inside a dependency; a minor bump",
			files: []string{modifiedFileText("pom.xml", "pom.xml", hunkText(30, 30,
				"       <artifactId>guava</artifactId>",
				"-      <version>32.0.0-jre</version>",
				"+      <version>32.1.3-jre</version>",
				"     </dependency>"))},
		},
		{
			name: "pom: version property",
			files: []string{modifiedFileText("pom.xml", "pom.xml", hunkText(10, 10,
				"   <properties>",
				"-    <spring.version>5.3.30</spring.version>",
				"+    <spring.version>6.1.0</spring.version>",
				"   </properties>"))},
			want: []string{"dependency:pom.xml:${spring.version}@v6 | Review the upgrade of ${spring.version} from v5 to v6 | tech-debt"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			found := DetectDependencies(Commit{Hash: id2}, parseCommit(t, tt.files...))
			var got []string
			for _, f := range found {
				got = append(got, f.Fingerprint+" | "+f.Title+" | "+f.Labels[0])
				if f.Kind != KindDependency || f.Evidence.Commit != id2 || len(f.Labels) != 1 {
					t.Errorf("kind %q commit %q labels %q", f.Kind, f.Evidence.Commit, f.Labels)
				}
				if len(f.Title) > titleMax {
					t.Errorf("title too long: %q", f.Title)
				}
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("found:\n got %q\nwant %q", got, tt.want)
			}
		})
	}
}

func TestDependencyFindings(t *testing.T) {
	found := DetectDependencies(Commit{Hash: id2}, parseCommit(t, modifiedFileText("go.mod", "go.mod", hunkText(8, 8,
		"-\tgithub.com/google/go-github/v62 v62.0.0",
		"+\tgithub.com/google/go-github/v63 v63.0.0"))))
	want := []Finding{{
		Kind:        KindDependency,
		Fingerprint: "dependency:go.mod:github.com/google/go-github@v63",
		Text:        "github.com/google/go-github/v63 moved from v62 to v63 in go.mod",
		Body:        "The commit moves github.com/google/go-github/v63 from v62 (v62.0.0) to v63 (v63.0.0) in go.mod, across a major version: expect breaking changes in its API or behaviour.",
		Title:       "Review the upgrade of github.com/google/go-github/v63 from v62 to v63",
		Labels:      []string{"tech-debt"},
		Items:       []string{"before: github.com/google/go-github/v62 v62.0.0", "after: github.com/google/go-github/v63 v63.0.0"},
		Evidence:    Evidence{Path: "go.mod", Line: 8, Commit: id2, Excerpt: "github.com/google/go-github/v63 v63.0.0"},
	}}
	if !reflect.DeepEqual(found, want) {
		t.Errorf("got  %+v\nwant %+v", found, want)
	}

	found = DetectDependencies(Commit{Hash: id2}, parseCommit(t, addedFileText("requirements.txt", "requests==2.31.0")))
	want = []Finding{{
		Kind:        KindDependency,
		Fingerprint: "dependency:requirements.txt:requests@new",
		Text:        "new dependency requests ==2.31.0 in requirements.txt",
		Body:        "The commit adds requests ==2.31.0 to requirements.txt. A new dependency brings its code, its licence and its own dependencies into the project.",
		Title:       "Review the new dependency requests",
		Labels:      []string{"security"},
		Items:       []string{"added: requests==2.31.0"},
		Evidence:    Evidence{Path: "requirements.txt", Line: 1, Commit: id2, Excerpt: "requests==2.31.0"},
	}}
	if !reflect.DeepEqual(found, want) {
		t.Errorf("got  %+v\nwant %+v", found, want)
	}
}

func TestRangeMajor(t *testing.T) {
	tests := []struct {
		spec string
		want string
	}{
		{"^1.2.3", "v1"}, {"~2.0", "v2"}, {">=3.1 <4", "v3"}, {"1.x", "v1"}, {"v4.0.0", "v4"},
		{"^0.4.1", "v0.4"}, {"0.x", "v0"}, {"npm:other@^2.1.0", "v2"},
		{"*", ""}, {"latest", ""}, {"workspace:*", ""}, {"file:../x", ""}, {"git+https://x/y.git#v2", ""},
	}
	for _, tt := range tests {
		if got := rangeMajor(tt.spec, true); got != tt.want {
			t.Errorf("rangeMajor(%q) = %q, want %q", tt.spec, got, tt.want)
		}
	}
}
