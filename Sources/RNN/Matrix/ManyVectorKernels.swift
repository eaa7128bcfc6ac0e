extension Kernels {
  /// A row-major `rows`×`cols` matrix A packed for ``matrixVectors(_:_:_:_:_:)``: its
  /// rows in groups of eight (the last group filled up with rows of zeros), and in a
  /// group, for each four columns, the four pairs of rows side by side, so that one
  /// 8-wide load brings four columns of two rows. The columns after the last multiple
  /// of four are left out: the kernel reads them from A itself. So are the rows after
  /// the last multiple of four, which ``matrixVector(_:_:_:_:_:)`` sums as ``dot(_:_:_:)``
  /// does, in another order.
  struct PackedRows {
    /// A's size.
    let rows: Int, cols: Int
    /// The packed entries, ``groups``·``blocks``·32 of them.
    let elements: [Double]
    /// The rows packed, a multiple of four.
    var packedRows: Int { rows & ~3 }
    /// Groups of eight rows, and blocks of four columns.
    var groups: Int { (packedRows + 7) / 8 }
    var blocks: Int { cols / 4 }

    init(_ a: UnsafePointer<Double>, rows: Int, cols: Int) {
      (self.rows, self.cols) = (rows, cols)
      let (groups, blocks) = (((rows & ~3) + 7) / 8, cols / 4)
      let packedRows = rows & ~3
      elements = [Double](unsafeUninitializedCapacity: groups * blocks * 32) { e, count in
        // Row r = 8g + k, columns 4q ..< 4q + 4 go to (g·blocks + q)·32 + 4k: pair k / 2,
        // half k % 2.
        let e = e.baseAddress!
        for r in 0..<(groups &* 8) {
          let (g, k) = (r &>> 3, r & 7)
          for q in 0..<blocks {
            let to = e + ((g &* blocks &+ q) &* 32 &+ k &* 4)
            let from = a + (r &* cols &+ q &* 4)
            for l in 0..<4 { to[l] = r < packedRows ? from[l] : 0 }
          }
        }
        count = groups * blocks * 32
      }
    }
  }

  /// Y = X·Aᵀ for a row-major `rows`×`cols` A and `count` vectors, the rows of X
  /// (`count`×`cols`); row t of Y (`count`×`rows`) is A·xₜ with exactly the bits of
  /// ``matrixVector(_:_:_:_:_:)``.
  static func matrixVectors(
    _ a: UnsafePointer<Double>, _ rows: Int, _ cols: Int,
    _ x: UnsafePointer<Double>, _ count: Int, _ y: UnsafeMutablePointer<Double>
  ) {
    matrixVectors(PackedRows(a, rows: rows, cols: cols), a, x, count, y)
  }

  /// ``matrixVectors(_:_:_:_:_:)`` with A packed beforehand, for an A that multiplies
  /// many batches of vectors, such as W_hh at every step. Tiles of eight rows of A by
  /// four vectors stay in sixteen registers: lane l of a row's accumulator sums the
  /// columns j ≡ l (mod 4) in order, as the four partial sums of the matrix-vector
  /// kernel do, and the lanes are added as (s₀ + s₁) + (s₂ + s₃) at the end.
  static func matrixVectors(
    _ packed: PackedRows, _ a: UnsafePointer<Double>,
    _ x: UnsafePointer<Double>, _ count: Int, _ y: UnsafeMutablePointer<Double>
  ) {
    packed.elements.withUnsafeBufferPointer { p in
      // Vectors in chunks of 32, so that a chunk stays in the first-level cache while
      // every group of rows passes by.
      var chunk = 0
      while chunk < count {
        let chunkEnd = min(chunk &+ 32, count)
        for g in 0..<packed.groups {
          var t = chunk
          while t < chunkEnd {
            let tile = PackedTile(packed: packed, panel: p.baseAddress!, a: a, x: x, y: y, group: g, first: t)
            switch chunkEnd &- t {
            case 1: tile.run(1)
            case 2: tile.run(2)
            case 3: tile.run(3)
            default: tile.run(4)
            }
            t &+= 4
          }
        }
        chunk = chunkEnd
      }
      for r in packed.packedRows..<packed.rows {
        for t in 0..<count { y[t &* packed.rows &+ r] = dot(a + r &* packed.cols, x + t &* packed.cols, packed.cols) }
      }
    }
  }

  /// Eight rows of A (one group) times up to four vectors from `first` on.
  private struct PackedTile {
    let packed: PackedRows
    let panel: UnsafePointer<Double>
    let a: UnsafePointer<Double>
    let x: UnsafePointer<Double>
    let y: UnsafeMutablePointer<Double>
    let group: Int
    let first: Int

    @inline(__always)
    func run(_ n: Int) {
      let (rows, cols, blocks) = (packed.rows, packed.cols, packed.blocks)
      let packedRows = packed.packedRows
      let rp = UnsafeRawPointer(panel + group &* blocks &* 32)
      var c0 = (Wide(), Wide(), Wide(), Wide())
      var c1 = (Wide(), Wide(), Wide(), Wide())
      var c2 = (Wide(), Wide(), Wide(), Wide())
      var c3 = (Wide(), Wide(), Wide(), Wide())
      for q in 0..<blocks {
        let o = q &* 256
        let p0 = rp.loadUnaligned(fromByteOffset: o, as: Wide.self)
        let p1 = rp.loadUnaligned(fromByteOffset: o &+ 64, as: Wide.self)
        let p2 = rp.loadUnaligned(fromByteOffset: o &+ 128, as: Wide.self)
        let p3 = rp.loadUnaligned(fromByteOffset: o &+ 192, as: Wide.self)
        @inline(__always) func step(_ b: Int, _ c: inout (Wide, Wide, Wide, Wide)) {
          // Four scalars rather than `loadUnaligned`, which the compiler may leave as a
          // call here; it joins them into one load.
          let e = x + ((first &+ b) &* cols &+ q &* 4)
          let half = Vec(e[0], e[1], e[2], e[3])
          let v = Wide(lowHalf: half, highHalf: half)
          c.0.addProduct(p0, v)
          c.1.addProduct(p1, v)
          c.2.addProduct(p2, v)
          c.3.addProduct(p3, v)
        }
        step(0, &c0)
        if n > 1 { step(1, &c1) }
        if n > 2 { step(2, &c2) }
        if n > 3 { step(3, &c3) }
      }
      let whole = (group &+ 1) &* 8 <= packedRows && cols & 3 == 0
      @inline(__always) func finish(_ b: Int, _ c: (Wide, Wide, Wide, Wide)) {
        let t = first &+ b
        let r0 = group &* 8
        if whole {
          // Each pair's lanes [s₀ s₁ s₂ s₃ | s₀′ s₁′ s₂′ s₃′] become (s₀ + s₁) + (s₂ + s₃)
          // and the same for the second row, eight rows at once, stored in one go.
          @inline(__always) func sums(_ p: Wide) -> SIMD2<Double> {
            let u = p.evenHalf + p.oddHalf  // [s₀ + s₁, s₂ + s₃, s₀′ + s₁′, s₂′ + s₃′]
            return u.evenHalf + u.oddHalf
          }
          let row = Wide(
            lowHalf: Vec(lowHalf: sums(c.0), highHalf: sums(c.1)),
            highHalf: Vec(lowHalf: sums(c.2), highHalf: sums(c.3)))
          UnsafeMutableRawPointer(y + (t &* rows &+ r0)).storeBytes(of: row, as: Wide.self)
          return
        }
        finishRow(c.0.lowHalf, a, r0, packedRows, cols, blocks &* 4, x + t &* cols, y + t &* rows)
        finishRow(c.0.highHalf, a, r0 &+ 1, packedRows, cols, blocks &* 4, x + t &* cols, y + t &* rows)
        finishRow(c.1.lowHalf, a, r0 &+ 2, packedRows, cols, blocks &* 4, x + t &* cols, y + t &* rows)
        finishRow(c.1.highHalf, a, r0 &+ 3, packedRows, cols, blocks &* 4, x + t &* cols, y + t &* rows)
        finishRow(c.2.lowHalf, a, r0 &+ 4, packedRows, cols, blocks &* 4, x + t &* cols, y + t &* rows)
        finishRow(c.2.highHalf, a, r0 &+ 5, packedRows, cols, blocks &* 4, x + t &* cols, y + t &* rows)
        finishRow(c.3.lowHalf, a, r0 &+ 6, packedRows, cols, blocks &* 4, x + t &* cols, y + t &* rows)
        finishRow(c.3.highHalf, a, r0 &+ 7, packedRows, cols, blocks &* 4, x + t &* cols, y + t &* rows)
      }
      finish(0, c0)
      if n > 1 { finish(1, c1) }
      if n > 2 { finish(2, c2) }
      if n > 3 { finish(3, c3) }
    }

    /// ``Kernels/finishRow(_:_:_:_:_:_:_:)`` for a row that was packed (r < packedRows),
    /// into row-major Y of `rows` columns.
    @inline(__always)
    private func finishRow(
      _ s: Vec, _ a: UnsafePointer<Double>, _ r: Int, _ packedRows: Int, _ cols: Int, _ j: Int,
      _ x: UnsafePointer<Double>, _ y: UnsafeMutablePointer<Double>
    ) {
      if r < packedRows { Kernels.finishRow(s, a, r, cols, j, x, y) }
    }
  }
}
