package cluster

import (
	"fmt"
	"os"

	"github.com/spf13/pflag"
)

// SecretEnv is the environment variable the shared secret may come from,
// to keep it out of the process list.
const SecretEnv = "PBCHAT_EDGE_SECRET"

// DefaultSubject is the NATS subject prefix when Config.Subject is empty.
const DefaultSubject = "pbchat"

// minSecret is the shortest shared secret accepted.
const minSecret = 16

// Config configures the primary's side. The zero value runs nothing: one
// process, as without this package.
type Config struct {
	// NATS is the NATS server's URL; empty runs no cluster.
	NATS string

	// Secret opens the internal routes to edges (default: $PBCHAT_EDGE_SECRET);
	// at least 16 characters, the same on every node.
	Secret string

	// Subject prefixes the NATS subjects (default "pbchat"): one NATS
	// can serve several chats.
	Subject string

	// Node names this process in NATS messages (default host-pid).
	Node string
}

// BindFlags adds --chatNATS and --chatEdgeSecret to fs.
func (c *Config) BindFlags(fs *pflag.FlagSet) {
	fs.StringVar(&c.NATS, "chatNATS", c.NATS,
		"NATS URL: also publish each chat event there, for edge nodes (pbchat edge) to deliver")
	fs.StringVar(&c.Secret, "chatEdgeSecret", c.Secret,
		"shared secret of the primary and its edges (default $"+SecretEnv+")")
}

func (c Config) withDefaults() (Config, error) {
	if c.Secret == "" {
		c.Secret = os.Getenv(SecretEnv)
	}
	if c.Subject == "" {
		c.Subject = DefaultSubject
	}
	if c.Node == "" {
		host, _ := os.Hostname()
		c.Node = fmt.Sprintf("%s-%d", host, os.Getpid())
	}
	if c.NATS != "" && len(c.Secret) < minSecret {
		return c, fmt.Errorf("cluster: a shared secret of at least %d characters is needed with NATS (--chatEdgeSecret or $%s)", minSecret, SecretEnv)
	}
	return c, nil
}
