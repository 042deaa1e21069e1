#ifndef CNN_READLINE_SHIM_H
#define CNN_READLINE_SHIM_H
#include <stdio.h>
#include <readline/readline.h>
#include <readline/history.h>

/* Swift 6 refuses to touch C globals; these accessors are the only way in. UI thread only. */
static inline char *cnn_rl_line_buffer(void) { return rl_line_buffer; }
static inline int cnn_rl_point(void) { return rl_point; }
static inline void cnn_rl_set_point(int p) { rl_point = p; }
static inline int cnn_rl_end(void) { return rl_end; }
static inline char *cnn_rl_display_prompt(void) { return rl_display_prompt; }
static inline const char *cnn_rl_library_version(void) { return rl_library_version; }
#endif
