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

  /// C += Aᵀ·B for row-major A (`k`×`m`), B (`k`×`n`) and C (`m`×`n`): the sum over k
  /// of outer products of A's and B's rows, such as Σₜ dzₜ·hₜ₋₁ᵀ. Tiles of 4×8 entries
  /// of C stay in registers while k runs, so every load serves several multiply-adds.
  static func addTransposedProduct(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    k: Int, m: Int, n: Int
  ) {
    var i = 0
    while i + 4 <= m {
      var j = 0
      while j + 16 <= n {
        transposedProductTile(SIMD8<Double>.self, a, b, c, k: k, m: m, n: n, i: i, j: j)
        j &+= 16
      }
      while j + 8 <= n {
        transposedProductTile(Vec.self, a, b, c, k: k, m: m, n: n, i: i, j: j)
        j &+= 8
      }
      while j + 4 <= n {
        for r in i..<(i &+ 4) { transposedProductStrip(a, b, c, k: k, m: m, n: n, i: r, j: j) }
        j &+= 4
      }
      addTransposedProductScalar(a, b, c, k: k, m: m, n: n, rows: i..<(i + 4), cols: j..<n)
      i &+= 4
    }
    while i < m {
      var j = 0
      while j + 4 <= n {
        transposedProductStrip(a, b, c, k: k, m: m, n: n, i: i, j: j)
        j &+= 4
      }
      addTransposedProductScalar(a, b, c, k: k, m: m, n: n, rows: i..<(i + 1), cols: j..<n)
      i &+= 1
    }
  }

  /// Row i, columns j..<j + 4 of ``addTransposedProduct``: one accumulator, for the
  /// rows and columns the tiles leave over.
  @inline(__always)
  private static func transposedProductStrip(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    k: Int, m: Int, n: Int, i: Int, j: Int
  ) {
    let rb = UnsafeRawPointer(b)
    var sum = Vec()
    for l in 0..<k {
      sum.addProduct(Vec(repeating: a[l &* m &+ i]), rb.loadUnaligned(fromByteOffset: (l &* n &+ j) &* 8, as: Vec.self))
    }
    let rc = UnsafeMutableRawPointer(c)
    let offset = (i &* n &+ j) &* 8
    rc.storeBytes(of: rc.loadUnaligned(fromByteOffset: offset, as: Vec.self) + sum, toByteOffset: offset, as: Vec.self)
  }

  /// Rows i..<i + 4 and columns j..<j + 2w of ``addTransposedProduct``, for vectors of
  /// w lanes: eight accumulators stay in registers while l runs over k, and each entry
  /// is the sum over l in order, added to C at the end.
  @inline(__always)
  private static func transposedProductTile<V: SIMD>(
    _: V.Type, _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    k: Int, m: Int, n: Int, i: Int, j: Int
  ) where V.Scalar == Double {
    let rb = UnsafeRawPointer(b)
    let rc = UnsafeMutableRawPointer(c)
    let width = V.scalarCount &* 8
    var c00 = V(), c01 = V(), c10 = V(), c11 = V()
    var c20 = V(), c21 = V(), c30 = V(), c31 = V()
    for l in 0..<k {
      let offset = (l &* n &+ j) &* 8
      let b0 = rb.loadUnaligned(fromByteOffset: offset, as: V.self)
      let b1 = rb.loadUnaligned(fromByteOffset: offset &+ width, as: V.self)
      let row = a + (l &* m &+ i)
      let a0 = V(repeating: row[0]), a1 = V(repeating: row[1])
      let a2 = V(repeating: row[2]), a3 = V(repeating: row[3])
      c00.addProduct(a0, b0)
      c01.addProduct(a0, b1)
      c10.addProduct(a1, b0)
      c11.addProduct(a1, b1)
      c20.addProduct(a2, b0)
      c21.addProduct(a2, b1)
      c30.addProduct(a3, b0)
      c31.addProduct(a3, b1)
    }
    @inline(__always) func add(_ r: Int, _ lo: V, _ hi: V) {
      let offset = ((i &+ r) &* n &+ j) &* 8
      rc.storeBytes(of: rc.loadUnaligned(fromByteOffset: offset, as: V.self) + lo, toByteOffset: offset, as: V.self)
      rc.storeBytes(
        of: rc.loadUnaligned(fromByteOffset: offset &+ width, as: V.self) + hi, toByteOffset: offset &+ width,
        as: V.self)
    }
    add(0, c00, c01)
    add(1, c10, c11)
    add(2, c20, c21)
    add(3, c30, c31)
  }

  /// The plain loop of ``addTransposedProduct`` for the edges the tiles leave over.
  private static func addTransposedProductScalar(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    k: Int, m: Int, n: Int, rows: Range<Int>, cols: Range<Int>
  ) {
    for i in rows {
      for j in cols {
        var sum = 0.0
        for l in 0..<k { sum = sum.addingProduct(a[l &* m &+ i], b[l &* n &+ j]) }
        c[i &* n &+ j] += sum
      }
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
