#ifndef CNN_READLINE_SUPPORT_H
#define CNN_READLINE_SUPPORT_H
/* Line mode's Ctrl-C flag and readline event-hook context: one copy for the whole program.
 * (As `static` variables inside `static inline` functions of CReadline's shim.h, every object
 * file that included the header had its own copy, so a flag set in one file could be read as
 * unset in another.) */
#include <signal.h>

/* Installs the SIGINT handler: drop the typed line, show a fresh prompt, set the flag. */
void cnn_install_sigint_clear_line(void);
/* 1 if Ctrl-C was pressed since the last call, then clears the flag. */
int cnn_take_interrupt(void);
/* The pointer readline's event hook uses to find its Swift owner (UI thread only). */
void **cnn_rl_hook_context(void);
#endif
