/// The loops behind `Matrix`'s arithmetic, written for speed.
///
/// Each kernel works on raw buffers with 4- or 8-wide SIMD vectors and explicit fused
/// multiply-adds. The order of every sum is fixed by the code, not by the hardware,
/// so results are the same on every machine; only the speed changes. The products of
/// matrices (`MatrixMatrixKernels.swift`, `ManyVectorKernels.swift`) keep, entry by
/// entry, the order of these matrix-vector kernels.
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

  /// y = A·x for a row-major `rows`×`cols` matrix A: eight rows at a time (then four,
  /// then one), so each load of x serves eight dot products and eight chains of fused
  /// multiply-adds keep the arithmetic units busy. Every row is summed in the same
  /// order whichever block it falls in: four 4-wide partial sums, then
  /// (s₀ + s₁) + (s₂ + s₃), then the columns left over.
  static func matrixVector(
    _ a: UnsafePointer<Double>, _ rows: Int, _ cols: Int,
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>
  ) {
    var r = 0
    while r + 8 <= rows {
      matrixVectorRows(8, a, r, cols, x, y)
      r &+= 8
    }
    if r + 4 <= rows {
      matrixVectorRows(4, a, r, cols, x, y)
      r &+= 4
    }
    while r < rows {
      y[r] = dot(a + r &* cols, x, cols)
      r &+= 1
    }
  }

  /// Rows r..<r + n of ``matrixVector(_:_:_:_:_:)``, for n = 4 or 8.
  @inline(__always)
  private static func matrixVectorRows(
    _ n: Int, _ a: UnsafePointer<Double>, _ r: Int, _ cols: Int,
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>
  ) {
    let ra = UnsafeRawPointer(a + r &* cols)
    let rx = UnsafeRawPointer(x)
    let stride = cols &* 8
    var s = (Vec(repeating: 0), Vec(repeating: 0), Vec(repeating: 0), Vec(repeating: 0))
    var u = (Vec(repeating: 0), Vec(repeating: 0), Vec(repeating: 0), Vec(repeating: 0))
    var j = 0
    while j + 4 <= cols {
      let xv = rx.loadUnaligned(fromByteOffset: j &* 8, as: Vec.self)
      let o = j &* 8
      s.0.addProduct(ra.loadUnaligned(fromByteOffset: o, as: Vec.self), xv)
      s.1.addProduct(ra.loadUnaligned(fromByteOffset: o &+ stride, as: Vec.self), xv)
      s.2.addProduct(ra.loadUnaligned(fromByteOffset: o &+ 2 &* stride, as: Vec.self), xv)
      s.3.addProduct(ra.loadUnaligned(fromByteOffset: o &+ 3 &* stride, as: Vec.self), xv)
      if n == 8 {
        u.0.addProduct(ra.loadUnaligned(fromByteOffset: o &+ 4 &* stride, as: Vec.self), xv)
        u.1.addProduct(ra.loadUnaligned(fromByteOffset: o &+ 5 &* stride, as: Vec.self), xv)
        u.2.addProduct(ra.loadUnaligned(fromByteOffset: o &+ 6 &* stride, as: Vec.self), xv)
        u.3.addProduct(ra.loadUnaligned(fromByteOffset: o &+ 7 &* stride, as: Vec.self), xv)
      }
      j &+= 4
    }
    finishRow(s.0, a, r, cols, j, x, y)
    finishRow(s.1, a, r &+ 1, cols, j, x, y)
    finishRow(s.2, a, r &+ 2, cols, j, x, y)
    finishRow(s.3, a, r &+ 3, cols, j, x, y)
    if n == 8 {
      finishRow(u.0, a, r &+ 4, cols, j, x, y)
      finishRow(u.1, a, r &+ 5, cols, j, x, y)
      finishRow(u.2, a, r &+ 6, cols, j, x, y)
      finishRow(u.3, a, r &+ 7, cols, j, x, y)
    }
  }

  /// y[r] = (s₀ + s₁) + (s₂ + s₃) plus the products of columns j..<cols.
  @inline(__always)
  static func finishRow(
    _ s: Vec, _ a: UnsafePointer<Double>, _ r: Int, _ cols: Int, _ j: Int,
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>
  ) {
    var t = (s[0] + s[1]) + (s[2] + s[3])
    let row = a + r &* cols
    for l in j..<cols { t = t.addingProduct(row[l], x[l]) }
    y[r] = t
  }

  /// y += Aᵀ·x for a row-major `rows`×`cols` matrix A (y has `cols` entries): rows of
  /// A, scaled by the entries of x, are added to y eight at a time (then four, then
  /// one), so each load and store of y serves several rows. Each y[j] receives the
  /// rows' products one by one, in row order, whichever block they fall in.
  static func addTransposedMatrixVector(
    _ a: UnsafePointer<Double>, _ rows: Int, _ cols: Int,
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>
  ) {
    var r = 0
    while r + 8 <= rows {
      addTransposedRows(8, a, r, cols, x, y)
      r &+= 8
    }
    if r + 4 <= rows {
      addTransposedRows(4, a, r, cols, x, y)
      r &+= 4
    }
    while r < rows {
      axpy(x[r], a + r &* cols, y, cols)
      r &+= 1
    }
  }

  /// Rows r..<r + n of ``addTransposedMatrixVector(_:_:_:_:_:)``, for n = 4 or 8.
  @inline(__always)
  private static func addTransposedRows(
    _ n: Int, _ a: UnsafePointer<Double>, _ r: Int, _ cols: Int,
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>
  ) {
    let ra = UnsafeRawPointer(a + r &* cols)
    let ry = UnsafeMutableRawPointer(y)
    let stride = cols &* 8
    let x0 = Vec(repeating: x[r]), x1 = Vec(repeating: x[r &+ 1])
    let x2 = Vec(repeating: x[r &+ 2]), x3 = Vec(repeating: x[r &+ 3])
    let x4 = n == 8 ? Vec(repeating: x[r &+ 4]) : .zero, x5 = n == 8 ? Vec(repeating: x[r &+ 5]) : .zero
    let x6 = n == 8 ? Vec(repeating: x[r &+ 6]) : .zero, x7 = n == 8 ? Vec(repeating: x[r &+ 7]) : .zero
    var j = 0
    while j + 4 <= cols {
      let o = j &* 8
      var v = ry.loadUnaligned(fromByteOffset: o, as: Vec.self)
      v.addProduct(x0, ra.loadUnaligned(fromByteOffset: o, as: Vec.self))
      v.addProduct(x1, ra.loadUnaligned(fromByteOffset: o &+ stride, as: Vec.self))
      v.addProduct(x2, ra.loadUnaligned(fromByteOffset: o &+ 2 &* stride, as: Vec.self))
      v.addProduct(x3, ra.loadUnaligned(fromByteOffset: o &+ 3 &* stride, as: Vec.self))
      if n == 8 {
        v.addProduct(x4, ra.loadUnaligned(fromByteOffset: o &+ 4 &* stride, as: Vec.self))
        v.addProduct(x5, ra.loadUnaligned(fromByteOffset: o &+ 5 &* stride, as: Vec.self))
        v.addProduct(x6, ra.loadUnaligned(fromByteOffset: o &+ 6 &* stride, as: Vec.self))
        v.addProduct(x7, ra.loadUnaligned(fromByteOffset: o &+ 7 &* stride, as: Vec.self))
      }
      ry.storeBytes(of: v, toByteOffset: o, as: Vec.self)
      j &+= 4
    }
    while j < cols {
      var v = y[j]
      for k in 0..<n { v = v.addingProduct(x[r &+ k], a[(r &+ k) &* cols &+ j]) }
      y[j] = v
      j &+= 1
    }
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
