#include "cnn_readline_support.h"
#include <stdio.h>
#include <unistd.h>
#include <readline/readline.h>

static volatile sig_atomic_t interrupted = 0;
static void *hook_context = NULL;

static void sigint_clear_line(int sig) {
  (void)sig;
  interrupted = 1;
  (void)write(STDOUT_FILENO, "\n", 1);
  rl_on_new_line();
  rl_replace_line("", 0);
  rl_redisplay();
}

void cnn_install_sigint_clear_line(void) {
  struct sigaction action;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  action.sa_handler = sigint_clear_line;
  sigaction(SIGINT, &action, NULL);
}

int cnn_take_interrupt(void) {
  int was = interrupted;
  interrupted = 0;
  return was;
}

void **cnn_rl_hook_context(void) { return &hook_context; }
