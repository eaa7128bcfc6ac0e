import RNN
import Testing

@Suite struct MatrixTests {
  /// The SIMD kernels against the textbook triple loop, on sizes that exercise every
  /// remainder path (not multiples of 4 or 8).
  @Test(arguments: [(1, 1, 1), (3, 5, 1), (7, 9, 2), (13, 17, 1), (4, 8, 3)])
  func productsMatchNaiveLoops(shape: (Int, Int, Int)) {
    let (n, k, m) = shape
    var rng = SeededGenerator(seed: UInt64(n * 100 + k * 10 + m))
    let a = Matrix.random(n, k, scale: 1, using: &rng)
    let b = Matrix.random(k, m, scale: 1, using: &rng)
    let c = a * b
    for i in 0..<n {
      for j in 0..<m {
        var s = 0.0
        for l in 0..<k { s += a[i, l] * b[l, j] }
        #expect(abs(c[i, j] - s) < 1e-12)
      }
    }
    let v = Matrix.random(n, m, scale: 1, using: &rng)
    let atv = a.T * v
    let expected = a.T.matrix * v
    #expect((atv - expected).maxAbs < 1e-12)
    let outer = v * b.T  // n×m times (k×m)ᵀ
    #expect((outer - v * b.T.matrix).maxAbs < 1e-12)
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
