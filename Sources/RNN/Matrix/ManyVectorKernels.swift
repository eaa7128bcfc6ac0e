extension Kernels {
  /// Y = X·Aᵀ for a row-major `rows`×`cols` A and `count` vectors, the rows of X
  /// (`count`×`cols`); row t of Y (`count`×`rows`) is A·xₜ with exactly the bits of
  /// ``matrixVector(_:_:_:_:_:)``. Blocks of four rows of A stay in registers' reach
  /// while two vectors at a time pass by.
  static func matrixVectors(
    _ a: UnsafePointer<Double>, _ rows: Int, _ cols: Int,
    _ x: UnsafePointer<Double>, _ count: Int, _ y: UnsafeMutablePointer<Double>
  ) {
    var r = 0
    while r + 4 <= rows {
      var t = 0
      while t + 2 <= count {
        fourRowsTwoVectors(a, r, cols, x + t &* cols, x + (t &+ 1) &* cols, y + t &* rows, y + (t &+ 1) &* rows)
        t &+= 2
      }
      if t < count {
        let xt = x + t &* cols
        fourRowsTwoVectors(a, r, cols, xt, xt, y + t &* rows, y + t &* rows)
      }
      r &+= 4
    }
    while r < rows {
      for t in 0..<count { y[t &* rows &+ r] = dot(a + r &* cols, x + t &* cols, cols) }
      r &+= 1
    }
  }

  /// Rows r..<r + 4 of A times two vectors, each summed as in ``matrixVector(_:_:_:_:_:)``.
  @inline(__always)
  private static func fourRowsTwoVectors(
    _ a: UnsafePointer<Double>, _ r: Int, _ cols: Int,
    _ x0: UnsafePointer<Double>, _ x1: UnsafePointer<Double>,
    _ y0: UnsafeMutablePointer<Double>, _ y1: UnsafeMutablePointer<Double>
  ) {
    let ra = UnsafeRawPointer(a + r &* cols)
    let (rx0, rx1) = (UnsafeRawPointer(x0), UnsafeRawPointer(x1))
    let stride = cols &* 8
    var s = (Vec(repeating: 0), Vec(repeating: 0), Vec(repeating: 0), Vec(repeating: 0))
    var u = (Vec(repeating: 0), Vec(repeating: 0), Vec(repeating: 0), Vec(repeating: 0))
    var j = 0
    while j + 4 <= cols {
      let o = j &* 8
      let (v0, v1) = (
        rx0.loadUnaligned(fromByteOffset: o, as: Vec.self), rx1.loadUnaligned(fromByteOffset: o, as: Vec.self)
      )
      let a0 = ra.loadUnaligned(fromByteOffset: o, as: Vec.self)
      let a1 = ra.loadUnaligned(fromByteOffset: o &+ stride, as: Vec.self)
      let a2 = ra.loadUnaligned(fromByteOffset: o &+ 2 &* stride, as: Vec.self)
      let a3 = ra.loadUnaligned(fromByteOffset: o &+ 3 &* stride, as: Vec.self)
      s.0.addProduct(a0, v0)
      s.1.addProduct(a1, v0)
      s.2.addProduct(a2, v0)
      s.3.addProduct(a3, v0)
      u.0.addProduct(a0, v1)
      u.1.addProduct(a1, v1)
      u.2.addProduct(a2, v1)
      u.3.addProduct(a3, v1)
      j &+= 4
    }
    // y1 may be y0 (an odd vector out): it is written first, then overwritten equal.
    finishRow(u.0, a, r, cols, j, x1, y1)
    finishRow(u.1, a, r &+ 1, cols, j, x1, y1)
    finishRow(u.2, a, r &+ 2, cols, j, x1, y1)
    finishRow(u.3, a, r &+ 3, cols, j, x1, y1)
    finishRow(s.0, a, r, cols, j, x0, y0)
    finishRow(s.1, a, r &+ 1, cols, j, x0, y0)
    finishRow(s.2, a, r &+ 2, cols, j, x0, y0)
    finishRow(s.3, a, r &+ 3, cols, j, x0, y0)
  }

  /// Row t of Y (`count`×`cols`) += Aᵀ·xₜ for a row-major `rows`×`cols` A and the rows
  /// xₜ of X (`count`×`rows`), with exactly the bits of
  /// ``addTransposedMatrixVector(_:_:_:_:_:)``: each entry receives the rows' products
  /// one by one, in row order. Four rows of A are loaded once for two vectors.
  static func addTransposedMatrixVectors(
    _ a: UnsafePointer<Double>, _ rows: Int, _ cols: Int,
    _ x: UnsafePointer<Double>, _ count: Int, _ y: UnsafeMutablePointer<Double>
  ) {
    var r = 0
    while r + 4 <= rows {
      var t = 0
      while t + 2 <= count {
        addFourRowsTwoVectors(a, r, cols, x + t &* rows, x + (t &+ 1) &* rows, y + t &* cols, y + (t &+ 1) &* cols)
        t &+= 2
      }
      if t < count {
        addFourRowsTwoVectors(a, r, cols, x + t &* rows, nil, y + t &* cols, nil)
      }
      r &+= 4
    }
    while r < rows {
      for t in 0..<count { axpy(x[t &* rows &+ r], a + r &* cols, y + t &* cols, cols) }
      r &+= 1
    }
  }

  /// yₜ += rows r..<r + 4 of A, scaled by xₜ's entries, for one or two vectors.
  @inline(__always)
  private static func addFourRowsTwoVectors(
    _ a: UnsafePointer<Double>, _ r: Int, _ cols: Int,
    _ x0: UnsafePointer<Double>, _ x1: UnsafePointer<Double>?,
    _ y0: UnsafeMutablePointer<Double>, _ y1: UnsafeMutablePointer<Double>?
  ) {
    let ra = UnsafeRawPointer(a + r &* cols)
    let stride = cols &* 8
    let p = (Vec(repeating: x0[r]), Vec(repeating: x0[r &+ 1]), Vec(repeating: x0[r &+ 2]), Vec(repeating: x0[r &+ 3]))
    let two = x1 != nil
    let x1 = x1 ?? x0
    let q = (Vec(repeating: x1[r]), Vec(repeating: x1[r &+ 1]), Vec(repeating: x1[r &+ 2]), Vec(repeating: x1[r &+ 3]))
    let (ry0, ry1) = (UnsafeMutableRawPointer(y0), UnsafeMutableRawPointer(y1 ?? y0))
    var j = 0
    while j + 4 <= cols {
      let o = j &* 8
      let a0 = ra.loadUnaligned(fromByteOffset: o, as: Vec.self)
      let a1 = ra.loadUnaligned(fromByteOffset: o &+ stride, as: Vec.self)
      let a2 = ra.loadUnaligned(fromByteOffset: o &+ 2 &* stride, as: Vec.self)
      let a3 = ra.loadUnaligned(fromByteOffset: o &+ 3 &* stride, as: Vec.self)
      var v = ry0.loadUnaligned(fromByteOffset: o, as: Vec.self)
      v.addProduct(p.0, a0)
      v.addProduct(p.1, a1)
      v.addProduct(p.2, a2)
      v.addProduct(p.3, a3)
      ry0.storeBytes(of: v, toByteOffset: o, as: Vec.self)
      if two {
        var w = ry1.loadUnaligned(fromByteOffset: o, as: Vec.self)
        w.addProduct(q.0, a0)
        w.addProduct(q.1, a1)
        w.addProduct(q.2, a2)
        w.addProduct(q.3, a3)
        ry1.storeBytes(of: w, toByteOffset: o, as: Vec.self)
      }
      j &+= 4
    }
    while j < cols {
      var v = y0[j]
      for k in 0..<4 { v = v.addingProduct(x0[r &+ k], a[(r &+ k) &* cols &+ j]) }
      y0[j] = v
      if let y1 {
        var w = y1[j]
        for k in 0..<4 { w = w.addingProduct(x1[r &+ k], a[(r &+ k) &* cols &+ j]) }
        y1[j] = w
      }
      j &+= 1
    }
  }
}
