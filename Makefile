# PocketBase v0.40 needs Go 1.27; the go command fetches it through the module proxy.
export GOTOOLCHAIN := go1.27.3

ADDR ?= 127.0.0.1:8090

.PHONY: run test test-go test-oracles test-node test-fuzz test-soak build superuser vet screenshots bench soak bounds scale

## run: the server on $(ADDR), data under ./pb_data
run:
	go run . serve --http=$(ADDR) --dir=pb_data

## test: every test: Go (with the race detector, and the browser tests in
## Chromium) and the Node suite with the official JS SDK
test: vet test-go test-oracles test-fuzz test-soak test-node

test-go:
	go test -race -count=1 ./...

## test-oracles: the filter and sort oracle matrices (tens of thousands of
## requests one at a time), without the race detector, which skips them
test-oracles:
	go test -count=1 -run 'Oracle' -v ./access

test-node: node_modules .bin/pbchat
	PBCHAT_BIN=.bin/pbchat npm test

## test-fuzz: each fuzz target for a short, bounded time (the seed corpus is in realtime/testdata/fuzz)
test-fuzz:
	go test -run '^$$' -fuzz '^FuzzDecodeFrame$$' -fuzztime 10s ./realtime
	go test -run '^$$' -fuzz '^FuzzParseCursor$$' -fuzztime 10s ./realtime
	go test -run '^$$' -fuzz '^FuzzNoFilterOracle$$' -fuzztime 10s ./access

## test-soak: a short soak (the full one is make soak)
test-soak: .bin/pbchat
	go run ./cmd/chatbench -bin .bin/pbchat -soak 15s -soakusers 200

.bin/pbchat: FORCE
	go build -o .bin/pbchat .
FORCE:

node_modules: package.json package-lock.json
	npm ci
	@touch node_modules

## screenshots: regenerate docs/*.png from the browser test
screenshots:
	PBCHAT_SCREENSHOTS=$(CURDIR)/docs go test -count=1 -run 'TestWebApp$$|TestChatFeatures|TestTabNotifications' .

vet:
	go vet ./...
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: the files above need formatting"; exit 1; }

## build: a single static binary, ./pbchat
build:
	CGO_ENABLED=0 go build -o pbchat .

## superuser: create or update an admin UI account: make superuser EMAIL=you@example.com PASSWORD=secret1234
superuser:
	go run . superuser upsert "$(EMAIL)" "$(PASSWORD)" --dir=pb_data

## bench: websocket against PocketBase's SSE, memory per connection; updates
## BENCHMARKS.md and docs/latency.png (about ten minutes)
bench:
	go build -o .bin/pbchat .
	go run ./cmd/chatbench -bin .bin/pbchat -write

## soak: 1,000 users, faults, a restart, for 60 s; updates RELIABILITY.md
soak: .bin/pbchat
	go run ./cmd/chatbench -bin .bin/pbchat -soak 60s -soakusers 1000 -write

## bounds: what one signed-in user's requests cost on a 10,000-member
## conversation with 1,000 messages; updates RELIABILITY.md. BEFORE=<binary>
## measures an older build beside it (about ten minutes)
bounds: .bin/pbchat
	go run ./cmd/chatbench -bin .bin/pbchat -bounds $(if $(BEFORE),-before $(BEFORE)) -write

## scale: what a grown database costs one request (the inbox, a page of
## messages, a resume, adding to and posting in a 10,000-member conversation)
## at 1,000 and 100,000 conversations; updates BENCHMARKS.md
scale: .bin/pbchat
	go run ./cmd/chatbench -bin .bin/pbchat -scale 1000,100000 -write
