package ghrepo

import "testing"

func TestParseRemote(t *testing.T) {
	tests := []struct {
		in   string
		want Repo
		ok   bool
	}{
		{"https://github.com/acme/gadgets.git", Repo{"github.com", "acme", "gadgets"}, true},
		{"https://github.com/acme/gadgets", Repo{"github.com", "acme", "gadgets"}, true},
		{"https://user:pw@GitHub.com/acme/gadgets/", Repo{"github.com", "acme", "gadgets"}, true},
		{"git@github.com:acme/gadgets.git", Repo{"github.com", "acme", "gadgets"}, true},
		{"ssh://git@ghe.example.com:2222/acme/gadgets.git", Repo{"ghe.example.com", "acme", "gadgets"}, true},
		{"git://github.com/acme/gadgets", Repo{"github.com", "acme", "gadgets"}, true},
		{"/srv/git/gadgets.git", Repo{}, false},
		{"../other", Repo{}, false},
		{"https://gitlab.com/group/sub/project.git", Repo{}, false},
		{"file:///srv/a/b", Repo{}, false},
	}
	for _, tt := range tests {
		got, ok := ParseRemote(tt.in)
		if ok != tt.ok || got != tt.want {
			t.Errorf("ParseRemote(%q) = %+v, %v; want %+v, %v", tt.in, got, ok, tt.want, tt.ok)
		}
	}
}

func TestParseOwnerRepo(t *testing.T) {
	if got, err := ParseOwnerRepo("acme/gadgets"); err != nil || got != (Repo{"github.com", "acme", "gadgets"}) {
		t.Errorf("got %+v, %v", got, err)
	}
	for _, bad := range []string{"acme", "/x", "a/b/c", "a b/c"} {
		if _, err := ParseOwnerRepo(bad); err == nil {
			t.Errorf("ParseOwnerRepo(%q) accepted", bad)
		}
	}
}
