/// A matrix read as its transpose, without copying it: `W.T`.
///
/// `W.T * v` and `a * b.T` multiply straight from W's rows, so the backward pass can
/// be written as the math is (`dh = Why.T * dy`, `dWhy += dy * h.T`) at no extra cost.
public struct Transposed: Sendable {
  /// The matrix whose transpose this is.
  public let base: Matrix

  /// The transpose as a matrix of its own (a copy).
  public var matrix: Matrix {
    var t = Matrix(rows: base.cols, cols: base.rows)
    for r in 0..<base.rows {
      for c in 0..<base.cols { t[c, r] = base[r, c] }
    }
    return t
  }
}

extension Matrix {
  /// This matrix transposed (a view, no copy).
  public var T: Transposed { Transposed(base: self) }

  /// Aᵀ·B, computed from A's rows.
  public static func * (a: Transposed, b: Matrix) -> Matrix {
    let m = a.base
    precondition(m.rows == b.rows, "cannot multiply (\(m.shape))ᵀ by \(b.shape)")
    var c = Matrix(rows: m.cols, cols: b.cols)
    m.elements.withUnsafeBufferPointer { pm in
      b.elements.withUnsafeBufferPointer { pb in
        c.elements.withUnsafeMutableBufferPointer { pc in
          if b.cols == 1 {
            Kernels.addTransposedMatrixVector(
              pm.baseAddress!, m.rows, m.cols, pb.baseAddress!, pc.baseAddress!)
          } else {
            Kernels.addTransposedProduct(
              pm.baseAddress!, pb.baseAddress!, pc.baseAddress!, k: m.rows, m: m.cols, n: b.cols)
          }
        }
      }
    }
    return c
  }

  /// A·Bᵀ; for two vectors a and b, the outer product a·bᵀ.
  public static func * (a: Matrix, b: Transposed) -> Matrix {
    var c = Matrix(rows: a.rows, cols: b.base.rows)
    c.addProduct(a, b)
    return c
  }

  /// Adds A·Bᵀ to this matrix in place: `dW.addProduct(dh, x.T)` is `dW += dh * x.T`
  /// without a temporary matrix.
  public mutating func addProduct(_ a: Matrix, _ b: Transposed) {
    let m = b.base
    precondition(a.cols == m.cols, "cannot multiply \(a.shape) by (\(m.shape))ᵀ")
    precondition(rows == a.rows && cols == m.rows, "cannot add a \(a.rows)×\(m.rows) product to \(shape)")
    let n = cols
    a.elements.withUnsafeBufferPointer { pa in
      m.elements.withUnsafeBufferPointer { pm in
        elements.withUnsafeMutableBufferPointer { pc in
          if a.cols == 1 {
            Kernels.addOuter(pa.baseAddress!, pm.baseAddress!, pc.baseAddress!, a.rows, n)
          } else {
            for i in 0..<a.rows {
              for j in 0..<n {
                pc[i * n + j] += Kernels.dot(
                  pa.baseAddress! + i * a.cols, pm.baseAddress! + j * m.cols, a.cols)
              }
            }
          }
        }
      }
    }
  }
}
