extension Matrix {
  /// The matrix whose entry i is f(a[i], b[i]): an element-wise formula in one pass.
  ///
  /// `Matrix.combining(h, d) { h, d in (1 - h * h) * d }` gives the bits of
  /// `(1 - h .* h) .* d`, the same operations in the same order on each entry, with one
  /// new matrix instead of one per operator.
  @inlinable
  public static func combining(_ a: Matrix, _ b: Matrix, _ f: (Double, Double) -> Double) -> Matrix {
    precondition(a.sameShape(b), "cannot combine \(a.shape) with \(b.shape)")
    let elements = a.elements.withUnsafeBufferPointer { a in
      b.elements.withUnsafeBufferPointer { b in
        [Double](unsafeUninitializedCapacity: a.count) { out, count in
          for i in 0..<a.count { out[i] = f(a[i], b[i]) }
          count = a.count
        }
      }
    }
    return Matrix(rows: a.rows, cols: a.cols, elements: elements)
  }

  /// The matrix whose entry i is f(a[i], b[i], c[i]); see ``combining(_:_:_:)``.
  @inlinable
  public static func combining(
    _ a: Matrix, _ b: Matrix, _ c: Matrix, _ f: (Double, Double, Double) -> Double
  ) -> Matrix {
    precondition(a.sameShape(b) && a.sameShape(c), "cannot combine \(a.shape), \(b.shape), \(c.shape)")
    let elements = a.elements.withUnsafeBufferPointer { a in
      b.elements.withUnsafeBufferPointer { b in
        c.elements.withUnsafeBufferPointer { c in
          [Double](unsafeUninitializedCapacity: a.count) { out, count in
            for i in 0..<a.count { out[i] = f(a[i], b[i], c[i]) }
            count = a.count
          }
        }
      }
    }
    return Matrix(rows: a.rows, cols: a.cols, elements: elements)
  }

  /// The matrix whose entry i is f(a[i], b[i], c[i], d[i]); see ``combining(_:_:_:)``.
  @inlinable
  public static func combining(
    _ a: Matrix, _ b: Matrix, _ c: Matrix, _ d: Matrix, _ f: (Double, Double, Double, Double) -> Double
  ) -> Matrix {
    precondition(
      a.sameShape(b) && a.sameShape(c) && a.sameShape(d),
      "cannot combine \(a.shape), \(b.shape), \(c.shape), \(d.shape)")
    let elements = a.elements.withUnsafeBufferPointer { a in
      b.elements.withUnsafeBufferPointer { b in
        c.elements.withUnsafeBufferPointer { c in
          d.elements.withUnsafeBufferPointer { d in
            [Double](unsafeUninitializedCapacity: a.count) { out, count in
              for i in 0..<a.count { out[i] = f(a[i], b[i], c[i], d[i]) }
              count = a.count
            }
          }
        }
      }
    }
    return Matrix(rows: a.rows, cols: a.cols, elements: elements)
  }
}

extension Matrix {
  /// Whether `other` has this matrix's rows and columns.
  @usableFromInline
  func sameShape(_ other: Matrix) -> Bool { rows == other.rows && cols == other.cols }
}
