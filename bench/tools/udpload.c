/*
 * UDP datagrams at a fixed offered rate through one client socket (one proxy session); the
 * backend echoes each datagram, and the replies are counted.
 * Usage: udpload HOST PORT RATE_PER_S DURATION_MS PAYLOAD
 * Prints one JSON line: sent, received, loss (fraction), rate (replies per second).
 */
#include "common.h"
#include <errno.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

int main(int argc, char **argv) {
  if (argc < 6) { fprintf(stderr, "usage: udpload HOST PORT RATE DURATION_MS PAYLOAD\n"); return 2; }
  struct sockaddr_in dst;
  make_addr(&dst, argv[1], argv[2]);
  double rate = atof(argv[3]);
  long long dur = atoll(argv[4]) * 1000000LL;
  int n = atoi(argv[5]);
  if (n < 1 || n > 65000 || rate <= 0) return 2;
  char *out = malloc((size_t)n), in[65536];
  memset(out, 'u', (size_t)n);
  int fd = socket(AF_INET, SOCK_DGRAM | SOCK_NONBLOCK, 0);
  int sz = 4 << 20;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &sz, sizeof sz);
  if (connect(fd, (struct sockaddr *)&dst, sizeof dst) < 0) { perror("connect"); return 1; }
  long long sent = 0, recvd = 0, senderr = 0;
  long long start = now_ns(), end = start + dur, drain_end = end + 300000000LL;
  struct pollfd p = {.fd = fd, .events = POLLIN};
  for (;;) {
    long long t = now_ns();
    if (t >= drain_end) break;
    if (t < end) {
      long long due = (long long)(rate * (double)(t - start) / 1e9);
      while (sent < due) {
        if (send(fd, out, (size_t)n, 0) != n) senderr++;
        sent++;
      }
    }
    for (;;) {
      ssize_t r = recv(fd, in, sizeof in, 0);
      if (r < 0) break;
      recvd++;
    }
    poll(&p, 1, 1); /* about a millisecond between sending bursts */
  }
  double secs = (double)dur / 1e9;
  printf("{\"offered\":%.0f,\"sent\":%lld,\"sendErrors\":%lld,\"received\":%lld,\"loss\":%.5f,\"rate\":%.1f}\n", rate, sent,
         senderr, recvd, sent ? 1.0 - (double)recvd / (double)sent : 0.0, (double)recvd / secs);
  return 0;
}
