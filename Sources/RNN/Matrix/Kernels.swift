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

  /// y = A·x for a row-major `rows`×`cols` matrix A: four rows at a time, so each
  /// load of x serves four dot products.
  static func matrixVector(
    _ a: UnsafePointer<Double>, _ rows: Int, _ cols: Int,
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>
  ) {
    let ra = UnsafeRawPointer(a)
    let rx = UnsafeRawPointer(x)
    var r = 0
    while r + 4 <= rows {
      var (s0, s1, s2, s3) = (Vec(repeating: 0), Vec(repeating: 0), Vec(repeating: 0), Vec(repeating: 0))
      let (o0, o1, o2, o3) = (r &* cols &* 8, (r &+ 1) &* cols &* 8, (r &+ 2) &* cols &* 8, (r &+ 3) &* cols &* 8)
      var j = 0
      while j + 4 <= cols {
        let xv = rx.loadUnaligned(fromByteOffset: j &* 8, as: Vec.self)
        s0.addProduct(ra.loadUnaligned(fromByteOffset: o0 &+ j &* 8, as: Vec.self), xv)
        s1.addProduct(ra.loadUnaligned(fromByteOffset: o1 &+ j &* 8, as: Vec.self), xv)
        s2.addProduct(ra.loadUnaligned(fromByteOffset: o2 &+ j &* 8, as: Vec.self), xv)
        s3.addProduct(ra.loadUnaligned(fromByteOffset: o3 &+ j &* 8, as: Vec.self), xv)
        j &+= 4
      }
      var t0 = (s0[0] + s0[1]) + (s0[2] + s0[3])
      var t1 = (s1[0] + s1[1]) + (s1[2] + s1[3])
      var t2 = (s2[0] + s2[1]) + (s2[2] + s2[3])
      var t3 = (s3[0] + s3[1]) + (s3[2] + s3[3])
      while j < cols {
        t0 = t0.addingProduct(a[r &* cols &+ j], x[j])
        t1 = t1.addingProduct(a[(r &+ 1) &* cols &+ j], x[j])
        t2 = t2.addingProduct(a[(r &+ 2) &* cols &+ j], x[j])
        t3 = t3.addingProduct(a[(r &+ 3) &* cols &+ j], x[j])
        j &+= 1
      }
      (y[r], y[r &+ 1], y[r &+ 2], y[r &+ 3]) = (t0, t1, t2, t3)
      r &+= 4
    }
    while r < rows {
      y[r] = dot(a + r &* cols, x, cols)
      r &+= 1
    }
  }

  /// y += Aᵀ·x for a row-major `rows`×`cols` matrix A (y has `cols` entries): rows of
  /// A, scaled by the entries of x, are added to y four at a time, so each load and
  /// store of y serves four rows.
  static func addTransposedMatrixVector(
    _ a: UnsafePointer<Double>, _ rows: Int, _ cols: Int,
    _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>
  ) {
    let ra = UnsafeRawPointer(a)
    let ry = UnsafeMutableRawPointer(y)
    var r = 0
    while r + 4 <= rows {
      let (x0, x1, x2, x3) = (
        Vec(repeating: x[r]), Vec(repeating: x[r &+ 1]), Vec(repeating: x[r &+ 2]), Vec(repeating: x[r &+ 3])
      )
      let (o0, o1, o2, o3) = (r &* cols &* 8, (r &+ 1) &* cols &* 8, (r &+ 2) &* cols &* 8, (r &+ 3) &* cols &* 8)
      var j = 0
      while j + 4 <= cols {
        var v = ry.loadUnaligned(fromByteOffset: j &* 8, as: Vec.self)
        v.addProduct(x0, ra.loadUnaligned(fromByteOffset: o0 &+ j &* 8, as: Vec.self))
        v.addProduct(x1, ra.loadUnaligned(fromByteOffset: o1 &+ j &* 8, as: Vec.self))
        v.addProduct(x2, ra.loadUnaligned(fromByteOffset: o2 &+ j &* 8, as: Vec.self))
        v.addProduct(x3, ra.loadUnaligned(fromByteOffset: o3 &+ j &* 8, as: Vec.self))
        ry.storeBytes(of: v, toByteOffset: j &* 8, as: Vec.self)
        j &+= 4
      }
      while j < cols {
        var v = y[j]
        v = v.addingProduct(x[r], a[r &* cols &+ j])
        v = v.addingProduct(x[r &+ 1], a[(r &+ 1) &* cols &+ j])
        v = v.addingProduct(x[r &+ 2], a[(r &+ 2) &* cols &+ j])
        v = v.addingProduct(x[r &+ 3], a[(r &+ 3) &* cols &+ j])
        y[j] = v
        j &+= 1
      }
      r &+= 4
    }
    while r < rows {
      axpy(x[r], a + r &* cols, y, cols)
      r &+= 1
    }
  }

  /// C += Aᵀ·B for row-major A (`k`×`m`), B (`k`×`n`) and C (`m`×`n`): the sum over k
  /// of outer products of A's and B's rows, such as Σₜ dzₜ·hₜ₋₁ᵀ. Tiles of 4×8 entries
  /// of C stay in registers while k runs, so every load serves several multiply-adds.
  static func addTransposedProduct(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    k: Int, m: Int, n: Int
  ) {
    let rb = UnsafeRawPointer(b)
    let rc = UnsafeMutableRawPointer(c)
    var i = 0
    while i + 4 <= m {
      var j = 0
      while j + 8 <= n {
        var c00 = Vec(repeating: 0), c01 = Vec(repeating: 0), c10 = Vec(repeating: 0), c11 = Vec(repeating: 0)
        var c20 = Vec(repeating: 0), c21 = Vec(repeating: 0), c30 = Vec(repeating: 0), c31 = Vec(repeating: 0)
        for l in 0..<k {
          let b0 = rb.loadUnaligned(fromByteOffset: (l &* n &+ j) &* 8, as: Vec.self)
          let b1 = rb.loadUnaligned(fromByteOffset: (l &* n &+ j &+ 4) &* 8, as: Vec.self)
          let row = a + (l &* m &+ i)
          let a0 = Vec(repeating: row[0]), a1 = Vec(repeating: row[1])
          let a2 = Vec(repeating: row[2]), a3 = Vec(repeating: row[3])
          c00.addProduct(a0, b0)
          c01.addProduct(a0, b1)
          c10.addProduct(a1, b0)
          c11.addProduct(a1, b1)
          c20.addProduct(a2, b0)
          c21.addProduct(a2, b1)
          c30.addProduct(a3, b0)
          c31.addProduct(a3, b1)
        }
        for (r, (lo, hi)) in [(c00, c01), (c10, c11), (c20, c21), (c30, c31)].enumerated() {
          let offset = ((i &+ r) &* n &+ j) &* 8
          rc.storeBytes(
            of: rc.loadUnaligned(fromByteOffset: offset, as: Vec.self) + lo, toByteOffset: offset, as: Vec.self)
          rc.storeBytes(
            of: rc.loadUnaligned(fromByteOffset: offset &+ 32, as: Vec.self) + hi, toByteOffset: offset &+ 32,
            as: Vec.self)
        }
        j &+= 8
      }
      addTransposedProductScalar(a, b, c, k: k, m: m, n: n, rows: i..<(i + 4), cols: j..<n)
      i &+= 4
    }
    addTransposedProductScalar(a, b, c, k: k, m: m, n: n, rows: i..<m, cols: 0..<n)
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
