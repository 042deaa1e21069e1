#ifndef CNN_READLINE_SHIM_H
#define CNN_READLINE_SHIM_H
#include <stdio.h>
#include <signal.h>
#include <unistd.h>
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

/* ==== line-mode block (owner: repl helper) ============================================= */
/* Completion setup (line mode): the Swift completer fills the match list itself. */
static inline void cnn_rl_set_attempted_completion_function(rl_completion_func_t *f) {
  rl_attempted_completion_function = f;
}
static inline void cnn_rl_set_attempted_completion_over(int over) { rl_attempted_completion_over = over; }
static inline void cnn_rl_set_completion_append_character(int c) { rl_completion_append_character = c; }
static inline void cnn_rl_set_completer_word_break_characters(const char *chars) {
  rl_completer_word_break_characters = (char *)chars;
}
static inline void cnn_rl_set_readline_name(const char *name) { rl_readline_name = name; }

/* The Ctrl-C flag and the event hook's context live in the CReadlineSupport target (one copy
 * per program): cnn_install_sigint_clear_line, cnn_take_interrupt, cnn_rl_hook_context. */

/* Background output while the user types (line mode): readline calls the event hook about
 * ten times a second while it waits for a key; cnn_rl_print_above prints text above the
 * prompt and redraws the prompt with the partly typed line intact. UI thread only. */
static inline void cnn_rl_set_event_hook(rl_hook_func_t *hook) {
  rl_event_hook = hook;
  rl_set_keyboard_input_timeout(100000);
}
static inline void cnn_rl_print_above(const char *text) {
  int point = rl_point;
  char *line = rl_copy_text(0, rl_end);
  rl_save_prompt();
  rl_replace_line("", 0);
  rl_redisplay();
  fputs("\r\033[K", rl_outstream ? rl_outstream : stdout);
  fputs(text, rl_outstream ? rl_outstream : stdout);
  fflush(rl_outstream ? rl_outstream : stdout);
  rl_restore_prompt();
  rl_replace_line(line, 0);
  rl_point = point;
  rl_forced_update_display();
  free(line);
}
static inline void cnn_rl_set_prompt_now(const char *prompt) {
  rl_set_prompt(prompt);
  rl_redisplay();
}
/* ==== end of line-mode block ============================================================ */
#endif
