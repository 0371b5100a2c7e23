package diag

import "testing"

func TestOneLine(t *testing.T) {
	tests := []struct{ in, want string }{
		{"", ""},
		{"one line", "one line"},
		{"one  line\tkept", "one  line\tkept"},
		{"first\nsecond", "first second"},
		{"status 403:\r\n  <Error>\r\n    <Code>AccessDenied</Code>\r\n  </Error>\r\n", "status 403: <Error> <Code>AccessDenied</Code> </Error>"},
		{"\n", ""},
	}
	for _, tt := range tests {
		if got := OneLine(tt.in); got != tt.want {
			t.Errorf("OneLine(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
