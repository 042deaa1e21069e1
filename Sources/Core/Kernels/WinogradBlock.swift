extension Winograd {
  /// A piece of a batch that the transforms and the 16 GEMMs take at once: whole images, or
  /// one band of tile rows of one image when an image has more tiles than a block should
  /// (so `V` and `M` stay in the L2 cache between the transforms and the GEMMs).
  struct Block {
    /// The block's tiling: the layer's, or a band of it.
    let tiling: Tiling
    let images: Int
    /// Values from the group's first input image, and from its first output image.
    let inputOffset, outputOffset: Int

    var tileCount: Int { images * tiling.tilesPerImage }

    /// The blocks of a group of `images` images (`inputImage` and `outputImage` values each):
    /// the whole group when an image has at most `targetTiles` tiles, else every image in
    /// bands of ``Tiling/bands(targetTiles:)``.
    static func blocks(
      images: Int, tiling: Tiling, inputImage: Int, outputImage: Int, targetTiles: Int
    ) -> [Block] {
      guard tiling.tilesPerImage > targetTiles else {
        return [Block(tiling: tiling, images: images, inputOffset: 0, outputOffset: 0)]
      }
      let bands = tiling.bands(targetTiles: targetTiles)
      return (0..<images).flatMap { i in
        bands.map { rows in
          Block(
            tiling: tiling.band(tileRows: rows), images: 1, inputOffset: i * inputImage,
            outputOffset: i * outputImage + tiling.bandOutputOffset(tileRows: rows))
        }
      }
    }

    /// `Y = conv(X) (+ bias, relu)` for every block of `blocks`: `V = Bᵀ·d·B` of `input`
    /// (`channels` planes), `M = U·V` with `u` (`[16, filters, channels]`), `Y = Aᵀ·M·A`
    /// into `output`. `v` and `m` hold the largest block's `[16, channels | filters, tiles]`.
    static func convolve(
      _ blocks: [Block], input: UnsafePointer<Float>, channels: Int,
      kernels u: UnsafePointer<Float>, filters: Int, bias: UnsafeBufferPointer<Float>?,
      relu: Bool, v: UnsafeMutablePointer<Float>, m: UnsafeMutablePointer<Float>,
      into output: UnsafeMutablePointer<Float>
    ) {
      for block in blocks {
        let tiles = block.tileCount
        Winograd.transformInput(
          input + block.inputOffset, images: block.images, channels: channels,
          tiling: block.tiling, tileCount: tiles, into: v)
        Winograd.multiply(u, v, filters: filters, channels: channels, tileCount: tiles, into: m)
        Winograd.output(
          m, images: block.images, filters: filters, tiling: block.tiling, tileCount: tiles,
          bias: bias, relu: relu, into: output + block.outputOffset)
      }
    }

    /// The most tiles any block of a group of `groupSize` images has.
    static func largestTileCount(groupSize: Int, tiling: Tiling, targetTiles: Int) -> Int {
      guard tiling.tilesPerImage > targetTiles else { return groupSize * tiling.tilesPerImage }
      return (tiling.bands(targetTiles: targetTiles).map(\.count).max() ?? 1) * tiling.tilesWide
    }
  }
}
