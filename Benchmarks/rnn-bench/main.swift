// rnn-bench: how fast the RNN library trains a character-level model.
//
// The setup of Karpathy's min-char-rnn: vocabulary 65 (Shakespeare), hidden size 100,
// 25-step chunks, softmax cross-entropy, full BPTT over each chunk, element-wise
// clipping to ±5, Adagrad with learning rate 0.1, weights drawn with scale 0.01. One
// iteration is one chunk forward, backward and update; with `--batch B`, B chunks at
// once (B streams, each reading its own B-th of the text, their losses and gradients
// summed). `--model` picks the vanilla RNN (tanh), the LSTM or the GRU. It uses the
// library exactly as a lesson does.
//
//     swift run -c release rnn-bench [--model vanilla|lstm|gru] [--batch B]
//                                    [--seconds S] [--iterations N] [--data FILE]
//
// Prints the first three losses (to compare with the references in Benchmarks/references,
// which start from the same weights), progress on standard error, the weights'
// fingerprint after --iterations N, the peak memory, characters per second, and last a
// line `iterations_per_second=N`.

import Foundation
import RNN

struct Options {
  var data = "Lessons/data/tinyshakespeare.txt"
  var seconds = 10.0
  var iterations = 0
  var model = "vanilla"
  var batch = 1

  static let usageLine =
    "usage: rnn-bench [--model vanilla|lstm|gru] [--batch B] [--seconds S] [--iterations N] [--data FILE]"

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
      case "--model":
        guard ["vanilla", "lstm", "gru"].contains(value) else { Options.usage("--model is vanilla, lstm or gru") }
        model = value
      case "--batch":
        guard let v = Int(value), v > 0 else { Options.usage("--batch takes a positive whole number") }
        batch = v
      default: Options.usage("unknown option \(flag)")
      }
    }
  }

  static func usage(_ message: String) -> Never {
    FileHandle.standardError.write(Data("rnn-bench: \(message)\n\(usageLine)\n".utf8))
    exit(2)
  }
}

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

/// The largest resident set the process has had, in MiB.
func peakMemoryMiB() -> Double {
  var usage = rusage()
  getrusage(RUSAGE_SELF.rawValue, &usage)
  return Double(usage.ru_maxrss) / 1024  // kilobytes on Linux
}

let options = Options(CommandLine.arguments)
guard let text = try? String(contentsOfFile: options.data, encoding: .utf8) else {
  Options.usage("cannot read \(options.data) (run from the repository's root, or pass --data)")
}
let vocabulary = Vocabulary(text)
let encoded = vocabulary.encode(text)
let (hiddenSize, sequenceLength) = (100, 25)

/// Trains `model` until the options say stop, printing what the header promises.
func train<M: RecurrentModel>(_ model: M) {
  var model = model
  var optimizer = Adagrad(learningRate: 0.1)
  let batch = options.batch
  let streamLength = encoded.count / batch  // stream b reads encoded[b·streamLength ..< (b + 1)·streamLength]
  var states = [M.State](repeating: model.initialState, count: batch)
  var (n, p) = (0, 0)
  let clock = ContinuousClock()
  let start = clock.now
  var lastReport = start
  while true {
    if p + sequenceLength + 1 >= streamLength || n == 0 {
      states = [M.State](repeating: model.initialState, count: batch)
      p = 0
    }
    let starts = (0..<batch).map { $0 * streamLength + p }
    let inputs = starts.map { Array(encoded[$0..<($0 + sequenceLength)]) }
    let targets = starts.map { Array(encoded[($0 + 1)..<($0 + sequenceLength + 1)]) }
    var loss: Double
    var gradients: M.Parameters
    if batch == 1 {
      let step = model.lossAndGradients(.tokens(inputs[0]), from: states[0]) {
        softmaxCrossEntropy(outputs: $0, targets: targets[0])
      }
      (loss, gradients, states[0]) = (step.loss, step.gradients, step.finalState)
    } else {
      (loss, gradients, states) = model.batchLossAndGradients(tokens: inputs, targets: targets, from: states)
    }
    gradients.clipElements(to: 5)
    optimizer.update(&model.parameters, with: gradients)
    if n < 3 { print("loss[\(n)]=\(String(format: "%.12f", loss))") }
    n += 1
    p += sequenceLength
    let now = clock.now
    if seconds(now - lastReport) >= 2 {
      FileHandle.standardError.write(
        Data("  \(n) iterations, loss \(fmt(loss, 3)), \(fmt(seconds(now - start), 1)) s\n".utf8))
      lastReport = now
    }
    if options.iterations > 0 ? n >= options.iterations : seconds(now - start) >= options.seconds { break }
  }
  let elapsed = seconds(clock.now - start)
  if options.iterations > 0 { print("weights_fingerprint=\(fingerprint(model.parameters))") }
  print("iterations=\(n)")
  print("seconds=\(fmt(elapsed, 3))")
  print("peak_memory_mib=\(fmt(peakMemoryMiB(), 1))")
  print("characters_per_second=\(Int((Double(n * batch * sequenceLength) / elapsed).rounded()))")
  print("iterations_per_second=\(Int((Double(n) / elapsed).rounded()))")
}

var rng = SeededGenerator(seed: 42)
let v = vocabulary.size
switch options.model {
case "lstm":
  train(LSTM(inputSize: v, hiddenSize: hiddenSize, outputSize: v, weightScale: 0.01, using: &rng))
case "gru":
  train(GRU(inputSize: v, hiddenSize: hiddenSize, outputSize: v, weightScale: 0.01, using: &rng))
default:
  train(VanillaRNN(inputSize: v, hiddenSize: hiddenSize, outputSize: v, weightScale: 0.01, using: &rng))
}
