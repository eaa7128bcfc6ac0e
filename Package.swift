// swift-tools-version: 6.0
//
// Unrolled: a course on recurrent neural networks, written as executable Markdown.
//
// Dependencies, and why each earns its place:
// - swift-argument-parser: the `unrolled` command line (subcommands, typed options,
//   generated help and usage errors). Writing that by hand would be more code than
//   the commands themselves.
// - swift-syntax (SwiftParser, SwiftIDEUtils): highlights Swift cells at build time
//   from the compiler's own parser and its classifications (keywords, types, literals,
//   comments), so highlighting is right on every construct the lessons use and the
//   pages need no JavaScript. It adds about 90 s to a clean debug build.
// - cmark-gfm (Debian's libcmark-gfm-dev, libcmark-gfm-extensions-dev): the
//   Markdown parser, through the `CCmarkGFM` system-library target;
//   `scripts/install-dependencies` installs it.

import PackageDescription

/// Flags that make the RNN library's kernels fast. Explicit fused multiply-adds keep
/// results identical with or without hardware FMA, so these change speed, not numbers.
/// On x86-64, `-prefer-256-bit` is turned off so that the element-wise loops (tanh, σ,
/// exp) run in 512-bit registers where the machine has them; each entry is computed
/// on its own, so the width changes no bit. LessonKit's `LibraryBuilder` passes the same
/// flags when it compiles the library for lessons.
#if arch(x86_64)
  let vectorWidthFlags = ["-Xcc", "-Xclang", "-Xcc", "-target-feature", "-Xcc", "-Xclang", "-Xcc", "-prefer-256-bit"]
#else
  let vectorWidthFlags: [String] = []
#endif
let rnnSpeedFlags: [SwiftSetting] = [
  .unsafeFlags(["-Xcc", "-fno-math-errno", "-target-cpu", "native"] + vectorWidthFlags)
]

let package = Package(
  name: "Unrolled",
  products: [
    .library(name: "RNN", type: .dynamic, targets: ["RNN"]),
    .executable(name: "unrolled", targets: ["unrolled"]),
    .executable(name: "rnn-bench", targets: ["rnn-bench"]),
    .executable(name: "draw-figures", targets: ["draw-figures"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
    .package(url: "https://github.com/swiftlang/swift-syntax", from: "603.0.1"),
  ],
  targets: [
    .systemLibrary(
      name: "CCmarkGFM",
      pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
    .target(name: "RNN", swiftSettings: rnnSpeedFlags),
    .target(
      name: "LessonKit",
      dependencies: [
        "CCmarkGFM",
        .product(name: "SwiftParser", package: "swift-syntax"),
        .product(name: "SwiftIDEUtils", package: "swift-syntax"),
      ]
    ),
    .executableTarget(
      name: "unrolled",
      dependencies: [
        "LessonKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    // The sandbox lessons run in. LessonKit compiles these same sources into its cache at
    // run time (as it does the RNN library), so the tool finds it however it was built;
    // the target is here so that `swift build` and the formatter check it too.
    .executableTarget(name: "unrolled-sandbox", path: "Sources/Sandbox"),
    .executableTarget(
      name: "rnn-bench",
      dependencies: ["RNN"],
      path: "Benchmarks/rnn-bench",
      exclude: ["README.md", "min_char_rnn_numpy.py", "gated_numpy.py", "torch_reference.py", "harness.py"],
      swiftSettings: rnnSpeedFlags
    ),
    // Writes Lessons/figures/*.svg from the RNN library's `Diagrams`:
    // `swift run draw-figures`.
    .executableTarget(name: "draw-figures", dependencies: ["RNN"], path: "Sources/DrawFigures"),
    .testTarget(name: "RNNTests", dependencies: ["RNN"], exclude: ["Reference"]),
    .testTarget(name: "LessonKitTests", dependencies: ["LessonKit"], exclude: ["Fixtures"]),
    .testTarget(name: "LessonDocTests", dependencies: ["LessonKit"]),
  ]
)
