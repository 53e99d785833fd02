package metrics

import (
	"github.com/prometheus/client_golang/prometheus"

	"github.com/pbchat/pbchat/digest"
	"github.com/pbchat/pbchat/push"
	"github.com/pbchat/pbchat/realtime"
)

// collector reads the services' own counters at each scrape, so that
// nothing is counted twice on the delivery path.
type collector struct {
	src Sources
}

type metric struct {
	desc  *prometheus.Desc
	kind  prometheus.ValueType
	value func(s snapshot) float64
}

// snapshot is every source's figures at one scrape.
type snapshot struct {
	hub    realtime.Stats
	push   push.Stats
	digest digest.Stats
}

func desc(name, help string) *prometheus.Desc { return prometheus.NewDesc(name, help, nil, nil) }

var (
	hubMetrics = []metric{
		{desc("pbchat_sockets", "Open, signed-in chat websockets."), prometheus.GaugeValue,
			func(s snapshot) float64 { return float64(s.hub.Sockets) }},
		{desc("pbchat_users_connected", "Users with at least one chat websocket open."), prometheus.GaugeValue,
			func(s snapshot) float64 { return float64(s.hub.Users) }},
		{desc("pbchat_queue_depth", "Committed events waiting for the sender."), prometheus.GaugeValue,
			func(s snapshot) float64 { return float64(s.hub.QueueDepth) }},
		{desc("pbchat_last_seq", "Journal sequence of the last event fanned out."), prometheus.GaugeValue,
			func(s snapshot) float64 { return float64(s.hub.LastSeq) }},
		{desc("pbchat_events_total", "Events fanned out."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.hub.EventsSent) }},
		{desc("pbchat_deliveries_total", "Frames queued to sockets (an event to three sockets counts three)."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.hub.FramesSent) }},
		{desc("pbchat_slow_closes_total", "Sockets closed for falling behind (4008)."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.hub.ClosedSlow) }},
		{desc("pbchat_queue_overflows_total", "Events the sender read from the journal because its queue was full."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.hub.Overflows) }},
		{desc("pbchat_resumes_total", "Sockets that resumed from a cursor."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.hub.Resumes) }},
		{desc("pbchat_resyncs_total", "Resumes told to reload over REST."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.hub.Resyncs) }},
		{desc("pbchat_resumes_delayed_total", "Resumes that waited for their user's replay budget."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.hub.ResumesDelayed) }},
		{desc("pbchat_delivery_panics_total", "Events whose fan-out panicked (logged, then skipped)."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.hub.Panics) }},
	}
	pushMetrics = []metric{
		{desc("pbchat_push_sent_total", "Web pushes the push services accepted."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.push.Sent) }},
		{desc("pbchat_push_failed_total", "Web pushes that failed after their retries."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.push.Failed) }},
		{desc("pbchat_push_dropped_total", "Web pushes dropped because their queue was full."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.push.Dropped) }},
		{desc("pbchat_push_pruned_total", "Push subscriptions removed because their service said they are gone."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.push.Pruned) }},
	}
	digestMetrics = []metric{
		{desc("pbchat_digest_emails_sent_total", "Email digests sent."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.digest.Sent) }},
		{desc("pbchat_digest_emails_failed_total", "Email digests whose mail failed (tried again at the next run)."), prometheus.CounterValue,
			func(s snapshot) float64 { return float64(s.digest.Failed) }},
	}
)

func (c *collector) metrics() []metric {
	all := hubMetrics
	if c.src.Push != nil {
		all = append(all[:len(all):len(all)], pushMetrics...)
	}
	if c.src.Digest != nil {
		all = append(all[:len(all):len(all)], digestMetrics...)
	}
	return all
}

func (c *collector) Describe(ch chan<- *prometheus.Desc) {
	for _, m := range c.metrics() {
		ch <- m.desc
	}
}

func (c *collector) Collect(ch chan<- prometheus.Metric) {
	s := snapshot{hub: c.src.Hub.Stats()}
	if c.src.Push != nil {
		s.push = c.src.Push.Stats()
	}
	if c.src.Digest != nil {
		s.digest = c.src.Digest.Stats()
	}
	for _, m := range c.metrics() {
		ch <- prometheus.MustNewConstMetric(m.desc, m.kind, m.value(s))
	}
}
