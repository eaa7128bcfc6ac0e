/// What the batched models share: element-wise work on whole rows in place, and each
/// sequence's sums over its own steps, so that a batch adds exactly what its sequences
/// read one by one would.
extension Rows {
  /// Row i becomes a + b, rows `aRow` of a and `bRow` of b.
  mutating func setSum(_ i: Int, _ a: Rows, row aRow: Int, _ b: Rows, row bRow: Int) {
    map(i, a, aRow, b, bRow, a, aRow, a, aRow) { x, y, _, _ in x + y }
  }

  /// σ of every entry of rows `rows` ..< `rows` + count, in one pass.
  mutating func applySigmoid(rows: Int, count: Int) {
    let w = width
    elements.withUnsafeMutableBufferPointer { y in
      Math.sigmoid(UnsafeMutableBufferPointer(rebasing: y[(rows * w)..<((rows + count) * w)]))
    }
  }

  /// A copy of one row, as a block of one row.
  static func copy(of rows: Rows, row: Int) -> Rows {
    var one = Rows(uninitializedCount: 1, width: rows.width)
    one.add(rows, row: row, to: 0, replacing: true)
    return one
  }

  /// Row `to` becomes (exactly, signed zeros included) or gains row `row` of `source`.
  mutating func add(_ source: Rows, row: Int, to i: Int, replacing: Bool) {
    let w = width
    for k in 0..<w {
      let x = source.elements[row * w + k]
      elements[i * w + k] = replacing ? x : elements[i * w + k] + x
    }
  }

  /// Row i becomes f(a, b, c, d) entry by entry, for a row of each of four blocks.
  @inline(__always)
  mutating func map(
    _ i: Int, _ a: Rows, _ ai: Int, _ b: Rows, _ bi: Int, _ c: Rows, _ ci: Int, _ d: Rows, _ di: Int,
    _ f: (Double, Double, Double, Double) -> Double
  ) {
    let w = width
    precondition(a.width == w && b.width == w && c.width == w && d.width == w)
    precondition((i + 1) * w <= elements.count && (ai + 1) * w <= a.elements.count)
    precondition((bi + 1) * w <= b.elements.count && (ci + 1) * w <= c.elements.count)
    precondition((di + 1) * w <= d.elements.count)
    elements.withUnsafeMutableBufferPointer { y in
      a.elements.withUnsafeBufferPointer { a in
        b.elements.withUnsafeBufferPointer { b in
          c.elements.withUnsafeBufferPointer { c in
            d.elements.withUnsafeBufferPointer { d in
              let y = y.baseAddress! + i * w
              let (a, b) = (a.baseAddress! + ai * w, b.baseAddress! + bi * w)
              let (c, d) = (c.baseAddress! + ci * w, d.baseAddress! + di * w)
              for k in 0..<w { y[k] = f(a[k], b[k], c[k], d[k]) }
            }
          }
        }
      }
    }
  }

  /// Each row, plus the vector `bias`, becomes ∂L/∂z of softmax cross-entropy for its
  /// target; returns each row's loss. The exponentials of all rows are taken in one pass.
  mutating func softmaxCrossEntropyRows(bias: Matrix, targets: [Int]) -> [Double] {
    let (w, count) = (width, elements.count / width)
    precondition(bias.count == w && targets.count == count)
    var shifts = [(largest: Double, targetScore: Double)](repeating: (0, 0), count: count)
    return elements.withUnsafeMutableBufferPointer { y in
      func row(_ i: Int) -> UnsafeMutableBufferPointer<Double> {
        UnsafeMutableBufferPointer(rebasing: y[(i * w)..<((i + 1) * w)])
      }
      for i in 0..<count {
        let z = row(i)
        for r in 0..<w { z[r] += bias.elements[r] }
        shifts[i] = subtractLargest(z, target: targets[i])
      }
      Math.exp(y)
      return (0..<count).map { RNN.softmaxCrossEntropy(exponentials: row($0), target: targets[$0], shifts[$0]) }
    }
  }
}

extension Matrix {
  /// Adds Σₗ aₗ·bₗᵀ over l = 0 ..< count, aₗ being row `lastRows.0` − l·stride of a and bₗ
  /// row `lastRows.1` − l·stride of b: one sequence's steps from the last, summed from 0
  /// in that order and then added, as `Matrix(stacking:).T * …` sums them.
  mutating func addStridedTransposedProduct(
    _ a: Rows, _ b: Rows, lastRows: (Int, Int), stride: Int, count: Int
  ) {
    precondition(rows == a.width && cols == b.width)
    precondition(lastRows.0 - (count - 1) * stride >= 0 && (lastRows.0 + 1) * a.width <= a.elements.count)
    precondition(lastRows.1 - (count - 1) * stride >= 0 && (lastRows.1 + 1) * b.width <= b.elements.count)
    let (m, n) = (rows, cols)
    a.elements.withUnsafeBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        elements.withUnsafeMutableBufferPointer { pc in
          Kernels.addTransposedProduct(
            pa.baseAddress! + lastRows.0 * m, stepStride: -stride * m, pb.baseAddress! + lastRows.1 * n,
            vectorStride: -stride * n, pc.baseAddress!, k: count, m: m, n: n)
        }
      }
    }
  }

  /// Adds s = Σₗ row (last − l·stride) of `source` over l = 0 ..< count, summed from 0 in
  /// that order first: one sequence's bias gradient, added to the batch's.
  mutating func addSequenceSum(_ source: Rows, last: Int, stride: Int, count: Int) {
    let w = self.count
    precondition(source.width == w)
    var s = [Double](repeating: 0, count: w)
    for l in 0..<count {
      let from = (last - l * stride) * w
      for k in 0..<w { s[k] += source.elements[from + k] }
    }
    for k in 0..<w { elements[k] += s[k] }
  }

  /// Column k gains row k of `rows`, which then becomes 0.
  mutating func addColumn(_ k: Int, from rows: inout Rows) {
    precondition(rows.width == self.rows)
    for i in 0..<self.rows {
      elements[i * cols + k] += rows.elements[k * rows.width + i]
      rows.elements[k * rows.width + i] = 0
    }
  }
}
