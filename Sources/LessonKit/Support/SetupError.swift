/// A problem with the machine rather than a lesson: a missing compiler, an unwritable
/// folder. The command line exits with status 2 and this message.
public struct SetupError: Error, CustomStringConvertible {
  /// What is wrong and how to fix it.
  public let description: String

  /// Creates the error with its message.
  public init(_ description: String) {
    self.description = description
  }
}
