/// A matrix of `Double`s stored row by row; a vector is a matrix with one column.
///
/// RNN code written with it reads like the formulas on the page:
///
/// ```swift
/// let h = tanh(Wxh * x + Whh * hPrev + bh)
/// let y = Why * h + by
/// ```
///
/// The arithmetic lives in `Operators.swift`; the fast loops behind it in
/// `Kernels.swift`.
public struct Matrix: Equatable, Sendable {
  /// The number of rows.
  public let rows: Int
  /// The number of columns (1 for a vector).
  public let cols: Int
  /// The entries, row after row: entry (r, c) is `elements[r * cols + c]`.
  public var elements: [Double]

  /// A `rows`×`cols` matrix with every entry equal to `value`.
  public init(rows: Int, cols: Int, repeating value: Double = 0) {
    precondition(rows >= 0 && cols >= 0, "a matrix cannot have a negative size")
    self.rows = rows
    self.cols = cols
    self.elements = [Double](repeating: value, count: rows * cols)
  }

  /// A `rows`×`cols` matrix with the given entries, row after row.
  public init(rows: Int, cols: Int, elements: [Double]) {
    precondition(
      elements.count == rows * cols,
      "a \(rows)×\(cols) matrix needs \(rows * cols) entries, got \(elements.count)")
    self.rows = rows
    self.cols = cols
    self.elements = elements
  }

  /// A matrix written as a list of rows: `Matrix([[1, 2], [3, 4]])`.
  public init(_ rowList: [[Double]]) {
    let width = rowList.first?.count ?? 0
    precondition(rowList.allSatisfy { $0.count == width }, "every row needs the same length")
    self.init(rows: rowList.count, cols: width, elements: rowList.flatMap { $0 })
  }

  /// A column vector: `Matrix(vector: [1, 2, 3])` is 3×1.
  public init(vector: [Double]) {
    self.init(rows: vector.count, cols: 1, elements: vector)
  }

  /// The matrix whose rows are the given vectors, in order: T vectors of length n give
  /// a T×n matrix (one row per time step).
  public init(stacking vectors: [Matrix]) {
    let width = vectors.first?.count ?? 0
    precondition(vectors.allSatisfy { $0.count == width }, "every vector needs the same length")
    let elements = [Double](unsafeUninitializedCapacity: vectors.count * width) { out, count in
      for (t, v) in vectors.enumerated() {
        v.elements.withUnsafeBufferPointer {
          (out.baseAddress! + t * width).initialize(from: $0.baseAddress!, count: width)
        }
      }
      count = vectors.count * width
    }
    self.init(rows: vectors.count, cols: width, elements: elements)
  }

  /// The `rows`×`cols` matrix of zeros.
  public static func zeros(_ rows: Int, _ cols: Int = 1) -> Matrix {
    Matrix(rows: rows, cols: cols)
  }

  /// The n×n identity matrix.
  public static func identity(_ n: Int) -> Matrix {
    var m = Matrix(rows: n, cols: n)
    for i in 0..<n { m[i, i] = 1 }
    return m
  }

  /// The column vector of length `size` that is 1 at `index` and 0 elsewhere.
  public static func oneHot(_ index: Int, size: Int) -> Matrix {
    precondition(index >= 0 && index < size, "one-hot index \(index) is outside 0..<\(size)")
    var v = Matrix(rows: size, cols: 1)
    v[index] = 1
    return v
  }

  /// A matrix of independent normal draws times `scale` (how weights start).
  public static func random(
    _ rows: Int, _ cols: Int, scale: Double, using rng: inout SeededGenerator
  ) -> Matrix {
    var m = Matrix(rows: rows, cols: cols)
    for i in m.elements.indices { m.elements[i] = scale * rng.normal() }
    return m
  }

  /// A matrix of independent uniform draws from [low, high).
  public static func uniform(
    _ rows: Int, _ cols: Int, in range: ClosedRange<Double>, using rng: inout SeededGenerator
  ) -> Matrix {
    var m = Matrix(rows: rows, cols: cols)
    for i in m.elements.indices {
      m.elements[i] = rng.uniform(range.lowerBound, range.upperBound)
    }
    return m
  }

  /// The entry in row `r`, column `c`.
  public subscript(r: Int, c: Int) -> Double {
    get { elements[r * cols + c] }
    set { elements[r * cols + c] = newValue }
  }

  /// The `i`th entry of a vector (or of `elements`, for any matrix).
  public subscript(i: Int) -> Double {
    get { elements[i] }
    set { elements[i] = newValue }
  }

  /// The number of entries, rows × cols.
  public var count: Int { elements.count }

  /// The shape as "rows×cols", for messages and lessons.
  public var shape: String { "\(rows)×\(cols)" }

  /// Column `j` as a column vector; `W.column(k)` equals `W * oneHot(k)` without the
  /// multiplications.
  public func column(_ j: Int) -> Matrix {
    precondition(j >= 0 && j < cols, "column \(j) is outside 0..<\(cols)")
    var v = Matrix(rows: rows, cols: 1)
    for i in 0..<rows { v.elements[i] = elements[i * cols + j] }
    return v
  }

  /// Row `i` as a column vector.
  public func row(_ i: Int) -> Matrix {
    Matrix(vector: Array(elements[(i * cols)..<((i + 1) * cols)]))
  }

  /// The entries as a plain array (for a vector: its values in order).
  public var array: [Double] { elements }

  /// Applies `f` to every entry.
  public func map(_ f: (Double) -> Double) -> Matrix {
    Matrix(rows: rows, cols: cols, elements: elements.map(f))
  }

  /// The sum of all entries.
  public var sum: Double { elements.reduce(0, +) }

  /// The square root of the sum of squared entries (Frobenius norm; for a vector,
  /// its length).
  public var norm: Double { Kernels.dot(elements, elements).squareRoot() }

  /// The largest absolute value of an entry (0 for an empty matrix).
  public var maxAbs: Double { elements.reduce(0) { max($0, abs($1)) } }

  /// The index of the largest entry (the first, if several are equal).
  public var argmax: Int {
    var best = 0
    for i in elements.indices where elements[i] > elements[best] { best = i }
    return best
  }
}
