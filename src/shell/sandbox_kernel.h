/* sandbox_kernel.h: the kernel's own walls around a sandboxed run, behind the path gate.
 *
 * The path gate (pathgate.h) is the policy and gives the clear errors; these layers make
 * the same policy hold for code that never asks the gate (ReadStat, SQLite and
 * libxlsxwriter open files themselves) and for any bug in passend:
 *  - Landlock (Linux >= 5.13): files may be read only below the gate's read roots, its
 *    named files and the system folders a running program needs (/usr, /lib, ...), and
 *    written only below --out; no TCP (ABI 4), no signals or abstract sockets to other
 *    processes (ABI 6).
 *  - seccomp: no new programs (execve), no new processes (clone without CLONE_THREAD),
 *    no sockets, no ptrace or access to other processes' memory, no links, mounts,
 *    namespaces, kernel modules, keyrings, BPF or io_uring.
 * Both are permanent for the process and inherited by its threads. */
#ifndef PASSEND_SANDBOX_KERNEL_H
#define PASSEND_SANDBOX_KERNEL_H

#include <stddef.h>

#include "io/pathgate.h"

typedef struct {
    int landlock_abi;  /* the Landlock ABI applied, 0 when the kernel has none */
    int seccomp;       /* 1 when the seccomp filter is in place */
} SandboxKernel;

/* Applies both layers for g. Returns 0, or -1 with err filled when a layer the kernel
 * offers could not be applied (a missing Landlock is not an error: landlock_abi = 0). */
int sandbox_kernel_apply(const PathGate *g, SandboxKernel *out, char *err, size_t errn);

#endif
