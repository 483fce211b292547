/*
 * Request/response latency on ONE persistent connection: COUNT ping-pongs of PAYLOAD bytes
 * (after WARMUP untimed ones), each timed with the monotonic clock; stops early after MAX_MS
 * (so a slow peer on a busy machine cannot stretch the run), reporting how many it timed.
 * Usage: rtt HOST PORT COUNT PAYLOAD [WARMUP] [MAX_MS]
 * Prints one JSON line with p50/p90/p99/max/mean in microseconds.
 */
#include "common.h"
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) {
  long long x = *(const long long *)a, y = *(const long long *)b;
  return x < y ? -1 : x > y;
}

static int pingpong(int fd, const char *out, char *in, int n) {
  if (write(fd, out, (size_t)n) != n) return -1;
  int got = 0;
  while (got < n) {
    ssize_t r = read(fd, in + got, (size_t)(n - got));
    if (r <= 0) return -1;
    got += (int)r;
  }
  return 0;
}

int main(int argc, char **argv) {
  if (argc < 5) { fprintf(stderr, "usage: rtt HOST PORT COUNT PAYLOAD [WARMUP]\n"); return 2; }
  struct sockaddr_in dst;
  make_addr(&dst, argv[1], argv[2]);
  int count = atoi(argv[3]), n = atoi(argv[4]), warm = argc > 5 ? atoi(argv[5]) : 1000;
  long long max_ns = argc > 6 ? atoll(argv[6]) * 1000000LL : 0;
  if (count < 1 || n < 1 || n > 65536) return 2;
  char *out = malloc((size_t)n), *in = malloc((size_t)n);
  memset(out, 'r', (size_t)n);
  long long *lat = malloc(sizeof(long long) * (size_t)count);
  int fd = socket(AF_INET, SOCK_STREAM, 0), one = 1;
  if (connect(fd, (struct sockaddr *)&dst, sizeof dst) < 0) { perror("connect"); return 1; }
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  for (int i = 0; i < warm; i++) if (pingpong(fd, out, in, n) < 0) { fprintf(stderr, "warmup failed\n"); return 1; }
  double sum = 0;
  long long begin = now_ns();
  for (int i = 0; i < count; i++) {
    long long t = now_ns();
    if (pingpong(fd, out, in, n) < 0) { fprintf(stderr, "round trip %d failed\n", i); return 1; }
    lat[i] = now_ns() - t;
    sum += (double)lat[i];
    if (max_ns > 0 && lat[i] + t - begin > max_ns && i >= 99) { count = i + 1; break; }
  }
  qsort(lat, (size_t)count, sizeof *lat, cmp);
#define US(i) ((double)lat[(i)] / 1000.0)
  printf("{\"count\":%d,\"p50\":%.2f,\"p90\":%.2f,\"p99\":%.2f,\"max\":%.2f,\"mean\":%.2f}\n", count,
         US(count / 2), US((int)(count * 0.9)), US((int)(count * 0.99)), US(count - 1), sum / count / 1000.0);
  close(fd);
  return 0;
}
