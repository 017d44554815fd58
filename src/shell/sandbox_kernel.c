/* sandbox_kernel.c: Landlock and seccomp around a sandboxed run (see sandbox_kernel.h). */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <sched.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
#include <linux/audit.h>
#include <linux/filter.h>
#include <linux/landlock.h>
#include <linux/seccomp.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/syscall.h>

#include "shell/sandbox_kernel.h"

/* Landlock constants of ABIs newer than Debian's kernel headers (stable kernel ABI). */
#ifndef LANDLOCK_ACCESS_FS_TRUNCATE
#define LANDLOCK_ACCESS_FS_TRUNCATE (1ULL << 14)
#endif
#ifndef LANDLOCK_ACCESS_FS_IOCTL_DEV
#define LANDLOCK_ACCESS_FS_IOCTL_DEV (1ULL << 15)
#endif
#define LL_NET_BIND_TCP (1ULL << 0)
#define LL_NET_CONNECT_TCP (1ULL << 1)
#define LL_SCOPE_ABSTRACT_UNIX_SOCKET (1ULL << 0)
#define LL_SCOPE_SIGNAL (1ULL << 1)

/* struct landlock_ruleset_attr with every field up to ABI 6; its size tells the kernel
 * which fields are there. */
typedef struct {
    uint64_t handled_access_fs;
    uint64_t handled_access_net;
    uint64_t scoped;
} RulesetAttr;

#define FS_READ (LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_READ_DIR)
#define FS_FILE_ONLY (LANDLOCK_ACCESS_FS_EXECUTE | LANDLOCK_ACCESS_FS_WRITE_FILE | \
                      LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_IOCTL_DEV)
#define FS_WRITE_OUT (FS_READ | LANDLOCK_ACCESS_FS_WRITE_FILE | LANDLOCK_ACCESS_FS_REMOVE_FILE | \
                      LANDLOCK_ACCESS_FS_MAKE_REG | LANDLOCK_ACCESS_FS_TRUNCATE | LANDLOCK_ACCESS_FS_REFER)

static uint64_t fs_access_of_abi(int abi) {
    uint64_t fs = (LANDLOCK_ACCESS_FS_MAKE_SYM << 1) - 1; /* ABI 1: bits 0..12 */
    if (abi >= 2) fs |= LANDLOCK_ACCESS_FS_REFER;
    if (abi >= 3) fs |= LANDLOCK_ACCESS_FS_TRUNCATE;
    if (abi >= 5) fs |= LANDLOCK_ACCESS_FS_IOCTL_DEV;
    return fs;
}

/* Allows access below path (or to the file path). A path that does not exist is skipped. */
static int allow(int ruleset, const char *path, uint64_t access, uint64_t handled) {
    int fd = open(path, O_PATH | O_CLOEXEC);
    if (fd < 0) return 0;
    struct stat st;
    if (fstat(fd, &st) != 0) { close(fd); return -1; }
    if (!S_ISDIR(st.st_mode)) access &= FS_FILE_ONLY;
    struct landlock_path_beneath_attr rule = { .allowed_access = access & handled, .parent_fd = fd };
    int rc = rule.allowed_access ? (int)syscall(SYS_landlock_add_rule, ruleset, LANDLOCK_RULE_PATH_BENEATH, &rule, 0) : 0;
    close(fd);
    return rc;
}

/* What any running passend reads besides its data: libraries it opens later (libxlsxwriter,
 * iconv modules), the dynamic linker's cache, time zones, the CPU count. */
static const char *const system_read[] = {
    "/usr", "/lib", "/lib64", "/lib32", "/etc/ld.so.cache", "/etc/localtime",
    "/sys/devices/system/cpu", "/dev/urandom", "/dev/random",
#ifdef __SANITIZE_ADDRESS__
    "/proc", /* the sanitizer's leak check lists the threads in /proc/self/task */
#endif
    NULL};

static int apply_landlock(const PathGate *g, int *abi_out, char *err, size_t errn) {
    *abi_out = 0;
    int abi = (int)syscall(SYS_landlock_create_ruleset, NULL, 0, LANDLOCK_CREATE_RULESET_VERSION);
    if (abi < 1) return 0; /* no Landlock in this kernel: the gate and seccomp remain */
    RulesetAttr attr = { fs_access_of_abi(abi), abi >= 4 ? LL_NET_BIND_TCP | LL_NET_CONNECT_TCP : 0,
                         abi >= 6 ? LL_SCOPE_ABSTRACT_UNIX_SOCKET | LL_SCOPE_SIGNAL : 0 };
    size_t size = abi >= 6 ? sizeof attr : abi >= 4 ? 2 * sizeof(uint64_t) : sizeof(uint64_t);
    int rs = (int)syscall(SYS_landlock_create_ruleset, &attr, size, 0);
    if (rs < 0) {
        snprintf(err, errn, "sandbox: Landlock: %s", strerror(errno));
        return -1;
    }
    uint64_t fs = attr.handled_access_fs;
    int rc = 0;
    for (size_t i = 0; system_read[i] && rc == 0; i++) rc = allow(rs, system_read[i], FS_READ, fs);
    for (size_t i = 0; gate_root(g, i) && rc == 0; i++) rc = allow(rs, gate_root(g, i), FS_READ, fs);
    for (size_t i = 0; gate_named(g, i) && rc == 0; i++) rc = allow(rs, gate_named(g, i), FS_READ, fs);
    if (rc == 0 && gate_out(g)) rc = allow(rs, gate_out(g), FS_WRITE_OUT, fs);
    if (rc == 0) rc = allow(rs, "/dev/null", LANDLOCK_ACCESS_FS_READ_FILE | LANDLOCK_ACCESS_FS_WRITE_FILE, fs);
    if (rc == 0 && prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0) rc = -1;
    if (rc == 0) rc = (int)syscall(SYS_landlock_restrict_self, rs, 0);
    int e = errno;
    close(rs);
    if (rc != 0) {
        snprintf(err, errn, "sandbox: Landlock: %s", strerror(e));
        return -1;
    }
    *abi_out = abi;
    return 0;
}

/* --- seccomp ------------------------------------------------------------------------ */

#if defined(__x86_64__)
#define SECCOMP_ARCH AUDIT_ARCH_X86_64
#elif defined(__aarch64__)
#define SECCOMP_ARCH AUDIT_ARCH_AARCH64
#endif

#ifdef SECCOMP_ARCH
/* System calls a sandboxed analysis never needs; each fails with EPERM. */
static const long denied_calls[] = {
    SYS_execve, SYS_execveat, SYS_process_vm_readv, SYS_process_vm_writev, SYS_socket,
    SYS_connect, SYS_bind, SYS_listen, SYS_accept, SYS_accept4, SYS_mount, SYS_umount2,
    SYS_pivot_root, SYS_chroot, SYS_setns, SYS_unshare, SYS_bpf, SYS_perf_event_open,
    SYS_kexec_load, SYS_init_module, SYS_finit_module, SYS_delete_module, SYS_keyctl,
    SYS_add_key, SYS_request_key, SYS_io_uring_setup, SYS_io_uring_enter, SYS_io_uring_register,
    SYS_userfaultfd, SYS_linkat, SYS_symlinkat, SYS_mknodat, SYS_open_by_handle_at,
    SYS_name_to_handle_at, SYS_personality, SYS_swapon, SYS_swapoff, SYS_reboot,
    SYS_settimeofday, SYS_clock_settime, SYS_quotactl, SYS_acct, SYS_fanotify_init,
    SYS_kcmp, SYS_syslog, SYS_vhangup,
#ifdef SYS_fork
    SYS_fork, SYS_vfork, SYS_link, SYS_symlink, SYS_mknod, SYS_uselib, SYS_iopl, SYS_ioperm,
    SYS_modify_ldt,
#endif
#ifdef SYS_pidfd_getfd
    SYS_pidfd_getfd,
#endif
#ifndef __SANITIZE_ADDRESS__
    SYS_ptrace, /* the sanitizer's leak check stops the threads with ptrace */
#endif
};

#define DENY_ERRNO(e) BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ERRNO | ((e) & SECCOMP_RET_DATA))

#if __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
#define ARG0_LOW offsetof(struct seccomp_data, args[0])
#else
#define ARG0_LOW (offsetof(struct seccomp_data, args[0]) + 4)
#endif

static int apply_seccomp(char *err, size_t errn) {
    enum { N = 2 * (sizeof denied_calls / sizeof denied_calls[0]) + 16 };
    struct sock_filter f[N];
    size_t k = 0;
    f[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, arch));
    f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SECCOMP_ARCH, 1, 0);
    f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_KILL_PROCESS);
    f[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, offsetof(struct seccomp_data, nr));
#ifdef __x86_64__
    /* the x32 ABI numbers (bit 30) are another way to reach the same calls */
    f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JGE | BPF_K, 0x40000000u, 0, 1);
    f[k++] = (struct sock_filter)DENY_ERRNO(EPERM);
#endif
    for (size_t i = 0; i < sizeof denied_calls / sizeof denied_calls[0]; i++) {
        f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, (uint32_t)denied_calls[i], 0, 1);
        f[k++] = (struct sock_filter)DENY_ERRNO(EPERM);
    }
#ifndef __SANITIZE_ADDRESS__
    /* threads yes, processes no: clone3 hides its flags in memory, so it answers ENOSYS
     * and the C library falls back to clone, whose flags are checked here */
    f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone3, 0, 1);
    f[k++] = (struct sock_filter)DENY_ERRNO(ENOSYS);
    f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JEQ | BPF_K, SYS_clone, 0, 4);
    f[k++] = (struct sock_filter)BPF_STMT(BPF_LD | BPF_W | BPF_ABS, ARG0_LOW);
    f[k++] = (struct sock_filter)BPF_JUMP(BPF_JMP | BPF_JSET | BPF_K, CLONE_THREAD, 0, 1);
    f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    f[k++] = (struct sock_filter)DENY_ERRNO(EPERM);
#endif
    f[k++] = (struct sock_filter)BPF_STMT(BPF_RET | BPF_K, SECCOMP_RET_ALLOW);
    struct sock_fprog prog = { (unsigned short)k, f };
    if (prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 ||
        syscall(SYS_seccomp, SECCOMP_SET_MODE_FILTER, SECCOMP_FILTER_FLAG_TSYNC, &prog) != 0) {
        snprintf(err, errn, "sandbox: seccomp: %s", strerror(errno));
        return -1;
    }
    return 0;
}
#endif

int sandbox_kernel_apply(const PathGate *g, SandboxKernel *out, char *err, size_t errn) {
    out->landlock_abi = 0;
    out->seccomp = 0;
    if (apply_landlock(g, &out->landlock_abi, err, errn) != 0) return -1;
#ifdef SECCOMP_ARCH
    if (apply_seccomp(err, errn) != 0) return -1;
    out->seccomp = 1;
#endif
    return 0;
}
