# PocketBase v0.40 needs Go 1.27; the go command fetches it through the module proxy.
export GOTOOLCHAIN := go1.27.3

ADDR ?= 127.0.0.1:8090
VERSION ?= $(shell git describe --tags --always --dirty 2>/dev/null || echo dev)

.PHONY: run dev demo ui bench-web test test-ui test-go test-faults test-oracles test-node test-fuzz test-soak build superuser vet screenshots bench soak bounds scale

## run: the server and web app on $(ADDR), data under ./pb_data, JS hooks
## from ./pb_hooks: a built binary, as in production (no SQL log)
run: .bin/pbchat
	.bin/pbchat serve --http=$(ADDR) --dir=pb_data

## dev: for working on pbchat: PocketBase's dev mode (every SQL statement
## logged), the web app from ./pb_public as it is edited, JS hooks reloaded
dev:
	go run . serve --http=$(ADDR) --dir=pb_data --dev --publicDir=pb_public --hooksWatch

## demo: a live chat in a minute: four people and three conversations
## (passwords printed) in ./pb_demo, with the example JS hooks (a dice bot,
## moderation)
demo: .bin/pbchat
	.bin/pbchat seed --dir=pb_demo
	.bin/pbchat serve --http=$(ADDR) --dir=pb_demo --hooksDir=examples/pb_hooks

## test: every test: Go (with the race detector, and the browser tests in
## Chromium) and the Node suite with the official JS SDK. Every stage runs,
## whatever an earlier one did; the end names each stage that failed.
STAGES := vet test-ui test-go test-oracles test-fuzz test-soak test-faults test-node
test:
	@failed=""; for stage in $(STAGES); do \
		printf '\n\033[1m== make %s\033[0m\n' "$$stage"; \
		$(MAKE) --no-print-directory $$stage || failed="$$failed $$stage"; \
	done; \
	if [ -n "$$failed" ]; then printf '\n\033[1;31m*** FAILED:%s\033[0m\n' "$$failed"; exit 1; fi; \
	printf '\n\033[1;32m*** every stage passed: %s\033[0m\n' "$(STAGES)"

test-go:
	go test -race -count=1 ./...
	@command -v chromium >/dev/null || printf '\n\033[1;33m*** SKIPPED: the browser tests (webapp_*_test.go) did not run: no chromium here.\n*** Install it (apt-get install chromium) to run them; CI fails without it.\033[0m\n\n'

## test-oracles: the filter and sort oracle matrices (tens of thousands of
## requests one at a time), without the race detector, which skips them
test-oracles:
	go test -count=1 -run 'Oracle' -v ./access

## ui: build the chat's custom elements (ui/src) into pb_public/pbchat-elements.js,
## which is committed, so that make run needs only Go
ui: node_modules
	node ui/build.mjs

## test-ui: the committed pb_public/pbchat-elements.js is what ui/src builds to
test-ui: node_modules
	node ui/build.mjs --check

test-node: node_modules .bin/pbchat
	PBCHAT_BIN=.bin/pbchat npm test

## test-fuzz: each fuzz target for a short, bounded time (the seed corpus is in realtime/testdata/fuzz)
test-fuzz:
	go test -run '^$$' -fuzz '^FuzzDecodeFrame$$' -fuzztime 10s ./realtime
	go test -run '^$$' -fuzz '^FuzzParseCursor$$' -fuzztime 10s ./realtime
	go test -run '^$$' -fuzz '^FuzzNoFilterOracle$$' -fuzztime 10s ./access
	go test -run '^$$' -fuzz '^FuzzSearchQuery$$' -fuzztime 10s ./search

## test-faults: real processes killed with SIGKILL: a server (several times,
## once during resumes), then a real nats-server, a primary and three edges,
## and a password change while NATS and the primary are down (the long form
## is in make soak)
test-faults: .bin/pbchat
	PBCHAT_BIN=.bin/pbchat go test -tags faults -count=1 -v ./test/faults

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
	PBCHAT_SCREENSHOTS=$(CURDIR)/docs go test -count=1 -run 'TestWebApp$$|TestChatFeatures|TestTabNotifications|TestAccessibility|TestChatInAReactApp|TestPlacesInTheApp|TestTheAppOffline|TestSafetyBetweenStrangers|TestJoinByLink' .

vet:
	go vet ./...
	go vet -tags faults ./test/faults
	@test -z "$$(gofmt -l $$(git ls-files '*.go'))" || { gofmt -l $$(git ls-files '*.go'); echo "gofmt: the files above need formatting"; exit 1; }

## build: the release binary ./pbchat: static, reproducible paths, the
## version stamped (pbchat --version)
build:
	CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=$(VERSION)" -o pbchat .

## superuser: create or update an admin UI account: make superuser EMAIL=you@example.com PASSWORD=secret1234
superuser:
	go run . superuser upsert "$(EMAIL)" "$(PASSWORD)" --dir=pb_data

## bench: websocket against PocketBase's SSE, memory per connection, then
## the same through a primary with 1 and 3 edges; updates BENCHMARKS.md and
## docs/latency.png (about twenty minutes)
bench:
	go build -o .bin/pbchat .
	go run ./cmd/chatbench -bin .bin/pbchat -write
	go run ./cmd/chatbench -bin .bin/pbchat -edges 0,1,3 -nosse -write
	$(MAKE) bench-web

## bench-web: the web app in Chromium on a throttled network (150 ms, 1.6
## Mbit/s): the inbox cold and warm, bytes, send to screen; updates
## BENCHMARKS.md. BEFORE=<binary> measures an older build beside it
bench-web: .bin/pbchat
	go run ./cmd/chatbench -bin .bin/pbchat -web $(if $(BEFORE),-before $(BEFORE)) -write

## soak: 1,000 users, faults, a restart, for 60 s; updates RELIABILITY.md;
## then the kill -9 tests for twenty rounds
soak: .bin/pbchat
	go run ./cmd/chatbench -bin .bin/pbchat -soak 60s -soakusers 1000 -write
	PBCHAT_BIN=.bin/pbchat go test -tags faults -count=1 -v -timeout 30m ./test/faults -rounds=20

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
