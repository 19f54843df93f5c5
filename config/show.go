package config

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strconv"

	"gopkg.in/yaml.v3"
)

// InForce is every setting in force for one repository, every layer
// applied, in the shape and with the keys users write: `config show`
// prints it as it is, so a setting added to Config or Effective shows up
// there without a change to the printer.
type InForce struct {
	LLM       LLMConfig      `yaml:"llm"`
	GitHub    GitHubConfig   `yaml:"github"`
	Daemon    DaemonConfig   `yaml:"daemon"`
	Analysis  AnalysisConfig `yaml:"analysis"`
	Drafts    DraftsConfig   `yaml:"drafts"`
	Branches  []string       `yaml:"branches"`
	Effective `yaml:",inline"`
}

// InForce gathers the settings in force for the repository at repoPath,
// whose committed .ticket-master.yaml holds team.
func (c Config) InForce(repoPath string, team RepoSettings) InForce {
	return InForce{
		LLM: c.LLM, GitHub: c.GitHub, Daemon: c.Daemon, Analysis: c.Analysis, Drafts: c.Drafts,
		Branches:  c.Branches,
		Effective: c.ForRepo(repoPath, team),
	}
}

// YAML renders settings as a YAML document with the keys users write.
func YAML(v any) ([]byte, error) {
	var b bytes.Buffer
	enc := yaml.NewEncoder(&b)
	enc.SetIndent(2)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("render settings: %w", err)
	}
	if err := enc.Close(); err != nil {
		return nil, fmt.Errorf("render settings: %w", err)
	}
	return b.Bytes(), nil
}

// JSON renders the same document as YAML does, as indented JSON: the
// same keys in the same order, so that the two never drift apart (the
// yaml tags are the only names settings have).
func JSON(v any) ([]byte, error) {
	var n yaml.Node
	if err := n.Encode(v); err != nil {
		return nil, fmt.Errorf("render settings: %w", err)
	}
	var compact bytes.Buffer
	if err := nodeJSON(&compact, &n); err != nil {
		return nil, fmt.Errorf("render settings: %w", err)
	}
	var out bytes.Buffer
	if err := json.Indent(&out, compact.Bytes(), "", "  "); err != nil {
		return nil, fmt.Errorf("render settings: %w", err)
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// nodeJSON writes a YAML node as compact JSON.
func nodeJSON(b *bytes.Buffer, n *yaml.Node) error {
	switch n.Kind {
	case yaml.DocumentNode:
		if len(n.Content) == 0 {
			b.WriteString("null")
			return nil
		}
		return nodeJSON(b, n.Content[0])
	case yaml.AliasNode:
		return nodeJSON(b, n.Alias)
	case yaml.MappingNode:
		b.WriteByte('{')
		for i := 0; i+1 < len(n.Content); i += 2 {
			if i > 0 {
				b.WriteByte(',')
			}
			k, _ := json.Marshal(n.Content[i].Value)
			b.Write(k)
			b.WriteByte(':')
			if err := nodeJSON(b, n.Content[i+1]); err != nil {
				return err
			}
		}
		b.WriteByte('}')
		return nil
	case yaml.SequenceNode:
		b.WriteByte('[')
		for i, item := range n.Content {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := nodeJSON(b, item); err != nil {
				return err
			}
		}
		b.WriteByte(']')
		return nil
	}
	var v any = n.Value
	switch n.ShortTag() {
	case "!!null":
		v = nil
	case "!!bool":
		v = n.Value == "true"
	case "!!int":
		i, err := strconv.ParseInt(n.Value, 0, 64)
		if err != nil {
			return err
		}
		v = i
	case "!!float":
		f, err := strconv.ParseFloat(n.Value, 64)
		if err != nil {
			return err
		}
		v = f
	}
	raw, err := json.Marshal(v)
	if err != nil {
		return err
	}
	b.Write(raw)
	return nil
}
