package hooks_test

import (
	"testing"

	"github.com/pbchat/pbchat/internal/chattest"
)

func TestMain(m *testing.M) { chattest.Main(m) }
