/// The element-wise (Hadamard) product, written ⊙ in the lessons: `a .* b`.
infix operator .* : MultiplicationPrecedence

extension Matrix {
  /// The matrix product A·B; for a vector B, the matrix-vector product.
  public static func * (a: Matrix, b: Matrix) -> Matrix {
    precondition(a.cols == b.rows, "cannot multiply \(a.shape) by \(b.shape)")
    var c = Matrix(rows: a.rows, cols: b.cols)
    a.elements.withUnsafeBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        c.elements.withUnsafeMutableBufferPointer { pc in
          if b.cols == 1 {
            Kernels.matrixVector(pa.baseAddress!, a.rows, a.cols, pb.baseAddress!, pc.baseAddress!)
          } else {
            for i in 0..<a.rows {
              for k in 0..<a.cols {
                Kernels.axpy(
                  pa[i * a.cols + k], pb.baseAddress! + k * b.cols,
                  pc.baseAddress! + i * b.cols, b.cols)
              }
            }
          }
        }
      }
    }
    return c
  }

  /// The sum of two matrices of the same shape.
  public static func + (a: consuming Matrix, b: Matrix) -> Matrix {
    a += b
    return a
  }

  /// The difference of two matrices of the same shape.
  public static func - (a: consuming Matrix, b: Matrix) -> Matrix {
    a -= b
    return a
  }

  /// Every entry negated.
  public static prefix func - (a: consuming Matrix) -> Matrix {
    a *= -1
    return a
  }

  /// The element-wise product a ⊙ b.
  public static func .* (a: consuming Matrix, b: Matrix) -> Matrix {
    precondition(a.rows == b.rows && a.cols == b.cols, "cannot multiply \(a.shape) by \(b.shape) element-wise")
    a.elements.withUnsafeMutableBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        for i in 0..<pa.count { pa[i] *= pb[i] }
      }
    }
    return a
  }

  /// Every entry times a number.
  public static func * (s: Double, a: consuming Matrix) -> Matrix {
    a *= s
    return a
  }

  /// Every entry times a number.
  public static func * (a: consuming Matrix, s: Double) -> Matrix {
    a *= s
    return a
  }

  /// Every entry divided by a number.
  public static func / (a: consuming Matrix, s: Double) -> Matrix {
    a *= 1 / s
    return a
  }

  /// A number minus every entry: `1 - h .* h` is the derivative of tanh.
  public static func - (s: Double, a: consuming Matrix) -> Matrix {
    a.updateEach { s - $0 }
    return a
  }

  /// Adds b to a in place.
  public static func += (a: inout Matrix, b: Matrix) {
    precondition(a.rows == b.rows && a.cols == b.cols, "cannot add \(b.shape) to \(a.shape)")
    a.elements.withUnsafeMutableBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        Kernels.axpy(1, pb.baseAddress!, pa.baseAddress!, pa.count)
      }
    }
  }

  /// Subtracts b from a in place.
  public static func -= (a: inout Matrix, b: Matrix) {
    precondition(a.rows == b.rows && a.cols == b.cols, "cannot subtract \(b.shape) from \(a.shape)")
    a.elements.withUnsafeMutableBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        Kernels.axpy(-1, pb.baseAddress!, pa.baseAddress!, pa.count)
      }
    }
  }

  /// Multiplies every entry by s in place.
  public static func *= (a: inout Matrix, s: Double) {
    a.updateEach { $0 * s }
  }

  /// Replaces every entry x by f(x), in place.
  @inlinable
  public mutating func updateEach(_ f: (Double) -> Double) {
    elements.withUnsafeMutableBufferPointer { e in
      for i in 0..<e.count { e[i] = f(e[i]) }
    }
  }

  /// Adds `scale`·b to this matrix in place (the "axpy" of linear algebra).
  public mutating func add(_ b: Matrix, times scale: Double) {
    precondition(rows == b.rows && cols == b.cols, "cannot add \(b.shape) to \(shape)")
    elements.withUnsafeMutableBufferPointer { pa in
      b.elements.withUnsafeBufferPointer { pb in
        Kernels.axpy(scale, pb.baseAddress!, pa.baseAddress!, pa.count)
      }
    }
  }
}
