package main

import (
	"runtime/debug"
)

// version is set by make build (-ldflags "-X main.version=…"); a plain go
// build reads the commit from the build's VCS stamp.
var version = ""

// versionString is what pbchat --version prints.
func versionString() string {
	v, pb := version, "unknown"
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(devel)"
	}
	for _, dep := range info.Deps {
		if dep.Path == "github.com/pocketbase/pocketbase" {
			pb = dep.Version
		}
	}
	if v == "" {
		v = "(devel)"
		dirty := false
		for _, s := range info.Settings {
			switch s.Key {
			case "vcs.revision":
				v = s.Value[:min(12, len(s.Value))]
			case "vcs.modified":
				dirty = s.Value == "true"
			}
		}
		if dirty {
			v += "-dirty"
		}
	}
	return v + " (PocketBase " + pb + ")"
}
