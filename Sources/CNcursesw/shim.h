#ifndef CNN_NCURSES_SHIM_H
#define CNN_NCURSES_SHIM_H
#define NCURSES_WIDECHAR 1
#define _XOPEN_SOURCE_EXTENDED 1
#include <locale.h>
#include <ncursesw/ncurses.h>

/* Macros and globals Swift cannot use directly. Call only from the UI thread. */
static inline int cnn_COLOR_PAIR(int n) { return COLOR_PAIR(n); }
static inline int cnn_LINES(void) { return LINES; }
static inline int cnn_COLS(void) { return COLS; }
static inline int cnn_COLORS(void) { return COLORS; }
static inline void cnn_getmaxyx(WINDOW *w, int *y, int *x) { getmaxyx(w, *y, *x); }
static inline WINDOW *cnn_stdscr(void) { return stdscr; }
#endif
