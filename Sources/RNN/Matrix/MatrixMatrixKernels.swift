/// Register-tiled products of matrices, with the bits of the matrix-vector kernels.
///
/// Each entry of a product is one chain of fused multiply-adds, in the order the
/// matrix-vector kernels fix; these kernels only choose which chains run side by side.
/// A tile of entries stays in vector registers while its chains run, so each load
/// serves several multiply-adds, and the chains of a tile are independent, so the
/// arithmetic units never wait for one another.
extension Kernels {
  typealias Wide = SIMD8<Double>

  /// C += Aᵀ·B for row-major A (`k`×`m`), B (`k`×`n`) and C (`m`×`n`): the sum over l
  /// of outer products of A's and B's rows, such as Σₜ dzₜ·hₜ₋₁ᵀ. Entry (i, j) is
  /// summed over l in order from 0, then added to C.
  static func addTransposedProduct(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    k: Int, m: Int, n: Int
  ) {
    outerProductTiles(
      broadcast: a, tileStride: 1, stepStride: m, vectors: b, vectorStride: n, steps: k,
      out: c, outRows: m, outCols: n, addSum: true)
  }

  /// Y += X·A for a row-major `rows`×`cols` A and X (`count`×`rows`), Y (`count`×`cols`):
  /// row t of Y gains Aᵀ·xₜ with exactly the bits of
  /// ``addTransposedMatrixVector(_:_:_:_:_:)``, each entry receiving the rows' products
  /// one by one, in row order.
  static func addTransposedMatrixVectors(
    _ a: UnsafePointer<Double>, _ rows: Int, _ cols: Int,
    _ x: UnsafePointer<Double>, _ count: Int, _ y: UnsafeMutablePointer<Double>
  ) {
    outerProductTiles(
      broadcast: x, tileStride: rows, stepStride: 1, vectors: a, vectorStride: cols, steps: rows,
      out: y, outRows: count, outCols: cols, addSum: false)
  }

  /// out[i][j] for i < outRows, j < outCols, as a chain over the steps l of
  /// s ← s + broadcast[i·tileStride + l·stepStride] · vectors[l·vectorStride + j]:
  /// starting from 0 and added to out at the end (`addSum`), or starting from out.
  /// Tiles of eight rows by sixteen columns, then narrower ones for the edges.
  private static func outerProductTiles(
    broadcast: UnsafePointer<Double>, tileStride: Int, stepStride: Int,
    vectors: UnsafePointer<Double>, vectorStride: Int, steps: Int,
    out: UnsafeMutablePointer<Double>, outRows: Int, outCols: Int, addSum: Bool
  ) {
    var j = 0
    while j < outCols {
      let width = outCols - j >= 16 ? 16 : outCols - j >= 8 ? 8 : outCols - j >= 4 ? 4 : 1
      var i = 0
      while i < outRows {
        let tile = OuterTile(
          broadcast: broadcast + i &* tileStride, tileStride: tileStride, stepStride: stepStride,
          vectors: vectors + j, vectorStride: vectorStride, steps: steps,
          out: out + (i &* outCols &+ j), outStride: outCols, addSum: addSum)
        let rowsLeft = min(8, outRows &- i)
        switch width {
        case 16: tile.run(rowsLeft, Wide.self, two: true)
        case 8: tile.run(rowsLeft, Wide.self, two: false)
        case 4: tile.run(rowsLeft, Vec.self, two: false)
        default: tile.runScalar(rowsLeft)
        }
        i &+= 8
      }
      j &+= width
    }
  }

  /// Up to eight rows of ``outerProductTiles``, one or two vectors wide.
  private struct OuterTile {
    let broadcast: UnsafePointer<Double>
    let tileStride: Int
    let stepStride: Int
    let vectors: UnsafePointer<Double>
    let vectorStride: Int
    let steps: Int
    let out: UnsafeMutablePointer<Double>
    let outStride: Int
    let addSum: Bool

    /// Dispatches on the number of rows, so that each case is compiled with it fixed.
    @inline(__always)
    func run<V: SIMD>(_ rows: Int, _: V.Type, two: Bool) where V.Scalar == Double {
      switch rows {
      case 8: tile(8, V.self, two: two)
      case 7: tile(7, V.self, two: two)
      case 6: tile(6, V.self, two: two)
      case 5: tile(5, V.self, two: two)
      case 4: tile(4, V.self, two: two)
      case 3: tile(3, V.self, two: two)
      case 2: tile(2, V.self, two: two)
      default: tile(1, V.self, two: two)
      }
    }

    /// `rows`×(1 or 2)·w entries, in up to sixteen accumulators.
    @inline(__always)
    func tile<V: SIMD>(_ rows: Int, _: V.Type, two: Bool) where V.Scalar == Double {
      let w = V.scalarCount
      let rv = UnsafeRawPointer(vectors)
      let ro = UnsafeMutableRawPointer(out)
      var c = (V(), V(), V(), V(), V(), V(), V(), V())
      var d = (V(), V(), V(), V(), V(), V(), V(), V())
      @inline(__always) func start(_ r: Int) -> (V, V) {
        guard !addSum else { return (V(), V()) }
        let o = r &* outStride &* 8
        return (
          ro.loadUnaligned(fromByteOffset: o, as: V.self),
          two ? ro.loadUnaligned(fromByteOffset: o &+ w &* 8, as: V.self) : V()
        )
      }
      (c.0, d.0) = start(0)
      if rows > 1 { (c.1, d.1) = start(1) }
      if rows > 2 { (c.2, d.2) = start(2) }
      if rows > 3 { (c.3, d.3) = start(3) }
      if rows > 4 { (c.4, d.4) = start(4) }
      if rows > 5 { (c.5, d.5) = start(5) }
      if rows > 6 { (c.6, d.6) = start(6) }
      if rows > 7 { (c.7, d.7) = start(7) }
      var s = broadcast
      var v = 0
      for _ in 0..<steps {
        let b0 = rv.loadUnaligned(fromByteOffset: v &* 8, as: V.self)
        let b1 = two ? rv.loadUnaligned(fromByteOffset: (v &+ w) &* 8, as: V.self) : V()
        @inline(__always) func step(_ r: Int, _ x: inout V, _ y: inout V) {
          let a = V(repeating: s[r &* tileStride])
          x.addProduct(a, b0)
          if two { y.addProduct(a, b1) }
        }
        step(0, &c.0, &d.0)
        if rows > 1 { step(1, &c.1, &d.1) }
        if rows > 2 { step(2, &c.2, &d.2) }
        if rows > 3 { step(3, &c.3, &d.3) }
        if rows > 4 { step(4, &c.4, &d.4) }
        if rows > 5 { step(5, &c.5, &d.5) }
        if rows > 6 { step(6, &c.6, &d.6) }
        if rows > 7 { step(7, &c.7, &d.7) }
        s += stepStride
        v &+= vectorStride
      }
      @inline(__always) func finish(_ r: Int, _ x: V, _ y: V) {
        let o = r &* outStride &* 8
        if addSum {
          ro.storeBytes(of: ro.loadUnaligned(fromByteOffset: o, as: V.self) + x, toByteOffset: o, as: V.self)
          if two {
            let o2 = o &+ w &* 8
            ro.storeBytes(of: ro.loadUnaligned(fromByteOffset: o2, as: V.self) + y, toByteOffset: o2, as: V.self)
          }
        } else {
          ro.storeBytes(of: x, toByteOffset: o, as: V.self)
          if two { ro.storeBytes(of: y, toByteOffset: o &+ w &* 8, as: V.self) }
        }
      }
      finish(0, c.0, d.0)
      if rows > 1 { finish(1, c.1, d.1) }
      if rows > 2 { finish(2, c.2, d.2) }
      if rows > 3 { finish(3, c.3, d.3) }
      if rows > 4 { finish(4, c.4, d.4) }
      if rows > 5 { finish(5, c.5, d.5) }
      if rows > 6 { finish(6, c.6, d.6) }
      if rows > 7 { finish(7, c.7, d.7) }
    }

    /// One column, entry by entry, for the edges the vectors leave over.
    func runScalar(_ rows: Int) {
      for r in 0..<rows {
        var sum = addSum ? 0 : out[r &* outStride]
        for l in 0..<steps {
          sum = sum.addingProduct(broadcast[r &* tileStride &+ l &* stepStride], vectors[l &* vectorStride])
        }
        if addSum { out[r &* outStride] += sum } else { out[r &* outStride] = sum }
      }
    }
  }
}
