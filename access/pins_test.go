package access

import "testing"

func TestPins(t *testing.T) {
	fields := []string{"conversation", "id"}
	for filter, want := range map[string]bool{
		`conversation = "c1"`:                                     true,
		`conversation ?= "c1" && text ~ "x"`:                      true,
		`text ~ "x" && (conversation = "c1" && created > "2025")`: true,
		`"c1" = conversation`:                                     true,
		`id = "m1"`:                                               true,
		``:                                                        false,
		`text ~ "x"`:                                              false,
		`conversation = "c1" || text ~ "x"`:                       false,
		`text ~ "x" || conversation = "c1"`:                       false,
		`(conversation = "c1" || id = "m1")`:                      false,
		`conversation = ""`:                                       false,
		`conversation != "c1"`:                                    false,
		`conversation = author`:                                   false,
		`conversation.title = "c1"`:                               false,
		`not a filter ((`:                                         false,
	} {
		if got := pins(filter, fields); got != want {
			t.Errorf("pins(%q) = %v, want %v", filter, got, want)
		}
	}
}
