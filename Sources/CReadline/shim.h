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

/* Ctrl-C at the prompt: drop the typed line and show a fresh prompt, and remember that it
 * happened (cnn_take_interrupt) so a running training can be stopped by the UI thread. */
static inline volatile sig_atomic_t *cnn_interrupt_flag(void) {
  static volatile sig_atomic_t flag = 0;
  return &flag;
}
static inline void cnn_sigint_clear_line(int sig) {
  (void)sig;
  *cnn_interrupt_flag() = 1;
  (void)write(STDOUT_FILENO, "\n", 1);
  rl_on_new_line();
  rl_replace_line("", 0);
  rl_redisplay();
}
static inline void cnn_install_sigint_clear_line(void) {
  struct sigaction action;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  action.sa_handler = cnn_sigint_clear_line;
  sigaction(SIGINT, &action, NULL);
}
/* 1 if Ctrl-C was pressed since the last call, then clears the flag. */
static inline int cnn_take_interrupt(void) {
  int was = *cnn_interrupt_flag();
  *cnn_interrupt_flag() = 0;
  return was;
}

/* Background output while the user types (line mode): readline calls the event hook about
 * ten times a second while it waits for a key; cnn_rl_print_above prints text above the
 * prompt and redraws the prompt with the partly typed line intact. The context pointer lets
 * the hook find its Swift owner. UI thread only. */
static inline void **cnn_rl_hook_context(void) {
  static void *context = NULL;
  return &context;
}
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
#endif
