// swift-tools-version:6.0
import PackageDescription

// libFuzzer targets for cnnrepl, a package of their own so the main build never sees sanitizers.
// Built by scripts/fuzz.sh with `swift build -c release --sanitize fuzzer --sanitize address`:
// the flags apply to cnnrepl's Core, Datasets, ModelFiles and Repl too, so their code is
// instrumented.
// Each executable defines `LLVMFuzzerTestOneInput`; libFuzzer supplies `main`.
// `.deps/cnnrepl` is a link to the repository root that scripts/fuzz.sh makes (gitignored): it
// gives the dependency the identity `cnnrepl` whatever the clone's folder is called.
let targets = [
  "FuzzParser", "FuzzCommands", "FuzzScript", "FuzzIDX", "FuzzCIFAR", "FuzzSafeTensors"]

let package = Package(
  name: "cnnrepl-fuzz",
  products: targets.map { .executable(name: $0, targets: [$0]) },
  dependencies: [.package(path: ".deps/cnnrepl")],
  targets: [
    .target(
      name: "FuzzSupport",
      dependencies: [
        .product(name: "Core", package: "cnnrepl"),
        .product(name: "Datasets", package: "cnnrepl"),
        .product(name: "ModelFiles", package: "cnnrepl"),
        .product(name: "Repl", package: "cnnrepl"),
      ])
  ]
    + targets.map {
      .executableTarget(
        name: $0, dependencies: ["FuzzSupport"],
        swiftSettings: [.unsafeFlags(["-parse-as-library"])])
    }
)
