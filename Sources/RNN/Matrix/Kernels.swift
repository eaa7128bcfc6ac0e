/// The loops behind `Matrix`'s arithmetic, written for speed.
///
/// Each kernel works on raw buffers with 4-wide SIMD vectors and explicit fused
/// multiply-adds. The order of every sum is fixed by the code, not by the hardware,
/// so results are the same on every machine; only the speed changes.
enum Kernels {
  typealias Vec = SIMD4<Double>

  /// Σ a[i]·b[i] over `count` entries, with two 4-wide accumulators.
  @inline(__always)
  static func dot(_ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ count: Int) -> Double {
    var acc0 = Vec(repeating: 0)
    var acc1 = Vec(repeating: 0)
    var i = 0
    let ra = UnsafeRawPointer(a)
    let rb = UnsafeRawPointer(b)
    while i + 8 <= count {
      acc0.addProduct(
        ra.loadUnaligned(fromByteOffset: i &* 8, as: Vec.self),
        rb.loadUnaligned(fromByteOffset: i &* 8, as: Vec.self))
      acc1.addProduct(
        ra.loadUnaligned(fromByteOffset: (i &+ 4) &* 8, as: Vec.self),
        rb.loadUnaligned(fromByteOffset: (i &+ 4) &* 8, as: Vec.self))
      i &+= 8
    }
    if i + 4 <= count {
      acc0.addProduct(
        ra.loadUnaligned(fromByteOffset: i &* 8, as: Vec.self),
        rb.loadUnaligned(fromByteOffset: i &* 8, as: Vec.self))
      i &+= 4
    }
    let acc = acc0 + acc1
    var total = (acc[0] + acc[1]) + (acc[2] + acc[3])
    while i < count {
      total = total.addingProduct(a[i], b[i])
      i &+= 1
    }
    return total
  }

  /// Σ a[i]·b[i] for two arrays of equal length.
  static func dot(_ a: [Double], _ b: [Double]) -> Double {
    precondition(a.count == b.count)
    return a.withUnsafeBufferPointer { pa in
      b.withUnsafeBufferPointer { pb in dot(pa.baseAddress!, pb.baseAddress!, a.count) }
    }
  }

  /// y[i] += alpha · x[i] over `count` entries.
  @inline(__always)
  static func axpy(
    _ alpha: Double, _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>, _ count: Int
  ) {
    let a = Vec(repeating: alpha)
    let rx = UnsafeRawPointer(x)
    let ry = UnsafeMutableRawPointer(y)
    var i = 0
    while i + 4 <= count {
      var v = ry.loadUnaligned(fromByteOffset: i &* 8, as: Vec.self)
      v.addProduct(a, rx.loadUnaligned(fromByteOffset: i &* 8, as: Vec.self))
      ry.storeBytes(of: v, toByteOffset: i &* 8, as: Vec.self)
      i &+= 4
    }
    while i < count {
      y[i] = y[i].addingProduct(alpha, x[i])
      i &+= 1
    }
  }

  /// y = A·x for a row-major `rows`×`cols` matrix A (one dot product per row).
  static func matrixVector(
    _ a: UnsafePointer<Double>, _ rows: Int, _ cols: Int,
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>
  ) {
    for r in 0..<rows { y[r] = dot(a + r &* cols, x, cols) }
  }

  /// y += Aᵀ·x for a row-major `rows`×`cols` matrix A (y has `cols` entries): row r
  /// of A, times x[r], is added to y.
  static func addTransposedMatrixVector(
    _ a: UnsafePointer<Double>, _ rows: Int, _ cols: Int,
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>
  ) {
    for r in 0..<rows { axpy(x[r], a + r &* cols, y, cols) }
  }

  /// M += a·bᵀ for a row-major `rows`×`cols` matrix M, a of length rows, b of length
  /// cols.
  static func addOuter(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>,
    _ m: UnsafeMutablePointer<Double>, _ rows: Int, _ cols: Int
  ) {
    for r in 0..<rows { axpy(a[r], b, m + r &* cols, cols) }
  }
}
