#ifndef CNN_PNG_CODEC_H
#define CNN_PNG_CODEC_H
#include <stddef.h>
#include <stdint.h>

/// Room for libpng's error text (png_image.message is 64 bytes).
#define CNN_PNG_MESSAGE_SIZE 96

/// A decoded PNG: 8-bit samples, rows top to bottom, `channels` (1 gray, 3 RGB) per pixel.
typedef struct cnn_png_pixels {
  uint32_t width;
  uint32_t height;
  uint32_t channels;
  /// `width * height * channels` bytes from malloc; free with cnn_png_free.
  uint8_t *samples;
} cnn_png_pixels;

/// Decodes a PNG held in memory with libpng's simplified API (which catches libpng's
/// longjmp-based errors itself). Gray and gray+alpha images come out gray, all others RGB;
/// alpha is composited onto black. Images with more than `max_pixels` pixels are refused
/// before any pixel memory is allocated. Returns 1 on success; 0 with a one-line reason in
/// `message` otherwise.
int cnn_png_decode(const uint8_t *bytes, size_t count, uint64_t max_pixels,
                   cnn_png_pixels *out, char message[CNN_PNG_MESSAGE_SIZE]);

/// Frees the samples of a successful cnn_png_decode.
void cnn_png_free(cnn_png_pixels *pixels);

/// Encodes 8-bit gray (channels 1) or RGB (channels 3) samples as a PNG in malloc'd memory
/// (free with cnn_png_free_bytes). Returns 1 on success; 0 with a reason in `message`.
int cnn_png_encode(const uint8_t *samples, uint32_t width, uint32_t height, uint32_t channels,
                   uint8_t **png, size_t *png_count, char message[CNN_PNG_MESSAGE_SIZE]);

void cnn_png_free_bytes(uint8_t *bytes);
#endif
