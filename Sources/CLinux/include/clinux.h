// Linux interfaces that Swift's Glibc module does not import: struct ucred (it needs
// _GNU_SOURCE, which must not leak into the module's headers) and <sys/timex.h>.
// The header declares plain-typed functions, prefixed kiosk_; clinux.c implements them.
// KioskSystem (Sources/KioskSystem/LinuxSystem.swift) is the only importer.
#ifndef KIOSK_CLINUX_H
#define KIOSK_CLINUX_H

#include <sys/types.h>

/// The process at the other end of a connected Unix socket (SO_PEERCRED).
/// Returns 0 and fills pid/uid/gid, or -1 with errno set.
int kiosk_peer_credentials(int fd, pid_t *pid, uid_t *uid, gid_t *gid);

/// The supplementary groups of the process at the other end of a connected Unix socket, as
/// they were when it connected (SO_PEERGROUPS, Linux 4.13). Returns how many were written to
/// `groups`, or -1 with errno set (ERANGE: more than `capacity`).
int kiosk_peer_groups(int fd, gid_t *groups, int capacity);

/// 1 when the kernel's clock is disciplined by NTP (STA_UNSYNC clear), 0 when not, -1 on error.
/// Reads only: ntp_adjtime with modes 0 changes nothing and needs no privilege.
int kiosk_clock_synced(void);

/// accept4(2) with SOCK_CLOEXEC | SOCK_NONBLOCK, without the peer address.
int kiosk_accept_nonblocking(int listener);

/// pipe2(2) with O_CLOEXEC | O_NONBLOCK on both ends.
int kiosk_pipe_nonblocking(int ends[2]);

/// Reads every pending event of an evdev device (/dev/input/eventN, opened non-blocking) and
/// returns how many were a visitor's doing — a key, button, touch or pointer event (EV_KEY,
/// EV_REL, EV_ABS) — or -errno when the read failed (-ENODEV: unplugged). Only the event
/// type is looked at: codes and values (which key, where) are never read out.
/// struct input_event's size depends on the ABI (time_t), hence C.
int kiosk_input_drain(int fd);

#endif
