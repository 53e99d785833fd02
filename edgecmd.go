package main

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"os/signal"
	"syscall"

	"github.com/spf13/cobra"

	"github.com/pbchat/pbchat/cluster"
	"github.com/pbchat/pbchat/metrics"
	"github.com/pbchat/pbchat/realtime"
)

// edgeCommand is `pbchat edge`: a process that holds websockets and
// delivers the primary's events to them, through NATS. It opens no
// database: everything it needs to know it asks the primary.
func edgeCommand(chat *realtime.Config, base *cluster.Config, stats *metrics.Config) *cobra.Command {
	var primary, addr string
	cmd := &cobra.Command{
		Use:   "edge",
		Short: "Serves chat websockets for a primary (pbchat serve --chatNATS …), through NATS",
		Long: `An edge holds chat websockets and delivers the primary's events to them.
Start the primary with --chatNATS and a shared secret, then any number of edges:

  PBCHAT_EDGE_SECRET=… pbchat serve --chatNATS nats://127.0.0.1:4222
  PBCHAT_EDGE_SECRET=… pbchat edge --nats nats://127.0.0.1:4222 --primary http://127.0.0.1:8090 --http 127.0.0.1:8091

Put the edges behind a load balancer for /api/chat/ws; everything else goes to the primary.`,
		Args:         cobra.NoArgs,
		SilenceUsage: true,
		RunE: func(cmd *cobra.Command, args []string) error {
			if primary == "" {
				return errors.New("edge: --primary is required (the primary's URL)")
			}
			edge, err := cluster.NewEdge(cluster.EdgeConfig{Config: *base, Primary: primary, Chat: *chat}, slog.Default())
			if err != nil {
				return err
			}
			if stats.Addr != "" {
				reg := metrics.NewRegistry(metrics.Sources{Hub: edge.Hub()})
				stopMetrics, err := metrics.Listen(stats.Addr, reg, slog.Default())
				if err != nil {
					return err
				}
				defer stopMetrics()
			}
			ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			return edge.Serve(ctx, addr)
		},
	}
	cmd.Flags().StringVar(&primary, "primary", "", "the primary's base URL, for example http://127.0.0.1:8090")
	cmd.Flags().StringVar(&base.NATS, "nats", "", "the NATS URL (the same as the primary's --chatNATS)")
	cmd.Flags().StringVar(&addr, "http", "127.0.0.1:8091", "the address to serve websockets on")
	return cmd
}
