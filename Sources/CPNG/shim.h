#ifndef CNN_PNG_SHIM_H
#define CNN_PNG_SHIM_H
// libpng 1.6 (Debian libpng-dev). Swift never calls libpng directly: its error handling
// longjmps, which Swift cannot survive. CPNGCodec wraps the simplified API instead.
#include <png.h>
#endif
