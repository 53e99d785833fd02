package realtime_test

import (
	"os"
	"strings"
	"testing"
	"time"

	"go.uber.org/goleak"

	. "github.com/pbchat/pbchat/internal/chattest"
	"github.com/pbchat/pbchat/realtime"
)

// openFiles counts this process's open files, but for SQLite's: the
// database's connection pool grows to its limit under load and stays.
func openFiles(t *testing.T) int {
	entries, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		t.Skip("no /proc/self/fd here")
	}
	n := 0
	for _, e := range entries {
		target, _ := os.Readlink("/proc/self/fd/" + e.Name())
		if !strings.Contains(target, ".db") {
			n++
		}
	}
	return n
}

// A thousand sockets come and go: afterwards the goroutines and open files
// are what they were before the first.
func TestNoLeakAfterAThousandConnections(t *testing.T) {
	e := newEnv(t, realtime.Config{})
	users := []string{Alice, Bob, Carol, Dave}
	// warm up: the first sockets start pooled database connections
	for _, u := range users {
		c, _ := e.connect(t, u, "0")
		c.ws.Close()
	}
	waitNoSockets(t, e)
	baseline := goleak.IgnoreCurrent()
	files := openFiles(t)

	for i := range 1000 {
		c, _ := e.connect(t, users[i%len(users)], "")
		if i%10 == 0 {
			c.send(map[string]string{"type": "typing", "conversation": ConvAB})
		}
		c.ws.Close()
	}
	waitNoSockets(t, e)
	// PocketBase's cron ticker starts on a minute boundary, whenever that
	// falls: not a goroutine of ours.
	cron := goleak.IgnoreAnyFunction("github.com/pocketbase/pocketbase/tools/cron.(*Cron).Start.func1.1")
	if err := goleak.Find(baseline, cron); err != nil { // retries for a while before it reports
		t.Fatal(err)
	}
	// The test's own client side of a socket may still be closing.
	deadline := time.Now().Add(wait)
	for openFiles(t) > files && time.Now().Before(deadline) {
		time.Sleep(20 * time.Millisecond)
	}
	if n := openFiles(t); n > files {
		t.Fatalf("%d open files, %d before", n, files)
	}
}

func waitNoSockets(t *testing.T, e *env) {
	t.Helper()
	deadline := time.Now().Add(wait)
	for e.hub.Stats().Sockets != 0 {
		if time.Now().After(deadline) {
			t.Fatalf("sockets left: %+v", e.hub.Stats())
		}
		time.Sleep(10 * time.Millisecond)
	}
}
