/// One matrix times many vectors at once: W·v₁ … W·v_T, and Wᵀ·v₁ … Wᵀ·v_T.
///
/// The results are those of `W * v` and `W.T * v` for each vector, bit for bit (every
/// entry is summed in the same order), but each block of W's rows is loaded once for
/// all the vectors while it sits in the fastest cache, instead of streaming the whole
/// of W through it once per vector. A model uses this for the products that do not
/// depend on the recurrence, such as the outputs yₜ = W_hy·hₜ of every step.
extension Matrix {
  /// W·vₜ for every vector vₜ, in order.
  public static func * (w: Matrix, vectors: [Matrix]) -> [Matrix] {
    precondition(
      vectors.allSatisfy { $0.rows == w.cols && $0.cols == 1 }, "cannot multiply \(w.shape) by these vectors")
    if vectors.isEmpty { return [] }
    let x = Matrix(stacking: vectors)
    var y = Matrix(rows: vectors.count, cols: w.rows)
    w.elements.withUnsafeBufferPointer { a in
      x.elements.withUnsafeBufferPointer { px in
        y.elements.withUnsafeMutableBufferPointer { py in
          Kernels.matrixVectors(a.baseAddress!, w.rows, w.cols, px.baseAddress!, vectors.count, py.baseAddress!)
        }
      }
    }
    return y.rowVectors
  }

  /// Each row as a column vector.
  var rowVectors: [Matrix] {
    (0..<rows).map { Matrix(vector: Array(elements[($0 * cols)..<(($0 + 1) * cols)])) }
  }
}

extension Transposed {
  /// Wᵀ·vₜ for every vector vₜ, in order.
  public static func * (t: Transposed, vectors: [Matrix]) -> [Matrix] {
    let w = t.base
    precondition(
      vectors.allSatisfy { $0.rows == w.rows && $0.cols == 1 }, "cannot multiply (\(w.shape))ᵀ by these vectors")
    if vectors.isEmpty { return [] }
    let x = Matrix(stacking: vectors)
    var y = Matrix(rows: vectors.count, cols: w.cols)
    w.elements.withUnsafeBufferPointer { a in
      x.elements.withUnsafeBufferPointer { px in
        y.elements.withUnsafeMutableBufferPointer { py in
          Kernels.addTransposedMatrixVectors(
            a.baseAddress!, w.rows, w.cols, px.baseAddress!, vectors.count, py.baseAddress!)
        }
      }
    }
    return y.rowVectors
  }
}
