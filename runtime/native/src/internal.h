/*
 * What the TCP core (proxy.c) shares with the UDP proxy (udp.c): the loop, the epoll set, the
 * JS callback, hosts, byte counters, the listener table and the deferred-teardown batch.
 */
#ifndef MESHC_INTERNAL_H
#define MESHC_INTERNAL_H

#include <sys/types.h>
#include "proxy.h"

#define TAG_CLIENT 0
#define TAG_UPSTREAM 1
#define TAG_LISTENER 2
#define TAG_UDP_SESSION 3

extern uv_loop_t *mc_loop;
extern int mc_epfd;
extern mc_call_fn mc_call_js;

int mc_add_fd(int fd, void *ptr, int tag, uint32_t events);
void mc_close_fd(int fd, int reset);
void mc_count_bytes(int32_t cluster_slot, int up, ssize_t n);
const struct sockaddr *mc_host(int id);
void mc_listener_unref(mc_listener *l);
/* Registers a bound socket as a listener (id, refs, epoll); returns it or NULL (errno set). */
mc_listener *mc_register_listener(int fd, int udp);
/* Nested batches of events: teardown and JS close events run when the outermost one ends. */
void mc_batch_begin(void);
void mc_batch_end(void);
/* The sweep timer must run (a UDP session with an idle timeout exists). */
void mc_need_sweep(void);

int mc_listeners_cap(void);

/* The deadline (uv_now ms) of a connection/session of `l` that began at `start`, 0 = none. */
uint64_t mc_max_deadline(const mc_listener *l, uint64_t start);

/* The access-log figures of one connection or session, put into JS's info buffer (tcp.c). */
void mc_put_info(double bytes_up, double bytes_down, uint64_t start_ms, int first_eof);

/* tcp.c */
void mc_tcp_on_listener_event(mc_listener *l);
void mc_tcp_on_conn_event(void *conn, int upstream, uint32_t events);
void mc_tcp_sweep(mc_listener *l, uint64_t now);
int mc_tcp_flush(void); /* returns how many connections it freed */

/* udp.c */
void mc_udp_on_readable(mc_listener *l);
void mc_udp_on_session_event(void *session, uint32_t events);
void mc_udp_sweep(mc_listener *l, uint64_t now);
int mc_udp_flush(void); /* returns how many sessions it freed */
int mc_udp_live_sessions(void);

#endif
