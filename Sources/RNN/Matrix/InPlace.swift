/// Operations that write into a matrix that already exists, for loops that would
/// otherwise make a new matrix at every step. Each gives the bits of the expression its
/// comment names.
extension Matrix {
  /// Sets this vector to W·x: the bits of `w * x`, in this vector's storage.
  public mutating func setProduct(_ w: Matrix, _ x: Matrix) {
    precondition(x.cols == 1 && w.cols == x.rows && rows == w.rows && cols == 1, "cannot set \(shape) to W·x")
    w.elements.withUnsafeBufferPointer { pw in
      x.elements.withUnsafeBufferPointer { px in
        elements.withUnsafeMutableBufferPointer { py in
          Kernels.matrixVector(pw.baseAddress!, w.rows, w.cols, px.baseAddress!, py.baseAddress!)
        }
      }
    }
  }

  /// Sets this vector to Wᵀ·x: the bits of `w.T * x`, in this vector's storage.
  public mutating func setProduct(_ wT: Transposed, _ x: Matrix) {
    let w = wT.base
    precondition(x.cols == 1 && w.rows == x.rows && rows == w.cols && cols == 1, "cannot set \(shape) to Wᵀ·x")
    w.elements.withUnsafeBufferPointer { pw in
      x.elements.withUnsafeBufferPointer { px in
        elements.withUnsafeMutableBufferPointer { py in
          py.initialize(repeating: 0)
          Kernels.addTransposedMatrixVector(pw.baseAddress!, w.rows, w.cols, px.baseAddress!, py.baseAddress!)
        }
      }
    }
  }

  /// Copies `other`'s entries into this matrix of the same shape.
  public mutating func assign(_ other: Matrix) {
    precondition(sameShape(other), "cannot assign \(other.shape) to \(shape)")
    elements.withUnsafeMutableBufferPointer { out in
      other.elements.withUnsafeBufferPointer { out.baseAddress!.update(from: $0.baseAddress!, count: $0.count) }
    }
  }

  /// Sets entry i to f(a[i], b[i]): the bits of `Matrix.combining(a, b, f)`.
  @inlinable
  public mutating func set(combining a: Matrix, _ b: Matrix, _ f: (Double, Double) -> Double) {
    precondition(sameShape(a) && sameShape(b), "cannot set \(shape) from \(a.shape), \(b.shape)")
    elements.withUnsafeMutableBufferPointer { out in
      a.elements.withUnsafeBufferPointer { a in
        b.elements.withUnsafeBufferPointer { b in
          for i in 0..<out.count { out[i] = f(a[i], b[i]) }
        }
      }
    }
  }

  /// Sets entry i to f(a[i], b[i], c[i]): the bits of `Matrix.combining(a, b, c, f)`.
  @inlinable
  public mutating func set(
    combining a: Matrix, _ b: Matrix, _ c: Matrix, _ f: (Double, Double, Double) -> Double
  ) {
    precondition(sameShape(a) && sameShape(b) && sameShape(c), "cannot set \(shape) from three other shapes")
    elements.withUnsafeMutableBufferPointer { out in
      a.elements.withUnsafeBufferPointer { a in
        b.elements.withUnsafeBufferPointer { b in
          c.elements.withUnsafeBufferPointer { c in
            for i in 0..<out.count { out[i] = f(a[i], b[i], c[i]) }
          }
        }
      }
    }
  }

  /// Sets entry i to f(a[i], b[i], c[i], d[i]): the bits of
  /// `Matrix.combining(a, b, c, d, f)`.
  @inlinable
  public mutating func set(
    combining a: Matrix, _ b: Matrix, _ c: Matrix, _ d: Matrix, _ f: (Double, Double, Double, Double) -> Double
  ) {
    precondition(
      sameShape(a) && sameShape(b) && sameShape(c) && sameShape(d), "cannot set \(shape) from four other shapes")
    elements.withUnsafeMutableBufferPointer { out in
      a.elements.withUnsafeBufferPointer { a in
        b.elements.withUnsafeBufferPointer { b in
          c.elements.withUnsafeBufferPointer { c in
            d.elements.withUnsafeBufferPointer { d in
              for i in 0..<out.count { out[i] = f(a[i], b[i], c[i], d[i]) }
            }
          }
        }
      }
    }
  }

  /// Copies the vector `v` into row `r`.
  public mutating func setRow(_ r: Int, to v: Matrix) {
    precondition(r >= 0 && r < rows && v.count == cols, "cannot put \(v.shape) into row \(r) of \(shape)")
    elements.withUnsafeMutableBufferPointer { out in
      v.elements.withUnsafeBufferPointer { (out.baseAddress! + r * cols).update(from: $0.baseAddress!, count: cols) }
    }
  }

  /// Sets row `r` to f(a[i], b[i]) entry by entry: the bits of
  /// `Matrix.combining(a, b, f)` as row r.
  @inlinable
  public mutating func setRow(_ r: Int, combining a: Matrix, _ b: Matrix, _ f: (Double, Double) -> Double) {
    precondition(r >= 0 && r < rows && a.count == cols && b.count == cols, "cannot put a row into \(shape)")
    let cols = cols
    elements.withUnsafeMutableBufferPointer { out in
      a.elements.withUnsafeBufferPointer { a in
        b.elements.withUnsafeBufferPointer { b in
          for i in 0..<cols { out[r * cols + i] = f(a[i], b[i]) }
        }
      }
    }
  }
}
