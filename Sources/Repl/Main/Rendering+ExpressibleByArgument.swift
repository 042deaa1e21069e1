import ArgumentParser
import Rendering

/// `--color auto|always|never` parses straight into Rendering's choice.
extension ColorChoice: ExpressibleByArgument {}

/// `--charset unicode|ascii` parses straight into Rendering's character set.
extension Charset: ExpressibleByArgument {}

/// `--graphics auto|kitty|sixel|iterm|text` parses straight into Rendering's choice.
extension GraphicsChoice: ExpressibleByArgument {}
