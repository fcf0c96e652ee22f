#define _GNU_SOURCE
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
