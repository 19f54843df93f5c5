package draft

import (
	"errors"
	"testing"
)

func TestDecodeReply(t *testing.T) {
	obj := `{"title":"Fix the cache","body":"b","labels":["bug"],"kind":"bug","confidence":0.7}`
	ok := []struct{ name, content string }{
		{"bare", obj},
		{"spaces", "\n  " + obj + "\n"},
		{"json fence", "```json\n" + obj + "\n```"},
		{"plain fence", "```\n" + obj + "\n```"},
		{"fence, one line", "```" + obj + "```"},
		{"fence with spaces", "  ```JSON\n" + obj + "\n```  \n"},
	}
	for _, tc := range ok {
		t.Run(tc.name, func(t *testing.T) {
			r, err := DecodeReply(tc.content)
			if err != nil {
				t.Fatal(err)
			}
			if r.Title != "Fix the cache" || r.Kind != "bug" || r.Confidence != 0.7 || len(r.Labels) != 1 {
				t.Errorf("reply = %+v", r)
			}
		})
	}

	bad := []struct{ name, content string }{
		{"empty", ""},
		{"prose", "Here is your issue: Fix the cache"},
		{"truncated", `{"title":"Fix the cache","body":"b`},
		{"array", `[1,2]`},
		{"null", `null`},
		{"wrong type", `{"title": 3}`},
		{"prose around", "Sure! " + obj},
	}
	for _, tc := range bad {
		t.Run(tc.name, func(t *testing.T) {
			_, err := DecodeReply(tc.content)
			if !errors.Is(err, ErrNotJSON) {
				t.Errorf("err = %v, want ErrNotJSON", err)
			}
		})
	}
}
