// swift-tools-version:6.0
import PackageDescription

// Layout (fixed): Core and Datasets never import TUI or Repl; TUI never knows the command
// language; ModelFiles never imports Repl; Repl (the command language and the session) never
// imports TUI or a C library; FrontEnds and Classroom sit above Repl, and the `cnnrepl`
// executable (Sources/Repl/Main) above them all. C libraries come in as system-library targets
// whose shim.h wraps macros and globals Swift 6 cannot touch directly.
let package = Package(
  name: "cnnrepl",
  platforms: [.macOS(.v14)],
  products: [
    .executable(name: "cnnrepl", targets: ["cnnrepl"]),
    // Libraries for packages built beside this one (Fuzz/ builds them with sanitizers).
    .library(name: "Core", targets: ["Core"]),
    .library(name: "Datasets", targets: ["Datasets"]),
    .library(name: "ModelFiles", targets: ["ModelFiles"]),
    .library(name: "Repl", targets: ["Repl"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
    // ONNX export (Sources/Repl/ModelFiles/Interop/ONNX): the runtime for the committed
    // onnx.pb.swift.
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
    // The model file formats, apart from any command: safetensors, ONNX export (the committed
    // onnx.pb.swift and its SwiftProtobuf runtime), PyTorch export, and the version they stamp.
    // Datasets only for the byte formatter every file refusal uses (FileSizeLimit.describe).
    .target(
      name: "ModelFiles",
      dependencies: [
        "Core", "Datasets", .product(name: "SwiftProtobuf", package: "swift-protobuf"),
      ],
      path: "Sources/Repl/ModelFiles"),
    // The command language, the session and its transcripts: no terminal library, so every
    // command runs (and is tested) without a screen.
    .target(
      name: "Repl",
      dependencies: ["Core", "Datasets", "Rendering", "ModelFiles"],
      path: "Sources/Repl",
      exclude: ["Main", "ModelFiles", "FrontEnds", "Classroom"]),
    // The ways a session meets a person: full screen (ncurses), line mode (readline), plain
    // output for scripts; and what only an interactive process has (its crash journal,
    // autosave, leaving on a signal).
    .target(
      name: "FrontEnds",
      dependencies: [
        "Repl", "ModelFiles", "Core", "Rendering", "TUI", "CReadline", "CReadlineSupport",
      ],
      path: "Sources/Repl/FrontEnds"),
    // Classroom sharing: the socket protocol, the publisher beside the full screen, the
    // watcher's front end and `fork`.
    .target(
      name: "Classroom",
      dependencies: ["Repl", "FrontEnds", "ModelFiles", "Core", "Rendering", "TUI"],
      path: "Sources/Repl/Classroom"),
    .executableTarget(
      name: "cnnrepl",
      dependencies: [
        "Repl", "FrontEnds", "Classroom", "ModelFiles", "Core", "Datasets", "Rendering",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ],
      path: "Sources/Repl/Main"),

    .target(name: "TestSupport", dependencies: ["Core"], path: "Tests/TestSupport"),
    // Helpers of the tests above Core: session harness, the built binary, tmux, the interop
    // models (built through session scripts), package folders.
    .target(
      name: "ReplTestSupport", dependencies: ["Repl", "Core"], path: "Tests/ReplTestSupport"),
    .testTarget(name: "CoreTests", dependencies: ["Core", "TestSupport"]),
    .testTarget(name: "DatasetsTests", dependencies: ["Datasets", "Core", "TestSupport"]),
    .testTarget(name: "TUITests", dependencies: ["TUI", "Rendering", "TestSupport"]),
    // Test-only: a fake REPL driving the TUI for the tmux tests (not a product).
    .executableTarget(name: "tui-demo", dependencies: ["TUI", "Rendering"], path: "Tests/TUIDemo"),
    // Test-only: a terminal that answers the kitty graphics query and logs image escapes, for
    // the tmux test of `--graphics` (C, for forkpty).
    .executableTarget(name: "fake-kitty-terminal", path: "Tests/FakeKittyTerminal", linkerSettings: [.linkedLibrary("util")]),
    // The interop tests build their models through session scripts (ReplTestSupport), so this
    // test target reaches Repl; ModelFiles itself does not.
    .testTarget(
      name: "ModelFilesTests", dependencies: ["ModelFiles", "Core", "Repl", "ReplTestSupport"]),
    // A few session tests meet the front ends (the journal that leaves `recover` out, the
    // private history and state folder, line mode's stepping), hence FrontEnds here.
    .testTarget(
      name: "ReplTests",
      dependencies: [
        "Repl", "ModelFiles", "FrontEnds", "Core", "Datasets", "Rendering", "TestSupport",
        "ReplTestSupport",
      ]),
    .testTarget(
      name: "FrontEndsTests",
      dependencies: ["FrontEnds", "Repl", "Core", "Rendering", "TestSupport", "ReplTestSupport"]),
    .testTarget(
      name: "ClassroomTests",
      dependencies: [
        "Classroom", "FrontEnds", "Repl", "ModelFiles", "Core", "Rendering", "ReplTestSupport",
      ]),
  ]
)
