package main

import (
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// table prints aligned columns. Cells are measured before they are
// coloured: text/tabwriter would count the escapes as width.
type table struct {
	header []string
	rows   [][]string
	// paint colours the cells of a column (not its header), by index.
	paint map[int]func(string) string
}

func newTable(header ...string) *table {
	return &table{header: header, paint: map[int]func(string) string{}}
}

func (t *table) row(cells ...string) { t.rows = append(t.rows, cells) }

func (t *table) print(w io.Writer) error {
	widths := make([]int, len(t.header))
	for _, r := range append([][]string{t.header}, t.rows...) {
		for i, c := range r {
			widths[i] = max(widths[i], utf8.RuneCountInString(c))
		}
	}
	var b strings.Builder
	line := func(cells []string, painted bool) {
		// Empty cells at the end of a row (a draft not published yet has
		// no ISSUE) get no padding: no trailing blanks.
		for len(cells) > 1 && cells[len(cells)-1] == "" {
			cells = cells[:len(cells)-1]
		}
		for i, c := range cells {
			text := c
			if p := t.paint[i]; painted && p != nil {
				text = p(c)
			}
			b.WriteString(text)
			if i < len(cells)-1 {
				b.WriteString(strings.Repeat(" ", widths[i]-utf8.RuneCountInString(c)+2))
			}
		}
		b.WriteString("\n")
	}
	line(t.header, false)
	for _, r := range t.rows {
		line(r, true)
	}
	_, err := fmt.Fprint(w, b.String())
	return err
}
