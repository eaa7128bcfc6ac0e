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
  ///
  /// A long sum runs in chunks of 128 rows of A and B, its partial sums kept in a
  /// matrix S between chunks (stored and loaded exactly, so the chain is unbroken):
  /// a chunk of B's columns for one tile then stays in the first-level cache while
  /// every tile of rows passes by.
  static func addTransposedProduct(
    _ a: UnsafePointer<Double>, _ b: UnsafePointer<Double>, _ c: UnsafeMutablePointer<Double>,
    k: Int, m: Int, n: Int
  ) {
    let chunk = 128
    guard k > chunk else {
      outerProductTiles(
        broadcast: a, tileStride: 1, stepStride: m, vectors: b, vectorStride: n, steps: k,
        out: c, outRows: m, outCols: n, mode: .addSum)
      return
    }
    withUnsafeTemporaryAllocation(of: Double.self, capacity: m &* n) { s in
      var l = 0
      while l < k {
        outerProductTiles(
          broadcast: a + l &* m, tileStride: 1, stepStride: m, vectors: b + l &* n, vectorStride: n,
          steps: min(chunk, k &- l), out: s.baseAddress!, outRows: m, outCols: n, mode: l == 0 ? .set : .resume)
        l &+= chunk
      }
      for e in 0..<(m &* n) { c[e] += s[e] }
    }
  }

  /// C += Aᵀ·B with A's and B's rows `stepStride` and `vectorStride` entries apart (a
  /// negative stride reads them backwards): entry (i, j) is summed over l in order from
  /// 0, then added to C, as in ``addTransposedProduct(_:_:_:k:m:n:)``.
  static func addTransposedProduct(
    _ a: UnsafePointer<Double>, stepStride: Int, _ b: UnsafePointer<Double>, vectorStride: Int,
    _ c: UnsafeMutablePointer<Double>, k: Int, m: Int, n: Int
  ) {
    outerProductTiles(
      broadcast: a, tileStride: 1, stepStride: stepStride, vectors: b, vectorStride: vectorStride, steps: k,
      out: c, outRows: m, outCols: n, mode: .addSum)
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
      out: y, outRows: count, outCols: cols, mode: .resume)
  }

  /// Y = X·A, the same sums as ``addTransposedMatrixVectors(_:_:_:_:_:_:)`` into a Y of
  /// zeros, with Y's old entries never read (so it need not be cleared first).
  static func setTransposedMatrixVectors(
    _ a: UnsafePointer<Double>, _ rows: Int, _ cols: Int,
    _ x: UnsafePointer<Double>, _ count: Int, _ y: UnsafeMutablePointer<Double>
  ) {
    outerProductTiles(
      broadcast: x, tileStride: rows, stepStride: 1, vectors: a, vectorStride: cols, steps: rows,
      out: y, outRows: count, outCols: cols, mode: .set)
  }

  /// Where each chain of ``outerProductTiles`` starts and where its sum goes.
  enum TileMode {
    /// From 0, then added to the output.
    case addSum
    /// From the output's entry, then stored over it.
    case resume
    /// From 0, then stored: the output's old entries are never read.
    case set
  }

  /// out[i][j] for i < outRows, j < outCols, as a chain over the steps l of
  /// s ← s + broadcast[i·tileStride + l·stepStride] · vectors[l·vectorStride + j]:
  /// starting from 0 or from out, and added to out or stored, as `mode` says.
  /// Tiles of eight rows by sixteen or eight columns; the last columns, fewer than
  /// eight, by a tile of eight that ends at the last column and writes only its new
  /// columns (each entry being its own chain, the others are only computed again).
  private static func outerProductTiles(
    broadcast: UnsafePointer<Double>, tileStride: Int, stepStride: Int,
    vectors: UnsafePointer<Double>, vectorStride: Int, steps: Int,
    out: UnsafeMutablePointer<Double>, outRows: Int, outCols: Int, mode: TileMode
  ) {
    var j = 0
    while j < outCols {
      let left = outCols &- j
      let (width, first, skip) =
        left >= 16 ? (16, j, 0) : left >= 8 ? (8, j, 0) : outCols >= 8 ? (left, outCols &- 8, 8 &- left) : (left, j, -1)
      var i = 0
      while i < outRows {
        let tile = OuterTile(
          broadcast: broadcast + i &* tileStride, tileStride: tileStride, stepStride: stepStride,
          vectors: vectors + first, vectorStride: vectorStride, steps: steps,
          out: out + (i &* outCols &+ first), outStride: outCols, mode: mode, skip: max(skip, 0))
        let rowsLeft = min(8, outRows &- i)
        if skip < 0 {
          tile.runScalar(rowsLeft, columns: width)
        } else if width == 16 {
          tile.run(rowsLeft, two: true)
        } else {
          tile.run(rowsLeft, two: false)
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
    let mode: TileMode
    /// Columns at the start of the tile not to write: another tile wrote them.
    let skip: Int

    /// Dispatches on the number of rows, so that each case is compiled with it fixed.
    @inline(__always)
    func run(_ rows: Int, two: Bool) {
      switch rows {
      case 8: tile(8, two: two)
      case 7: tile(7, two: two)
      case 6: tile(6, two: two)
      case 5: tile(5, two: two)
      case 4: tile(4, two: two)
      case 3: tile(3, two: two)
      case 2: tile(2, two: two)
      default: tile(1, two: two)
      }
    }

    /// `rows`×8 or `rows`×16 entries, in up to sixteen accumulators.
    @inline(__always)
    func tile(_ rows: Int, two: Bool) {
      let rv = UnsafeRawPointer(vectors)
      let ro = UnsafeMutableRawPointer(out)
      var c = (Wide(), Wide(), Wide(), Wide(), Wide(), Wide(), Wide(), Wide())
      var d = (Wide(), Wide(), Wide(), Wide(), Wide(), Wide(), Wide(), Wide())
      @inline(__always) func start(_ r: Int) -> (Wide, Wide) {
        guard mode == .resume else { return (Wide(), Wide()) }
        let o = r &* outStride &* 8
        return (
          ro.loadUnaligned(fromByteOffset: o, as: Wide.self),
          two ? ro.loadUnaligned(fromByteOffset: o &+ 64, as: Wide.self) : Wide()
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
        let b0 = rv.loadUnaligned(fromByteOffset: v &* 8, as: Wide.self)
        let b1 = two ? rv.loadUnaligned(fromByteOffset: (v &+ 8) &* 8, as: Wide.self) : Wide()
        @inline(__always) func step(_ r: Int, _ x: inout Wide, _ y: inout Wide) {
          let a = Wide(repeating: s[r &* tileStride])
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
      @inline(__always) func finish(_ r: Int, _ x: Wide, _ y: Wide) {
        let o = r &* outStride &* 8
        if skip > 0 {
          let row = out + r &* outStride
          for lane in skip..<8 { row[lane] = mode == .addSum ? row[lane] + x[lane] : x[lane] }
        } else if mode == .addSum {
          ro.storeBytes(of: ro.loadUnaligned(fromByteOffset: o, as: Wide.self) + x, toByteOffset: o, as: Wide.self)
          if two {
            let o2 = o &+ 64
            ro.storeBytes(of: ro.loadUnaligned(fromByteOffset: o2, as: Wide.self) + y, toByteOffset: o2, as: Wide.self)
          }
        } else {
          ro.storeBytes(of: x, toByteOffset: o, as: Wide.self)
          if two { ro.storeBytes(of: y, toByteOffset: o &+ 64, as: Wide.self) }
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

    /// Fewer than eight columns in all, entry by entry.
    func runScalar(_ rows: Int, columns: Int) {
      for r in 0..<rows {
        for j in 0..<columns {
          let o = r &* outStride &+ j
          var sum = mode == .resume ? out[o] : 0
          for l in 0..<steps {
            sum = sum.addingProduct(broadcast[r &* tileStride &+ l &* stepStride], vectors[l &* vectorStride &+ j])
          }
          if mode == .addSum { out[o] += sum } else { out[o] = sum }
        }
      }
    }
  }
}
