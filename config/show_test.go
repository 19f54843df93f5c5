package config

import (
	"encoding/json"
	"reflect"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

func TestInForceIsWrittenAsUsersWriteIt(t *testing.T) {
	cfg := Defaults()
	team, err := ParseRepoSettings([]byte("hotspot:\n  window: 30\nlabels: [team]\nignore: [gen/]\n"))
	if err != nil {
		t.Fatal(err)
	}
	in := cfg.InForce("/src/a", team)
	y, err := YAML(in)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"\nhotspot:\n  window: 30\n  min_changes: 0\n", "\nlabels:\n  - team\n", "  keep_alive: 10m\n", "  pace: 3s\n", "\nmax_drafts_per_commit: 10\n"} {
		if !strings.Contains("\n"+string(y), want) {
			t.Errorf("YAML lacks %q:\n%s", want, y)
		}
	}
	// What show prints reads back as settings, the user's part as a
	// config.yaml and the repository's as a .ticket-master.yaml: the keys
	// are the ones users write.
	var doc map[string]any
	if err := yaml.Unmarshal(y, &doc); err != nil {
		t.Fatal(err)
	}
	user, team2 := map[string]any{}, map[string]any{}
	for k, v := range doc {
		if _, ok := yamlFields(reflect.TypeFor[RepoSettings]())[k]; ok {
			team2[k] = v
		} else {
			user[k] = v
		}
	}
	ub, _ := yaml.Marshal(user)
	tb, _ := yaml.Marshal(team2)
	back := Defaults()
	if err := Parse(ub, &back); err != nil {
		t.Errorf("the user part does not read back: %v\n%s", err, ub)
	}
	if repo, err := ParseRepoSettings(tb); err != nil || *repo.Hotspot.Window != 30 {
		t.Errorf("the repository part does not read back: %v\n%s", err, tb)
	}

	// JSON is the same document: same keys, same order.
	j, err := JSON(in)
	if err != nil {
		t.Fatal(err)
	}
	var fromJSON map[string]any
	if err := json.Unmarshal(j, &fromJSON); err != nil {
		t.Fatalf("%v\n%s", err, j)
	}
	if !reflect.DeepEqual(keys(fromJSON), keys(doc)) {
		t.Errorf("JSON keys %v, YAML keys %v", keys(fromJSON), keys(doc))
	}
	if h := fromJSON["hotspot"].(map[string]any); h["window"] != float64(30) || h["min_share"] != 0.2 {
		t.Errorf("hotspot in JSON = %v", h)
	}
	if strings.Index(string(j), `"llm"`) > strings.Index(string(j), `"hotspot"`) {
		t.Errorf("JSON keys out of the YAML order:\n%s", j)
	}
	for _, goName := range []string{"HotspotWindow", "MaxDraftsPerCommit", "NumCtx", "hotspot_window"} {
		if strings.Contains(string(j), goName) || strings.Contains(string(y), goName) {
			t.Errorf("output names %q", goName)
		}
	}
}

func keys(m map[string]any) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
