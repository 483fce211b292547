/*
 * The native data path's event loop (see proxy.h): an edge-triggered epoll set of our own whose
 * descriptor sits in Node's libuv loop as one uv_poll_t, so everything runs on the main thread
 * between JS callbacks; the listener table, hosts, byte counters, the sweep timer for
 * timeouts, and the deferred teardown that tcp.c and udp.c share (internal.h).
 */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/epoll.h>
#include <unistd.h>

#include "internal.h"

#define EVENTS 256

uv_loop_t *mc_loop;
int mc_epfd = -1;
mc_call_fn mc_call_js;
static uv_poll_t poll_handle;
static uv_timer_t sweep_timer;
static uint64_t sweep_ms = 1000;
static int sweeping;

static double *counters;
static uint32_t counters_len;

static struct sockaddr_storage *hosts;
static int hosts_len, hosts_cap;

static mc_listener **listeners;
static int listeners_cap, live_listeners;
static int open_listeners; /* not closed yet (closed ones may live on while their connections do) */

/* Listeners whose last reference went: freed when the outermost batch ends. */
static mc_listener *free_q;
static int batch_depth;

void mc_set_call(mc_call_fn fn) { mc_call_js = fn; }

void mc_set_counters(double *c, uint32_t length) {
  counters = c;
  counters_len = length;
}

void mc_count_bytes(int32_t s, int up, ssize_t n) {
  if (s >= 0 && (uint32_t)s * 2 + 1 < counters_len) counters[s * 2 + !up] += (double)n;
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

const struct sockaddr *mc_host(int id) { return id >= 0 && id < hosts_len ? (const struct sockaddr *)&hosts[id] : NULL; }

/* Keeps Node's loop alive while a listener or connection exists, as net.Server does. */
static void update_ref(void) {
  if (mc_epfd < 0) return;
  int open = open_listeners > 0 || mc_live_conns() > 0 || mc_udp_live_sessions() > 0;
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

static void flush(void) {
  if (batch_depth > 0) return;
  batch_depth++;
  /* JS hears EV_CLOSED here; a callback that closes more just extends the queues */
  while (mc_tcp_flush() + mc_udp_flush() > 0) {
  }
  batch_depth--;
  while (free_q != NULL) {
    mc_listener *l = free_q;
    free_q = (mc_listener *)l->conns;
    mc_udp_free_state(l->udp_state);
    free(l);
  }
  if (mc_live_conns() == 0 && mc_udp_live_sessions() == 0 && sweeping) {
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

int mc_add_fd(int fd, void *ptr, int tag, uint32_t events) {
  struct epoll_event ev = {.events = events, .data.u64 = (uint64_t)(uintptr_t)ptr | (uint64_t)tag};
  return epoll_ctl(mc_epfd, EPOLL_CTL_ADD, fd, &ev);
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
    if (tag == TAG_LISTENER) {
      mc_listener *l = p;
      if (l->closing) continue;
      if (l->udp) mc_udp_on_readable(l);
      else mc_tcp_on_listener_event(l);
    } else if (tag == TAG_UDP_SESSION) mc_udp_on_session_event(p, evs[i].events);
    else mc_tcp_on_conn_event(p, tag == TAG_UPSTREAM, evs[i].events);
  }
  batch_depth--;
  flush();
}

/* ---- batches and timeouts ---- */

void mc_batch_begin(void) { batch_depth++; }

void mc_batch_end(void) {
  batch_depth--;
  flush();
}

static void sweep(uv_timer_t *t) {
  (void)t;
  uint64_t now = uv_now(mc_loop);
  batch_depth++;
  for (int i = 0; i < listeners_cap; i++) {
    mc_listener *l = listeners[i];
    if (l == NULL) continue;
    if (l->udp) mc_udp_sweep(l, now);
    else mc_tcp_sweep(l, now);
  }
  batch_depth--;
  flush();
}

void mc_need_sweep(void) {
  if (sweeping) return;
  uv_timer_start(&sweep_timer, sweep, sweep_ms, sweep_ms);
  sweeping = 1;
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
  return 0;
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
  open_listeners++;
  update_ref();
  return l;
}

mc_listener *mc_get_listener(int lid) {
  if (lid < 0 || lid >= listeners_cap) return NULL;
  return listeners[lid];
}

int mc_listeners_cap(void) { return listeners_cap; }

/* Sweep often enough for a deadline of `ms`: within 1/8 of it (10 ms .. 1 s). */
static void sweep_for(uint64_t ms) {
  if (ms == 0) return;
  uint64_t t = ms / 8 < 10 ? 10 : ms / 8 > 1000 ? 1000 : ms / 8;
  if (t < sweep_ms) {
    sweep_ms = t;
    if (sweeping) uv_timer_start(&sweep_timer, sweep, sweep_ms, sweep_ms);
  }
}

int mc_set_max_duration(int lid, double ms, double jitter_ms) {
  mc_listener *l = mc_get_listener(lid);
  if (l == NULL) return UV_EINVAL;
  l->max_ms = ms > 0 ? (uint64_t)ms : 0;
  l->jitter_ms = l->max_ms > 0 && jitter_ms > 0 ? (uint64_t)jitter_ms : 0;
  sweep_for(l->max_ms);
  return 0;
}

/* xorshift64*: the jitter needs spread, not secrecy */
static uint64_t rng_state = 0x9e3779b97f4a7c15ull;

uint64_t mc_max_deadline(const mc_listener *l, uint64_t start) {
  if (l->max_ms == 0) return 0;
  uint64_t extra = 0;
  if (l->jitter_ms > 0) {
    rng_state ^= rng_state >> 12;
    rng_state ^= rng_state << 25;
    rng_state ^= rng_state >> 27;
    extra = (rng_state * 0x2545f4914f6cdd1dull) % (l->jitter_ms + 1);
  }
  return start + l->max_ms + extra;
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
  open_listeners--;
  close(l->fd);
  l->fd = -1;
  mc_listener_unref(l);
  flush();
  return 0;
}

int mc_live_listeners(void) { return live_listeners; }
