// rnn-bench: how fast the RNN library trains the classic character-level model.
//
// The setup of Karpathy's min-char-rnn: vocabulary 65 (Shakespeare), hidden size 100,
// 25-step chunks, tanh, softmax cross-entropy, full BPTT over each chunk, element-wise
// clipping to ±5, Adagrad with learning rate 0.1. One iteration is one chunk forward,
// backward and update. It uses the library exactly as a lesson does.
//
//     swift run -c release rnn-bench [--seconds S] [--iterations N] [--data FILE]
//
// Prints the first three losses (to compare with min_char_rnn_numpy.py, which starts
// from the same weights), progress on standard error, and last a line
// `iterations_per_second=N`.

import Foundation
import RNN

struct Options {
  var data = "Lessons/data/tinyshakespeare.txt"
  var seconds = 10.0
  var iterations = 0

  init(_ arguments: [String]) {
    var rest = arguments.dropFirst()
    while let flag = rest.popFirst() {
      guard let value = rest.popFirst() else { Options.usage("\(flag) needs a value") }
      switch flag {
      case "--data": data = value
      case "--seconds":
        guard let v = Double(value) else { Options.usage("--seconds takes a number") }
        seconds = v
      case "--iterations":
        guard let v = Int(value) else { Options.usage("--iterations takes a whole number") }
        iterations = v
      default: Options.usage("unknown option \(flag)")
      }
    }
  }

  static func usage(_ message: String) -> Never {
    FileHandle.standardError.write(
      Data("rnn-bench: \(message)\nusage: rnn-bench [--seconds S] [--iterations N] [--data FILE]\n".utf8))
    exit(2)
  }
}

let options = Options(CommandLine.arguments)
guard let text = try? String(contentsOfFile: options.data, encoding: .utf8) else {
  Options.usage("cannot read \(options.data) (run from the repository's root, or pass --data)")
}
let vocabulary = Vocabulary(text)
let encoded = vocabulary.encode(text)
let (hiddenSize, sequenceLength) = (100, 25)

var rng = SeededGenerator(seed: 42)
var model = VanillaRNN(
  inputSize: vocabulary.size, hiddenSize: hiddenSize, outputSize: vocabulary.size, weightScale: 0.01,
  using: &rng)
var optimizer = Adagrad(learningRate: 0.1)
var hPrev = model.initialState
var (n, p) = (0, 0)
let clock = ContinuousClock()
let start = clock.now
var lastReport = start

/// An FNV-1a hash of every weight's bits: equal fingerprints after the same iterations
/// mean the same arithmetic, bit for bit.
func fingerprint<P: ParameterSet>(_ parameters: P) -> String {
  var hash: UInt64 = 0xcbf2_9ce4_8422_2325
  for (_, path) in P.parameterPaths {
    for x in parameters[keyPath: path].elements {
      hash = (hash ^ x.bitPattern) &* 0x100_0000_01b3
    }
  }
  return String(hash, radix: 16)
}

func seconds(_ d: Duration) -> Double {
  Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}

while true {
  if p + sequenceLength + 1 >= encoded.count || n == 0 {
    hPrev = model.initialState
    p = 0
  }
  let inputs = Array(encoded[p..<(p + sequenceLength)])
  let targets = Array(encoded[(p + 1)..<(p + sequenceLength + 1)])
  var step = model.lossAndGradients(.tokens(inputs), from: hPrev) {
    softmaxCrossEntropy(outputs: $0, targets: targets)
  }
  step.gradients.clipElements(to: 5)
  optimizer.update(&model.parameters, with: step.gradients)
  hPrev = step.finalState
  if n < 3 { print("loss[\(n)]=\(String(format: "%.12f", step.loss))") }
  n += 1
  p += sequenceLength
  let now = clock.now
  if seconds(now - lastReport) >= 2 {
    FileHandle.standardError.write(
      Data("  \(n) iterations, loss \(fmt(step.loss, 3)), \(fmt(seconds(now - start), 1)) s\n".utf8))
    lastReport = now
  }
  if options.iterations > 0 ? n >= options.iterations : seconds(now - start) >= options.seconds { break }
}
let elapsed = seconds(clock.now - start)
if options.iterations > 0 { print("weights_fingerprint=\(fingerprint(model.parameters))") }
print("iterations=\(n)")
print("seconds=\(fmt(elapsed, 3))")
print("iterations_per_second=\(Int((Double(n) / elapsed).rounded()))")
