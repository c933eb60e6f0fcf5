"""Text primitives shared by every analysis: one tokeniser, one stop-word list, one quote-mark table, one cue grammar."""
