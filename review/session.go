package review

import (
	"bufio"
	"context"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/ticket-master/ticket-master/store"
)

// Session walks pending drafts with a person, like `git add -p`. It reads
// answers line by line, so it works on a plain terminal and from a pipe.
type Session struct {
	In  *bufio.Reader
	Out io.Writer
	// RepoID limits the session to one repository ("" for all).
	RepoID     string
	Store      *store.Store
	Publishing *Publishing
	// Edit opens text in the user's editor and returns what they saved.
	Edit func(text string) (string, error)
	// Duplicate returns an open issue that looks like the draft, if any.
	Duplicate func(ctx context.Context, d store.Draft) (number int, title string, ok bool)
	// Style colours titles and prompts; the zero value prints plain text.
	Style Style
}

// Summary counts what a session did.
type Summary struct {
	Published []Published `json:"published"`
	Skipped   int         `json:"skipped"`
	Discarded int         `json:"discarded"`
	Closed    int         `json:"closed"`
	Failed    int         `json:"failed"`
	Quit      bool        `json:"quit"`
}

const helpText = `y - publish this issue now
n - leave it for later
e - edit it in $EDITOR (title on the first line, body below)
l - edit its labels
d - discard it (the same finding is not suggested again)
q - quit; the drafts not answered stay pending
? - print this help
`

const closeHelp = `c - close the issue, with a comment naming the commit that resolved it
n - keep it open
q - quit
? - print this help
`

// errQuit ends the session early.
var errQuit = errors.New("quit")

// Run walks the pending drafts, then offers to close published issues
// whose findings were resolved.
func (s *Session) Run(ctx context.Context) (Summary, error) {
	var sum Summary
	var drafts []store.Draft
	err := s.Store.View(func(tx *store.Tx) (err error) {
		drafts, err = tx.Drafts(store.DraftFilter{RepoID: s.RepoID, State: store.DraftPending})
		return err
	})
	if err != nil {
		return sum, err
	}
	resolved, err := ResolvedPublished(s.Store, s.RepoID)
	if err != nil {
		return sum, err
	}
	// A published maintenance digest follows its findings: bring its
	// checklist up to date on GitHub first.
	if s.Publishing != nil {
		ups, err := s.Publishing.UpdateDigests(ctx, s.RepoID)
		if err != nil {
			return sum, err
		}
		for _, u := range ups {
			if u.Error != "" {
				fmt.Fprintf(s.Out, "Could not update the maintenance digest #%d: %s\n", u.Draft.Issue, u.Error)
			} else {
				fmt.Fprintf(s.Out, "Updated the maintenance digest #%d: %s\n", u.Draft.Issue, u.Draft.IssueURL)
			}
		}
	}
	if len(drafts) == 0 && len(resolved) == 0 {
		fmt.Fprintln(s.Out, "No drafts waiting for review.")
		return sum, nil
	}
	for i, d := range drafts {
		if err := s.one(ctx, d, i+1, len(drafts), &sum); err != nil {
			if errors.Is(err, errQuit) {
				sum.Quit = true
				return sum, nil
			}
			return sum, err
		}
	}
	for _, r := range resolved {
		if err := s.offerClose(ctx, r, &sum); err != nil {
			if errors.Is(err, errQuit) {
				sum.Quit = true
				return sum, nil
			}
			return sum, err
		}
	}
	return sum, nil
}

func (s *Session) one(ctx context.Context, d store.Draft, n, total int, sum *Summary) error {
	if s.Duplicate != nil {
		if num, title, ok := s.Duplicate(ctx, d); ok {
			d.DuplicateOf = num
			fmt.Fprintf(s.Out, "\nPossible duplicate of #%d: %s\n", num, title)
		}
	}
	s.show(d, n, total)
	for {
		answer, err := s.ask("Publish this issue [y,n,e,l,d,q,?]? ")
		if err != nil {
			return err
		}
		switch answer {
		case "y":
			// The daemon may have rewritten the draft (the model) while it
			// was on screen: publish only what the person saw.
			cur, err := s.current(d.ID)
			if err != nil {
				return err
			}
			if cur.State != store.DraftPending {
				fmt.Fprintf(s.Out, "Draft %d was %s meanwhile; moving on.\n", d.ID, cur.State)
				return nil
			}
			// Only a change of what the person read is shown again: another
			// process recording its publish attempt changes the draft too,
			// and Publish then says that process has it.
			if !sameText(cur, d) {
				fmt.Fprintln(s.Out, "This draft changed while it was shown (rewritten by the model). Here it is as it is now:")
				d = cur
				s.show(d, n, total)
				continue
			}
			res, err := s.Publishing.Publish(ctx, d.ID)
			if errors.Is(err, ErrSkipped) {
				sum.Skipped++
				fmt.Fprintf(s.Out, "Skipped: %v\n", err)
				return nil
			}
			if err != nil {
				sum.Failed++
				fmt.Fprintf(s.Out, "Not published: %v\nThe draft stays pending.\n", err)
				return nil
			}
			sum.Published = append(sum.Published, res)
			fmt.Fprintf(s.Out, "Published #%d: %s\n", res.Publication.Number, res.Publication.URL)
			if len(res.Publication.Missing) > 0 {
				fmt.Fprintf(s.Out, "Labels left off (not in the repository): %s\n", strings.Join(res.Publication.Missing, ", "))
			}
			return nil
		case "n":
			sum.Skipped++
			return nil
		case "d":
			if _, err := Discard(s.Store, d.ID); err != nil {
				return err
			}
			sum.Discarded++
			fmt.Fprintf(s.Out, "Discarded draft %d.\n", d.ID)
			return nil
		case "e":
			edited, err := s.edit(d)
			if err != nil {
				fmt.Fprintf(s.Out, "Not edited: %v\n", err)
				continue
			}
			d = edited
			s.show(d, n, total)
		case "l":
			edited, err := s.editLabels(d)
			if err != nil {
				return err
			}
			d = edited
			fmt.Fprintf(s.Out, "Labels: %s\n", strings.Join(d.Labels, ", "))
		case "q":
			return errQuit
		default:
			fmt.Fprint(s.Out, helpText)
		}
	}
}

// ask prompts and reads one answer; the end of input quits, so a script
// that answers only some drafts leaves the rest pending.
func (s *Session) ask(prompt string) (string, error) {
	fmt.Fprint(s.Out, paint(s.Style.Prompt, strings.TrimRight(prompt, " "))+" ")
	line, err := s.In.ReadString('\n')
	switch {
	case errors.Is(err, io.EOF) && strings.TrimSpace(line) == "":
		fmt.Fprintln(s.Out)
		return "", errQuit
	case err != nil && !errors.Is(err, io.EOF):
		return "", err
	}
	if !strings.HasSuffix(line, "\n") {
		fmt.Fprintln(s.Out) // a piped answer does not echo its newline
	}
	return strings.ToLower(strings.TrimSpace(line)), nil
}

func (s *Session) show(d store.Draft, n, total int) {
	fmt.Fprintf(s.Out, "\n─── Draft %d (%d of %d) · %s · drafted by %s\n", d.ID, n, total, d.Repo, d.DraftedBy)
	fmt.Fprintf(s.Out, "Title:  %s\n", paint(s.Style.Title, d.Title))
	fmt.Fprintf(s.Out, "Labels: %s\n", strings.Join(d.Labels, ", "))
	if d.Note != "" {
		fmt.Fprintf(s.Out, "Note:   %s\n", d.Note)
	}
	for _, ev := range d.Evidence {
		fmt.Fprintf(s.Out, "Found:  %s in %.7s\n", ev.Where(), ev.Commit)
	}
	fmt.Fprintf(s.Out, "\n%s\n\n", d.Body)
}

// edit lets the person rewrite title and body; the footer with the
// evidence and the marker is kept even if they delete it, since publishing
// relies on the marker.
func (s *Session) edit(d store.Draft) (store.Draft, error) {
	if s.Edit == nil {
		return d, errors.New("no editor: set EDITOR or VISUAL")
	}
	head, footer := splitFooter(d.Body)
	out, err := s.Edit(d.Title + "\n\n" + head + "\n")
	if err != nil {
		return d, err
	}
	title, body, _ := strings.Cut(strings.TrimLeft(out, "\n"), "\n")
	title = strings.TrimSpace(title)
	if title == "" {
		return d, errors.New("the title (first line) is empty; the draft is unchanged")
	}
	body = strings.TrimSpace(body)
	if footer != "" {
		body += "\n\n" + footer
	}
	err = s.Store.Update(func(tx *store.Tx) error {
		cur, err := tx.Draft(d.ID)
		if err != nil {
			return err
		}
		cur.Title, cur.Body, cur.Edited = title, body, true
		d, err = tx.PutDraft(cur)
		return err
	})
	return d, err
}

// splitFooter separates a body from the footer the analysis wrote (from
// its last "---" rule on).
func splitFooter(body string) (head, footer string) {
	i := strings.LastIndex(body, "\n---\n")
	if i < 0 {
		return body, ""
	}
	return strings.TrimSpace(body[:i]), strings.TrimSpace(body[i+1:])
}

func (s *Session) editLabels(d store.Draft) (store.Draft, error) {
	fmt.Fprintf(s.Out, "Labels, comma-separated (now: %s; empty keeps them, - removes all): ", strings.Join(d.Labels, ", "))
	line, err := s.In.ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return d, err
	}
	line = strings.TrimSpace(line)
	if line == "" {
		return d, nil
	}
	labels := []string{}
	if line != "-" {
		for _, l := range strings.Split(line, ",") {
			if l = strings.TrimSpace(l); l != "" {
				labels = append(labels, l)
			}
		}
	}
	err = s.Store.Update(func(tx *store.Tx) error {
		cur, err := tx.Draft(d.ID)
		if err != nil {
			return err
		}
		cur.Labels, cur.Edited = labels, true
		d, err = tx.PutDraft(cur)
		return err
	})
	return d, err
}

func (s *Session) offerClose(ctx context.Context, r Resolved, sum *Summary) error {
	fmt.Fprintf(s.Out, "\nIssue #%d (%s) is about something resolved in %.7s %q.\n", r.Draft.Issue, r.Draft.Title, r.Commit, r.Subject)
	for {
		answer, err := s.ask("Close it on GitHub [c,n,q,?]? ")
		if err != nil {
			return err
		}
		switch answer {
		case "c":
			if err := s.Publishing.Close(ctx, r); err != nil {
				sum.Failed++
				fmt.Fprintf(s.Out, "Not closed: %v\n", err)
				return nil
			}
			sum.Closed++
			fmt.Fprintf(s.Out, "Closed #%d.\n", r.Draft.Issue)
			return nil
		case "n":
			return nil
		case "q":
			return errQuit
		default:
			fmt.Fprint(s.Out, closeHelp)
		}
	}
}

// sameText reports whether two versions of a draft read the same: title,
// body and labels.
func sameText(a, b store.Draft) bool {
	return a.Title == b.Title && a.Body == b.Body && slices.Equal(a.Labels, b.Labels)
}

func (s *Session) current(id uint64) (store.Draft, error) {
	var d store.Draft
	err := s.Store.View(func(tx *store.Tx) (err error) {
		d, err = tx.Draft(id)
		return err
	})
	return d, err
}
