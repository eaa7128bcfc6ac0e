extension ParameterSet {
  /// Clamps every entry to [−limit, limit] (element-wise clipping).
  ///
  /// Cheap, but it can change the gradient's direction: a large entry is cut while a
  /// small one is kept.
  public mutating func clipElements(to limit: Double) {
    for (_, path) in Self.parameterPaths {
      self[keyPath: path].clamp(to: limit)
    }
  }

  /// Scales all entries together so that ``globalNorm`` is at most `maxNorm`; returns
  /// the norm before clipping.
  ///
  /// The direction is kept: only the length shrinks, when it is too long.
  @discardableResult
  public mutating func clipGlobalNorm(to maxNorm: Double) -> Double {
    let norm = globalNorm
    if norm > maxNorm { scale(by: maxNorm / norm) }
    return norm
  }
}
