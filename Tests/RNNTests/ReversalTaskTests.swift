import RNN
import Testing

/// The reversal task's numbering, its three sequences and its held-out split.
@Suite struct ReversalTaskTests {
  @Test func targetIsTheSourceReversedThenEnd() {
    let example = ReversalTask.Example(source: [3, 1, 4])
    #expect(example.target == [4, 1, 3, ReversalTask.end])
    #expect(example.decoderInput == [ReversalTask.begin, 4, 1, 3])
    #expect(ReversalTask.begin == 10 && ReversalTask.end == 11 && ReversalTask.vocabularySize == 12)
  }

  /// With 1,000 possible sources of three digits and 300 held out, 20,000 training draws
  /// would meet a held-out source thousands of times if nothing kept them apart.
  @Test func trainingNeverDrawsAHeldOutSource() {
    var rng = SeededGenerator(seed: 1)
    let task = ReversalTask(length: 3, heldOutCount: 300, using: &rng)
    #expect(Set(task.heldOut.map(\.source)).count == 300)
    #expect(task.heldOut.allSatisfy { $0.source.count == 3 && task.isHeldOut($0.source) })
    let training = task.trainingExamples(count: 20_000, using: &rng)
    #expect(training.allSatisfy { $0.source.count == 3 })
    #expect(!training.contains { task.isHeldOut($0.source) })
    #expect(Set(training.map(\.source)).count == 700)
    #expect(Set(training.flatMap(\.source)) == Set(0..<10))
  }

  @Test func theSameSeedDrawsTheSameTask() {
    var a = SeededGenerator(seed: 4)
    var b = SeededGenerator(seed: 4)
    let (first, second) = (
      ReversalTask(length: 6, heldOutCount: 50, using: &a), ReversalTask(length: 6, heldOutCount: 50, using: &b)
    )
    #expect(first.heldOut == second.heldOut)
    #expect(first.trainingExamples(count: 10, using: &a) == second.trainingExamples(count: 10, using: &b))
  }
}
