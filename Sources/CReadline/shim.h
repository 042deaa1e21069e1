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

/* ==== TUI block (owner: tui helper) ======================================================
 * readline as a line editor inside ncurses (callback interface). ncurses owns the terminal:
 * readline never preps the terminal, never catches signals, never touches LINES/COLUMNS, and
 * writes nothing visible (rl_outstream -> /dev/null, bell off). Bytes are fed one at a time
 * with rl_stuff_char + rl_callback_read_char; rl_input_available_hook says "nothing more", so
 * readline never reads stdin behind ncurses' back. UI thread only.
 */
typedef void (*cnn_tui_rl_void_fn)(void);
typedef void (*cnn_tui_rl_line_fn)(char *);
typedef char **(*cnn_tui_rl_complete_fn)(const char *, int, int);
typedef void (*cnn_tui_rl_display_fn)(char **, int, int);
typedef int (*cnn_tui_rl_command_fn)(int, int);

static int cnn_tui_rl_no_input(void) { return 0; }

/* Sets the hooks and globals, installs the line handler, then the variables (after
 * rl_initialize has read ~/.inputrc, so ours win). */
static inline void cnn_tui_rl_install(const char *prompt, cnn_tui_rl_line_fn line,
                                      cnn_tui_rl_void_fn redisplay,
                                      cnn_tui_rl_complete_fn complete,
                                      cnn_tui_rl_display_fn display) {
  static FILE *devnull = NULL;
  if (devnull == NULL) devnull = fopen("/dev/null", "w");
  rl_readline_name = "cnnrepl";
  rl_catch_signals = 0;
  rl_catch_sigwinch = 0;
  rl_change_environment = 0;
  rl_prep_term_function = NULL;
  rl_deprep_term_function = NULL;
  if (devnull != NULL) rl_outstream = devnull;
  rl_input_available_hook = cnn_tui_rl_no_input;
  rl_redisplay_function = redisplay;
  rl_attempted_completion_function = complete;
  rl_completion_display_matches_hook = display;
  rl_completer_word_break_characters = " \t";
  rl_callback_handler_install(prompt, line);
  rl_variable_bind("bell-style", "none");
  rl_variable_bind("enable-bracketed-paste", "off");
  rl_variable_bind("keyseq-timeout", "0");
  rl_variable_bind("show-all-if-ambiguous", "on");
  rl_variable_bind("horizontal-scroll-mode", "on");
}

/* Hands one byte from ncurses to readline. */
static inline void cnn_tui_rl_feed(int byte) {
  rl_stuff_char(byte);
  rl_callback_read_char();
}

/* Forgets the partial line (Ctrl-C): empty buffer, no search state, cursor at 0. */
static inline void cnn_tui_rl_clear_line(void) {
  rl_callback_sigcleanup();
  rl_free_line_state();
  rl_replace_line("", 0);
  rl_point = 0;
  rl_mark = 0;
}

/* Replaces the input line with `text`, cursor at the end (demo/step mode pre-fills a command). */
static inline void cnn_tui_rl_set_line(const char *text) {
  rl_replace_line(text, 0);
  rl_point = rl_end;
}

static inline void cnn_tui_rl_set_completion_over(void) { rl_attempted_completion_over = 1; }
static inline void cnn_tui_rl_remove(void) { rl_callback_handler_remove(); }
/* ==== end of TUI block ================================================================== */
#endif
