/*
 * The native UDP proxy (Envoy's UDP proxy model, as runtime/listener/udp-listener.ts on the JS
 * path): one socket on the listener address; a session per client address+port, created by its
 * first datagram (JS decides: limits, host, affinity), with a connected upstream socket, so the
 * kernel filters replies to that host and reports ICMP unreachable as an error on it (the
 * session ends and JS counts a failure for the host). Replies leave from the listener socket.
 * Datagrams are read in batches with recvmmsg (one syscall for up to 32) and forwarded at once:
 * nothing is queued in user space, so a full socket buffer drops (counted), as UDP does.
 * Sessions end by the shared sweep (idle timeout), an upstream error, or JS (drain, shutdown).
 */
#define _GNU_SOURCE /* recvmmsg */
#include <errno.h>
#include <netinet/in.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "internal.h"

#define BATCH 32
#define ROUNDS 4 /* batches per readiness event: level-triggered, the rest is reported again */
#define DGRAM_MAX 65536
#define SOCK_BUF (4 * 1024 * 1024)

enum { ST_DG_UP, ST_DG_DOWN, ST_BYTES_UP, ST_BYTES_DOWN, ST_SEND_ERRORS, ST_UPSTREAM_ERRORS, ST_COUNT };

typedef struct mc_session mc_session;
struct mc_session {
  struct sockaddr_storage client;
  socklen_t client_len;
  uint32_t hash;
  int fd;
  mc_listener *l;
  mc_session *hnext;      /* hash bucket chain */
  mc_session *prev, *next; /* the listener's sessions */
  mc_session *next_closed;
  uint64_t last_active;
  uint64_t idle_ms;
  uint64_t start_ms;           /* uv_now at the first datagram (session duration) */
  uint64_t deadline;           /* uv_now of the listener's max duration, 0 = none */
  double bytes_up, bytes_down; /* payload from the client / from the host (access log) */
  int32_t slot, cluster_slot;
  uint8_t closed, reason, replied, unreachable;
};

typedef struct udp_state {
  mc_session **buckets;
  uint32_t mask;
  uint32_t count;
  mc_session *list;
  double stats[ST_COUNT];
} udp_state;

static char bufs[BATCH][DGRAM_MAX];
static struct iovec iovs[BATCH];
static struct sockaddr_storage names[BATCH];
static struct mmsghdr msgs[BATCH];

static mc_session **sslots;
static int32_t *sfree;
static int sslots_cap, sfree_len, live_sessions;
static mc_session *closed_q;

int mc_udp_live_sessions(void) { return live_sessions; }

static int32_t sslot_alloc(mc_session *s) {
  if (sfree_len == 0) {
    int cap = sslots_cap ? sslots_cap * 2 : 1024;
    mc_session **ns = realloc(sslots, (size_t)cap * sizeof *ns);
    if (ns == NULL) return -1;
    sslots = ns;
    int32_t *nf = realloc(sfree, (size_t)cap * sizeof *nf);
    if (nf == NULL) return -1;
    sfree = nf;
    for (int i = cap - 1; i >= sslots_cap; i--) sfree[sfree_len++] = i;
    sslots_cap = cap;
  }
  int32_t slot = sfree[--sfree_len];
  sslots[slot] = s;
  return slot;
}

static void sslot_free(int32_t slot) {
  sslots[slot] = NULL;
  sfree[sfree_len++] = slot;
}

/* ---- the session table: client address+port -> session ---- */

static uint32_t hash_addr(const struct sockaddr_storage *a) {
  const unsigned char *p;
  size_t n;
  uint16_t port;
  if (a->ss_family == AF_INET6) {
    const struct sockaddr_in6 *s6 = (const struct sockaddr_in6 *)a;
    p = (const unsigned char *)&s6->sin6_addr;
    n = 16;
    port = s6->sin6_port;
  } else {
    const struct sockaddr_in *s4 = (const struct sockaddr_in *)a;
    p = (const unsigned char *)&s4->sin_addr;
    n = 4;
    port = s4->sin_port;
  }
  uint32_t h = 2166136261u; /* FNV-1a */
  for (size_t i = 0; i < n; i++) h = (h ^ p[i]) * 16777619u;
  h = (h ^ (port & 0xff)) * 16777619u;
  return (h ^ (port >> 8)) * 16777619u;
}

static int same_addr(const struct sockaddr_storage *a, const struct sockaddr_storage *b) {
  if (a->ss_family != b->ss_family) return 0;
  if (a->ss_family == AF_INET6) {
    const struct sockaddr_in6 *x = (const struct sockaddr_in6 *)a, *y = (const struct sockaddr_in6 *)b;
    return x->sin6_port == y->sin6_port && memcmp(&x->sin6_addr, &y->sin6_addr, 16) == 0;
  }
  const struct sockaddr_in *x = (const struct sockaddr_in *)a, *y = (const struct sockaddr_in *)b;
  return x->sin_port == y->sin_port && x->sin_addr.s_addr == y->sin_addr.s_addr;
}

static void table_grow(udp_state *u) {
  uint32_t size = (u->mask + 1) * 2;
  mc_session **b = calloc(size, sizeof *b);
  if (b == NULL) return; /* keep the old table: longer chains, still correct */
  for (uint32_t i = 0; i <= u->mask; i++) {
    for (mc_session *s = u->buckets[i], *next; s != NULL; s = next) {
      next = s->hnext;
      s->hnext = b[s->hash & (size - 1)];
      b[s->hash & (size - 1)] = s;
    }
  }
  free(u->buckets);
  u->buckets = b;
  u->mask = size - 1;
}

static void table_remove(udp_state *u, mc_session *s) {
  mc_session **pp = &u->buckets[s->hash & u->mask];
  while (*pp != NULL && *pp != s) pp = &(*pp)->hnext;
  if (*pp == s) *pp = s->hnext;
  if (s->prev) s->prev->next = s->next;
  else u->list = s->next;
  if (s->next) s->next->prev = s->prev;
  u->count--;
}

/* ---- sessions ---- */

static void close_session(mc_session *s, int reason) {
  if (s->closed) return;
  s->closed = 1;
  s->reason = (uint8_t)reason;
  table_remove(s->l->udp_state, s);
  if (s->fd >= 0) close(s->fd);
  s->fd = -1;
  live_sessions--;
  s->next_closed = closed_q;
  closed_q = s;
}

int mc_udp_flush(void) {
  int n = 0;
  while (closed_q != NULL) {
    mc_session *s = closed_q;
    closed_q = s->next_closed;
    mc_listener *l = s->l;
    int32_t slot = s->slot;
    sslots[slot] = NULL;
    mc_put_info(s->bytes_up, s->bytes_down, s->start_ms, 0);
    mc_call_js(MC_EV_UDP_CLOSED, l->id, slot, s->reason | (s->replied << 4) | (s->unreachable << 5));
    sfree[sfree_len++] = slot;
    free(s);
    mc_listener_unref(l);
    n++;
  }
  return n;
}

static int unreachable_errno(int e) {
  return e == ECONNREFUSED || e == EHOSTUNREACH || e == ENETUNREACH || e == EHOSTDOWN || e == ECONNRESET;
}

/* A new client address+port: JS admits it (or drops the datagram) and names the host. */
static mc_session *open_session(mc_listener *l, udp_state *u, const struct sockaddr_storage *addr, socklen_t len, uint32_t h, uint64_t now) {
  mc_session *s = calloc(1, sizeof *s);
  if (s == NULL) return NULL;
  int32_t slot = sslot_alloc(s);
  if (slot < 0) {
    free(s);
    return NULL;
  }
  memcpy(&s->client, addr, len);
  s->client_len = len;
  s->hash = h;
  s->fd = -1;
  s->slot = slot;
  s->l = l;
  /* the listener's settings; JS may replace them for this session (mc_udp_session_set) */
  s->idle_ms = l->idle_timeout_ms;
  s->cluster_slot = l->cluster_slot;
  int host = mc_call_js(MC_EV_UDP_SESSION, l->id, slot, 0);
  const struct sockaddr *ha = mc_host(host);
  if (ha == NULL) {
    /* dropped (JS counted why): no session was admitted, so no close event either */
    sslot_free(slot);
    free(s);
    return NULL;
  }
  s->last_active = s->start_ms = now;
  s->deadline = mc_max_deadline(l, now);
  l->refs++;
  live_sessions++;
  s->next = u->list;
  if (u->list) u->list->prev = s;
  u->list = s;
  s->hnext = u->buckets[h & u->mask];
  u->buckets[h & u->mask] = s;
  if (++u->count > u->mask + 1) table_grow(u);
  if (s->idle_ms > 0 || s->deadline > 0) mc_need_sweep();
  int fd = socket(ha->sa_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  socklen_t hl = ha->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
  if (fd < 0 || connect(fd, ha, hl) != 0 || mc_add_fd(fd, s, TAG_UDP_SESSION, EPOLLIN) != 0) {
    /* out of descriptors, no route, …: the session fails like one whose host is unreachable */
    s->unreachable = fd >= 0;
    if (fd >= 0) close(fd);
    u->stats[ST_UPSTREAM_ERRORS]++;
    close_session(s, MC_CLOSE_RESET);
    return NULL;
  }
  s->fd = fd;
  return s;
}

static void forward_up(mc_listener *l, udp_state *u, const struct sockaddr_storage *addr, socklen_t len, const char *buf, size_t n, uint64_t now) {
  uint32_t h = hash_addr(addr);
  mc_session *s = u->buckets[h & u->mask];
  while (s != NULL && !(s->hash == h && same_addr(&s->client, addr))) s = s->hnext;
  if (s == NULL && (s = open_session(l, u, addr, len, h, now)) == NULL) return;
  s->last_active = now;
  if (send(s->fd, buf, n, 0) < 0) {
    u->stats[ST_SEND_ERRORS]++;
    /* a pending ICMP error can surface on send: same meaning as on receive */
    if (unreachable_errno(errno)) {
      s->unreachable = 1;
      u->stats[ST_UPSTREAM_ERRORS]++;
      close_session(s, MC_CLOSE_RESET);
    }
    return;
  }
  u->stats[ST_DG_UP]++;
  u->stats[ST_BYTES_UP] += (double)n;
  s->bytes_up += (double)n;
  mc_count_bytes(s->cluster_slot, 1, (ssize_t)n);
}

static void prepare(int with_names) {
  for (int i = 0; i < BATCH; i++) {
    iovs[i].iov_base = bufs[i];
    iovs[i].iov_len = DGRAM_MAX;
    memset(&msgs[i].msg_hdr, 0, sizeof msgs[i].msg_hdr);
    msgs[i].msg_hdr.msg_iov = &iovs[i];
    msgs[i].msg_hdr.msg_iovlen = 1;
    if (with_names) {
      msgs[i].msg_hdr.msg_name = &names[i];
      msgs[i].msg_hdr.msg_namelen = sizeof names[i];
    }
  }
}

void mc_udp_on_readable(mc_listener *l) {
  udp_state *u = l->udp_state;
  for (int round = 0; round < ROUNDS && !l->closing; round++) {
    prepare(1);
    int n = recvmmsg(l->fd, msgs, BATCH, MSG_DONTWAIT, NULL);
    if (n <= 0) return;
    uint64_t now = uv_now(mc_loop);
    for (int i = 0; i < n && !l->closing; i++) forward_up(l, u, &names[i], msgs[i].msg_hdr.msg_namelen, bufs[i], msgs[i].msg_len, now);
    if (n < BATCH) return;
  }
}

void mc_udp_on_session_event(void *p, uint32_t events) {
  mc_session *s = p;
  (void)events;
  for (int round = 0; round < ROUNDS && !s->closed; round++) {
    mc_listener *l = s->l;
    udp_state *u = l->udp_state;
    prepare(0);
    int n = recvmmsg(s->fd, msgs, BATCH, MSG_DONTWAIT, NULL);
    if (n < 0) {
      if (errno == EAGAIN || errno == EINTR) return;
      /* ICMP port/host unreachable on the connected socket: the endpoint is not there */
      s->unreachable = unreachable_errno(errno);
      u->stats[ST_UPSTREAM_ERRORS]++;
      close_session(s, MC_CLOSE_RESET);
      return;
    }
    if (n == 0) return;
    s->last_active = uv_now(mc_loop);
    if (!s->replied) {
      s->replied = 1;
      mc_call_js(MC_EV_UDP_REPLIED, l->id, s->slot, 0);
      if (s->closed) return;
    }
    for (int i = 0; i < n; i++) {
      if (sendto(l->fd, bufs[i], msgs[i].msg_len, 0, (struct sockaddr *)&s->client, s->client_len) < 0) {
        u->stats[ST_SEND_ERRORS]++;
        continue;
      }
      u->stats[ST_DG_DOWN]++;
      u->stats[ST_BYTES_DOWN] += msgs[i].msg_len;
      s->bytes_down += msgs[i].msg_len;
      mc_count_bytes(s->cluster_slot, 0, msgs[i].msg_len);
    }
    if (n < BATCH) return;
  }
}

void mc_udp_sweep(mc_listener *l, uint64_t now) {
  udp_state *u = l->udp_state;
  for (mc_session *s = u->list, *next; s != NULL; s = next) {
    next = s->next;
    if (s->deadline > 0 && now >= s->deadline) close_session(s, MC_CLOSE_MAX_DURATION);
    else if (s->idle_ms > 0 && now - s->last_active >= s->idle_ms) close_session(s, MC_CLOSE_IDLE);
  }
}

/* ---- listeners ---- */

int mc_udp_listen(uv_loop_t *uvloop, const struct sockaddr *addr) {
  int r = mc_ensure_loop(uvloop);
  if (r != 0) return r;
  udp_state *u = calloc(1, sizeof *u);
  if (u == NULL) return UV_ENOMEM;
  u->mask = 1023;
  u->buckets = calloc(u->mask + 1, sizeof *u->buckets);
  int fd = socket(addr->sa_family, SOCK_DGRAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (u->buckets == NULL || fd < 0) {
    r = fd < 0 ? -errno : UV_ENOMEM;
    if (fd >= 0) close(fd);
    free(u->buckets);
    free(u);
    return r;
  }
  /* every session's traffic shares this socket: room for bursts (capped at net.core.[rw]mem_max) */
  int size = SOCK_BUF, off = 0;
  setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, sizeof size);
  setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
  socklen_t len = addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
  /* `::` is dual-stack; no SO_REUSEADDR: a UDP port in use is an error (exclusive), as on the JS path */
  if ((addr->sa_family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off) != 0) || bind(fd, addr, len) != 0) {
    r = -errno;
    close(fd);
    free(u->buckets);
    free(u);
    return r;
  }
  mc_listener *l = mc_register_listener(fd, 1);
  if (l == NULL) {
    r = -errno;
    close(fd);
    free(u->buckets);
    free(u);
    return r;
  }
  l->udp_state = u;
  return l->id;
}

int mc_udp_close_sessions(int lid, int reason) {
  mc_listener *l = mc_get_listener(lid);
  if (l == NULL || !l->udp) return UV_EINVAL;
  udp_state *u = l->udp_state;
  int n = 0;
  mc_batch_begin();
  while (u->list != NULL) {
    close_session(u->list, reason);
    n++;
  }
  mc_batch_end();
  return n;
}

int mc_udp_stats(int lid, double out[ST_COUNT + 1]) {
  mc_listener *l = mc_get_listener(lid);
  if (l == NULL || !l->udp) return UV_EINVAL;
  udp_state *u = l->udp_state;
  memcpy(out, u->stats, sizeof u->stats);
  out[ST_COUNT] = u->count;
  return ST_COUNT + 1;
}

int mc_udp_peer_name(int slot, char *out, size_t outlen, int *port) {
  if (slot < 0 || slot >= sslots_cap || sslots[slot] == NULL) return UV_EINVAL;
  const struct sockaddr_storage *ss = &sslots[slot]->client;
  *port = ntohs(ss->ss_family == AF_INET6 ? ((const struct sockaddr_in6 *)ss)->sin6_port : ((const struct sockaddr_in *)ss)->sin_port);
  return uv_ip_name((struct sockaddr *)ss, out, outlen);
}

int mc_udp_session_info(int slot) {
  if (slot < 0 || slot >= sslots_cap || sslots[slot] == NULL) return UV_EINVAL;
  mc_session *s = sslots[slot];
  mc_put_info(s->bytes_up, s->bytes_down, s->start_ms, 0);
  return 0;
}

int mc_udp_session_set(int slot, int cluster_slot, double idle_timeout_ms) {
  if (slot < 0 || slot >= sslots_cap || sslots[slot] == NULL) return UV_EINVAL;
  mc_session *s = sslots[slot];
  s->cluster_slot = cluster_slot;
  s->idle_ms = idle_timeout_ms > 0 ? (uint64_t)idle_timeout_ms : 0;
  return 0;
}

void mc_udp_free_state(void *state) {
  udp_state *u = state;
  if (u == NULL) return;
  free(u->buckets);
  free(u);
}
