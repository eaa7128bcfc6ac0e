import RNN
import Testing

@Suite struct MatrixTests {
  /// Σₗ a(i, l)·b(l, j) the textbook way, and the scale its rounding error is measured
  /// against: Σₗ |a(i, l)·b(l, j)|.
  static func naive(_ a: (Int, Int) -> Double, _ b: (Int, Int) -> Double, rows: Int, inner: Int, cols: Int) -> (
    product: Matrix, scale: Matrix
  ) {
    var product = Matrix(rows: rows, cols: cols)
    var scale = Matrix(rows: rows, cols: cols)
    for i in 0..<rows {
      for j in 0..<cols {
        for l in 0..<inner {
          product[i, j] += a(i, l) * b(l, j)
          scale[i, j] += abs(a(i, l) * b(l, j))
        }
      }
    }
    return (product, scale)
  }

  /// Whether `actual` differs from the textbook product (from `naive`) by more than
  /// 1e-12 of its scale in any entry (the kernels add in another order, with fused
  /// multiply-adds, so the last bits may differ).
  static func mismatch(_ actual: Matrix, _ expected: (product: Matrix, scale: Matrix)) -> Bool {
    guard actual.rows == expected.product.rows, actual.cols == expected.product.cols else { return true }
    return actual.elements.indices.contains { i in
      abs(actual[i] - expected.product[i]) > 1e-12 * max(expected.scale[i], 1e-300)
    }
  }

  /// Rows and columns from 1 to 10 cross the 4-row and 4-wide blocks and the 4×8 tiles
  /// of `Kernels` (at 4 and 8, with remainders of 1 to 3 and 1 to 7); inner lengths up to
  /// 17 cross the dot product's 8-wide loop, its 4-wide step and its scalar tail.
  static let outer = 1...10
  static let inner = 1...17

  /// A·B and A·b (the 4-row matrix-vector kernel, and rows of B added 4 wide).
  @Test func productsMatchNaiveLoops() {
    var rng = SeededGenerator(seed: 1)
    var wrong: [String] = []
    for n in Self.outer {
      for k in Self.inner {
        for m in Self.outer {
          let a = Matrix.random(n, k, scale: 1, using: &rng)
          let b = Matrix.random(k, m, scale: 1, using: &rng)
          if Self.mismatch(a * b, Self.naive({ a[$0, $1] }, { b[$0, $1] }, rows: n, inner: k, cols: m)) {
            wrong.append("\(n)×\(k) · \(k)×\(m)")
          }
        }
      }
    }
    #expect(wrong.isEmpty, "A·B differs from the triple loop for \(wrong.prefix(10))")
  }

  /// Aᵀ·B and Aᵀ·v (the 4×8 tiles, and the transposed matrix-vector kernel).
  @Test func transposedTimesMatrixMatchesNaiveLoops() {
    var rng = SeededGenerator(seed: 2)
    var wrong: [String] = []
    for k in Self.inner {
      for m in Self.outer {
        for n in Self.outer {
          let a = Matrix.random(k, m, scale: 1, using: &rng)
          let b = Matrix.random(k, n, scale: 1, using: &rng)
          if Self.mismatch(a.T * b, Self.naive({ a[$1, $0] }, { b[$0, $1] }, rows: m, inner: k, cols: n)) {
            wrong.append("(\(k)×\(m))ᵀ · \(k)×\(n)")
          }
        }
      }
    }
    #expect(wrong.isEmpty, "Aᵀ·B differs from the triple loop for \(wrong.prefix(10))")
  }

  /// A·Bᵀ, and the same added in place, for vectors (the outer product) and matrices
  /// (the dot-product kernel).
  @Test func matrixTimesTransposedMatchesNaiveLoops() {
    var rng = SeededGenerator(seed: 3)
    var wrong: [String] = []
    for n in Self.outer {
      for k in Self.inner {
        for m in Self.outer {
          let a = Matrix.random(n, k, scale: 1, using: &rng)
          let b = Matrix.random(m, k, scale: 1, using: &rng)
          let expected = Self.naive({ a[$0, $1] }, { b[$1, $0] }, rows: n, inner: k, cols: m)
          let start = Matrix.random(n, m, scale: 1, using: &rng)
          var accumulated = start
          accumulated.addProduct(a, b.T)
          let added = (product: start + expected.product, scale: expected.scale + start.map(abs))
          if Self.mismatch(a * b.T, expected) || Self.mismatch(accumulated, added) {
            wrong.append("\(n)×\(k) · (\(m)×\(k))ᵀ")
          }
        }
      }
    }
    #expect(wrong.isEmpty, "A·Bᵀ differs from the triple loop for \(wrong.prefix(10))")
  }

  /// The check above can fail: one wrong entry, far below the size of the product, is
  /// found.
  @Test func aWrongEntryIsFound() {
    var rng = SeededGenerator(seed: 4)
    let a = Matrix.random(5, 9, scale: 1, using: &rng)
    let b = Matrix.random(9, 6, scale: 1, using: &rng)
    let expected = Self.naive({ a[$0, $1] }, { b[$0, $1] }, rows: 5, inner: 9, cols: 6)
    var product = a * b
    #expect(!Self.mismatch(product, expected))
    product[4, 5] += 1e-9
    #expect(Self.mismatch(product, expected))
  }

  @Test func elementWiseOperators() {
    let a = Matrix([[1, 2], [3, 4]])
    let b = Matrix([[0.5, -1], [2, 0]])
    #expect((a + b).elements == [1.5, 1, 5, 4])
    #expect((a - b).elements == [0.5, 3, 1, 4])
    #expect((a .* b).elements == [0.5, -2, 6, 0])
    #expect((2 * a).elements == [2, 4, 6, 8])
    #expect((1 - a).elements == [0, -1, -2, -3])
    #expect((-a).elements == [-1, -2, -3, -4])
    #expect(a.column(1).elements == [2, 4])
    #expect(Matrix.identity(2) * a == a)
    #expect(Matrix.oneHot(2, size: 4).elements == [0, 0, 1, 0])
    #expect(a.argmax == 3)
    // Operators on a value never change the operands.
    #expect(a.elements == [1, 2, 3, 4])
  }

  @Test func softmaxSumsToOneAndIsShiftInvariant() {
    let z = Matrix(vector: [1000, 1001, 999])
    let p = softmax(z)
    #expect(abs(p.sum - 1) < 1e-15)
    let q = softmax(Matrix(vector: [1, 2, 0]))
    #expect((p - q).maxAbs < 1e-15)
  }

  @Test func formatting() {
    #expect(fmt(0.46211, 4) == "0.4621")
    #expect(fmt(-0.00001, 4) == "0.0000")
    #expect(fmt([1, -2.5], 2) == "[1.00, -2.50]")
    #expect(fmt(Matrix([[1, 2], [3, 4]]), 1) == "[1.0, 2.0]\n[3.0, 4.0]")
    #expect(fmt(Double.nan) == "nan")
    #expect(scientific(3.14159e-11) == "3.1e-11")
  }
}

@Suite struct ManyVectorTests {
  /// W·[v₁ … v_T] and Wᵀ·[v₁ … v_T] equal W·vₜ and Wᵀ·vₜ one by one, bit for bit, for
  /// sizes that cross the groups of eight packed rows and the rows left over, the tiles
  /// of four vectors and of eight rows, the chunks of 32 vectors and the 4-wide columns.
  @Test func productsWithManyVectorsAreThoseOfEachVector() {
    var rng = SeededGenerator(seed: 11)
    for rows in 1...18 {
      for cols in [1, 3, 4, 7, 8, 13, 17] {
        for count in [1, 2, 3, 4, 5, 6, 7, 9, 33] {
          let w = Matrix.random(rows, cols, scale: 1, using: &rng)
          let vs = (0..<count).map { _ in Matrix.random(cols, 1, scale: 1, using: &rng) }
          let us = (0..<count).map { _ in Matrix.random(rows, 1, scale: 1, using: &rng) }
          #expect(w * vs == vs.map { w * $0 })
          #expect(w.T * us == us.map { w.T * $0 })
        }
      }
    }
  }

  /// Aᵀ·B sums each entry over the rows in order, from 0, with fused multiply-adds,
  /// whichever tile (eight rows by sixteen, eight or four columns, or one column) it
  /// falls in: the order the weight gradients of the batch and of one sequence share.
  @Test func transposedProductSumsEveryEntryInRowOrder() {
    var rng = SeededGenerator(seed: 12)
    for k in [1, 5, 40] {
      for m in [1, 3, 7, 8, 9, 17] {
        for n in [1, 3, 4, 5, 8, 12, 16, 17, 21, 29, 33] {
          let a = Matrix.random(k, m, scale: 1, using: &rng)
          let b = Matrix.random(k, n, scale: 1, using: &rng)
          var expected = Matrix(rows: m, cols: n)
          for i in 0..<m {
            for j in 0..<n {
              var sum = 0.0
              for l in 0..<k { sum = sum.addingProduct(a[l, i], b[l, j]) }
              expected[i, j] += sum
            }
          }
          #expect(a.T * b == expected, "(\(k)×\(m))ᵀ · \(k)×\(n)")
        }
      }
    }
  }
}

@Suite struct CombiningTests {
  /// `Matrix.combining` gives the bits of the operator form it replaces in the models'
  /// passes, entry for entry, on values that round differently in other orders.
  @Test func combiningEqualsTheOperatorsBitForBit() {
    var rng = SeededGenerator(seed: 31)
    let (a, b, c, d) = (
      Matrix.random(7, 3, scale: 3, using: &rng), Matrix.random(7, 3, scale: 1e-3, using: &rng),
      Matrix.random(7, 3, scale: 1, using: &rng), Matrix.random(7, 3, scale: 1e5, using: &rng)
    )
    let two = Matrix.combining(a, b) { a, b in (1 - a * a) * b }
    #expect(two.elements.map(\.bitPattern) == ((1 - a .* a) .* b).elements.map(\.bitPattern))
    let three = Matrix.combining(a, b, c) { a, b, c in a * b * c * (1 - c) }
    #expect(three.elements.map(\.bitPattern) == (a .* b .* c .* (1 - c)).elements.map(\.bitPattern))
    let four = Matrix.combining(a, b, c, d) { a, b, c, d in a * b + c * d }
    #expect(four.elements.map(\.bitPattern) == (a .* b + c .* d).elements.map(\.bitPattern))
    // Another grouping of the same products rounds differently here, so the test can fail.
    let regrouped = Matrix.combining(a, b, c) { a, b, c in a * (b * (c * (1 - c))) }
    #expect(regrouped.elements.map(\.bitPattern) != three.elements.map(\.bitPattern))
    #expect(two.rows == 7 && two.cols == 3)
  }

  /// The in-place forms the models' backward passes use write the bits of the
  /// expressions they replace, over storage that held other values before.
  @Test func inPlaceFormsEqualTheExpressions() {
    var rng = SeededGenerator(seed: 32)
    let w = Matrix.random(9, 6, scale: 1, using: &rng)
    let (x, y) = (Matrix.random(6, 1, scale: 1, using: &rng), Matrix.random(9, 1, scale: 1, using: &rng))
    let (a, b) = (Matrix.random(9, 1, scale: 2, using: &rng), Matrix.random(9, 1, scale: 1e-2, using: &rng))
    func bits(_ m: Matrix) -> [UInt64] { m.elements.map(\.bitPattern) }
    var v = Matrix.random(9, 1, scale: 5, using: &rng)
    v.setProduct(w, x)
    #expect(bits(v) == bits(w * x))
    var u = Matrix.random(6, 1, scale: 5, using: &rng)
    u.setProduct(w.T, y)
    #expect(bits(u) == bits(w.T * y))
    v.set(combining: a, b) { a, b in (1 - a * a) * b }
    #expect(bits(v) == bits((1 - a .* a) .* b))
    v.set(combining: a, b, y) { a, b, y in a * b * y * (1 - y) }
    #expect(bits(v) == bits(a .* b .* y .* (1 - y)))
    v.set(combining: a, b, y, a) { a, b, y, a2 in a * b + y * a2 }
    #expect(bits(v) == bits(a .* b + y .* a))
    var rows = Matrix.random(3, 9, scale: 1, using: &rng)
    rows.setRow(1, to: a)
    rows.setRow(2, combining: a, b) { a, b in a * b }
    #expect(bits(rows.row(1)) == bits(a) && bits(rows.row(2)) == bits(a .* b))
    v.assign(b)
    #expect(bits(v) == bits(b))
  }
}
