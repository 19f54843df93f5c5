package analyze

import "strings"

// IndexWord is the index of the first w in s that no identifier byte
// touches on either side (IsIdentByte), or -1: "SetHeader" in
// "table.SetHeader(h)", not in "SetHeaderColor".
func IndexWord(s, w string) int {
	if w == "" {
		return -1
	}
	for from := 0; ; {
		k := strings.Index(s[from:], w)
		if k < 0 {
			return -1
		}
		k += from
		end := k + len(w)
		if (k == 0 || !IsIdentByte(s[k-1])) && (end == len(s) || !IsIdentByte(s[end])) {
			return k
		}
		from = k + 1
	}
}
