import Foundation

/// The RNN library compiled for lessons, always with optimisation, whatever
/// configuration built the tool: a lesson that trains for thousands of steps must not
/// wait on unoptimised matrix code.
public struct LibraryBuild: Sendable {
  /// The folder with `libRNN.so` and `RNN.swiftmodule`.
  public let directory: URL
  /// A hash of the library's sources, flags and compiler (part of every cache key).
  public let hash: String
}

/// Compiles `Sources/RNN` with `swiftc -O` into the cache, once per version of its
/// sources.
public enum LibraryBuilder {
  /// The flags that make the kernels fast; the same as Package.swift's `rnnSpeedFlags`.
  static let speedFlags = ["-Xcc", "-fno-math-errno", "-target-cpu", "native"] + vectorWidthFlags

  /// On x86-64, the element-wise loops in 512-bit registers where the machine has them
  /// (each entry is computed on its own, so the width changes no bit).
  #if arch(x86_64)
    static let vectorWidthFlags = [
      "-Xcc", "-Xclang", "-Xcc", "-target-feature", "-Xcc", "-Xclang", "-Xcc", "-prefer-256-bit",
    ]
  #else
    static let vectorWidthFlags: [String] = []
  #endif

  /// Builds the library from the `.swift` files under `sources`, or finds it already
  /// built in `cache`. Safe to call from several threads and several processes.
  public static func build(sources: URL, cache: URL, toolchain: Toolchain) throws -> LibraryBuild {
    let flags =
      [
        "-emit-library", "-emit-module", "-module-name", "RNN", "-parse-as-library", "-O",
        "-whole-module-optimization", "-swift-version", "6",
        // LLVM on every core, a source file per thread: the library is the one step of a
        // cold build nothing else can overlap (every lesson links against it). About 25 s
        // instead of 30 s on two cores; floating point is not reassociated either way, so
        // every lesson prints the same bits.
        "-num-threads", "\(ProcessInfo.processInfo.activeProcessorCount)",
      ] + speedFlags
    let built = try CachedBuild.build(
      "libRNN.so", named: "lib", sources: sources, flags: flags, cache: cache, toolchain: toolchain
    ) { staging in ["-emit-module-path", staging.appendingPathComponent("RNN.swiftmodule").path] }
    return LibraryBuild(directory: built.directory, hash: built.hash)
  }
}
