/*
 * Bench backend: a single-threaded epoll echo server for TCP and UDP on one port.
 * Usage: echo PORT [HOST]   (prints "ready\n" on stdout once both sockets are bound)
 * A read that starts with 'C' is echoed and then the connection is closed (connrate).
 * A PROXY protocol header at the start of a read (v2 binary, or a v1 line) is consumed, not
 * echoed (the bench's meshc-pp peers send one per connection); it must arrive in one read,
 * which a header sent in one segment on loopback does.
 * Written in C so that the backend is never the bottleneck of a proxy measurement.
 */
#include "common.h"
#include <errno.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#define BUF 65536

static char buf[BUF];

static void die(const char *what) { perror(what); exit(1); }

int main(int argc, char **argv) {
  if (argc < 2) { fprintf(stderr, "usage: echo PORT [HOST]\n"); return 2; }
  signal(SIGPIPE, SIG_IGN);
  struct sockaddr_in a = {0};
  a.sin_family = AF_INET;
  a.sin_port = htons((unsigned short)atoi(argv[1]));
  inet_pton(AF_INET, argc > 2 ? argv[2] : "127.0.0.1", &a.sin_addr);
  int one = 1;

  int lt = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (lt < 0) die("socket");
  setsockopt(lt, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
  if (bind(lt, (struct sockaddr *)&a, sizeof a) < 0) die("bind tcp");
  if (listen(lt, 4096) < 0) die("listen");

  int lu = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  if (lu < 0) die("socket udp");
  int sz = 4 << 20;
  setsockopt(lu, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof sz);
  setsockopt(lu, SOL_SOCKET, SO_SNDBUFFORCE, &sz, sizeof sz);
  if (bind(lu, (struct sockaddr *)&a, sizeof a) < 0) die("bind udp");

  int ep = epoll_create1(0);
  struct epoll_event ev = {.events = EPOLLIN, .data.fd = lt};
  epoll_ctl(ep, EPOLL_CTL_ADD, lt, &ev);
  ev.data.fd = lu;
  epoll_ctl(ep, EPOLL_CTL_ADD, lu, &ev);
  printf("ready\n");
  fflush(stdout);

  struct epoll_event evs[256];
  for (;;) {
    int n = epoll_wait(ep, evs, 256, -1);
    if (n < 0) { if (errno == EINTR) continue; die("epoll_wait"); }
    for (int i = 0; i < n; i++) {
      int fd = evs[i].data.fd;
      if (fd == lt) {
        for (;;) {
          int c = accept4(lt, NULL, NULL, SOCK_NONBLOCK);
          if (c < 0) break;
          setsockopt(c, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
          struct epoll_event ce = {.events = EPOLLIN | EPOLLRDHUP, .data.fd = c};
          epoll_ctl(ep, EPOLL_CTL_ADD, c, &ce);
        }
      } else if (fd == lu) {
        for (;;) {
          struct sockaddr_in from;
          socklen_t fl = sizeof from;
          ssize_t r = recvfrom(lu, buf, BUF, 0, (struct sockaddr *)&from, &fl);
          if (r < 0) break;
          sendto(lu, buf, (size_t)r, 0, (struct sockaddr *)&from, fl);
        }
      } else {
        /* Echo what is readable; the payloads of the bench are small, so a blocking-free
           best-effort write is enough (a short write only happens under iperf-size loads,
           which never go to this server). */
        ssize_t r = read(fd, buf, BUF);
        ssize_t skip = 0;
        if (r >= 16 && memcmp(buf, "\r\n\r\n\0\r\nQUIT\n", 12) == 0) {
          skip = 16 + (((unsigned char)buf[14] << 8) | (unsigned char)buf[15]);
        } else if (r >= 8 && memcmp(buf, "PROXY ", 6) == 0) {
          char *lf = memchr(buf, '\n', (size_t)r);
          if (lf != NULL) skip = lf - buf + 1;
        }
        if (skip > 0 && skip <= r) {
          memmove(buf, buf + skip, (size_t)(r - skip));
          r -= skip;
          if (r == 0) continue;
        }
        if (r > 0) {
          ssize_t off = 0;
          while (off < r) {
            ssize_t w = write(fd, buf + off, (size_t)(r - off));
            if (w <= 0) break;
            off += w;
          }
          /* connrate's exchanges start with 'C': answer, then close first (as an HTTP/1.0
             server does), so TIME_WAIT lands on the server side and no connecting side runs
             short of ephemeral ports during the connection-rate test. */
          if (buf[0] == 'C') close(fd);
        } else if (r == 0 || (errno != EAGAIN && errno != EINTR)) {
          close(fd);
        }
      }
    }
  }
}
