import RNN
import Testing

@Suite struct RandomTests {
  /// The recorded start of the stream for seed 42, as computed by the independent
  /// Python implementation in Benchmarks/rnn-bench/min_char_rnn_numpy.py. If this
  /// changes, every lesson's numbers change: the generator is part of the course's
  /// contract.
  @Test func fixedSequenceForSeed() {
    var rng = SeededGenerator(seed: 42)
    let draws = (0..<4).map { _ in rng.next() }
    #expect(
      draws == [
        1_546_998_764_402_558_742, 6_990_951_692_964_543_102, 12_544_586_762_248_559_009, 17_057_574_109_182_124_193,
      ])
  }

  @Test func uniformAndNormalStatistics() {
    var rng = SeededGenerator(seed: 1)
    let n = 100_000
    let u = (0..<n).map { _ in rng.uniform() }
    #expect(u.allSatisfy { $0 >= 0 && $0 < 1 })
    #expect(abs(u.reduce(0, +) / Double(n) - 0.5) < 0.01)
    let z = (0..<n).map { _ in rng.normal() }
    let mean = z.reduce(0, +) / Double(n)
    let variance = z.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(n)
    #expect(abs(mean) < 0.02)
    #expect(abs(variance - 1) < 0.02)
  }

  @Test func choiceFollowsWeights() {
    var rng = SeededGenerator(seed: 8)
    var counts = [0, 0, 0]
    for _ in 0..<30_000 { counts[rng.choice(weights: [0.2, 0, 0.8])] += 1 }
    #expect(counts[1] == 0)
    #expect(abs(Double(counts[0]) / 30_000 - 0.2) < 0.01)
  }

  @Test func shuffleIsAPermutation() {
    var rng = SeededGenerator(seed: 4)
    let shuffled = rng.shuffled(Array(0..<50))
    #expect(shuffled.sorted() == Array(0..<50))
    #expect(shuffled != Array(0..<50))
  }
}
