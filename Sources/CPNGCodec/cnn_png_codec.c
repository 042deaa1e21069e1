#include "cnn_png_codec.h"

#include <png.h>
#include <stdlib.h>
#include <string.h>

static void copy_message(char message[CNN_PNG_MESSAGE_SIZE], const char *text) {
  strncpy(message, text, CNN_PNG_MESSAGE_SIZE - 1);
  message[CNN_PNG_MESSAGE_SIZE - 1] = 0;
}

int cnn_png_decode(const uint8_t *bytes, size_t count, uint64_t max_pixels,
                   cnn_png_pixels *out, char message[CNN_PNG_MESSAGE_SIZE]) {
  memset(out, 0, sizeof *out);
  message[0] = 0;
  if (count < 8 || png_sig_cmp(bytes, 0, 8) != 0) {
    copy_message(message, "not a PNG image");
    return 0;
  }
  png_image image;
  memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  if (!png_image_begin_read_from_memory(&image, bytes, count)) {
    copy_message(message, image.message);
    png_image_free(&image);
    return 0;
  }
  if (image.width == 0 || image.height == 0 ||
      (uint64_t)image.width * (uint64_t)image.height > max_pixels) {
    out->width = image.width;  // for the caller's message
    out->height = image.height;
    copy_message(message, "image too large");
    png_image_free(&image);
    return 0;
  }
  int gray = (image.format & PNG_FORMAT_FLAG_COLOR) == 0;
  image.format = gray ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
  uint32_t channels = gray ? 1 : 3;
  size_t size = (size_t)image.width * image.height * channels;
  uint8_t *samples = calloc(size, 1);  // zeroed: alpha composites onto black
  if (samples == NULL) {
    copy_message(message, "out of memory");
    png_image_free(&image);
    return 0;
  }
  if (!png_image_finish_read(&image, NULL, samples, 0, NULL)) {
    copy_message(message, image.message);
    png_image_free(&image);
    free(samples);
    return 0;
  }
  out->width = image.width;
  out->height = image.height;
  out->channels = channels;
  out->samples = samples;
  return 1;
}

void cnn_png_free(cnn_png_pixels *pixels) {
  free(pixels->samples);
  pixels->samples = NULL;
}

int cnn_png_encode(const uint8_t *samples, uint32_t width, uint32_t height, uint32_t channels,
                   uint8_t **png, size_t *png_count, char message[CNN_PNG_MESSAGE_SIZE]) {
  *png = NULL;
  *png_count = 0;
  message[0] = 0;
  if (channels != 1 && channels != 3) {
    copy_message(message, "only gray or RGB samples can be written");
    return 0;
  }
  png_image image;
  memset(&image, 0, sizeof image);
  image.version = PNG_IMAGE_VERSION;
  image.width = width;
  image.height = height;
  image.format = channels == 1 ? PNG_FORMAT_GRAY : PNG_FORMAT_RGB;
  png_alloc_size_t size = 0;
  if (!png_image_write_to_memory(&image, NULL, &size, 0, samples, 0, NULL)) {
    copy_message(message, image.message);
    return 0;
  }
  uint8_t *memory = malloc(size);
  if (memory == NULL) {
    copy_message(message, "out of memory");
    return 0;
  }
  if (!png_image_write_to_memory(&image, memory, &size, 0, samples, 0, NULL)) {
    copy_message(message, image.message);
    free(memory);
    return 0;
  }
  *png = memory;
  *png_count = size;
  return 1;
}

void cnn_png_free_bytes(uint8_t *bytes) { free(bytes); }
