#ifndef CNN_OPENBLAS_SHIM_H
#define CNN_OPENBLAS_SHIM_H
#include <cblas.h>
#endif
