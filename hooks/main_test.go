package hooks_test

import (
	"os"
	"testing"

	"github.com/pbchat/pbchat/internal/chattest"
)

func TestMain(m *testing.M) {
	code := m.Run()
	chattest.Cleanup()
	os.Exit(code)
}
