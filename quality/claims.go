package main

import (
	"encoding/json"
	"fmt"
)

// ClaimsOf reads the fact checks from `status --json` (one enrolled
// repository): how many claims of new drafts the pipeline checked against
// git before queueing them, and how many failed (each a detector bug). It
// returns nil, not an error, when the binary does not report them, so the
// report can say they are not measured yet.
//
// The shape, per repository: "fact_checks": {"checked", "failed",
// "by_kind": {KIND: [checked, failed]}, "recent": [failures]}.
func ClaimsOf(status []byte) (*Claims, error) {
	var doc struct {
		Repos []struct {
			FactChecks *struct {
				Checked int               `json:"checked"`
				Failed  int               `json:"failed"`
				ByKind  map[string][2]int `json:"by_kind"`
				Recent  []ClaimFailure    `json:"recent"`
			} `json:"fact_checks"`
		} `json:"repos"`
	}
	if err := json.Unmarshal(status, &doc); err != nil {
		return nil, fmt.Errorf("status --json: %w", err)
	}
	var total *Claims
	for _, repo := range doc.Repos {
		fc := repo.FactChecks
		if fc == nil {
			continue
		}
		if total == nil {
			total = &Claims{ByKind: map[string][2]int{}}
		}
		total.Checked += fc.Checked
		total.Failed += fc.Failed
		total.Recent = append(total.Recent, fc.Recent...)
		for k, n := range fc.ByKind {
			t := total.ByKind[k]
			total.ByKind[k] = [2]int{t[0] + n[0], t[1] + n[1]}
		}
	}
	return total, nil
}
