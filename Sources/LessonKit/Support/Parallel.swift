import Foundation

/// `transform` applied to every element of `items`, at most `jobs` at once, with the
/// results in the items' order; `done` is called with each result as soon as it is
/// ready (from the thread that made it).
func parallelMap<Item: Sendable, Result: Sendable>(
  _ items: [Item], jobs: Int, done: @escaping @Sendable (Result) -> Void = { _ in },
  _ transform: @escaping @Sendable (Item) -> Result
) -> [Result] {
  let results = ResultSlots<Result>(count: items.count)
  let slots = DispatchSemaphore(value: max(1, jobs))
  let group = DispatchGroup()
  for (i, item) in items.enumerated() {
    slots.wait()
    group.enter()
    DispatchQueue.global().async {
      let result = transform(item)
      results.set(i, result)
      done(result)
      slots.signal()
      group.leave()
    }
  }
  group.wait()
  return results.values()
}

/// Results filled in from several threads, one slot each.
private final class ResultSlots<Result>: @unchecked Sendable {
  private var items: [Result?]
  private let lock = NSLock()

  init(count: Int) { items = Array(repeating: nil, count: count) }

  func set(_ i: Int, _ value: Result) { lock.withLock { items[i] = value } }

  func values() -> [Result] { lock.withLock { items.compactMap { $0 } } }
}
