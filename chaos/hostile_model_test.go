//go:build linux

package chaos

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ollama/ollama/api"

	"github.com/ticket-master/ticket-master/internal/ollamatest"
)

// Secrets a hostile reply carries: none may reach a draft, even in code.
var hostileSecrets = []string{
	"ghp_" + "R2d2C3poB8x9Q7w6E5r4T3y2U1i0OpAsDfGh",
	"AKIA" + "IOSFODNN7CHAOSXX",
	"xoxb-" + "123456789012-1234567890123-AbCdEfGhIjKlMnOpQrStUvWx",
	"https://hooks.slack.com/services/" + "T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX",
}

// hostile are what the replies smuggle in: each is woven into an otherwise
// good draft about the finding, at the end of the title and inside the
// body's first paragraph, so that a validator cannot reject the reply for
// anything else.
var hostile = []struct {
	title, body string
	labels      []string
}{
	{"per [the guide](https://evil.example/guide)", "Details at [the guide](https://evil.example/x) and [here](//evil.example/y).", nil},
	{"![pixel](https://evil.example/p.png)", "![pixel](https://evil.example/p.png) A tracking pixel.", nil},
	{"<a href=\"https://evil.example\">now</a>", "<a href=\"https://evil.example\">click</a> <img src=x onerror=alert(1)>\n\n<script>alert(1)</script>", nil},
	{"for @octocat", "Thanks @octocat and _@hubot_ and **@acme/admins**, cc @ghost.", nil},
	{"like #12 and GH-4", "Duplicate of #12, see GH-4, [#1] and acme/gadgets#3. Closes #9.", nil},
	{"per https://evil.example/a", "Go to https://evil.example/b or www.evil.example or <https://evil.example/c> or <mailto:a@evil.example> or a@evil.example.", nil},
	{"<details>", "<details><summary>More</summary>\n\nhidden text\n\n</details>\n\n<!-- hidden comment -->", nil},
	{"after rotating " + hostileSecrets[0], "Token " + hostileSecrets[0] + ", key `" + hostileSecrets[1] + "`, Slack " + hostileSecrets[2] + ", hook " + hostileSecrets[3] + ".", nil},
	{"[as asked][1]", "Read [this][1].\n\n[1]: https://evil.example/ref", nil},
	{"", "The labels are hostile; the rest is plain.", []string{"bug", "<img src=x>", "@admins"}},
}

// commentOf is the TODO comment a drafting prompt quotes.
func commentOf(req api.ChatRequest) string {
	comment := "the comment"
	for _, m := range req.Messages {
		if _, after, ok := strings.Cut(m.Content, "Comment text:\n```\n"); ok {
			comment, _, _ = strings.Cut(after, "\n")
		}
	}
	return strings.TrimSpace(strings.TrimPrefix(strings.TrimSpace(comment), "// TODO:"))
}

// reply is a draft about comment, as a model writes it, with extra text
// after the title and in the first paragraph.
func reply(comment, titleExtra, bodyExtra string, labels []string) ollamatest.Reply {
	title := "Make the code " + comment
	if len(title) > 60 {
		title = title[:60]
	}
	if titleExtra != "" {
		title += " " + titleExtra
	}
	body := "The code should " + comment + ". " + bodyExtra + "\n\n### Why\nUntil someone does " + comment + ", it stays broken.\n\n" +
		"### Suggested approach\n- " + comment + ".\n\n### Done when\n- [ ] The code does " + comment + ".\n"
	if labels == nil {
		labels = []string{"bug"}
	}
	out, _ := json.Marshal(map[string]any{"title": title, "body": body, "labels": labels, "kind": "bug", "confidence": 0.7})
	return ollamatest.Reply{Content: string(out)}
}

// hostileReplies: the fake Ollama answers every drafting request with a
// reply carrying links, images, raw HTML, mentions, issue references and
// secrets, in the title and in the body (one reply in four is clean, so
// the model's drafts are known to be used). No draft may carry any of it:
// every draft's title and body (the model's part, before the evidence
// footer) is scanned as GitHub would render it, and every draft's text for
// the secrets. tried: hostile replies served. failed: drafts carrying one.
// lost: TODOs with no draft.
func hostileReplies(t *testing.T, c *chaos) {
	s := newSandbox(t)
	fake := ollamatest.New()
	fake.AddModel("llama3.2", 8192)
	if err := fake.Start(); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fake.Close)
	s.setenv("OLLAMA_HOST", fake.URL())

	var mu sync.Mutex
	served, hostileServed := 0, 0
	fake.OnChat(func(req api.ChatRequest) ollamatest.Reply {
		mu.Lock()
		defer mu.Unlock()
		served++
		if served%4 == 0 {
			return reply(commentOf(req), "", "", nil)
		}
		h := hostile[hostileServed%len(hostile)]
		hostileServed++
		return reply(commentOf(req), h.title, h.body, h.labels)
	})

	repo := s.newRepo("repo")
	s.git(repo, "remote", "add", "origin", "https://github.com/chaos/hostile.git")
	s.mustTM(repo, "enroll")
	n := c.size(10, 30)
	var want []string
	for i := range n {
		path, content := todoFile(i)
		want = append(want, path)
		s.writeFile(filepath.Join(repo, path), content)
	}
	s.git(repo, "add", "todo")
	s.git(repo, "commit", "-q", "-m", "todos")
	if r := s.tm(repo, "daemon", "sync", "--timeout", "120s"); r.code != 0 {
		c.fail("daemon sync: %v", r)
	}
	mu.Lock()
	c.tried(hostileServed)
	mu.Unlock()

	ds, err := s.allDrafts()
	if err != nil {
		c.fail("drafts list: %v", err)
		return
	}
	byModel := 0
	for _, d := range ds {
		if d.DraftedBy != "template" {
			byModel++
		}
		var bad []string
		for _, h := range hazards(d.Title) {
			bad = append(bad, "title: "+h)
		}
		for _, h := range hazards(modelPart(d.Body)) {
			bad = append(bad, "body: "+h)
		}
		for _, secret := range hostileSecrets {
			if strings.Contains(d.Title+d.Body, secret) {
				bad = append(bad, "the secret "+secret[:8]+"...")
			}
		}
		for _, l := range d.Labels {
			if strings.ContainsAny(l, "<>@") {
				bad = append(bad, "the label "+l)
			}
		}
		if len(bad) > 0 {
			c.fail("draft %d (by %s) carries %s\ntitle: %s\nbody:\n%s", d.ID, d.DraftedBy, strings.Join(bad, "; "), d.Title, d.Body)
		}
	}
	t.Logf("%d replies served, %d hostile; %d of %d drafts written by the model", served, hostileServed, byModel, len(ds))
	if byModel == 0 {
		c.fail("no draft was written by the model: the replies were never used, and this proves nothing")
	}
	lost, dup, lostEx, dupEx := tally(want, draftsPerTODO(ds), nil)
	c.lose(lost, "TODOs with no draft, e.g. %v", lostEx)
	c.duplicate(dup, "TODOs with more than one draft, e.g. %v", dupEx)
}
