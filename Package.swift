// swift-tools-version: 6.0
//
// Unrolled: a course on recurrent neural networks, written as executable Markdown.
//
// Dependencies, and why each earns its place:
// - swift-argument-parser: the `unrolled` command line (subcommands, typed options,
//   generated help and usage errors). Writing that by hand would be more code than
//   the commands themselves.
// - cmark-gfm (Debian's libcmark-gfm-dev, libcmark-gfm-extensions-dev): the
//   Markdown parser, through the `CCmarkGFM` system-library target; `.ci/install`
//   installs it.

import PackageDescription

/// Flags that make the RNN library's kernels fast. Explicit fused multiply-adds keep
/// results identical with or without hardware FMA, so these change speed, not numbers.
/// LessonKit's `LibraryBuilder` passes the same flags when it compiles the library for
/// lessons.
let rnnSpeedFlags: [SwiftSetting] = [
  .unsafeFlags(["-Xcc", "-fno-math-errno", "-target-cpu", "native"])
]

let package = Package(
  name: "Unrolled",
  products: [
    .library(name: "RNN", type: .dynamic, targets: ["RNN"]),
    .executable(name: "unrolled", targets: ["unrolled"]),
    .executable(name: "rnn-bench", targets: ["rnn-bench"]),
  ],
  dependencies: [
    .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2")
  ],
  targets: [
    .systemLibrary(
      name: "CCmarkGFM",
      pkgConfig: "libcmark-gfm",
      providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
    ),
    .target(name: "RNN", swiftSettings: rnnSpeedFlags),
    .target(name: "LessonKit", dependencies: ["CCmarkGFM"]),
    .executableTarget(
      name: "unrolled",
      dependencies: [
        "LessonKit",
        .product(name: "ArgumentParser", package: "swift-argument-parser"),
      ]
    ),
    .executableTarget(
      name: "rnn-bench",
      dependencies: ["RNN"],
      path: "Benchmarks/rnn-bench",
      exclude: ["README.md", "min_char_rnn_numpy.py"],
      swiftSettings: rnnSpeedFlags
    ),
    .testTarget(name: "RNNTests", dependencies: ["RNN"], exclude: ["Reference"]),
    .testTarget(name: "LessonKitTests", dependencies: ["LessonKit"], exclude: ["Fixtures"]),
    .testTarget(name: "LessonDocTests", dependencies: ["LessonKit"]),
  ]
)
