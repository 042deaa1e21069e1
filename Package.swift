// swift-tools-version:6.0
import PackageDescription

// Layout (fixed): Core and Datasets never import TUI or Repl; TUI never knows the command
// language; Repl owns the `cnnrepl` executable. C libraries come in as system-library targets
// whose shim.h wraps macros and globals Swift 6 cannot touch directly.
let package = Package(
  name: "cnnrepl",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "cnnrepl", targets: ["cnnrepl"]),
    // Libraries for packages built beside this one (Fuzz/ builds them with sanitizers).
    .library(name: "Core", targets: ["Core"]),
    .library(name: "Datasets", targets: ["Datasets"]),
    .library(name: "Repl", targets: ["Repl"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // ONNX export (Sources/Repl/Interop/ONNX): the runtime for the committed onnx.pb.swift.
    .package(url: "https://github.com/apple/swift-protobuf", from: "1.39.0"),
  ],
  targets: [
    .systemLibrary(
      name: "COpenBLAS", path: "Sources/COpenBLAS", pkgConfig: "openblas",
      providers: [.apt(["libopenblas-dev"])]),
    .systemLibrary(
      name: "CNcursesw", path: "Sources/CNcursesw", pkgConfig: "ncursesw",
      providers: [.apt(["libncurses-dev"])]),
    .systemLibrary(
      name: "CReadline", path: "Sources/CReadline", pkgConfig: "readline",
      providers: [.apt(["libreadline-dev"])]),
    .systemLibrary(
      name: "CZlib", path: "Sources/CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
    .systemLibrary(
      name: "CPNG", path: "Sources/CPNG", pkgConfig: "libpng", providers: [.apt(["libpng-dev"])]),
    // libpng reports errors by longjmp, which Swift cannot survive: C decodes through the
    // simplified API (which catches them) and hands Swift bytes or a message.
    .target(name: "CPNGCodec", dependencies: ["CPNG"], path: "Sources/CPNGCodec"),

    // Line mode's Ctrl-C flag and readline hook context: C state with one copy per program.
    .target(name: "CReadlineSupport", dependencies: ["CReadline"], path: "Sources/CReadlineSupport"),

    .target(name: "Core", dependencies: ["COpenBLAS"], path: "Sources/Core"),
    .target(
      name: "Datasets", dependencies: ["Core", "CZlib", "CPNGCodec"], path: "Sources/Datasets",
      resources: [.copy("Resources")]),
    // Text rendering (styled lines, charts, pictures, pane layouts): pure Swift, no C library,
    // so the session and its commands draw without knowing about curses.
    .target(name: "Rendering", path: "Sources/TUI/Rendering"),
    // The ncurses screen and readline input line; only the full-screen front ends import it.
    .target(
      name: "TUI", dependencies: ["Rendering", "CNcursesw", "CReadline"], path: "Sources/TUI/Curses"),
    .target(
      name: "Repl",
      dependencies: [
        "Core", "Datasets", "Rendering", "TUI", "CReadline", "CReadlineSupport",
        .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      path: "Sources/Repl",
      exclude: ["Main"]),
    .executableTarget(
      name: "cnnrepl",
      dependencies: ["Repl", .product(name: "ArgumentParser", package: "swift-argument-parser")],
      path: "Sources/Repl/Main"),

    .target(name: "TestSupport", dependencies: ["Core"], path: "Tests/TestSupport"),
    .testTarget(name: "CoreTests", dependencies: ["Core", "TestSupport"]),
    .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Core", "TestSupport"]),
    .testTarget(name: "TUITests", dependencies: ["TUI", "Rendering", "TestSupport"]),
    // Test-only: a fake REPL driving the TUI for the tmux tests (not a product).
    .executableTarget(name: "tui-demo", dependencies: ["TUI", "Rendering"], path: "Tests/TUIDemo"),
    .testTarget(
      name: "ReplTests", dependencies: ["Repl", "Core", "Datasets", "Rendering", "TestSupport"]),
  ]
)
