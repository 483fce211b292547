/*
 * N-API glue of the native TCP data path (proxy.c): argument conversion and the one JS callback.
 * Loaded by runtime/native/native-addon.ts; every function returns a negative libuv error code
 * instead of throwing, so the JS side decides what an error means.
 */
#include <node_api.h>
#include <stdio.h>
#include <string.h>

#include "proxy.h"

static napi_env g_env;
static napi_ref g_callback;
static napi_ref g_counters;
static napi_ref g_info;
static napi_async_context g_async;

#define CHECK(call)                                                  \
  do {                                                               \
    if ((call) != napi_ok) {                                         \
      napi_throw_error(env, "E_NATIVE", "meshc native: " #call);     \
      return NULL;                                                   \
    }                                                                \
  } while (0)

static napi_value int_value(napi_env env, int32_t v) {
  napi_value r;
  napi_create_int32(env, v, &r);
  return r;
}

/* Calls the JS callback from a libuv callback. napi_make_callback (not napi_call_function) so
   that process.nextTick and promise jobs the callback queues run right after it, as they do
   after any Node I/O callback. */
static int32_t call(int event, int lid, int slot, int arg) {
  napi_env env = g_env;
  napi_handle_scope scope;
  if (napi_open_handle_scope(env, &scope) != napi_ok) return -1;
  napi_value fn, recv, result, argv[4];
  int32_t r = -1;
  napi_get_reference_value(env, g_callback, &fn);
  napi_get_global(env, &recv); /* make_callback needs an object receiver */
  napi_create_int32(env, event, &argv[0]);
  napi_create_int32(env, lid, &argv[1]);
  napi_create_int32(env, slot, &argv[2]);
  napi_create_int32(env, arg, &argv[3]);
  napi_status s = napi_make_callback(env, g_async, recv, fn, 4, argv, &result);
  if (s == napi_ok) {
    napi_valuetype t;
    if (napi_typeof(env, result, &t) == napi_ok && t == napi_number) napi_get_value_int32(env, result, &r);
  } else {
    bool pending = false;
    napi_is_exception_pending(env, &pending);
    if (pending) {
      /* a bug in the JS side: surface it as an uncaught exception, as Node does for I/O callbacks */
      napi_value exc;
      napi_get_and_clear_last_exception(env, &exc);
      napi_fatal_exception(env, exc);
    }
  }
  napi_close_handle_scope(env, scope);
  return r;
}

/* init(callback): the function every event is reported to. */
static napi_value Init(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], name;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  /* the data path's state is process-wide: a second JS environment (a worker_thread) cannot share it */
  if (g_env != NULL && g_env != env) {
    napi_throw_error(env, "E_NATIVE", "the native data path serves one JS environment per process");
    return NULL;
  }
  if (g_callback != NULL) napi_delete_reference(env, g_callback);
  CHECK(napi_create_reference(env, argv[0], 1, &g_callback));
  if (g_async == NULL) {
    CHECK(napi_create_string_utf8(env, "meshc.tcp", NAPI_AUTO_LENGTH, &name));
    CHECK(napi_async_init(env, NULL, name, &g_async));
  }
  g_env = env;
  mc_set_call(call);
  return NULL;
}

/* setCounters(Float64Array): per cluster slot, [bytes client->upstream, bytes upstream->client]. */
static napi_value SetCounters(napi_env env, napi_callback_info info) {
  size_t argc = 1, length, offset;
  napi_value argv[1], ab;
  napi_typedarray_type type;
  void *data;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_typedarray_info(env, argv[0], &type, &length, &data, &ab, &offset));
  if (type != napi_float64_array) {
    napi_throw_type_error(env, "E_NATIVE", "setCounters needs a Float64Array");
    return NULL;
  }
  if (g_counters != NULL) napi_delete_reference(env, g_counters);
  CHECK(napi_create_reference(env, argv[0], 1, &g_counters));
  mc_set_counters(data, (uint32_t)length);
  return NULL;
}

/* setInfo(Float64Array(MC_INFO_LEN)): where per-connection figures are put (see proxy.h). */
static napi_value SetInfo(napi_env env, napi_callback_info info) {
  size_t argc = 1, length, offset;
  napi_value argv[1], ab;
  napi_typedarray_type type;
  void *data;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_typedarray_info(env, argv[0], &type, &length, &data, &ab, &offset));
  if (type != napi_float64_array || length < MC_INFO_LEN) {
    napi_throw_type_error(env, "E_NATIVE", "setInfo needs a Float64Array of 4");
    return NULL;
  }
  if (g_info != NULL) napi_delete_reference(env, g_info);
  CHECK(napi_create_reference(env, argv[0], 1, &g_info));
  mc_set_info(data, (uint32_t)length);
  return NULL;
}

static int parse_addr(napi_env env, napi_value host, napi_value port, struct sockaddr_storage *ss) {
  char buf[64];
  size_t len;
  int32_t p;
  if (napi_get_value_string_utf8(env, host, buf, sizeof buf, &len) != napi_ok) return -22;
  if (napi_get_value_int32(env, port, &p) != napi_ok || p < 0 || p > 65535) return -22;
  memset(ss, 0, sizeof *ss);
  if (strchr(buf, ':') != NULL) return uv_ip6_addr(buf, p, (struct sockaddr_in6 *)ss);
  return uv_ip4_addr(buf, p, (struct sockaddr_in *)ss);
}

/* addHost(address, port) -> host id, or a negative error (not an IP address). */
static napi_value AddHost(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  struct sockaddr_storage ss;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  int r = parse_addr(env, argv[0], argv[1], &ss);
  if (r == 0) r = mc_add_host((struct sockaddr *)&ss);
  return int_value(env, r);
}

/* listen(address, port, backlog, reusePort) -> listener id, or a negative error (EADDRINUSE, …). */
static napi_value Listen(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  struct sockaddr_storage ss;
  int32_t backlog;
  bool reuse;
  uv_loop_t *loop;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_int32(env, argv[2], &backlog));
  CHECK(napi_get_value_bool(env, argv[3], &reuse));
  CHECK(napi_get_uv_event_loop(env, &loop));
  int r = parse_addr(env, argv[0], argv[1], &ss);
  if (r == 0) r = mc_listen(loop, (struct sockaddr *)&ss, backlog, reuse);
  return int_value(env, r);
}

/* configure(lid, mode, connectTimeoutMs, idleTimeoutMs, clusterSlot): settings for new connections. */
static napi_value Configure(napi_env env, napi_callback_info info) {
  size_t argc = 5;
  napi_value argv[5];
  int32_t lid, mode, slot;
  double connect_ms, idle_ms;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_int32(env, argv[0], &lid));
  CHECK(napi_get_value_int32(env, argv[1], &mode));
  CHECK(napi_get_value_double(env, argv[2], &connect_ms));
  CHECK(napi_get_value_double(env, argv[3], &idle_ms));
  CHECK(napi_get_value_int32(env, argv[4], &slot));
  return int_value(env, mc_configure(lid, mode, connect_ms, idle_ms, slot));
}

/* setMaxDuration(lid, ms, jitterMs): max connection/session duration for new connections (0 = none). */
static napi_value SetMaxDuration(napi_env env, napi_callback_info info) {
  size_t argc = 3;
  napi_value argv[3];
  int32_t lid;
  double ms, jitter;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_int32(env, argv[0], &lid));
  CHECK(napi_get_value_double(env, argv[1], &ms));
  CHECK(napi_get_value_double(env, argv[2], &jitter));
  return int_value(env, mc_set_max_duration(lid, ms, jitter));
}

/* connSet(slot, clusterSlot, connectTimeoutMs, idleTimeoutMs) / udpSessionSet(slot, clusterSlot, idleTimeoutMs):
   a split listener's target settings for one connection/session, during its accept/session event. */
static napi_value ConnSet(napi_env env, napi_callback_info info) {
  size_t argc = 4;
  napi_value argv[4];
  int32_t slot, cslot;
  double connect_ms = 0, idle_ms;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_int32(env, argv[0], &slot));
  CHECK(napi_get_value_int32(env, argv[1], &cslot));
  if (argc < 4) {
    CHECK(napi_get_value_double(env, argv[2], &idle_ms));
    return int_value(env, mc_udp_session_set(slot, cslot, idle_ms));
  }
  CHECK(napi_get_value_double(env, argv[2], &connect_ms));
  CHECK(napi_get_value_double(env, argv[3], &idle_ms));
  return int_value(env, mc_conn_set(slot, cslot, connect_ms, idle_ms));
}

static napi_value by_lid(napi_env env, napi_callback_info info, int (*fn)(int)) {
  size_t argc = 1;
  napi_value argv[1];
  int32_t v;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_int32(env, argv[0], &v));
  return int_value(env, fn(v));
}

/* closeListener(lid): stop accepting; live connections continue. */
static napi_value CloseListener(napi_env env, napi_callback_info info) { return by_lid(env, info, mc_close_listener); }

/* destroyConns(lid) -> how many live connections were closed. */
static napi_value DestroyConns(napi_env env, napi_callback_info info) { return by_lid(env, info, mc_destroy_conns); }

/* (slot[, withPort]) -> the client's IP address, `IP:PORT` with withPort (split at the last
   colon), or undefined. */
static napi_value peer_by(napi_env env, napi_callback_info info, int (*fn)(int, char *, size_t, int *)) {
  size_t argc = 2;
  napi_value argv[2], r;
  int32_t slot;
  int port = 0;
  bool with_port = false;
  char buf[72];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_int32(env, argv[0], &slot));
  if (argc > 1) napi_get_value_bool(env, argv[1], &with_port);
  if (fn(slot, buf, 64, &port) != 0) return NULL;
  if (with_port) {
    size_t n = strlen(buf);
    snprintf(buf + n, sizeof buf - n, ":%d", port);
  }
  CHECK(napi_create_string_utf8(env, buf, NAPI_AUTO_LENGTH, &r));
  return r;
}

/* connInfo(slot) / udpSessionInfo(slot): put a live connection's figures into the info buffer; 0 or a negative error. */
static napi_value ConnInfo(napi_env env, napi_callback_info info) { return by_lid(env, info, mc_conn_info); }
static napi_value UdpSessionInfo(napi_env env, napi_callback_info info) { return by_lid(env, info, mc_udp_session_info); }

/* peer(slot) -> the client's IP address, or undefined. */
static napi_value Peer(napi_env env, napi_callback_info info) { return peer_by(env, info, mc_peer_name); }

/* stats() -> [live connections, live listeners, bytes waiting in pending buffers] (tests, leak checks). */
static napi_value Stats(napi_env env, napi_callback_info info) {
  (void)info;
  napi_value arr;
  napi_value pending;
  CHECK(napi_create_array_with_length(env, 3, &arr));
  CHECK(napi_set_element(env, arr, 0, int_value(env, mc_live_conns())));
  CHECK(napi_set_element(env, arr, 1, int_value(env, mc_live_listeners())));
  CHECK(napi_create_double(env, (double)mc_pending_bytes(), &pending));
  CHECK(napi_set_element(env, arr, 2, pending));
  return arr;
}

/* udpListen(address, port) -> listener id, or a negative error (EADDRINUSE, …). */
static napi_value UdpListen(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  struct sockaddr_storage ss;
  uv_loop_t *loop;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_uv_event_loop(env, &loop));
  int r = parse_addr(env, argv[0], argv[1], &ss);
  if (r == 0) r = mc_udp_listen(loop, (struct sockaddr *)&ss);
  return int_value(env, r);
}

/* udpCloseSessions(lid, reason) -> how many sessions were closed (close events follow). */
static napi_value UdpCloseSessions(napi_env env, napi_callback_info info) {
  size_t argc = 2;
  napi_value argv[2];
  int32_t lid, reason;
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_int32(env, argv[0], &lid));
  CHECK(napi_get_value_int32(env, argv[1], &reason));
  return int_value(env, mc_udp_close_sessions(lid, reason));
}

/* udpStats(lid) -> [datagrams up, down, bytes up, down, send errors, upstream errors, sessions] or undefined. */
static napi_value UdpStats(napi_env env, napi_callback_info info) {
  size_t argc = 1;
  napi_value argv[1], arr, v;
  int32_t lid;
  double out[7];
  CHECK(napi_get_cb_info(env, info, &argc, argv, NULL, NULL));
  CHECK(napi_get_value_int32(env, argv[0], &lid));
  int n = mc_udp_stats(lid, out);
  if (n < 0) return NULL;
  CHECK(napi_create_array_with_length(env, (size_t)n, &arr));
  for (int i = 0; i < n; i++) {
    CHECK(napi_create_double(env, out[i], &v));
    CHECK(napi_set_element(env, arr, (uint32_t)i, v));
  }
  return arr;
}

/* udpPeer(slot) -> the session's client IP address, or undefined. */
static napi_value UdpPeer(napi_env env, napi_callback_info info) { return peer_by(env, info, mc_udp_peer_name); }

static napi_value ModuleInit(napi_env env, napi_value exports) {
  napi_property_descriptor props[] = {
      {"init", NULL, Init, NULL, NULL, NULL, napi_default, NULL},
      {"setCounters", NULL, SetCounters, NULL, NULL, NULL, napi_default, NULL},
      {"setInfo", NULL, SetInfo, NULL, NULL, NULL, napi_default, NULL},
      {"connInfo", NULL, ConnInfo, NULL, NULL, NULL, napi_default, NULL},
      {"udpSessionInfo", NULL, UdpSessionInfo, NULL, NULL, NULL, napi_default, NULL},
      {"addHost", NULL, AddHost, NULL, NULL, NULL, napi_default, NULL},
      {"listen", NULL, Listen, NULL, NULL, NULL, napi_default, NULL},
      {"configure", NULL, Configure, NULL, NULL, NULL, napi_default, NULL},
      {"closeListener", NULL, CloseListener, NULL, NULL, NULL, napi_default, NULL},
      {"setMaxDuration", NULL, SetMaxDuration, NULL, NULL, NULL, napi_default, NULL},
      {"connSet", NULL, ConnSet, NULL, NULL, NULL, napi_default, NULL},
      {"udpSessionSet", NULL, ConnSet, NULL, NULL, NULL, napi_default, NULL},
      {"destroyConns", NULL, DestroyConns, NULL, NULL, NULL, napi_default, NULL},
      {"peer", NULL, Peer, NULL, NULL, NULL, napi_default, NULL},
      {"stats", NULL, Stats, NULL, NULL, NULL, napi_default, NULL},
      {"udpListen", NULL, UdpListen, NULL, NULL, NULL, napi_default, NULL},
      {"udpCloseSessions", NULL, UdpCloseSessions, NULL, NULL, NULL, napi_default, NULL},
      {"udpStats", NULL, UdpStats, NULL, NULL, NULL, napi_default, NULL},
      {"udpPeer", NULL, UdpPeer, NULL, NULL, NULL, napi_default, NULL},
  };
  if (napi_define_properties(env, exports, sizeof props / sizeof props[0], props) != napi_ok) return NULL;
  return exports;
}

NAPI_MODULE(NODE_GYP_MODULE_NAME, ModuleInit)
