#ifndef CNN_ZLIB_SHIM_H
#define CNN_ZLIB_SHIM_H
#include <zlib.h>

// inflateInit2 is a macro; Swift cannot call it, so wrap it.
static inline int cnn_inflateInit2(z_streamp stream, int windowBits) {
  return inflateInit2(stream, windowBits);
}
#endif
