package main

import (
	"fmt"
	"os"
	"strings"
	"time"
)

// soakMain runs the soak, prints (and with write, records) what happened,
// and returns the exit code: 1 if anything was lost, duplicated, out of
// order, misdelivered or missing.
func soakMain(bin string, sc soakConfig, write bool, path string) int {
	started := time.Now()
	st, err := runSoak(bin, sc, newProgress())
	if err != nil {
		fmt.Fprintln(os.Stderr, "soak:", err)
		return 1
	}
	if code := publish(st.markdown(sc, time.Since(started)), write, path, "chatsoak"); code != 0 {
		return code
	}
	if st.Lost+st.Duplicated+st.OutOfOrder+st.Misdelivered+st.MissingFromDB > 0 {
		fmt.Fprintln(os.Stderr, "FAIL: the soak lost, duplicated, reordered or misdelivered messages")
		return 1
	}
	fmt.Fprintln(os.Stderr, "soak: PASS")
	return 0
}

func (st soakStats) markdown(sc soakConfig, took time.Duration) string {
	var b strings.Builder
	fmt.Fprintf(&b, "Run on %s, %s, in %s: `go run ./cmd/chatbench -bin .bin/pbchat -soak %s -soakusers %d -soakposters %d -slow %d -drop %g -restart=%t`.\n\n",
		time.Now().UTC().Format("2006-01-02 15:04 MST"), machine(), took.Round(time.Second),
		sc.duration, sc.users, sc.posters, sc.slow, sc.dropRate, sc.restart)
	b.WriteString("| what | count |\n|---|---:|\n")
	row := func(k string, v any) { fmt.Fprintf(&b, "| %s | %v |\n", k, v) }
	row("connected users", st.Users)
	row("conversations (2 to 200 members, overlapping)", st.Conversations)
	row("seconds of load", fmt.Sprintf("%.0f", st.Seconds))
	row("messages accepted (200)", st.Accepted)
	row("posts refused or cut off (author removed meanwhile, server restarting)", st.Refused)
	row("deliveries checked, live or through resume", st.Deliveries)
	row("connections dropped at random", st.Drops)
	row("slow readers closed with 4008", st.SlowCloses)
	row("reconnects with resume", st.Reconnects)
	row("resyncs (a resume past the limit)", st.Resyncs)
	row("members added or removed", st.MembershipChanges)
	row("server restarts (SIGTERM mid-load)", st.Restarts)
	row("**lost**", st.Lost)
	row("**duplicated**", st.Duplicated)
	row("**out of commit order**", st.OutOfOrder)
	row("**misdelivered** (from a conversation the user was not in at the time)", st.Misdelivered)
	row("**accepted with 200 but missing from the database**", st.MissingFromDB)
	if st.BaselineGoroutines > 0 {
		row("server goroutines before the clients / after they left", fmt.Sprintf("%d / %d", st.BaselineGoroutines, st.ServerGoroutines))
	}
	row("server sockets before the clients / after they left", fmt.Sprintf("%d / %d", st.BaselineFDs, st.ServerFDs))
	return b.String()
}

// replaceSection puts text between the marks of the file at path.
func replaceSection(path, start, end, text string) error {
	b, err := os.ReadFile(path)
	if err != nil {
		return err
	}
	s := string(b)
	i, j := strings.Index(s, start), strings.Index(s, end)
	if i < 0 || j < i {
		return fmt.Errorf("%s has no %s … %s section", path, start, end)
	}
	return os.WriteFile(path, []byte(s[:i+len(start)]+"\n"+text+"\n"+s[j:]), 0o644)
}
