/*
 * The native TCP proxy, built the way nginx's stream proxy is: non-blocking sockets in the
 * edge-triggered epoll set of loop.c, raw accept4/connect/recv/send. libuv's stream handles
 * would cost several epoll_ctl calls per connection (lazy re-arming); here each socket is added
 * once and close() removes it.
 *
 * Copy: recv into one buffer shared by the whole loop, send at once; only the bytes the kernel
 * did not take are copied into a per-direction pending buffer, and the source is not read again
 * until they are sent (backpressure: at most one read's worth waits per direction).
 * Half-close: an EOF read from one side becomes shutdown(SHUT_WR) on the other once its pending
 * bytes are sent; the other direction keeps flowing; when both sides ended, both close.
 * Errors: a read or write error on one side closes the other with an RST (SO_LINGER 0).
 * Timeouts: the shared sweep checks connect and idle deadlines (no per-connection timer).
 * Teardown is deferred to the end of each batch of events (loop.c), so no pointer in a batch
 * dangles.
 */
#define _GNU_SOURCE /* accept4 */
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "internal.h"

#define READ_BUF_SIZE (256 * 1024)
#define ACCEPTS_PER_EVENT 32
#define ACCEPT_PAUSE_MS 100

enum { ST_CONNECTING = 0, ST_OPEN = 1 };

/* One direction of a connection: bytes read from `from` are sent to the other side. */
typedef struct mc_side {
  int fd;
  uint8_t readable; /* an edge said there is data (or EOF) to read */
  uint8_t writable; /* the last send did not hit EAGAIN */
  uint8_t rdhup;    /* the peer sent FIN (EPOLLRDHUP): a short read does not mean drained */
  uint8_t eof;      /* recv returned 0 */
  uint8_t shut;     /* we sent our FIN on this socket */
  char *pending;    /* bytes read from the OTHER side, not yet sent on this one */
  size_t pending_len, pending_off;
} mc_side;

struct mc_conn {
  mc_side client, upstream;
  mc_listener *l;
  mc_conn *prev, *next;
  mc_conn *next_closed;
  uint64_t last_active; /* uv_now ms; connect start while connecting */
  uint64_t connect_timeout_ms, idle_ms;
  uint64_t start_ms;            /* uv_now at accept (connection duration) */
  uint64_t deadline;            /* uv_now of the listener's max duration, 0 = none */
  double bytes_up, bytes_down;  /* read from the client / from the upstream (access log) */
  int32_t slot, cluster_slot;
  uint8_t state, closed, reason;
  uint8_t first_eof; /* which side sent FIN first: 1 client, 2 upstream, 0 neither */
  uint32_t prefix_len;
  char *prefix; /* bytes every upstream gets first (a PROXY protocol header), or NULL */
  union {               /* the client's address, as accept4 gave it (no getpeername later) */
    struct sockaddr sa;
    struct sockaddr_in in4;
    struct sockaddr_in6 in6;
  } peer;
};

static char read_buf[READ_BUF_SIZE];
static mc_conn **slots;
static int32_t *free_slots;
static int slots_cap, free_len, live_conns;
static size_t pending_bytes;
static mc_conn *closed_q;
static uv_timer_t accept_timer;
static int accept_timer_ready;
static double *info;
static uint32_t info_len;

static const uint32_t CONN_EVENTS = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;

static int32_t slot_alloc(mc_conn *c) {
  if (free_len == 0) {
    /* every slot in use: grow both tables, the new slots go to the free list */
    int cap = slots_cap ? slots_cap * 2 : 1024;
    mc_conn **ns = realloc(slots, (size_t)cap * sizeof *ns);
    if (ns == NULL) return -1;
    slots = ns;
    int32_t *nf = realloc(free_slots, (size_t)cap * sizeof *nf);
    if (nf == NULL) return -1;
    free_slots = nf;
    for (int i = cap - 1; i >= slots_cap; i--) free_slots[free_len++] = i;
    slots_cap = cap;
  }
  int32_t s = free_slots[--free_len];
  slots[s] = c;
  return s;
}

static void drop_pending(mc_side *s) {
  if (s->pending == NULL) return;
  pending_bytes -= s->pending_len;
  free(s->pending);
  s->pending = NULL;
}

/* Close the connection (optionally with RST on either side); JS hears of it in flush(). */
static void close_conn(mc_conn *c, int reason, int reset_client, int reset_upstream) {
  if (c->closed) return;
  c->closed = 1;
  c->reason = (uint8_t)reason;
  mc_listener *l = c->l;
  if (c->prev) c->prev->next = c->next;
  else l->conns = c->next;
  if (c->next) c->next->prev = c->prev;
  mc_close_fd(c->client.fd, reset_client);
  mc_close_fd(c->upstream.fd, reset_upstream);
  c->client.fd = c->upstream.fd = -1;
  drop_pending(&c->client);
  drop_pending(&c->upstream);
  free(c->prefix);
  c->prefix = NULL;
  live_conns--;
  c->next_closed = closed_q;
  closed_q = c;
}

void mc_set_info(double *buf, uint32_t length) {
  info = buf;
  info_len = length;
}

void mc_put_info(double bytes_up, double bytes_down, uint64_t start_ms, int first_eof) {
  if (info == NULL || info_len < MC_INFO_LEN) return;
  info[0] = bytes_up;
  info[1] = bytes_down;
  info[2] = (double)(uv_now(mc_loop) - start_ms);
  info[3] = first_eof;
}

static void put_conn_info(mc_conn *c) { mc_put_info(c->bytes_up, c->bytes_down, c->start_ms, c->first_eof); }

int mc_conn_info(int slot) {
  if (slot < 0 || slot >= slots_cap || slots[slot] == NULL) return UV_EINVAL;
  put_conn_info(slots[slot]);
  return 0;
}

int mc_tcp_flush(void) {
  int n = 0;
  while (closed_q != NULL) {
    mc_conn *c = closed_q;
    closed_q = c->next_closed;
    int32_t slot = c->slot;
    mc_listener *l = c->l;
    slots[slot] = NULL;
    put_conn_info(c);
    mc_call_js(MC_EV_CLOSED, l->id, slot, c->reason);
    free_slots[free_len++] = slot;
    free(c);
    mc_listener_unref(l);
    n++;
  }
  return n;
}

/* ---- connect ---- */

/* Starts a non-blocking connect to `host`; returns 0, or a negative errno (nothing left open). */
static int start_connect(mc_conn *c, int host) {
  const struct sockaddr *sa = mc_host(host);
  int fd = socket(sa->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -errno;
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  socklen_t len = sa->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
  if (connect(fd, sa, len) != 0 && errno != EINPROGRESS) {
    int err = -errno;
    close(fd);
    return err;
  }
  /* connected or in progress: EPOLLOUT (or EPOLLERR) reports the outcome */
  if (mc_add_fd(fd, c, TAG_UPSTREAM, CONN_EVENTS) != 0) {
    int err = -errno;
    close(fd);
    return err;
  }
  c->upstream = (mc_side){.fd = fd, .writable = 1};
  c->state = ST_CONNECTING;
  c->last_active = uv_now(mc_loop);
  return 0;
}

/* Connect to the host JS names, asking JS again after each failure until it gives up. */
static void connect_next(mc_conn *c, int host, int err) {
  for (;;) {
    if (c->closed) return;
    if (mc_host(host) == NULL) {
      close_conn(c, err == 0 ? MC_CLOSE_REFUSED : MC_CLOSE_FAILED, 1, 0);
      return;
    }
    err = start_connect(c, host);
    if (err == 0) return;
    host = mc_call_js(MC_EV_CONNECT_FAILED, c->l->id, c->slot, err);
  }
}

static void connect_failed(mc_conn *c, int err) {
  mc_close_fd(c->upstream.fd, 0);
  c->upstream.fd = -1;
  int host = mc_call_js(MC_EV_CONNECT_FAILED, c->l->id, c->slot, err);
  connect_next(c, host, err);
}

/* ---- data ---- */

/*
 * What the kernel did not take of read_buf[sent..len) becomes dst's pending bytes; dst waits for
 * EPOLLOUT. Returns -1 (connection closed) when that copy cannot be allocated.
 */
static int park_pending(mc_conn *c, mc_side *dst, size_t sent, size_t len) {
  size_t rest = len - sent;
  dst->pending = malloc(rest);
  if (dst->pending == NULL) {
    close_conn(c, MC_CLOSE_RESET, 1, 1);
    return -1;
  }
  memcpy(dst->pending, read_buf + sent, rest);
  dst->pending_len = rest;
  dst->pending_off = 0;
  pending_bytes += rest;
  dst->writable = 0;
  return 0;
}

/*
 * Moves bytes from `src` to `dst` until the source has nothing more or the destination is full.
 * Returns -1 when the connection was closed.
 */
static int transfer(mc_conn *c, mc_side *src, mc_side *dst, int up) {
  for (;;) {
    if (dst->pending != NULL) {
      if (!dst->writable) return 0;
      ssize_t n = send(dst->fd, dst->pending + dst->pending_off, dst->pending_len - dst->pending_off, MSG_NOSIGNAL);
      if (n < 0) {
        if (errno == EAGAIN || errno == EINTR) {
          dst->writable = 0;
          return 0;
        }
        close_conn(c, MC_CLOSE_RESET, up, !up);
        return -1;
      }
      c->last_active = uv_now(mc_loop);
      dst->pending_off += (size_t)n;
      if (dst->pending_off < dst->pending_len) {
        dst->writable = 0;
        return 0;
      }
      drop_pending(dst);
    }
    if (src->eof) {
      if (!dst->shut) {
        /* both ended and nothing pending the other way: close() sends the FINs, skip shutdown */
        mc_side *other_dst = src;
        if (dst->eof && other_dst->pending == NULL) {
          close_conn(c, MC_CLOSE_DONE, 0, 0);
          return -1;
        }
        shutdown(dst->fd, SHUT_WR);
        dst->shut = 1;
      }
      return 0;
    }
    if (!src->readable) return 0;
    ssize_t n = recv(src->fd, read_buf, READ_BUF_SIZE, 0);
    if (n > 0) {
      c->last_active = uv_now(mc_loop);
      mc_count_bytes(c->cluster_slot, up, n);
      if (up) c->bytes_up += (double)n;
      else c->bytes_down += (double)n;
      /* edge-triggered: a short read drained the socket, unless a FIN is still to be read */
      if ((size_t)n < READ_BUF_SIZE && !src->rdhup) src->readable = 0;
      ssize_t w = send(dst->fd, read_buf, (size_t)n, MSG_NOSIGNAL);
      if (w == n) continue;
      if (w < 0) {
        if (errno != EAGAIN && errno != EINTR) {
          close_conn(c, MC_CLOSE_RESET, up, !up);
          return -1;
        }
        w = 0;
      }
      return park_pending(c, dst, (size_t)w, (size_t)n);
    }
    if (n == 0) {
      if (c->first_eof == 0) c->first_eof = up ? 1 : 2;
      src->eof = 1;
      src->readable = 0;
      continue;
    }
    if (errno == EAGAIN || errno == EINTR) {
      src->readable = 0;
      return 0;
    }
    /* an RST or error on one side is passed on as an RST to the other */
    close_conn(c, MC_CLOSE_RESET, !up, up);
    return -1;
  }
}

/*
 * The prefix (a PROXY protocol header) goes out as soon as the upstream is connected, before any
 * client byte, even if the client has sent nothing. The client's first bytes, usually already
 * waiting, are read behind it into the shared buffer and leave in the same send (one syscall, one
 * segment for the endpoint); a silent client costs one recv that finds nothing. Whatever the
 * kernel does not take becomes the upstream's pending bytes. Returns -1 when the connection was
 * closed.
 */
static int send_prefix(mc_conn *c) {
  size_t len = c->prefix_len, total = len;
  memcpy(read_buf, c->prefix, len);
  free(c->prefix);
  c->prefix = NULL;
  mc_side *src = &c->client;
  ssize_t n = recv(src->fd, read_buf + len, READ_BUF_SIZE - len, 0);
  if (n > 0) {
    mc_count_bytes(c->cluster_slot, 1, n);
    c->bytes_up += (double)n;
    total += (size_t)n;
    /* as in transfer(): a short read drained the socket, unless a FIN is still to be read */
    src->readable = (size_t)n == READ_BUF_SIZE - len || src->rdhup;
  } else if (n == 0) {
    if (c->first_eof == 0) c->first_eof = 1;
    src->eof = 1;
    src->readable = 0;
  } else if (errno == EAGAIN || errno == EINTR) {
    src->readable = 0;
  } else {
    close_conn(c, MC_CLOSE_RESET, 0, 1);
    return -1;
  }
  ssize_t w = send(c->upstream.fd, read_buf, total, MSG_NOSIGNAL);
  if (w == (ssize_t)total) return 0;
  if (w < 0) {
    if (errno != EAGAIN && errno != EINTR) {
      close_conn(c, MC_CLOSE_RESET, 1, 0);
      return -1;
    }
    w = 0;
  }
  return park_pending(c, &c->upstream, (size_t)w, total);
}

static void pump(mc_conn *c) {
  if (transfer(c, &c->client, &c->upstream, 1) < 0) return;
  if (transfer(c, &c->upstream, &c->client, 0) < 0) return;
  if (c->client.eof && c->upstream.eof && c->client.pending == NULL && c->upstream.pending == NULL) close_conn(c, MC_CLOSE_DONE, 0, 0);
}

static void mark(mc_side *s, uint32_t ev) {
  if (ev & (EPOLLIN | EPOLLRDHUP | EPOLLERR | EPOLLHUP)) s->readable = 1;
  if (ev & EPOLLRDHUP) s->rdhup = 1;
  if (ev & (EPOLLOUT | EPOLLERR | EPOLLHUP)) s->writable = 1;
}

void mc_tcp_on_conn_event(void *p, int upstream, uint32_t ev) {
  mc_conn *c = p;
  if (c->closed) return;
  mark(upstream ? &c->upstream : &c->client, ev);
  if (c->state == ST_CONNECTING) {
    if (!upstream || !(ev & (EPOLLOUT | EPOLLERR | EPOLLHUP))) return;
    int err = 0;
    socklen_t len = sizeof err;
    if (getsockopt(c->upstream.fd, SOL_SOCKET, SO_ERROR, &err, &len) != 0) err = errno;
    if (err != 0) {
      connect_failed(c, -err);
      return;
    }
    c->state = ST_OPEN;
    mc_call_js(MC_EV_CONNECTED, c->l->id, c->slot, 0);
    if (c->closed) return;
    c->last_active = uv_now(mc_loop);
    if (c->prefix != NULL && send_prefix(c) < 0) return;
  }
  pump(c);
}

/* ---- accept ---- */

static void accept_one(mc_listener *l, int fd, const struct sockaddr_storage *peer) {
  if (l->mode == MC_MODE_HANDOFF) {
    if (mc_call_js(MC_EV_HANDOFF, l->id, fd, 0) < 0) close(fd);
    return;
  }
  int one = 1;
  setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
  mc_conn *c = calloc(1, sizeof *c);
  int32_t slot = c != NULL ? slot_alloc(c) : -1;
  if (slot < 0 || mc_add_fd(fd, c, TAG_CLIENT, CONN_EVENTS) != 0) {
    if (slot >= 0) {
      slots[slot] = NULL;
      free_slots[free_len++] = slot;
    }
    free(c);
    close(fd);
    return;
  }
  c->client = (mc_side){.fd = fd, .writable = 1};
  memcpy(&c->peer, peer, peer->ss_family == AF_INET6 ? sizeof c->peer.in6 : sizeof c->peer.in4);
  c->upstream.fd = -1;
  c->slot = slot;
  c->l = l;
  c->connect_timeout_ms = l->connect_timeout_ms;
  c->idle_ms = l->idle_timeout_ms;
  c->cluster_slot = l->cluster_slot;
  c->last_active = c->start_ms = uv_now(mc_loop);
  c->deadline = mc_max_deadline(l, c->start_ms);
  l->refs++;
  live_conns++;
  c->next = l->conns;
  if (l->conns) l->conns->prev = c;
  l->conns = c;
  if (c->connect_timeout_ms > 0 || c->idle_ms > 0 || c->deadline > 0) mc_need_sweep();
  int host = mc_call_js(MC_EV_ACCEPT, l->id, slot, 0);
  connect_next(c, host, 0);
}

static void resume_accepts(uv_timer_t *t) {
  (void)t;
  for (int i = 0; i < mc_listeners_cap(); i++) {
    mc_listener *l = mc_get_listener(i);
    if (l == NULL || l->closing || !l->paused) continue;
    struct epoll_event ev = {.events = EPOLLIN, .data.u64 = (uint64_t)(uintptr_t)l | TAG_LISTENER};
    epoll_ctl(mc_epfd, EPOLL_CTL_MOD, l->fd, &ev);
    l->paused = 0;
  }
}

/*
 * Out of descriptors (EMFILE/ENFILE) or kernel memory: the listening socket stays readable, so
 * a level-triggered watch would spin. Stop watching it for ACCEPT_PAUSE_MS, as nginx does;
 * clients wait in the backlog meanwhile. JS counts and logs it.
 */
static void pause_accepts(mc_listener *l, int err) {
  if (!accept_timer_ready) {
    uv_timer_init(mc_loop, &accept_timer);
    uv_unref((uv_handle_t *)&accept_timer);
    accept_timer_ready = 1;
  }
  struct epoll_event ev = {.events = 0, .data.u64 = (uint64_t)(uintptr_t)l | TAG_LISTENER};
  epoll_ctl(mc_epfd, EPOLL_CTL_MOD, l->fd, &ev);
  l->paused = 1;
  uv_timer_start(&accept_timer, resume_accepts, ACCEPT_PAUSE_MS, 0);
  mc_call_js(MC_EV_ACCEPT_ERROR, l->id, 0, err);
}

void mc_tcp_on_listener_event(mc_listener *l) {
  for (int i = 0; i < ACCEPTS_PER_EVENT && !l->closing; i++) {
    struct sockaddr_storage peer;
    socklen_t len = sizeof peer;
    int fd = accept4(l->fd, (struct sockaddr *)&peer, &len, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      accept_one(l, fd, &peer);
      continue;
    }
    /* EAGAIN: drained (level-triggered: more is reported again); a connection that was reset
       while queued is simply skipped */
    if (errno == EAGAIN || errno == EINTR || errno == ECONNABORTED || errno == EPROTO) return;
    pause_accepts(l, -errno);
    return;
  }
}

/* ---- timeouts ---- */

void mc_tcp_sweep(mc_listener *l, uint64_t now) {
  for (mc_conn *c = l->conns, *next; c != NULL; c = next) {
    next = c->next;
    if (c->closed) continue;
    if (c->deadline > 0 && now >= c->deadline) {
      close_conn(c, MC_CLOSE_MAX_DURATION, 0, 0);
      continue;
    }
    if (c->state == ST_CONNECTING) {
      if (c->connect_timeout_ms > 0 && c->upstream.fd >= 0 && now - c->last_active >= c->connect_timeout_ms) connect_failed(c, UV_ETIMEDOUT);
    } else if (c->idle_ms > 0 && now - c->last_active >= c->idle_ms) {
      close_conn(c, MC_CLOSE_IDLE, 0, 0);
    }
  }
}

/* ---- listeners ---- */

static int open_socket(const struct sockaddr *addr, int backlog, int reuse_port) {
  int fd = socket(addr->sa_family, SOCK_STREAM | SOCK_NONBLOCK | SOCK_CLOEXEC, 0);
  if (fd < 0) return -errno;
  int on = 1, off = 0;
  socklen_t len = addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in);
  /* as libuv and nginx: rebinding right after a restart must not wait for TIME_WAIT */
  if (setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &on, sizeof on) != 0 ||
      /* --workers: each worker binds its own socket; the kernel spreads connections over them */
      (reuse_port && setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &on, sizeof on) != 0) ||
      /* `::` is dual-stack, as in the rest of meshc */
      (addr->sa_family == AF_INET6 && setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &off, sizeof off) != 0) ||
      bind(fd, addr, len) != 0 || listen(fd, backlog) != 0) {
    int err = -errno;
    close(fd);
    return err;
  }
  return fd;
}

int mc_listen(uv_loop_t *uvloop, const struct sockaddr *addr, int backlog, int reuse_port) {
  int r = mc_ensure_loop(uvloop);
  if (r != 0) return r;
  int fd = open_socket(addr, backlog, reuse_port);
  if (fd < 0) return fd;
  mc_listener *l = mc_register_listener(fd, 0);
  if (l == NULL) {
    r = -errno;
    close(fd);
    return r;
  }
  return l->id;
}

int mc_destroy_conns(int lid) {
  mc_listener *l = mc_get_listener(lid);
  if (l == NULL) return UV_EINVAL;
  int n = 0;
  mc_batch_begin();
  while (l->conns != NULL) {
    close_conn(l->conns, MC_CLOSE_DESTROYED, 0, 0);
    n++;
  }
  mc_batch_end();
  return n;
}

int mc_peer_name(int slot, char *out, size_t outlen, int *port) {
  if (slot < 0 || slot >= slots_cap || slots[slot] == NULL) return UV_EINVAL;
  mc_conn *c = slots[slot];
  *port = ntohs(c->peer.sa.sa_family == AF_INET6 ? c->peer.in6.sin6_port : c->peer.in4.sin_port);
  return uv_ip_name(&c->peer.sa, out, outlen);
}

int mc_conn_set(int slot, int cluster_slot, double connect_timeout_ms, double idle_timeout_ms) {
  if (slot < 0 || slot >= slots_cap || slots[slot] == NULL) return UV_EINVAL;
  mc_conn *c = slots[slot];
  c->cluster_slot = cluster_slot;
  c->connect_timeout_ms = connect_timeout_ms > 0 ? (uint64_t)connect_timeout_ms : 0;
  c->idle_ms = idle_timeout_ms > 0 ? (uint64_t)idle_timeout_ms : 0;
  if (c->connect_timeout_ms > 0 || c->idle_ms > 0) mc_need_sweep();
  return 0;
}

int mc_local_name(int slot, char *out, size_t outlen, int *port) {
  if (slot < 0 || slot >= slots_cap || slots[slot] == NULL || slots[slot]->client.fd < 0) return UV_EINVAL;
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;
  if (getsockname(slots[slot]->client.fd, (struct sockaddr *)&ss, &len) != 0) return -errno;
  *port = ntohs(ss.ss_family == AF_INET6 ? ((struct sockaddr_in6 *)&ss)->sin6_port : ((struct sockaddr_in *)&ss)->sin_port);
  return uv_ip_name((struct sockaddr *)&ss, out, outlen);
}

int mc_set_upstream_prefix(int slot, const void *data, size_t len) {
  if (slot < 0 || slot >= slots_cap || slots[slot] == NULL || len == 0 || len > MC_PREFIX_MAX) return UV_EINVAL;
  mc_conn *c = slots[slot];
  /* only before the upstream is connected: after that the client's bytes may already be flowing */
  if (c->closed || c->state != ST_CONNECTING) return UV_EINVAL;
  char *p = malloc(len);
  if (p == NULL) return UV_ENOMEM;
  memcpy(p, data, len);
  free(c->prefix);
  c->prefix = p;
  c->prefix_len = (uint32_t)len;
  return 0;
}

int mc_live_conns(void) { return live_conns; }

size_t mc_pending_bytes(void) { return pending_bytes; }
