import TUI
import Testing

@Test func moduleLinks() { #expect(TUIInfo.name.contains("TUI")) }
