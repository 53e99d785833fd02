package main

import (
	"fmt"
	"os"
	"strings"
)

// measurement is one thing measured in one run: what, and what it cost.
type measurement struct{ what, got string }

// table holds the measurements of several runs (binaries, sizes) side by
// side: a row per thing measured, a column per run.
type table struct {
	head []string // the first column's title, then each run's
	rows [][]string
}

// add appends a run's measurements as a column; every run measures the
// same things in the same order.
func (t *table) add(column []measurement) {
	for i, m := range column {
		if i == len(t.rows) {
			t.rows = append(t.rows, []string{m.what})
		}
		t.rows[i] = append(t.rows[i], m.got)
	}
}

func (t *table) markdown() string {
	var b strings.Builder
	b.WriteString("| " + strings.Join(t.head, " | ") + " |\n|---|" + strings.Repeat("---|", len(t.head)-1) + "\n")
	for _, r := range t.rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	return b.String()
}

// publish prints md and, with write, puts it in the section of path
// between <!-- name:start --> and <!-- name:end -->. It returns the exit
// code.
func publish(md string, write bool, path, name string) int {
	fmt.Println(md)
	if !write {
		return 0
	}
	if err := replaceSection(path, "<!-- "+name+":start -->", "<!-- "+name+":end -->", md); err != nil {
		fmt.Fprintln(os.Stderr, err)
		return 1
	}
	return 0
}
