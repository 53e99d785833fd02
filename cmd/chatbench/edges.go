package main

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net"
	"os"
	"time"

	natsserver "github.com/nats-io/nats-server/v2/server"
)

// deployment is the server as a run sets it up: one process (edges 0),
// or a primary publishing through an in-process NATS to edge processes
// that hold the sockets.
type deployment struct {
	primary *server
	edges   []*server
	nats    *natsserver.Server
}

func startDeployment(bin, src string, edges int, extra ...string) (*deployment, error) {
	if edges == 0 {
		s, err := startCopy(bin, src, extra...)
		if err != nil {
			return nil, err
		}
		return &deployment{primary: s}, nil
	}
	ns, err := natsserver.NewServer(&natsserver.Options{Host: "127.0.0.1", Port: -1, NoLog: true, NoSigs: true})
	if err != nil {
		return nil, err
	}
	go ns.Start()
	if !ns.ReadyForConnections(10 * time.Second) {
		return nil, fmt.Errorf("NATS did not start")
	}
	d := &deployment{nats: ns}
	secret := make([]byte, 24)
	rand.Read(secret)
	os.Setenv("PBCHAT_EDGE_SECRET", hex.EncodeToString(secret)) // the processes inherit it
	d.primary, err = startCopy(bin, src, append(extra, "--chatNATS="+ns.ClientURL())...)
	if err != nil {
		d.stop()
		return nil, err
	}
	for range edges {
		addr, err := freeAddr()
		if err != nil {
			d.stop()
			return nil, err
		}
		e, err := startProcess(bin, append([]string{"edge", "--nats=" + ns.ClientURL(), "--primary=" + d.primary.url, "--http=" + addr}, extra...), "http://"+addr)
		if err != nil {
			d.stop()
			return nil, fmt.Errorf("edge: %w", err)
		}
		d.edges = append(d.edges, e)
	}
	return d, nil
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", err
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// socketURLs are where clients open websockets: the edges, or the one
// server.
func (d *deployment) socketURLs() []string {
	if len(d.edges) == 0 {
		return []string{d.primary.url}
	}
	urls := make([]string, len(d.edges))
	for i, e := range d.edges {
		urls[i] = e.url
	}
	return urls
}

// processes are the pbchat processes, the primary first.
func (d *deployment) processes() []*server {
	return append([]*server{d.primary}, d.edges...)
}

// cpu is the CPU time of every pbchat process so far (NATS, in this
// process, is left out).
func (d *deployment) cpu() time.Duration {
	var sum time.Duration
	for _, s := range d.processes() {
		if s != nil {
			sum += s.cpu()
		}
	}
	return sum
}

func (d *deployment) stop() {
	for _, e := range d.edges {
		e.stop()
	}
	if d.primary != nil {
		d.primary.stop()
	}
	if d.nats != nil {
		d.nats.Shutdown()
	}
}

// label names a deployment in tables.
func deploymentLabel(edges int) string {
	switch edges {
	case 0:
		return "one process"
	case 1:
		return "1 edge"
	}
	return fmt.Sprintf("%d edges", edges)
}
