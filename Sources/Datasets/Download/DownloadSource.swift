/// Where a data set's files come from and the MD5 each must have.
///
/// The sums are those of the official files, as published by torchvision and Zalando. Both are
/// plain values, so a mirror (or a test server) can replace the base URL and the sums.
public struct DownloadSource: Hashable, Sendable {
  /// One file to fetch: its name under the base URL, its MD5 in lower-case hex and the most
  /// bytes the server may send for it.
  public struct File: Hashable, Sendable {
    public var name: String
    public var md5: String
    /// A transfer is cancelled (and its `.part` removed) once the file would grow past this,
    /// or at once when the server announces a bigger `Content-Length`: a server that streams
    /// forever cannot fill the disk.
    public var maximumBytes: Int

    public init(name: String, md5: String, maximumBytes: Int = File.standardMaximumBytes) {
      self.name = name
      self.md5 = md5
      self.maximumBytes = maximumBytes
    }

    /// 256 MiB: five times MNIST's largest file (47 MiB raw, 9.9 MiB gzip).
    public static let standardMaximumBytes = 256 << 20
  }

  public var dataset: DatasetName
  /// Base address; each file is fetched from `baseURL + name` (a `/` is added if missing).
  public var baseURL: String
  public var files: [File]

  public init(dataset: DatasetName, baseURL: String, files: [File]) {
    self.dataset = dataset
    self.baseURL = baseURL
    self.files = files
  }

  /// The official MNIST files (Google's mirror of Yann LeCun's site).
  public static let mnist = DownloadSource(
    dataset: .mnist, baseURL: "https://storage.googleapis.com/cvdf-datasets/mnist/",
    files: [
      File(name: "train-images-idx3-ubyte.gz", md5: "f68b3c2dcbeaaa9fbdd348bbdeb94873"),
      File(name: "train-labels-idx1-ubyte.gz", md5: "d53e105ee54ea40749a09fcbcd1e9432"),
      File(name: "t10k-images-idx3-ubyte.gz", md5: "9fb629c4189551a2d022fa330f9573f3"),
      File(name: "t10k-labels-idx1-ubyte.gz", md5: "ec29112dd5afa0611ce80d1b7f02629c"),
    ])

  /// The official Fashion-MNIST files (Zalando Research).
  public static let fashion = DownloadSource(
    dataset: .fashion, baseURL: "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
    files: [
      File(name: "train-images-idx3-ubyte.gz", md5: "8d4fb7e6c68d591d4c3dfef9ec88bf0d"),
      File(name: "train-labels-idx1-ubyte.gz", md5: "25c81989df183df01b3e8a0aad5dffbe"),
      File(name: "t10k-images-idx3-ubyte.gz", md5: "bef4ecab320f06d8554ea6380940ec79"),
      File(name: "t10k-labels-idx1-ubyte.gz", md5: "bb300cfdad3c16e7a12a480ee83cd310"),
    ])

  /// The source of `dataset`, or ``DatasetOptionError/notDownloadable(dataset:)``.
  public static func official(for dataset: DatasetName) throws -> DownloadSource {
    switch dataset {
    case .mnist: return mnist
    case .fashion: return fashion
    default: throw DatasetOptionError.notDownloadable(dataset: dataset.rawValue)
    }
  }
}
