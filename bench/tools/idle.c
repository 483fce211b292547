/*
 * Idle connections for the memory test: opens N connections (at most 256 handshakes in
 * flight), sends one byte on each and waits for its echo, so every connection is known to be
 * established end to end through the proxy; then prints one JSON line and holds them open
 * until stdin closes.
 * Usage: idle HOST PORT N
 */
#include "common.h"
#include <errno.h>
#include <poll.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 4) { fprintf(stderr, "usage: idle HOST PORT N\n"); return 2; }
  signal(SIGPIPE, SIG_IGN);
  struct sockaddr_in dst;
  make_addr(&dst, argv[1], argv[2]);
  int n = atoi(argv[3]);
  int *fds = calloc((size_t)n, sizeof(int));
  int ep = epoll_create1(0);
  int opened = 0, pending = 0, ok = 0, failed = 0;
  long long deadline = now_ns() + 60000000000LL;
  struct epoll_event evs[256];
  char b = 'i';
  while ((ok + failed < n) && now_ns() < deadline) {
    while (opened < n && pending < 256) {
      int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
      if (fd < 0) { failed++; opened++; continue; }
      int r = connect(fd, (struct sockaddr *)&dst, sizeof dst);
      if (r < 0 && errno != EINPROGRESS) { close(fd); failed++; opened++; continue; }
      fds[opened] = fd;
      struct epoll_event ev = {.events = EPOLLOUT, .data.u32 = (unsigned)opened};
      epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
      opened++;
      pending++;
    }
    int k = epoll_wait(ep, evs, 256, 100);
    for (int i = 0; i < k; i++) {
      int idx = (int)evs[i].data.u32, fd = fds[idx];
      if (evs[i].events & EPOLLOUT) {
        int err = 0;
        socklen_t l = sizeof err;
        getsockopt(fd, SOL_SOCKET, SO_ERROR, &err, &l);
        if (err || write(fd, &b, 1) != 1) { epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL); close(fd); failed++; pending--; continue; }
        struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (unsigned)idx};
        epoll_ctl(ep, EPOLL_CTL_MOD, fd, &ev);
      } else {
        char c;
        ssize_t r = read(fd, &c, 1);
        epoll_ctl(ep, EPOLL_CTL_DEL, fd, NULL);
        if (r == 1) ok++; else { close(fd); failed++; }
        pending--;
      }
    }
  }
  printf("{\"requested\":%d,\"open\":%d,\"failed\":%d}\n", n, ok, n - ok);
  fflush(stdout);
  struct pollfd p = {.fd = 0, .events = POLLIN};
  char tmp[64];
  for (;;) {
    if (poll(&p, 1, -1) < 0 && errno == EINTR) continue;
    if (read(0, tmp, sizeof tmp) <= 0) break;
  }
  return 0;
}
