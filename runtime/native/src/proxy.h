/*
 * meshc native TCP data path: listener accept, upstream connect and the byte copy, on Node's own
 * libuv loop (one uv_poll_t on an epoll set of our own). Every decision (which host, limits, retries, outlier reports, metrics other than
 * bytes) stays in JavaScript: this code calls back into JS once when a connection is accepted,
 * once when its upstream connects (or fails) and once when it is closed.
 */
#ifndef MESHC_PROXY_H
#define MESHC_PROXY_H

#include <stddef.h>
#include <stdint.h>
#include <sys/socket.h>
#include <uv.h>

/* What a listener does with an accepted connection. */
enum mc_mode {
  MC_MODE_PROXY = 0,   /* proxy it here, in C */
  MC_MODE_HANDOFF = 1, /* give a dup of its descriptor to JS (protocol detection, SNI routing) */
};

/* Events reported to JS (first argument of the callback). */
enum mc_event {
  MC_EV_ACCEPT = 1,         /* (lid, slot) -> host id to connect to, or -1 to reset the client */
  MC_EV_CONNECTED = 2,      /* (lid, slot) */
  MC_EV_CONNECT_FAILED = 3, /* (lid, slot, -errno) -> next host id, or -1 to reset the client */
  MC_EV_CLOSED = 4,         /* (lid, slot, reason) */
  MC_EV_HANDOFF = 5,        /* (lid, fd): JS owns fd from now on */
  MC_EV_ACCEPT_ERROR = 6,   /* (lid, 0, -errno): accepting paused for a moment (EMFILE, …) */
  MC_EV_UDP_SESSION = 7,    /* (lid, session slot) -> host id, or -1 to drop the datagram */
  MC_EV_UDP_REPLIED = 8,    /* (lid, session slot): the host's first reply */
  MC_EV_UDP_CLOSED = 9,     /* (lid, session slot, reason | replied << 4 | unreachable << 5) */
};

/* Why a proxied connection ended (MC_EV_CLOSED). */
enum mc_reason {
  MC_CLOSE_DONE = 0,      /* both directions ended, or one side closed */
  MC_CLOSE_IDLE = 1,      /* idle timeout */
  MC_CLOSE_REFUSED = 2,   /* JS refused it at accept (no host, overflow, no route) */
  MC_CLOSE_FAILED = 3,    /* every connect attempt failed */
  MC_CLOSE_RESET = 4,     /* a socket error or RST on either side */
  MC_CLOSE_DESTROYED = 5, /* destroyConns (drain deadline, shutdown) */
  /* 6 is JS's UDP drain reason */
  MC_CLOSE_MAX_DURATION = 7, /* the listener's max connection duration was reached */
};

typedef struct mc_conn mc_conn;

typedef struct mc_listener {
  int fd;
  int id;
  int mode;
  int refs; /* the listening handle + one per live connection */
  int closing;
  int udp;    /* a UDP listener (udp.c); sessions hang off udp_state */
  void *udp_state;
  int paused; /* accept() failed for lack of resources: not watched for a moment */
  uint64_t connect_timeout_ms;
  uint64_t idle_timeout_ms;
  int32_t cluster_slot; /* index into the byte counters, -1 = none */
  uint64_t max_ms, jitter_ms; /* max connection (UDP: session) duration + largest random extra; 0 = none */
  mc_conn *conns;       /* live connections (intrusive list) */
} mc_listener;

/* Calls into JS: returns the callback's int32 result (-1 when it threw or returned none). */
typedef int32_t (*mc_call_fn)(int event, int lid, int slot, int arg);

void mc_set_call(mc_call_fn fn);
void mc_set_counters(double *counters, uint32_t length);
int mc_add_host(const struct sockaddr *addr);
int mc_ensure_loop(uv_loop_t *loop);
int mc_listen(uv_loop_t *loop, const struct sockaddr *addr, int backlog, int reuse_port);
int mc_configure(int lid, int mode, double connect_timeout_ms, double idle_timeout_ms, int cluster_slot);
int mc_close_listener(int lid);
/* Max connection/session duration for new connections of a listener (ms, 0 = none) and its jitter. */
int mc_set_max_duration(int lid, double ms, double jitter_ms);
/* A connection's own cluster slot and timeouts (a split listener's target), set while JS handles its MC_EV_ACCEPT. */
int mc_conn_set(int slot, int cluster_slot, double connect_timeout_ms, double idle_timeout_ms);
int mc_destroy_conns(int lid);
int mc_peer_name(int slot, char *out, size_t outlen, int *port);
/* Per-connection figures for JS (access log, duration metric): a Float64Array of MC_INFO_LEN,
   filled just before MC_EV_CLOSED / MC_EV_UDP_CLOSED and by mc_conn_info / mc_udp_session_info:
   [bytes from the client, bytes from the upstream, ms since accept, first FIN: 1 client 2 upstream] */
#define MC_INFO_LEN 4
void mc_set_info(double *buf, uint32_t length);
int mc_conn_info(int slot);
int mc_live_conns(void);
int mc_live_listeners(void);
size_t mc_pending_bytes(void);
mc_listener *mc_get_listener(int lid);

/* udp.c */
int mc_udp_listen(uv_loop_t *loop, const struct sockaddr *addr);
int mc_udp_close_sessions(int lid, int reason);
int mc_udp_stats(int lid, double out[7]);
int mc_udp_peer_name(int slot, char *out, size_t outlen, int *port);
int mc_udp_session_info(int slot);
/* A session's own cluster slot and idle timeout (a split listener's target), set while JS handles MC_EV_UDP_SESSION. */
int mc_udp_session_set(int slot, int cluster_slot, double idle_timeout_ms);
void mc_udp_free_state(void *state);

#endif
