/*
 * The native TCP proxy (see proxy.h), built the way nginx's stream proxy is: non-blocking
 * sockets in an edge-triggered epoll set of our own, with raw accept4/connect/recv/send. That
 * epoll descriptor sits in Node's libuv mc_loop as one uv_poll_t, so everything runs on the main
 * thread between JS callbacks. libuv's stream handles cost several epoll_ctl calls per
 * connection (lazy re-arming); here each socket is added once and close() removes it.
 *
 * Copy: recv into one buffer shared by the whole mc_loop, send at once; only the bytes the kernel
 * did not take are copied into a per-direction pending buffer, and the source is not read again
 * until they are sent (backpressure: at most one read's worth waits per direction).
 * Half-close: an EOF read from one side becomes shutdown(SHUT_WR) on the other once its pending
 * bytes are sent; the other direction keeps flowing; when both sides ended, both close.
 * Errors: a read or write error on one side closes the other with an RST (SO_LINGER 0).
 * Timeouts: one sweep timer checks connect and idle deadlines (coarse, no per-connection timer).
 * Teardown is deferred to the end of each batch of events, so no pointer in a batch dangles.
 */
#define _GNU_SOURCE /* accept4 */
#include "proxy.h"
#include "internal.h"

#include <errno.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#define READ_BUF_SIZE (256 * 1024)
#define EVENTS 256
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
  int32_t slot, cluster_slot;
  uint8_t state, closed, reason;
};

uv_loop_t *mc_loop;
int mc_epfd = -1;
static uv_poll_t poll_handle;
static uv_timer_t sweep_timer;
static uv_timer_t accept_timer;
static uint64_t sweep_ms = 1000;
static int sweeping;

mc_call_fn mc_call_js;
static double *counters;
static uint32_t counters_len;
static char read_buf[READ_BUF_SIZE];

static struct sockaddr_storage *hosts;
static int hosts_len, hosts_cap;

static mc_listener **listeners;
static int listeners_cap, live_listeners;

static mc_conn **slots;
static int32_t *free_slots;
static int slots_cap, free_len, live_conns;
static size_t pending_bytes;

/* Deferred teardown: closed connections and freed listeners wait for the end of the batch. */
static mc_conn *closed_q;
static mc_listener *free_q;
static int batch_depth;

void mc_set_call(mc_call_fn fn) { mc_call_js = fn; }

void mc_set_counters(double *c, uint32_t length) {
  counters = c;
  counters_len = length;
}

int mc_add_host(const struct sockaddr *addr) {
  if (hosts_len == hosts_cap) {
    int cap = hosts_cap ? hosts_cap * 2 : 64;
    void *p = realloc(hosts, (size_t)cap * sizeof *hosts);
    if (p == NULL) return UV_ENOMEM;
    hosts = p;
    hosts_cap = cap;
  }
  memset(&hosts[hosts_len], 0, sizeof *hosts);
  memcpy(&hosts[hosts_len], addr, addr->sa_family == AF_INET6 ? sizeof(struct sockaddr_in6) : sizeof(struct sockaddr_in));
  return hosts_len++;
}

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

/* Keeps Node's mc_loop alive while a listener or connection exists, as net.Server does. */
static void update_ref(void) {
  if (mc_epfd < 0) return;
  int open = live_conns > 0 || mc_udp_live_sessions() > 0;
  for (int i = 0; !open && i < listeners_cap; i++) open = listeners[i] != NULL && !listeners[i]->closing;
  if (open) uv_ref((uv_handle_t *)&poll_handle);
  else uv_unref((uv_handle_t *)&poll_handle);
}

void mc_listener_unref(mc_listener *l) {
  if (--l->refs > 0) return;
  listeners[l->id] = NULL;
  live_listeners--;
  l->conns = (mc_conn *)free_q; /* reuse the field as the free-queue link */
  free_q = l;
}

/* Runs the deferred teardown once the outermost batch ends: JS hears EV_CLOSED here. */
static void flush(void) {
  if (batch_depth > 0) return;
  batch_depth++;
  while (closed_q != NULL) {
    mc_conn *c = closed_q;
    closed_q = c->next_closed;
    int32_t slot = c->slot;
    mc_listener *l = c->l;
    slots[slot] = NULL;
    mc_call_js(MC_EV_CLOSED, l->id, slot, c->reason);
    free_slots[free_len++] = slot;
    free(c);
    mc_listener_unref(l);
  }
  mc_udp_flush();
  batch_depth--;
  while (free_q != NULL) {
    mc_listener *l = free_q;
    free_q = (mc_listener *)l->conns;
    mc_udp_free_state(l->udp_state);
    free(l);
  }
  if (live_conns == 0 && mc_udp_live_sessions() == 0 && sweeping) {
    uv_timer_stop(&sweep_timer);
    sweeping = 0;
  }
  update_ref();
}

void mc_close_fd(int fd, int reset) {
  if (fd < 0) return;
  if (reset) {
    struct linger lg = {1, 0};
    setsockopt(fd, SOL_SOCKET, SO_LINGER, &lg, sizeof lg);
  }
  close(fd); /* also removes it from the epoll set */
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
  live_conns--;
  c->next_closed = closed_q;
  closed_q = c;
}

/* ---- connect ---- */

int mc_add_fd(int fd, void *ptr, int tag, uint32_t events) {
  struct epoll_event ev = {.events = events, .data.u64 = (uint64_t)(uintptr_t)ptr | (uint64_t)tag};
  return epoll_ctl(mc_epfd, EPOLL_CTL_ADD, fd, &ev);
}

static const uint32_t CONN_EVENTS = EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET;

/* Starts a non-blocking connect to `host`; returns 0, or a negative errno (nothing left open). */
static int start_connect(mc_conn *c, int host) {
  const struct sockaddr *sa = (const struct sockaddr *)&hosts[host];
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
    if (host < 0 || host >= hosts_len) {
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

void mc_count_bytes(int32_t s, int up, ssize_t n) {
  if (s >= 0 && (uint32_t)s * 2 + 1 < counters_len) counters[s * 2 + !up] += (double)n;
}

const struct sockaddr *mc_host(int id) { return id >= 0 && id < hosts_len ? (const struct sockaddr *)&hosts[id] : NULL; }

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
      size_t rest = (size_t)(n - w);
      dst->pending = malloc(rest);
      if (dst->pending == NULL) {
        close_conn(c, MC_CLOSE_RESET, 1, 1);
        return -1;
      }
      memcpy(dst->pending, read_buf + w, rest);
      dst->pending_len = rest;
      dst->pending_off = 0;
      pending_bytes += rest;
      dst->writable = 0;
      return 0;
    }
    if (n == 0) {
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

static void on_conn_event(mc_conn *c, int upstream, uint32_t ev) {
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
  }
  pump(c);
}

/* ---- accept ---- */

static void sweep(uv_timer_t *t);


static void accept_one(mc_listener *l, int fd) {
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
  c->upstream.fd = -1;
  c->slot = slot;
  c->l = l;
  c->connect_timeout_ms = l->connect_timeout_ms;
  c->idle_ms = l->idle_timeout_ms;
  c->cluster_slot = l->cluster_slot;
  c->last_active = uv_now(mc_loop);
  l->refs++;
  live_conns++;
  c->next = l->conns;
  if (l->conns) l->conns->prev = c;
  l->conns = c;
  if (c->connect_timeout_ms > 0 || c->idle_ms > 0) mc_need_sweep();
  int host = mc_call_js(MC_EV_ACCEPT, l->id, slot, 0);
  connect_next(c, host, 0);
}

static void resume_accepts(uv_timer_t *t) {
  (void)t;
  for (int i = 0; i < listeners_cap; i++) {
    mc_listener *l = listeners[i];
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
  struct epoll_event ev = {.events = 0, .data.u64 = (uint64_t)(uintptr_t)l | TAG_LISTENER};
  epoll_ctl(mc_epfd, EPOLL_CTL_MOD, l->fd, &ev);
  l->paused = 1;
  uv_timer_start(&accept_timer, resume_accepts, ACCEPT_PAUSE_MS, 0);
  mc_call_js(MC_EV_ACCEPT_ERROR, l->id, 0, err);
}

static void on_listener_event(mc_listener *l) {
  if (l->udp) {
    if (!l->closing) mc_udp_on_readable(l);
    return;
  }
  for (int i = 0; i < ACCEPTS_PER_EVENT && !l->closing; i++) {
    int fd = accept4(l->fd, NULL, NULL, SOCK_NONBLOCK | SOCK_CLOEXEC);
    if (fd >= 0) {
      accept_one(l, fd);
      continue;
    }
    /* EAGAIN: drained (level-triggered: more is reported again); a connection that was reset
       while queued is simply skipped */
    if (errno == EAGAIN || errno == EINTR || errno == ECONNABORTED || errno == EPROTO) return;
    pause_accepts(l, -errno);
    return;
  }
}

static void on_poll(uv_poll_t *h, int status, int events) {
  (void)h;
  (void)status;
  (void)events;
  struct epoll_event evs[EVENTS];
  batch_depth++;
  int n = epoll_wait(mc_epfd, evs, EVENTS, 0);
  for (int i = 0; i < n; i++) {
    uint64_t d = evs[i].data.u64;
    int tag = (int)(d & 3);
    void *p = (void *)(uintptr_t)(d & ~(uint64_t)3);
    if (tag == TAG_LISTENER) on_listener_event(p);
    else if (tag == TAG_UDP_SESSION) mc_udp_on_session_event(p, evs[i].events);
    else on_conn_event(p, tag == TAG_UPSTREAM, evs[i].events);
  }
  batch_depth--;
  flush();
}

/* ---- timeouts ---- */

void mc_batch_begin(void) { batch_depth++; }

void mc_batch_end(void) {
  batch_depth--;
  flush();
}

void mc_need_sweep(void) {
  if (sweeping) return;
  uv_timer_start(&sweep_timer, sweep, sweep_ms, sweep_ms);
  sweeping = 1;
}

static void sweep(uv_timer_t *t) {
  uint64_t now = uv_now(mc_loop);
  batch_depth++;
  for (int i = 0; i < listeners_cap; i++) {
    mc_listener *l = listeners[i];
    if (l == NULL) continue;
    if (l->udp) {
      mc_udp_sweep(l, now);
      continue;
    }
    for (mc_conn *c = l->conns, *next; c != NULL; c = next) {
      next = c->next;
      if (c->closed) continue;
      if (c->state == ST_CONNECTING) {
        if (c->connect_timeout_ms > 0 && c->upstream.fd >= 0 && now - c->last_active >= c->connect_timeout_ms) connect_failed(c, UV_ETIMEDOUT);
      } else if (c->idle_ms > 0 && now - c->last_active >= c->idle_ms) {
        close_conn(c, MC_CLOSE_IDLE, 0, 0);
      }
    }
  }
  batch_depth--;
  flush();
  (void)t;
}

/* ---- listeners ---- */

int mc_ensure_loop(uv_loop_t *l) {
  if (mc_epfd >= 0) return 0;
  mc_loop = l;
  mc_epfd = epoll_create1(EPOLL_CLOEXEC);
  if (mc_epfd < 0) return -errno;
  int r = uv_poll_init(mc_loop, &poll_handle, mc_epfd);
  if (r == 0) r = uv_poll_start(&poll_handle, UV_READABLE, on_poll);
  if (r != 0) {
    close(mc_epfd);
    mc_epfd = -1;
    return r;
  }
  /* referenced only while a listener or connection exists (update_ref) */
  uv_unref((uv_handle_t *)&poll_handle);
  uv_timer_init(mc_loop, &sweep_timer);
  uv_unref((uv_handle_t *)&sweep_timer);
  uv_timer_init(mc_loop, &accept_timer);
  uv_unref((uv_handle_t *)&accept_timer);
  return 0;
}

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

mc_listener *mc_register_listener(int fd, int udp) {
  int id = -1;
  for (int i = 0; i < listeners_cap && id < 0; i++)
    if (listeners[i] == NULL) id = i;
  if (id < 0) {
    int cap = listeners_cap ? listeners_cap * 2 : 16;
    mc_listener **p = realloc(listeners, (size_t)cap * sizeof *p);
    if (p == NULL) {
      errno = ENOMEM;
      return NULL;
    }
    memset(p + listeners_cap, 0, (size_t)(cap - listeners_cap) * sizeof *p);
    listeners = p;
    id = listeners_cap;
    listeners_cap = cap;
  }
  mc_listener *l = calloc(1, sizeof *l);
  if (l == NULL) {
    errno = ENOMEM;
    return NULL;
  }
  l->fd = fd;
  l->id = id;
  l->refs = 1;
  l->udp = udp;
  l->cluster_slot = -1;
  /* level-triggered: accepts beyond ACCEPTS_PER_EVENT (datagrams beyond a batch) are reported again */
  if (mc_add_fd(fd, l, TAG_LISTENER, EPOLLIN) != 0) {
    free(l);
    return NULL;
  }
  listeners[id] = l;
  live_listeners++;
  update_ref();
  return l;
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

mc_listener *mc_get_listener(int lid) {
  if (lid < 0 || lid >= listeners_cap) return NULL;
  return listeners[lid];
}

int mc_configure(int lid, int mode, double connect_timeout_ms, double idle_timeout_ms, int cluster_slot) {
  mc_listener *l = mc_get_listener(lid);
  if (l == NULL) return UV_EINVAL;
  l->mode = mode;
  l->connect_timeout_ms = connect_timeout_ms > 0 ? (uint64_t)connect_timeout_ms : 0;
  l->idle_timeout_ms = idle_timeout_ms > 0 ? (uint64_t)idle_timeout_ms : 0;
  l->cluster_slot = cluster_slot;
  /* a deadline is met within 1/8 of the shortest timeout (10 ms .. 1 s) */
  uint64_t shortest = 0;
  if (l->connect_timeout_ms > 0) shortest = l->connect_timeout_ms;
  if (l->idle_timeout_ms > 0 && (shortest == 0 || l->idle_timeout_ms < shortest)) shortest = l->idle_timeout_ms;
  if (shortest > 0) {
    uint64_t ms = shortest / 8 < 10 ? 10 : shortest / 8 > 1000 ? 1000 : shortest / 8;
    if (ms < sweep_ms) {
      sweep_ms = ms;
      if (sweeping) uv_timer_start(&sweep_timer, sweep, sweep_ms, sweep_ms);
    }
  }
  return 0;
}

int mc_close_listener(int lid) {
  mc_listener *l = mc_get_listener(lid);
  if (l == NULL || l->closing) return UV_EINVAL;
  l->closing = 1;
  close(l->fd);
  l->fd = -1;
  mc_listener_unref(l);
  flush();
  return 0;
}

int mc_destroy_conns(int lid) {
  mc_listener *l = mc_get_listener(lid);
  if (l == NULL) return UV_EINVAL;
  int n = 0;
  batch_depth++;
  while (l->conns != NULL) {
    close_conn(l->conns, MC_CLOSE_DESTROYED, 0, 0);
    n++;
  }
  batch_depth--;
  flush();
  return n;
}

int mc_peer_name(int slot, char *out, size_t outlen) {
  if (slot < 0 || slot >= slots_cap || slots[slot] == NULL || slots[slot]->client.fd < 0) return UV_EINVAL;
  struct sockaddr_storage ss;
  socklen_t len = sizeof ss;
  if (getpeername(slots[slot]->client.fd, (struct sockaddr *)&ss, &len) != 0) return -errno;
  return uv_ip_name((struct sockaddr *)&ss, out, outlen);
}

int mc_live_conns(void) { return live_conns; }

int mc_live_listeners(void) { return live_listeners; }

size_t mc_pending_bytes(void) { return pending_bytes; }
