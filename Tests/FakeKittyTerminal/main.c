// fake-kitty-terminal LOG COMMAND [ARGS...]
//
// Test-only: a terminal that knows the kitty graphics protocol, for the tmux tests. It runs
// COMMAND in a pseudo-terminal of its own window's size (cells of 10x20 pixels), passes keys in
// and text out, answers the kitty query (`ESC _ G i=31 ... a=q ... ESC \`) with
// `ESC _ G i=31;OK ESC \`, and, instead of drawing images, appends each kitty graphics escape
// body (the text between `ESC _` and `ESC \`) as one line to LOG. Everything else reaches the
// real terminal (tmux) unchanged. The child does not see TMUX: this program is its terminal.
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pty.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

static volatile sig_atomic_t resized = 0;
static void on_winch(int sig) { (void)sig; resized = 1; }

static struct winsize window_size(void) {
  struct winsize ws;
  memset(&ws, 0, sizeof ws);
  if (ioctl(STDIN_FILENO, TIOCGWINSZ, &ws) != 0 || ws.ws_col == 0) {
    ws.ws_col = 80;
    ws.ws_row = 24;
  }
  ws.ws_xpixel = (unsigned short)(ws.ws_col * 10);
  ws.ws_ypixel = (unsigned short)(ws.ws_row * 20);
  return ws;
}

static void write_all(int fd, const char *p, size_t n) {
  while (n > 0) {
    ssize_t w = write(fd, p, n);
    if (w < 0 && errno == EINTR) continue;
    if (w <= 0) return;
    p += w;
    n -= (size_t)w;
  }
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: fake-kitty-terminal LOG COMMAND [ARGS...]\n");
    return 2;
  }
  FILE *log = fopen(argv[1], "w");
  if (!log) { perror(argv[1]); return 2; }
  struct winsize ws = window_size();
  int master = -1;
  pid_t child = forkpty(&master, NULL, NULL, &ws);
  if (child < 0) { perror("forkpty"); return 2; }
  if (child == 0) {
    unsetenv("TMUX");
    unsetenv("TMUX_PANE");
    execvp(argv[2], argv + 2);
    perror(argv[2]);
    _exit(127);
  }
  struct termios saved, raw;
  int have_terminal = tcgetattr(STDIN_FILENO, &saved) == 0;
  if (have_terminal) {
    raw = saved;
    cfmakeraw(&raw);
    tcsetattr(STDIN_FILENO, TCSANOW, &raw);
  }
  struct sigaction action;
  memset(&action, 0, sizeof action);
  action.sa_handler = on_winch;
  sigaction(SIGWINCH, &action, NULL);

  // Output parser: 0 text, 1 after ESC, 2 inside APC, 3 ESC inside APC.
  int state = 0;
  size_t capacity = 1 << 16, length = 0;
  char *apc = malloc(capacity);
  char buffer[65536];
  for (;;) {
    if (resized) {
      resized = 0;
      struct winsize now = window_size();
      ioctl(master, TIOCSWINSZ, &now);
    }
    struct pollfd fds[2] = {{STDIN_FILENO, POLLIN, 0}, {master, POLLIN, 0}};
    int ready = poll(fds, 2, 50);  // a resize between the check and poll waits 50 ms at most
    if (ready < 0) {
      if (errno == EINTR) continue;
      break;
    }
    if (fds[0].revents & POLLIN) {
      ssize_t n = read(STDIN_FILENO, buffer, sizeof buffer);
      if (n > 0) write_all(master, buffer, (size_t)n);
    }
    if (fds[1].revents & (POLLIN | POLLHUP | POLLERR)) {
      ssize_t n = read(master, buffer, sizeof buffer);
      if (n < 0 && errno == EINTR) continue;
      if (n <= 0) break;
      static char out[2 * 65536];
      size_t used = 0;
      for (ssize_t i = 0; i < n; i++) {
        char c = buffer[i];
        switch (state) {
        case 0:
          if (c == 0x1b) state = 1; else out[used++] = c;
          break;
        case 1:
          if (c == '_') {
            state = 2;
            length = 0;
          } else {
            out[used++] = 0x1b;
            if (c == 0x1b) { state = 1; break; }
            out[used++] = c;
            state = 0;
          }
          break;
        case 2:
        case 3:
          if (state == 3 && c == '\\') {
            apc[length] = 0;
            if (length > 0 && apc[0] == 'G') {
              fprintf(log, "%s\n", apc);
              fflush(log);
              if (strstr(apc, "i=31") && strstr(apc, "a=q")) {
                write_all(master, "\x1b_Gi=31;OK\x1b\\", 12);
              }
            }
            state = 0;
            break;
          }
          if (state == 3) {  // a lone ESC inside the body: keep it
            if (length + 1 >= capacity) apc = realloc(apc, capacity *= 2);
            apc[length++] = 0x1b;
          }
          if (c == 0x1b) { state = 3; break; }
          state = 2;
          if (length + 1 >= capacity) apc = realloc(apc, capacity *= 2);
          apc[length++] = c;
          break;
        }
      }
      write_all(STDOUT_FILENO, out, used);
    }
  }
  if (have_terminal) tcsetattr(STDIN_FILENO, TCSANOW, &saved);
  int status = 0;
  while (waitpid(child, &status, 0) < 0 && errno == EINTR) {}
  fclose(log);
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}
