extension Matrix {
  /// The matrix whose entry i is f(a[i], b[i]): an element-wise formula in one pass.
  ///
  /// `Matrix.combining(h, d) { h, d in (1 - h * h) * d }` gives the bits of
  /// `(1 - h .* h) .* d`, the same operations in the same order on each entry, with one
  /// new matrix instead of one per operator.
  @inlinable
  public static func combining(_ a: Matrix, _ b: Matrix, _ f: (Double, Double) -> Double) -> Matrix {
    var result = Matrix(rows: a.rows, cols: a.cols)
    result.set(combining: a, b, f)
    return result
  }

  /// The matrix whose entry i is f(a[i], b[i], c[i]); see ``combining(_:_:_:)``.
  @inlinable
  public static func combining(
    _ a: Matrix, _ b: Matrix, _ c: Matrix, _ f: (Double, Double, Double) -> Double
  ) -> Matrix {
    var result = Matrix(rows: a.rows, cols: a.cols)
    result.set(combining: a, b, c, f)
    return result
  }

  /// The matrix whose entry i is f(a[i], b[i], c[i], d[i]); see ``combining(_:_:_:)``.
  @inlinable
  public static func combining(
    _ a: Matrix, _ b: Matrix, _ c: Matrix, _ d: Matrix, _ f: (Double, Double, Double, Double) -> Double
  ) -> Matrix {
    var result = Matrix(rows: a.rows, cols: a.cols)
    result.set(combining: a, b, c, d, f)
    return result
  }
}

extension Matrix {
  /// Whether `other` has this matrix's rows and columns.
  @usableFromInline
  func sameShape(_ other: Matrix) -> Bool { rows == other.rows && cols == other.cols }
}
