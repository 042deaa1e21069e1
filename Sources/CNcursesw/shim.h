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

/* ==== TUI block (owner: tui helper) ====================================================== */
#include <signal.h>
static inline attr_t cnn_A_NORMAL(void) { return A_NORMAL; }
static inline attr_t cnn_A_BOLD(void) { return A_BOLD; }
static inline attr_t cnn_A_DIM(void) { return A_DIM; }
static inline attr_t cnn_A_REVERSE(void) { return A_REVERSE; }
static inline attr_t cnn_A_UNDERLINE(void) { return A_UNDERLINE; }
static inline int cnn_COLOR_PAIRS(void) { return COLOR_PAIRS; }
static inline WINDOW *cnn_curscr(void) { return curscr; }
/* newterm(NULL, stdout, stdin): Swift 6 cannot name the stdio globals. */
static inline SCREEN *cnn_newterm_stdio(void) { return newterm(NULL, stdout, stdin); }

/* On a crash signal: leave curses mode (cursor visible, cooked tty), then die as before. */
static void cnn_tui_fatal_signal(int sig) {
  if (!isendwin()) endwin();
  signal(sig, SIG_DFL);
  raise(sig);
}
static inline void cnn_tui_install_fatal_restore(void) {
  int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], cnn_tui_fatal_signal);
}
static inline void cnn_tui_remove_fatal_restore(void) {
  int sigs[] = {SIGSEGV, SIGBUS, SIGILL, SIGTRAP, SIGABRT, SIGFPE};
  for (unsigned i = 0; i < sizeof sigs / sizeof sigs[0]; i++) signal(sigs[i], SIG_DFL);
}
/* Mouse reports for the wheel only (buttons 4 and 5); 0 turns them off. With keypad off the
 * reports arrive as bytes (kmous) and the TUI decodes them; endwin() turns reporting off. */
static inline void cnn_tui_mouse_wheel(int on) {
  mousemask(on ? (mmask_t)(BUTTON4_PRESSED | BUTTON5_PRESSED) : 0, NULL);
}
/* ==== end of TUI block =================================================================== */
#endif
