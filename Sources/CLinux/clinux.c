#define _GNU_SOURCE
#include <linux/input.h>
#include <errno.h>
#include <sys/socket.h>
#include <sys/timex.h>
#include <fcntl.h>
#include <unistd.h>
#include "clinux.h"

int kiosk_peer_credentials(int fd, pid_t *pid, uid_t *uid, gid_t *gid) {
    struct ucred cred;
    socklen_t len = sizeof(cred);
    if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &cred, &len) != 0) return -1;
    *pid = cred.pid;
    *uid = cred.uid;
    *gid = cred.gid;
    return 0;
}

int kiosk_peer_groups(int fd, gid_t *groups, int capacity) {
    socklen_t len = (socklen_t)(capacity * (int)sizeof(gid_t));
    if (getsockopt(fd, SOL_SOCKET, SO_PEERGROUPS, groups, &len) != 0) return -1;
    return (int)(len / sizeof(gid_t));
}

int kiosk_clock_synced(void) {
    struct timex tx = {0};
    int state = ntp_adjtime(&tx);
    if (state == -1) return -1;
    return (state != TIME_ERROR && (tx.status & STA_UNSYNC) == 0) ? 1 : 0;
}

int kiosk_accept_nonblocking(int listener) {
    return accept4(listener, NULL, NULL, SOCK_CLOEXEC | SOCK_NONBLOCK);
}

int kiosk_pipe_nonblocking(int ends[2]) {
    return pipe2(ends, O_CLOEXEC | O_NONBLOCK);
}

int kiosk_input_drain(int fd) {
    struct input_event events[64];
    int activity = 0;
    for (;;) {
        ssize_t got = read(fd, events, sizeof events);
        if (got < 0) {
            if (errno == EINTR) continue;
            if (errno == EAGAIN || errno == EWOULDBLOCK) return activity;
            return -errno;
        }
        if (got == 0) return activity;
        size_t count = (size_t)got / sizeof events[0];
        for (size_t i = 0; i < count; i++) {
            unsigned short type = events[i].type;
            if (type == EV_KEY || type == EV_REL || type == EV_ABS) activity++;
        }
        if ((size_t)got < sizeof events) return activity;
    }
}
