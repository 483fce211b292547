/*
 * New-connection rate: keeps CONC connections in flight; each one connects, writes PAYLOAD
 * bytes, reads them back (the backend echoes) and closes; repeats for DURATION_MS.
 * The bench's echo backend closes after answering (payload starts with 'C'), so TIME_WAIT stays
 * on the server side and neither this tool nor a proxy runs short of ephemeral ports.
 * Usage: connrate HOST PORT DURATION_MS CONC PAYLOAD
 * Prints one JSON line: {"completed":N,"errors":E,"seconds":S,"rate":R}.
 * Single-threaded epoll, so it costs far less CPU per connection than any proxy it drives.
 */
#include "common.h"
#include <errno.h>
#include <fcntl.h>
#include <netinet/tcp.h>
#include <signal.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

enum { CONNECTING, READING };
struct slot { int fd; int state; int got; };

static struct sockaddr_in dst;
static int ep, payload;
static char out[4096], in[4096];

static int open_slot(struct slot *s, int idx) {
  int fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
  if (fd < 0) return -1;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  int r = connect(fd, (struct sockaddr *)&dst, sizeof dst);
  if (r < 0 && errno != EINPROGRESS) { close(fd); return -1; }
  s->fd = fd;
  s->state = CONNECTING;
  s->got = 0;
  struct epoll_event ev = {.events = EPOLLOUT, .data.u32 = (unsigned)idx};
  epoll_ctl(ep, EPOLL_CTL_ADD, fd, &ev);
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 6) { fprintf(stderr, "usage: connrate HOST PORT DURATION_MS CONC PAYLOAD\n"); return 2; }
  signal(SIGPIPE, SIG_IGN);
  make_addr(&dst, argv[1], argv[2]);
  long long dur = atoll(argv[3]) * 1000000LL;
  int conc = atoi(argv[4]);
  payload = atoi(argv[5]);
  if (payload < 1 || payload > (int)sizeof out || conc < 1) return 2;
  memset(out, 'C', sizeof out); /* 'C': the echo backend closes after answering */
  ep = epoll_create1(0);
  struct slot *slots = calloc((size_t)conc, sizeof *slots);
  long long completed = 0, errors = 0;
  long long start = now_ns(), end = start + dur;
  for (int i = 0; i < conc; i++) if (open_slot(&slots[i], i) < 0) { slots[i].fd = -1; errors++; }
  struct epoll_event evs[512];
  int active = conc;
  while (active > 0) {
    long long t = now_ns();
    int n = epoll_wait(ep, evs, 512, 50);
    int stopping = t >= end;
    for (int i = 0; i < n; i++) {
      int idx = (int)evs[i].data.u32;
      struct slot *s = &slots[idx];
      int fail = 0, done = 0;
      if (s->state == CONNECTING) {
        int err = 0;
        socklen_t l = sizeof err;
        getsockopt(s->fd, SOL_SOCKET, SO_ERROR, &err, &l);
        if (err != 0 || write(s->fd, out, (size_t)payload) != payload) fail = 1;
        else {
          s->state = READING;
          struct epoll_event ev = {.events = EPOLLIN, .data.u32 = (unsigned)idx};
          epoll_ctl(ep, EPOLL_CTL_MOD, s->fd, &ev);
        }
      } else {
        ssize_t r = read(s->fd, in, sizeof in);
        if (r > 0) s->got += (int)r;
        else if (r == 0 && s->got >= payload) done = 1; /* the server closes first */
        else if (r == 0 || errno != EAGAIN) fail = 1;
      }
      if (fail || done) {
        close(s->fd);
        s->fd = -1;
        if (done) completed++; else errors++;
        if (stopping || open_slot(s, idx) < 0) active--;
      }
    }
    if (stopping && now_ns() > end + 2000000000LL) break; /* stragglers: give up after 2 s */
  }
  double secs = (double)(now_ns() - start) / 1e9;
  double measured = (double)dur / 1e9;
  printf("{\"completed\":%lld,\"errors\":%lld,\"seconds\":%.3f,\"rate\":%.1f}\n", completed, errors, secs,
         (double)completed / (secs > measured ? secs : measured));
  return 0;
}
