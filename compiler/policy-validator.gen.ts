// @ts-nocheck
/* eslint-disable */
// GENERATED FILE - DO NOT EDIT. Produced by scripts/gen-plan-validator.mjs (run by npm run build)
// from schemas/policy.schema.json with ajv standalone code; a test fails when it is stale.
import runtime0 from 'ajv/dist/runtime/equal.js';
import runtime1 from 'ajv/dist/runtime/ucs2length.js';
import runtime2 from './policy-formats.js';
/** sha256 of the schemas/policy.schema.json text this validator was generated from. */
export const SCHEMA_SHA256 = '6a455351e64aa845eaa30a7aae3fcd0d582e8f9981822e305ea0b4a6f882bf05';
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://meshc.dev/schemas/policy.schema.json","title":"Policy","description":"One meshc policy document: a `Service` (a destination that sidecars proxy to) or a `Sidecar` (one proxy instance next to one workload). A file may hold several documents separated by `---`.","type":"object","additionalProperties":false,"required":["apiVersion","kind","metadata","spec"],"properties":{"apiVersion":{"const":"meshc.dev/v1alpha1","description":"Policy format version. Always `meshc.dev/v1alpha1`.","examples":["meshc.dev/v1alpha1"]},"kind":{"type":"string","enum":["Service","Sidecar"],"description":"The document kind: `Service` or `Sidecar`.","examples":["Service","Sidecar"]},"metadata":{"$ref":"#/definitions/Metadata"},"spec":{"type":"object","description":"The kind-specific body: see `ServiceSpec` and `SidecarSpec`.","examples":[{"ports":[{"port":3306,"protocol":"tcp"}],"endpoints":{"static":[{"address":"10.1.0.11"}]}}]}},"allOf":[{"if":{"required":["kind"],"properties":{"kind":{"const":"Service"}}},"then":{"properties":{"spec":{"$ref":"#/definitions/ServiceSpec"}}}},{"if":{"required":["kind"],"properties":{"kind":{"const":"Sidecar"}}},"then":{"properties":{"spec":{"$ref":"#/definitions/SidecarSpec"}}}}],"definitions":{"Name":{"type":"string","minLength":1,"maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","description":"A DNS-1123 label: lower-case letters, digits and `-`, starting and ending with a letter or digit, at most 63 characters.","examples":["orders-db"]},"Port":{"type":"integer","minimum":1,"maximum":65535,"description":"A TCP/UDP port number (1-65535).","examples":[3306]},"Duration":{"type":"string","pattern":"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$","description":"A duration: one or more `<integer><unit>` parts in the order h, m, s, ms, e.g. `250ms`, `5s`, `1m`, `1h`, `1m30s`.","examples":["5s","250ms","1m30s"]},"IpAddress":{"type":"string","format":"ip","description":"An IPv4 or IPv6 literal without brackets.","examples":["10.1.0.11","fd00::11"]},"SocketAddress":{"type":"string","format":"host-port","description":"`IP:PORT`; an IPv6 address is written in brackets (`[::1]:15306`).","examples":["127.0.0.1:15306","[::1]:15306"]},"Cidr":{"type":"string","format":"cidr","description":"An IPv4 or IPv6 network in CIDR notation.","examples":["10.0.0.0/8","fd00::/8"]},"ServerName":{"type":"string","maxLength":253,"pattern":"^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","description":"A TLS server name (SNI), lower case: exact (`api.shop.example`) or a wildcard suffix (`*.shop.example`, which matches any name ending in `.shop.example`).","examples":["api.shop.example","*.shop.example"]},"Protocol":{"type":"string","enum":["tcp","udp","tls","http","auto"],"description":"`tcp`, `udp`, `tls` (TCP carrying TLS; routable by SNI), `http` (TCP carrying HTTP) or `auto` (sniff the client's first bytes: TLS ClientHello, HTTP/1.x, HTTP/2 preface; fall back to TCP after `detectionTimeout`). `auto` is never a default.","examples":["tcp","udp","tls"]},"Payload":{"type":["string","object"],"additionalProperties":false,"required":["hex"],"properties":{"hex":{"type":"string","pattern":"^([0-9a-fA-F]{2})*$","description":"The bytes as hexadecimal digits, two per byte.","examples":["0a0b"]}},"description":"Bytes, as UTF-8 text or as `{ hex: \"...\" }`.","examples":["PING\r\n",{"hex":"0a0b"}]},"Metadata":{"type":"object","additionalProperties":false,"required":["name"],"description":"Identifies the document.","examples":[{"name":"orders-db"}],"properties":{"name":{"$ref":"#/definitions/Name","description":"The document's name (DNS-1123 label), unique per kind. Sidecars refer to Services by it; a Sidecar's name names its plan and output directory.","examples":["orders-db","checkout"]},"labels":{"type":"object","additionalProperties":{"type":"string"},"description":"Free-form string labels, kept for tooling; the compiler ignores them.","examples":[{"team":"payments"}]},"annotations":{"type":"object","additionalProperties":{"type":"string"},"description":"Free-form string annotations, kept for tooling; the compiler ignores them.","examples":[{"owner":"platform@shop.example"}]}}},"ServiceSpec":{"type":"object","additionalProperties":false,"required":["ports"],"description":"A destination that sidecars proxy to: its ports, its endpoints (or a `split` over other services) and how connections to them are balanced, checked and limited. Exactly one of `endpoints` and `split`.","examples":[{"ports":[{"port":3306,"protocol":"tcp"}],"endpoints":{"static":[{"address":"10.1.0.11"}]}}],"properties":{"ports":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/ServicePort"},"description":"The ports clients dial (at least one). A port that is both TCP and UDP (DNS 53) is listed twice, with protocols `tcp` and `udp`.","examples":[[{"name":"mysql","port":3306,"protocol":"tcp"}]]},"endpoints":{"$ref":"#/definitions/Endpoints"},"split":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/SplitTarget"},"description":"Instead of `endpoints`: each new connection (UDP: session) picks one of these services by weight (a canary or blue/green split); the target's own endpoints, load balancer, health, limits, `proxyProtocol` and `localityAware` apply. Every target must serve each of this service's ports with the same protocol, must not be a split itself, and need not be listed in a Sidecar's `outbound`. Only `connection.maxDuration`, `maxDurationJitterPercent`, `maxConnectionRate` and `idleTimeout` apply on a split service. Envoy: `tcp_proxy.weighted_clusters`.","examples":[[{"service":"orders-v1","weight":90},{"service":"orders-v2","weight":10}]]},"proxyProtocol":{"type":"string","enum":["v1","v2"],"description":"Send a PROXY protocol header (`v1` text or `v2` binary, as HAProxy defines them) to every endpoint as soon as the upstream connection is up: the original client's address and port as source, the sidecar listener's as destination. TCP ports only. Envoy: the `upstream_proxy_protocol` transport socket.","examples":["v2"]},"addresses":{"type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/IpAddress"},"description":"The virtual addresses (e.g. Kubernetes ClusterIPs) clients dial for this service. With iptables interception, outbound capture for the service narrows to them.","examples":[["10.96.0.20"]]},"loadBalancer":{"type":"object","additionalProperties":false,"description":"How a new connection (UDP: session) picks an endpoint.","examples":[{"policy":"least-connections"}],"properties":{"policy":{"type":"string","enum":["round-robin","least-connections","random","ring-hash","maglev"],"description":"`round-robin` (default, weighted), `least-connections` (fewest active connections relative to weight; ties round-robin), `random`, `ring-hash` or `maglev` (consistent hashing of the client IP).","examples":["round-robin","least-connections"]},"localityAware":{"type":"boolean","description":"Prefer healthy endpoints in the sidecar's own zone (Sidecar `spec.zone`, matched against `endpoints.static[].zone`) while at least one is available there and the service is not in panic; otherwise use all. Endpoints without a zone count as another zone. Static endpoints only (DNS records carry no zone). Default false.","examples":[true]}}},"affinity":{"type":"object","additionalProperties":false,"description":"Session affinity: keep a client on one endpoint across connections (UDP: sessions).","examples":[{"type":"source-ip","ttl":"30m"}],"properties":{"type":{"type":"string","enum":["none","source-ip"],"description":"`none` (default) or `source-ip`: the same client IP reaches the same endpoint while it stays healthy.","examples":["source-ip"]},"ttl":{"$ref":"#/definitions/Duration","description":"How long a client IP sticks after its last connection/session ends (default 30m). Only with `type: source-ip`.","examples":["30m"]}}},"healthCheck":{"type":"object","additionalProperties":false,"description":"Active health checking. Unhealthy endpoints get no new connections; when every endpoint is unhealthy traffic is spread over all (panic mode).","examples":[{"type":"tcp","interval":"5s","timeout":"1s"}],"properties":{"type":{"type":"string","enum":["none","tcp","udp"],"description":"`none`, `tcp` (connect, optionally send/expect) or `udp` (send a datagram, expect a reply; needs `send`). Default: `none` for static endpoints; for dns endpoints `tcp` on TCP ports and `none` on UDP ports.","examples":["tcp"]},"interval":{"$ref":"#/definitions/Duration","description":"Time between checks of one endpoint (default 5s).","examples":["5s"]},"timeout":{"$ref":"#/definitions/Duration","description":"How long one check may take (default 1s).","examples":["1s"]},"healthyThreshold":{"type":"integer","minimum":1,"maximum":100,"description":"Consecutive successes that mark an endpoint healthy (default 2).","examples":[2]},"unhealthyThreshold":{"type":"integer","minimum":1,"maximum":100,"description":"Consecutive failures that mark an endpoint unhealthy (default 3).","examples":[3]},"send":{"$ref":"#/definitions/Payload","description":"Payload sent after connecting (tcp) or as the probe datagram (udp): text or `{ hex: \"...\" }`.","examples":["PING\r\n",{"hex":"0a0b"}]},"expect":{"$ref":"#/definitions/Payload","description":"The reply must start with these bytes: text or `{ hex: \"...\" }`.","examples":["+PONG"]}}},"outlierDetection":{"type":"object","additionalProperties":false,"description":"Passive health: eject an endpoint after consecutive connect failures. Present (even empty) = enabled.","examples":[{"consecutiveFailures":5,"baseEjectionTime":"30s","maxEjectionPercent":50}],"properties":{"consecutiveFailures":{"type":"integer","minimum":1,"maximum":1000,"description":"Consecutive connect failures that eject an endpoint (default 5).","examples":[5]},"baseEjectionTime":{"$ref":"#/definitions/Duration","description":"Ejection time, multiplied by the number of times the endpoint was ejected (default 30s).","examples":["30s"]},"maxEjectionPercent":{"type":"integer","minimum":0,"maximum":100,"description":"At most this share of the endpoints is ejected at once (default 10).","examples":[50]}}},"connection":{"type":"object","additionalProperties":false,"description":"Connection limits and timeouts, per sidecar and per service port.","examples":[{"connectTimeout":"5s","idleTimeout":"1h","maxConnections":1024,"connectAttempts":3}],"properties":{"connectTimeout":{"$ref":"#/definitions/Duration","description":"TCP connect timeout to an endpoint (default 5s).","examples":["5s"]},"idleTimeout":{"$ref":"#/definitions/Duration","description":"TCP: close after no bytes either way for this long; UDP: session idle expiry. Default 1h (tcp/tls/http/auto), 60s (udp); `0s` disables it.","examples":["1h","60s"]},"maxConnections":{"type":"integer","minimum":1,"maximum":1000000,"description":"Maximum concurrent connections (UDP: sessions) per sidecar and service port (default 1024).","examples":[1024]},"connectAttempts":{"type":"integer","minimum":1,"maximum":16,"description":"TCP: endpoints tried when a connect fails, including the first (default 1).","examples":[3]},"maxDuration":{"$ref":"#/definitions/Duration","description":"Close a connection (both sides; UDP: end the session) this long after it was accepted, so long-lived connections are balanced afresh when the client reconnects (access-log flag `DT`). Per listener. Default: no limit. Envoy: `tcp_proxy.max_downstream_connection_duration`.","examples":["30m"]},"maxDurationJitterPercent":{"type":"number","minimum":0,"maximum":100,"description":"With `maxDuration`: each connection's limit is extended by a uniform random amount of up to this percentage of `maxDuration`, so connections opened together do not all reconnect at once (default 0). Envoy: `max_downstream_connection_duration_jitter_percentage`.","examples":[10]},"maxConnectionRate":{"type":"integer","minimum":1,"maximum":1000000,"description":"New connections (UDP: sessions) per second accepted by each listener of the service, as a token bucket holding at most one second of tokens; the excess is closed at once and counted (access-log flag `RL`). Default: no limit. Envoy: the `local_ratelimit` network filter.","examples":[200]}}},"tls":{"$ref":"#/definitions/ServiceTls"}}},"ServicePort":{"type":"object","additionalProperties":false,"required":["port","protocol"],"description":"One port of a service.","examples":[{"name":"mysql","port":3306,"targetPort":3306,"protocol":"tcp"}],"properties":{"name":{"$ref":"#/definitions/Name","description":"Optional name, unique within the service.","examples":["mysql"]},"port":{"$ref":"#/definitions/Port","description":"The port clients dial (1-65535).","examples":[3306]},"targetPort":{"$ref":"#/definitions/Port","description":"The endpoints' port (default: `port`). A static endpoint may override it.","examples":[3306]},"protocol":{"$ref":"#/definitions/Protocol","description":"Required and explicit: `tcp`, `udp`, `tls`, `http` or `auto`.","examples":["tcp"]},"sni":{"type":"array","minItems":1,"uniqueItems":true,"items":{"$ref":"#/definitions/ServerName"},"description":"protocol tls/auto only: the TLS server names this port serves. Lets several services share one sidecar listener (same bind), routed by the ClientHello's SNI: exact names first, then the longest wildcard suffix.","examples":[["api.shop.example","*.api.shop.example"]]},"detectionTimeout":{"$ref":"#/definitions/Duration","description":"protocol auto/tls: how long to wait for the client's first bytes before proceeding as plain TCP (default 100ms).","examples":["100ms"]}}},"Endpoints":{"type":"object","additionalProperties":false,"description":"Where the service's instances are: exactly one of `static` or `dns`.","examples":[{"static":[{"address":"10.1.0.11"}]},{"dns":{"name":"orders-db.shop.svc.cluster.local"}}],"properties":{"static":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/StaticEndpoint"},"description":"A fixed list of endpoints.","examples":[[{"address":"10.1.0.11"},{"address":"10.1.0.12","port":13306,"weight":2}]]},"dns":{"type":"object","additionalProperties":false,"required":["name"],"description":"A headless service: ALL A/AAAA records of `name` are endpoints, re-resolved every `refreshInterval`.","examples":[{"name":"orders-db.shop.svc.cluster.local","refreshInterval":"30s","family":"any"}],"properties":{"name":{"type":"string","minLength":1,"maxLength":253,"pattern":"^[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?)*\\.?$","description":"The DNS name to resolve.","examples":["orders-db.shop.svc.cluster.local"]},"refreshInterval":{"$ref":"#/definitions/Duration","description":"How often to re-resolve (default 30s); the endpoint set follows the answer.","examples":["30s"]},"family":{"type":"string","enum":["any","v4","v6"],"description":"Which records to use: `any` (default, A and AAAA), `v4` (A) or `v6` (AAAA).","examples":["any"]}}}}},"Zone":{"type":"string","minLength":1,"maxLength":63,"pattern":"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$","description":"A zone (failure domain) name, as in Kubernetes' `topology.kubernetes.io/zone` label: letters, digits, `-`, `_`, `.`, at most 63 characters.","examples":["eu-west-1a"]},"SplitTarget":{"type":"object","additionalProperties":false,"required":["service","weight"],"description":"One target of a split.","examples":[{"service":"orders-v2","weight":10}],"properties":{"service":{"$ref":"#/definitions/Name","description":"The target Service's `metadata.name`; it must have `endpoints` (no nested splits).","examples":["orders-v2"]},"weight":{"type":"integer","minimum":0,"maximum":1000000,"description":"Relative weight (0-1000000; need not sum to 100). 0 sends no new connections to the target; at least one weight must be greater than 0.","examples":[10]}}},"StaticEndpoint":{"type":"object","additionalProperties":false,"required":["address"],"description":"One endpoint.","examples":[{"address":"10.1.0.12","port":13306,"weight":2}],"properties":{"address":{"$ref":"#/definitions/IpAddress","description":"IPv4 or IPv6 literal.","examples":["10.1.0.11"]},"port":{"$ref":"#/definitions/Port","description":"The endpoint's port (default: the service port's `targetPort`).","examples":[13306]},"weight":{"type":"integer","minimum":1,"maximum":128,"description":"Relative load-balancing weight, 1-128 (default 1).","examples":[2]},"zone":{"$ref":"#/definitions/Zone","description":"The endpoint's zone, for `loadBalancer.localityAware` (and Envoy's locality stats). Default: unknown (another zone than any sidecar's).","examples":["eu-west-1a"]}}},"SidecarSpec":{"type":"object","additionalProperties":false,"description":"One proxy instance next to one workload: which services it reaches, which inbound traffic it accepts and how traffic is captured.","examples":[{"outbound":[{"service":"orders-db","port":3306,"bind":"127.0.0.1:15306"}]}],"properties":{"admin":{"$ref":"#/definitions/SocketAddress","description":"The admin HTTP endpoint (/ready, /metrics, /clusters, /plan). Default `127.0.0.1:15000`.","examples":["127.0.0.1:15000"]},"zone":{"$ref":"#/definitions/Zone","description":"The zone this workload runs in; services with `loadBalancer.localityAware` prefer endpoints of this zone. Envoy: `node.locality.zone`.","examples":["eu-west-1a"]},"outbound":{"type":"array","items":{"$ref":"#/definitions/Outbound"},"description":"The services this workload may reach; one listener per entry and service port.","examples":[[{"service":"orders-db","port":3306,"bind":"127.0.0.1:15306"}]]},"inbound":{"type":"array","items":{"$ref":"#/definitions/Inbound"},"description":"Traffic addressed to this workload itself, forwarded to the local application.","examples":[[{"port":8080,"protocol":"tcp","bind":"0.0.0.0:15080","forwardTo":"127.0.0.1:8080"}]]},"interception":{"$ref":"#/definitions/Interception"},"tls":{"$ref":"#/definitions/WorkloadTls"}}},"Outbound":{"type":"object","additionalProperties":false,"required":["service"],"description":"A service (port) this workload may reach.","examples":[{"service":"orders-db","port":3306,"bind":"127.0.0.1:15306"}],"properties":{"service":{"$ref":"#/definitions/Name","description":"The Service's `metadata.name`.","examples":["orders-db"]},"port":{"$ref":"#/definitions/Port","description":"Which service port; omitted = every port of the service (both protocols of a TCP+UDP port).","examples":[3306]},"bind":{"$ref":"#/definitions/SocketAddress","description":"Where the sidecar listens (default `127.0.0.1:<service port>`). Needs `port` when the service has several port numbers.","examples":["127.0.0.1:15306"]}}},"Inbound":{"type":"object","additionalProperties":false,"required":["port"],"description":"A port of this workload, proxied to the local application.","examples":[{"port":8080,"protocol":"tcp","bind":"0.0.0.0:15080","forwardTo":"127.0.0.1:8080"}],"properties":{"port":{"$ref":"#/definitions/Port","description":"The workload port; the listener is `0.0.0.0:<port>` unless `bind` is given.","examples":[8080]},"protocol":{"$ref":"#/definitions/Protocol","description":"The traffic's protocol (default `tcp`).","examples":["tcp"]},"proxyProtocol":{"type":"string","enum":["accept"],"description":"`accept`: every connection must start with a PROXY protocol v1 or v2 header (sent by a load balancer in front); its source address is then the client address (access log, affinity, authorization). A connection whose header is missing, malformed or slower than `proxyProtocolTimeout` is closed and counted; nothing of it reaches the application. TCP only. Envoy: the `proxy_protocol` listener filter.","examples":["accept"]},"proxyProtocolTimeout":{"$ref":"#/definitions/Duration","description":"With `proxyProtocol: accept`: how long a new connection may take to deliver its whole header (default 5s; nginx's proxy_protocol_timeout is 30s, Envoy's listener_filters_timeout 15s: a load balancer sends the header at once, so a short limit only sheds idle or slow clients sooner).","examples":["5s"]},"bind":{"$ref":"#/definitions/SocketAddress","description":"Where the sidecar listens (default `0.0.0.0:<port>`).","examples":["0.0.0.0:15080"]},"forwardTo":{"$ref":"#/definitions/SocketAddress","description":"The local application (default `127.0.0.1:<port>`).","examples":["127.0.0.1:8080"]},"detectionTimeout":{"$ref":"#/definitions/Duration","description":"protocol auto/tls: how long to wait for the client's first bytes (default 100ms).","examples":["100ms"]},"tls":{"type":"string","enum":["disabled","permissive","strict"],"description":"Mutual TLS on this port, terminated by the sidecar with `spec.tls` (the application always speaks plaintext): `disabled` (default), `permissive` (a TLS ClientHello is terminated as mutual TLS, anything else passes as plaintext; for migrations) or `strict` (only clients whose certificate chains to `spec.tls.trustedCA`). TCP only; modes other than `disabled` need `spec.tls`.","examples":["strict"]},"authorization":{"$ref":"#/definitions/Authorization"}}},"Interception":{"type":"object","additionalProperties":false,"description":"Transparent capture of the workload's traffic, rendered as iptables rules (`meshc compile --target iptables`).","examples":[{"mode":"iptables","excludeOutboundPorts":[22]}],"properties":{"mode":{"type":"string","enum":["none","iptables"],"description":"`none` (default): clients dial the sidecar's listeners explicitly. `iptables`: outbound connections to the services and inbound connections to the workload are redirected to the sidecar.","examples":["iptables"]},"proxyUid":{"type":"integer","minimum":0,"maximum":4294967294,"description":"The sidecar's user id; its own traffic is never captured (default 1337, as Istio).","examples":[1337]},"proxyGid":{"type":"integer","minimum":0,"maximum":4294967294,"description":"The sidecar's group id (default 1337).","examples":[1337]},"excludeOutboundPorts":{"type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/Port"},"description":"Destination ports never captured outbound.","examples":[[22]]},"excludeOutboundCidrs":{"type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/Cidr"},"description":"Destination networks never captured outbound.","examples":[["169.254.169.254/32"]]},"excludeInboundPorts":{"type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/Port"},"description":"Workload ports never captured inbound.","examples":[[15021]]}}},"AbsolutePath":{"type":"string","minLength":1,"maxLength":4096,"description":"An absolute file path inside the sidecar's container.","examples":["/var/run/meshc/tls/tls.crt"]},"IdentityPattern":{"type":"string","minLength":1,"maxLength":2048,"description":"A peer identity: a SPIFFE ID (the certificate's URI SAN) or a DNS name (its first DNS SAN when it has no URI SAN), exact, or a prefix followed by a trailing `*` (`spiffe://cluster.local/ns/shop/*`; `*` alone is any authenticated peer). `*` is allowed only as the last character.","examples":["spiffe://cluster.local/ns/shop/sa/orders","spiffe://cluster.local/ns/shop/*"]},"WorkloadTls":{"type":"object","additionalProperties":false,"required":["certificate","privateKey","trustedCA"],"description":"This workload's identity for mutual TLS, as absolute paths of PEM files in the sidecar's container (e.g. a mounted Secret or cert-manager csi-driver-spiffe volume, see docs/security.md). The sidecar watches them and uses changed files for new handshakes without a restart.","examples":[{"certificate":"/var/run/meshc/tls/tls.crt","privateKey":"/var/run/meshc/tls/tls.key","trustedCA":"/var/run/meshc/tls/ca.crt"}],"properties":{"certificate":{"$ref":"#/definitions/AbsolutePath","description":"PEM certificate chain, leaf first. The workload's identity is the leaf's URI SAN (SPIFFE ID), else its first DNS SAN.","examples":["/var/run/meshc/tls/tls.crt"]},"privateKey":{"$ref":"#/definitions/AbsolutePath","description":"PEM private key of the leaf certificate.","examples":["/var/run/meshc/tls/tls.key"]},"trustedCA":{"$ref":"#/definitions/AbsolutePath","description":"PEM bundle of the CA certificates that peers' certificates must chain to.","examples":["/var/run/meshc/tls/ca.crt"]}}},"Authorization":{"type":"object","additionalProperties":false,"description":"L4 authorization of this port's connections, decided before the first byte reaches the application: a connection matching any `deny` rule is closed; when `allow` is given, a connection must also match one of its rules (`allow: []` allows nothing). Omitted: every connection that passes the `tls` mode is allowed. TCP only.","examples":[{"deny":[{"identities":["spiffe://cluster.local/ns/shop/sa/legacy"]}],"allow":[{"identities":["spiffe://cluster.local/ns/shop/*"]},{"sources":["10.0.0.0/8"],"ports":[8080]}]}],"properties":{"deny":{"type":"array","items":{"$ref":"#/definitions/AuthorizationRule"},"description":"Rules whose matching connections are closed; checked first.","examples":[[{"identities":["spiffe://cluster.local/ns/shop/sa/legacy"]}]]},"allow":{"type":"array","items":{"$ref":"#/definitions/AuthorizationRule"},"description":"When given, only connections matching one of these rules (and no `deny` rule) are allowed.","examples":[[{"identities":["spiffe://cluster.local/ns/shop/*"]}]]}}},"AuthorizationRule":{"type":"object","additionalProperties":false,"description":"Matches a connection when every field it gives matches (an empty rule matches every connection).","examples":[{"identities":["spiffe://cluster.local/ns/shop/*"]},{"sources":["10.0.0.0/8"],"ports":[8080]}],"properties":{"identities":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/IdentityPattern"},"description":"The peer's identity is one of these (exact or trailing `*`). Never matches a plaintext connection; needs `tls: strict` or `permissive`.","examples":[["spiffe://cluster.local/ns/shop/sa/checkout","spiffe://cluster.local/ns/ops/*"]]},"sources":{"type":"array","minItems":1,"items":{"type":"string","minLength":1,"maxLength":64},"description":"The client address is in one of these networks: IPv4/IPv6 CIDRs or bare addresses (a bare address is /32 or /128).","examples":[["10.0.0.0/8","fd00::/8","192.168.1.10"]]},"ports":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/Port"},"description":"The inbound entry's `port` (the workload port) is one of these.","examples":[[8080]]}}},"ServiceTls":{"type":"object","additionalProperties":false,"description":"Whether the service's endpoints are meshed: with `mode: mutual` the sidecar originates mutual TLS to them with its `spec.tls` identity and accepts only servers whose identity matches `serverIdentities`. TCP ports only.","examples":[{"mode":"mutual","serverIdentities":["spiffe://cluster.local/ns/shop/sa/orders"],"sni":"orders.shop.svc"}],"properties":{"mode":{"type":"string","enum":["none","mutual"],"description":"`none` (default): connect in plaintext. `mutual`: originate mutual TLS; needs `serverIdentities`, and every Sidecar that reaches the service needs `spec.tls`.","examples":["mutual"]},"serverIdentities":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/IdentityPattern"},"description":"Identities the endpoints may present (exact or trailing `*`), checked against the server certificate's URI SAN, else its DNS SANs. Required with `mode: mutual`.","examples":[["spiffe://cluster.local/ns/shop/sa/orders"]]},"sni":{"type":"string","minLength":1,"maxLength":253,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","description":"Server name sent in the ClientHello (optional; none by default).","examples":["orders.shop.svc"]}}}}};
const schema12 = {"type":"object","additionalProperties":false,"required":["ports"],"description":"A destination that sidecars proxy to: its ports, its endpoints (or a `split` over other services) and how connections to them are balanced, checked and limited. Exactly one of `endpoints` and `split`.","examples":[{"ports":[{"port":3306,"protocol":"tcp"}],"endpoints":{"static":[{"address":"10.1.0.11"}]}}],"properties":{"ports":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/ServicePort"},"description":"The ports clients dial (at least one). A port that is both TCP and UDP (DNS 53) is listed twice, with protocols `tcp` and `udp`.","examples":[[{"name":"mysql","port":3306,"protocol":"tcp"}]]},"endpoints":{"$ref":"#/definitions/Endpoints"},"split":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/SplitTarget"},"description":"Instead of `endpoints`: each new connection (UDP: session) picks one of these services by weight (a canary or blue/green split); the target's own endpoints, load balancer, health, limits, `proxyProtocol` and `localityAware` apply. Every target must serve each of this service's ports with the same protocol, must not be a split itself, and need not be listed in a Sidecar's `outbound`. Only `connection.maxDuration`, `maxDurationJitterPercent`, `maxConnectionRate` and `idleTimeout` apply on a split service. Envoy: `tcp_proxy.weighted_clusters`.","examples":[[{"service":"orders-v1","weight":90},{"service":"orders-v2","weight":10}]]},"proxyProtocol":{"type":"string","enum":["v1","v2"],"description":"Send a PROXY protocol header (`v1` text or `v2` binary, as HAProxy defines them) to every endpoint as soon as the upstream connection is up: the original client's address and port as source, the sidecar listener's as destination. TCP ports only. Envoy: the `upstream_proxy_protocol` transport socket.","examples":["v2"]},"addresses":{"type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/IpAddress"},"description":"The virtual addresses (e.g. Kubernetes ClusterIPs) clients dial for this service. With iptables interception, outbound capture for the service narrows to them.","examples":[["10.96.0.20"]]},"loadBalancer":{"type":"object","additionalProperties":false,"description":"How a new connection (UDP: session) picks an endpoint.","examples":[{"policy":"least-connections"}],"properties":{"policy":{"type":"string","enum":["round-robin","least-connections","random","ring-hash","maglev"],"description":"`round-robin` (default, weighted), `least-connections` (fewest active connections relative to weight; ties round-robin), `random`, `ring-hash` or `maglev` (consistent hashing of the client IP).","examples":["round-robin","least-connections"]},"localityAware":{"type":"boolean","description":"Prefer healthy endpoints in the sidecar's own zone (Sidecar `spec.zone`, matched against `endpoints.static[].zone`) while at least one is available there and the service is not in panic; otherwise use all. Endpoints without a zone count as another zone. Static endpoints only (DNS records carry no zone). Default false.","examples":[true]}}},"affinity":{"type":"object","additionalProperties":false,"description":"Session affinity: keep a client on one endpoint across connections (UDP: sessions).","examples":[{"type":"source-ip","ttl":"30m"}],"properties":{"type":{"type":"string","enum":["none","source-ip"],"description":"`none` (default) or `source-ip`: the same client IP reaches the same endpoint while it stays healthy.","examples":["source-ip"]},"ttl":{"$ref":"#/definitions/Duration","description":"How long a client IP sticks after its last connection/session ends (default 30m). Only with `type: source-ip`.","examples":["30m"]}}},"healthCheck":{"type":"object","additionalProperties":false,"description":"Active health checking. Unhealthy endpoints get no new connections; when every endpoint is unhealthy traffic is spread over all (panic mode).","examples":[{"type":"tcp","interval":"5s","timeout":"1s"}],"properties":{"type":{"type":"string","enum":["none","tcp","udp"],"description":"`none`, `tcp` (connect, optionally send/expect) or `udp` (send a datagram, expect a reply; needs `send`). Default: `none` for static endpoints; for dns endpoints `tcp` on TCP ports and `none` on UDP ports.","examples":["tcp"]},"interval":{"$ref":"#/definitions/Duration","description":"Time between checks of one endpoint (default 5s).","examples":["5s"]},"timeout":{"$ref":"#/definitions/Duration","description":"How long one check may take (default 1s).","examples":["1s"]},"healthyThreshold":{"type":"integer","minimum":1,"maximum":100,"description":"Consecutive successes that mark an endpoint healthy (default 2).","examples":[2]},"unhealthyThreshold":{"type":"integer","minimum":1,"maximum":100,"description":"Consecutive failures that mark an endpoint unhealthy (default 3).","examples":[3]},"send":{"$ref":"#/definitions/Payload","description":"Payload sent after connecting (tcp) or as the probe datagram (udp): text or `{ hex: \"...\" }`.","examples":["PING\r\n",{"hex":"0a0b"}]},"expect":{"$ref":"#/definitions/Payload","description":"The reply must start with these bytes: text or `{ hex: \"...\" }`.","examples":["+PONG"]}}},"outlierDetection":{"type":"object","additionalProperties":false,"description":"Passive health: eject an endpoint after consecutive connect failures. Present (even empty) = enabled.","examples":[{"consecutiveFailures":5,"baseEjectionTime":"30s","maxEjectionPercent":50}],"properties":{"consecutiveFailures":{"type":"integer","minimum":1,"maximum":1000,"description":"Consecutive connect failures that eject an endpoint (default 5).","examples":[5]},"baseEjectionTime":{"$ref":"#/definitions/Duration","description":"Ejection time, multiplied by the number of times the endpoint was ejected (default 30s).","examples":["30s"]},"maxEjectionPercent":{"type":"integer","minimum":0,"maximum":100,"description":"At most this share of the endpoints is ejected at once (default 10).","examples":[50]}}},"connection":{"type":"object","additionalProperties":false,"description":"Connection limits and timeouts, per sidecar and per service port.","examples":[{"connectTimeout":"5s","idleTimeout":"1h","maxConnections":1024,"connectAttempts":3}],"properties":{"connectTimeout":{"$ref":"#/definitions/Duration","description":"TCP connect timeout to an endpoint (default 5s).","examples":["5s"]},"idleTimeout":{"$ref":"#/definitions/Duration","description":"TCP: close after no bytes either way for this long; UDP: session idle expiry. Default 1h (tcp/tls/http/auto), 60s (udp); `0s` disables it.","examples":["1h","60s"]},"maxConnections":{"type":"integer","minimum":1,"maximum":1000000,"description":"Maximum concurrent connections (UDP: sessions) per sidecar and service port (default 1024).","examples":[1024]},"connectAttempts":{"type":"integer","minimum":1,"maximum":16,"description":"TCP: endpoints tried when a connect fails, including the first (default 1).","examples":[3]},"maxDuration":{"$ref":"#/definitions/Duration","description":"Close a connection (both sides; UDP: end the session) this long after it was accepted, so long-lived connections are balanced afresh when the client reconnects (access-log flag `DT`). Per listener. Default: no limit. Envoy: `tcp_proxy.max_downstream_connection_duration`.","examples":["30m"]},"maxDurationJitterPercent":{"type":"number","minimum":0,"maximum":100,"description":"With `maxDuration`: each connection's limit is extended by a uniform random amount of up to this percentage of `maxDuration`, so connections opened together do not all reconnect at once (default 0). Envoy: `max_downstream_connection_duration_jitter_percentage`.","examples":[10]},"maxConnectionRate":{"type":"integer","minimum":1,"maximum":1000000,"description":"New connections (UDP: sessions) per second accepted by each listener of the service, as a token bucket holding at most one second of tokens; the excess is closed at once and counted (access-log flag `RL`). Default: no limit. Envoy: the `local_ratelimit` network filter.","examples":[200]}}},"tls":{"$ref":"#/definitions/ServiceTls"}}};
const schema22 = {"type":"string","format":"ip","description":"An IPv4 or IPv6 literal without brackets.","examples":["10.1.0.11","fd00::11"]};
const schema19 = {"type":"string","pattern":"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$","description":"A duration: one or more `<integer><unit>` parts in the order h, m, s, ms, e.g. `250ms`, `5s`, `1m`, `1h`, `1m30s`.","examples":["5s","250ms","1m30s"]};
const schema32 = {"type":["string","object"],"additionalProperties":false,"required":["hex"],"properties":{"hex":{"type":"string","pattern":"^([0-9a-fA-F]{2})*$","description":"The bytes as hexadecimal digits, two per byte.","examples":["0a0b"]}},"description":"Bytes, as UTF-8 text or as `{ hex: \"...\" }`.","examples":["PING\r\n",{"hex":"0a0b"}]};
const func2 = Object.prototype.hasOwnProperty;
const func0 = runtime0.default;
const schema13 = {"type":"object","additionalProperties":false,"required":["port","protocol"],"description":"One port of a service.","examples":[{"name":"mysql","port":3306,"targetPort":3306,"protocol":"tcp"}],"properties":{"name":{"$ref":"#/definitions/Name","description":"Optional name, unique within the service.","examples":["mysql"]},"port":{"$ref":"#/definitions/Port","description":"The port clients dial (1-65535).","examples":[3306]},"targetPort":{"$ref":"#/definitions/Port","description":"The endpoints' port (default: `port`). A static endpoint may override it.","examples":[3306]},"protocol":{"$ref":"#/definitions/Protocol","description":"Required and explicit: `tcp`, `udp`, `tls`, `http` or `auto`.","examples":["tcp"]},"sni":{"type":"array","minItems":1,"uniqueItems":true,"items":{"$ref":"#/definitions/ServerName"},"description":"protocol tls/auto only: the TLS server names this port serves. Lets several services share one sidecar listener (same bind), routed by the ClientHello's SNI: exact names first, then the longest wildcard suffix.","examples":[["api.shop.example","*.api.shop.example"]]},"detectionTimeout":{"$ref":"#/definitions/Duration","description":"protocol auto/tls: how long to wait for the client's first bytes before proceeding as plain TCP (default 100ms).","examples":["100ms"]}}};
const schema14 = {"type":"string","minLength":1,"maxLength":63,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$","description":"A DNS-1123 label: lower-case letters, digits and `-`, starting and ending with a letter or digit, at most 63 characters.","examples":["orders-db"]};
const schema15 = {"type":"integer","minimum":1,"maximum":65535,"description":"A TCP/UDP port number (1-65535).","examples":[3306]};
const schema17 = {"type":"string","enum":["tcp","udp","tls","http","auto"],"description":"`tcp`, `udp`, `tls` (TCP carrying TLS; routable by SNI), `http` (TCP carrying HTTP) or `auto` (sniff the client's first bytes: TLS ClientHello, HTTP/1.x, HTTP/2 preface; fall back to TCP after `detectionTimeout`). `auto` is never a default.","examples":["tcp","udp","tls"]};
const schema18 = {"type":"string","maxLength":253,"pattern":"^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","description":"A TLS server name (SNI), lower case: exact (`api.shop.example`) or a wildcard suffix (`*.shop.example`, which matches any name ending in `.shop.example`).","examples":["api.shop.example","*.shop.example"]};
const func3 = runtime1.default;
const pattern0 = new RegExp("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$", "u");
const pattern1 = new RegExp("^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", "u");
const pattern2 = new RegExp("^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$", "u");

function validate12(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.port === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'",schema:schema13.required,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.protocol === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "protocol"},message:"must have required property '"+"protocol"+"'",schema:schema13.required,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((((((key0 === "name") || (key0 === "port")) || (key0 === "targetPort")) || (key0 === "protocol")) || (key0 === "sni")) || (key0 === "detectionTimeout"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 63){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func3(data0) < 1){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern0.test(data0)){
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.port !== undefined){
let data1 = data.port;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err7 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 65535 || isNaN(data1)){
const err8 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err9 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data.targetPort !== undefined){
let data2 = data.targetPort;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err10 = {instancePath:instancePath+"/targetPort",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 65535 || isNaN(data2)){
const err11 = {instancePath:instancePath+"/targetPort",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema15,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err12 = {instancePath:instancePath+"/targetPort",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
if(data.protocol !== undefined){
let data3 = data.protocol;
if(typeof data3 !== "string"){
const err13 = {instancePath:instancePath+"/protocol",schemaPath:"#/definitions/Protocol/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!(((((data3 === "tcp") || (data3 === "udp")) || (data3 === "tls")) || (data3 === "http")) || (data3 === "auto"))){
const err14 = {instancePath:instancePath+"/protocol",schemaPath:"#/definitions/Protocol/enum",keyword:"enum",params:{allowedValues: schema17.enum},message:"must be equal to one of the allowed values",schema:schema17.enum,parentSchema:schema17,data:data3};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.sni !== undefined){
let data4 = data.sni;
if(Array.isArray(data4)){
if(data4.length < 1){
const err15 = {instancePath:instancePath+"/sni",schemaPath:"#/properties/sni/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema13.properties.sni,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
const len0 = data4.length;
for(let i0=0; i0<len0; i0++){
let data5 = data4[i0];
if(typeof data5 === "string"){
if(func3(data5) > 253){
const err16 = {instancePath:instancePath+"/sni/" + i0,schemaPath:"#/definitions/ServerName/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema18,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(!pattern1.test(data5)){
const err17 = {instancePath:instancePath+"/sni/" + i0,schemaPath:"#/definitions/ServerName/pattern",keyword:"pattern",params:{pattern: "^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"},message:"must match pattern \""+"^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"+"\"",schema:"^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",parentSchema:schema18,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
else {
const err18 = {instancePath:instancePath+"/sni/" + i0,schemaPath:"#/definitions/ServerName/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema18.type,parentSchema:schema18,data:data5};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
let i1 = data4.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data4[i1], data4[j0])){
const err19 = {instancePath:instancePath+"/sni",schemaPath:"#/properties/sni/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema13.properties.sni,data:data4};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err20 = {instancePath:instancePath+"/sni",schemaPath:"#/properties/sni/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema13.properties.sni.type,parentSchema:schema13.properties.sni,data:data4};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.detectionTimeout !== undefined){
let data6 = data.detectionTimeout;
if(typeof data6 === "string"){
if(!pattern2.test(data6)){
const err21 = {instancePath:instancePath+"/detectionTimeout",schemaPath:"#/definitions/Duration/pattern",keyword:"pattern",params:{pattern: "^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"},message:"must match pattern \""+"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"+"\"",schema:"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$",parentSchema:schema19,data:data6};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
else {
const err22 = {instancePath:instancePath+"/detectionTimeout",schemaPath:"#/definitions/Duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data6};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema13.type,parentSchema:schema13,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate12.errors = vErrors;
return errors === 0;
}

const schema20 = {"type":"object","additionalProperties":false,"description":"Where the service's instances are: exactly one of `static` or `dns`.","examples":[{"static":[{"address":"10.1.0.11"}]},{"dns":{"name":"orders-db.shop.svc.cluster.local"}}],"properties":{"static":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/StaticEndpoint"},"description":"A fixed list of endpoints.","examples":[[{"address":"10.1.0.11"},{"address":"10.1.0.12","port":13306,"weight":2}]]},"dns":{"type":"object","additionalProperties":false,"required":["name"],"description":"A headless service: ALL A/AAAA records of `name` are endpoints, re-resolved every `refreshInterval`.","examples":[{"name":"orders-db.shop.svc.cluster.local","refreshInterval":"30s","family":"any"}],"properties":{"name":{"type":"string","minLength":1,"maxLength":253,"pattern":"^[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?)*\\.?$","description":"The DNS name to resolve.","examples":["orders-db.shop.svc.cluster.local"]},"refreshInterval":{"$ref":"#/definitions/Duration","description":"How often to re-resolve (default 30s); the endpoint set follows the answer.","examples":["30s"]},"family":{"type":"string","enum":["any","v4","v6"],"description":"Which records to use: `any` (default, A and AAAA), `v4` (A) or `v6` (AAAA).","examples":["any"]}}}}};
const schema21 = {"type":"object","additionalProperties":false,"required":["address"],"description":"One endpoint.","examples":[{"address":"10.1.0.12","port":13306,"weight":2}],"properties":{"address":{"$ref":"#/definitions/IpAddress","description":"IPv4 or IPv6 literal.","examples":["10.1.0.11"]},"port":{"$ref":"#/definitions/Port","description":"The endpoint's port (default: the service port's `targetPort`).","examples":[13306]},"weight":{"type":"integer","minimum":1,"maximum":128,"description":"Relative load-balancing weight, 1-128 (default 1).","examples":[2]},"zone":{"$ref":"#/definitions/Zone","description":"The endpoint's zone, for `loadBalancer.localityAware` (and Envoy's locality stats). Default: unknown (another zone than any sidecar's).","examples":["eu-west-1a"]}}};
const schema24 = {"type":"string","minLength":1,"maxLength":63,"pattern":"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$","description":"A zone (failure domain) name, as in Kubernetes' `topology.kubernetes.io/zone` label: letters, digits, `-`, `_`, `.`, at most 63 characters.","examples":["eu-west-1a"]};
const formats0 = runtime2.ip;
const pattern3 = new RegExp("^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$", "u");

function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.address === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'",schema:schema21.required,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "address") || (key0 === "port")) || (key0 === "weight")) || (key0 === "zone"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.address !== undefined){
let data0 = data.address;
if(typeof data0 === "string"){
if(!(formats0(data0))){
const err2 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/IpAddress/format",keyword:"format",params:{format: "ip"},message:"must match format \""+"ip"+"\"",schema:"ip",parentSchema:schema22,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
else {
const err3 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/IpAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.type,parentSchema:schema22,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.port !== undefined){
let data1 = data.port;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err4 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 65535 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err6 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
if(data.weight !== undefined){
let data2 = data.weight;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err7 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema21.properties.weight.type,parentSchema:schema21.properties.weight,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 128 || isNaN(data2)){
const err8 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/maximum",keyword:"maximum",params:{comparison: "<=", limit: 128},message:"must be <= 128",schema:128,parentSchema:schema21.properties.weight,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err9 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema21.properties.weight,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
if(data.zone !== undefined){
let data3 = data.zone;
if(typeof data3 === "string"){
if(func3(data3) > 63){
const err10 = {instancePath:instancePath+"/zone",schemaPath:"#/definitions/Zone/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema24,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(func3(data3) < 1){
const err11 = {instancePath:instancePath+"/zone",schemaPath:"#/definitions/Zone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema24,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!pattern3.test(data3)){
const err12 = {instancePath:instancePath+"/zone",schemaPath:"#/definitions/Zone/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"},message:"must match pattern \""+"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"+"\"",schema:"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$",parentSchema:schema24,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
else {
const err13 = {instancePath:instancePath+"/zone",schemaPath:"#/definitions/Zone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema24.type,parentSchema:schema24,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema21.type,parentSchema:schema21,data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate15.errors = vErrors;
return errors === 0;
}

const pattern4 = new RegExp("^[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?)*\\.?$", "u");

function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((key0 === "static") || (key0 === "dns"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.static !== undefined){
let data0 = data.static;
if(Array.isArray(data0)){
if(data0.length < 1){
const err1 = {instancePath:instancePath+"/static",schemaPath:"#/properties/static/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema20.properties.static,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
if(!(validate15(data0[i0], {instancePath:instancePath+"/static/" + i0,parentData:data0,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath:instancePath+"/static",schemaPath:"#/properties/static/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema20.properties.static.type,parentSchema:schema20.properties.static,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.dns !== undefined){
let data2 = data.dns;
if(data2 && typeof data2 == "object" && !Array.isArray(data2)){
if(data2.name === undefined){
const err3 = {instancePath:instancePath+"/dns",schemaPath:"#/properties/dns/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema20.properties.dns.required,parentSchema:schema20.properties.dns,data:data2};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
for(const key1 in data2){
if(!(((key1 === "name") || (key1 === "refreshInterval")) || (key1 === "family"))){
const err4 = {instancePath:instancePath+"/dns",schemaPath:"#/properties/dns/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema20.properties.dns,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
if(data2.name !== undefined){
let data3 = data2.name;
if(typeof data3 === "string"){
if(func3(data3) > 253){
const err5 = {instancePath:instancePath+"/dns/name",schemaPath:"#/properties/dns/properties/name/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema20.properties.dns.properties.name,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(func3(data3) < 1){
const err6 = {instancePath:instancePath+"/dns/name",schemaPath:"#/properties/dns/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema20.properties.dns.properties.name,data:data3};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!pattern4.test(data3)){
const err7 = {instancePath:instancePath+"/dns/name",schemaPath:"#/properties/dns/properties/name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?)*\\.?$"},message:"must match pattern \""+"^[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?)*\\.?$"+"\"",schema:"^[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?(\\.[A-Za-z0-9_]([-A-Za-z0-9_]*[A-Za-z0-9_])?)*\\.?$",parentSchema:schema20.properties.dns.properties.name,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
else {
const err8 = {instancePath:instancePath+"/dns/name",schemaPath:"#/properties/dns/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.dns.properties.name.type,parentSchema:schema20.properties.dns.properties.name,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data2.refreshInterval !== undefined){
let data4 = data2.refreshInterval;
if(typeof data4 === "string"){
if(!pattern2.test(data4)){
const err9 = {instancePath:instancePath+"/dns/refreshInterval",schemaPath:"#/definitions/Duration/pattern",keyword:"pattern",params:{pattern: "^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"},message:"must match pattern \""+"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"+"\"",schema:"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$",parentSchema:schema19,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/dns/refreshInterval",schemaPath:"#/definitions/Duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data2.family !== undefined){
let data5 = data2.family;
if(typeof data5 !== "string"){
const err11 = {instancePath:instancePath+"/dns/family",schemaPath:"#/properties/dns/properties/family/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema20.properties.dns.properties.family.type,parentSchema:schema20.properties.dns.properties.family,data:data5};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(!(((data5 === "any") || (data5 === "v4")) || (data5 === "v6"))){
const err12 = {instancePath:instancePath+"/dns/family",schemaPath:"#/properties/dns/properties/family/enum",keyword:"enum",params:{allowedValues: schema20.properties.dns.properties.family.enum},message:"must be equal to one of the allowed values",schema:schema20.properties.dns.properties.family.enum,parentSchema:schema20.properties.dns.properties.family,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath:instancePath+"/dns",schemaPath:"#/properties/dns/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.properties.dns.type,parentSchema:schema20.properties.dns,data:data2};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
}
else {
const err14 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema20.type,parentSchema:schema20,data};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}

const schema26 = {"type":"object","additionalProperties":false,"required":["service","weight"],"description":"One target of a split.","examples":[{"service":"orders-v2","weight":10}],"properties":{"service":{"$ref":"#/definitions/Name","description":"The target Service's `metadata.name`; it must have `endpoints` (no nested splits).","examples":["orders-v2"]},"weight":{"type":"integer","minimum":0,"maximum":1000000,"description":"Relative weight (0-1000000; need not sum to 100). 0 sends no new connections to the target; at least one weight must be greater than 0.","examples":[10]}}};

function validate18(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.service === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "service"},message:"must have required property '"+"service"+"'",schema:schema26.required,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.weight === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "weight"},message:"must have required property '"+"weight"+"'",schema:schema26.required,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "service") || (key0 === "weight"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.service !== undefined){
let data0 = data.service;
if(typeof data0 === "string"){
if(func3(data0) > 63){
const err3 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func3(data0) < 1){
const err4 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern0.test(data0)){
const err5 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.weight !== undefined){
let data1 = data.weight;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err7 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema26.properties.weight.type,parentSchema:schema26.properties.weight,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 1000000 || isNaN(data1)){
const err8 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema26.properties.weight,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data1 < 0 || isNaN(data1)){
const err9 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema26.properties.weight,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema26.type,parentSchema:schema26,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate18.errors = vErrors;
return errors === 0;
}

const schema38 = {"type":"object","additionalProperties":false,"description":"Whether the service's endpoints are meshed: with `mode: mutual` the sidecar originates mutual TLS to them with its `spec.tls` identity and accepts only servers whose identity matches `serverIdentities`. TCP ports only.","examples":[{"mode":"mutual","serverIdentities":["spiffe://cluster.local/ns/shop/sa/orders"],"sni":"orders.shop.svc"}],"properties":{"mode":{"type":"string","enum":["none","mutual"],"description":"`none` (default): connect in plaintext. `mutual`: originate mutual TLS; needs `serverIdentities`, and every Sidecar that reaches the service needs `spec.tls`.","examples":["mutual"]},"serverIdentities":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/IdentityPattern"},"description":"Identities the endpoints may present (exact or trailing `*`), checked against the server certificate's URI SAN, else its DNS SANs. Required with `mode: mutual`.","examples":[["spiffe://cluster.local/ns/shop/sa/orders"]]},"sni":{"type":"string","minLength":1,"maxLength":253,"pattern":"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$","description":"Server name sent in the ClientHello (optional; none by default).","examples":["orders.shop.svc"]}}};
const schema39 = {"type":"string","minLength":1,"maxLength":2048,"description":"A peer identity: a SPIFFE ID (the certificate's URI SAN) or a DNS name (its first DNS SAN when it has no URI SAN), exact, or a prefix followed by a trailing `*` (`spiffe://cluster.local/ns/shop/*`; `*` alone is any authenticated peer). `*` is allowed only as the last character.","examples":["spiffe://cluster.local/ns/shop/sa/orders","spiffe://cluster.local/ns/shop/*"]};
const pattern16 = new RegExp("^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$", "u");

function validate20(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((key0 === "mode") || (key0 === "serverIdentities")) || (key0 === "sni"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.mode !== undefined){
let data0 = data.mode;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.mode.type,parentSchema:schema38.properties.mode,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!((data0 === "none") || (data0 === "mutual"))){
const err2 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema38.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema38.properties.mode.enum,parentSchema:schema38.properties.mode,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.serverIdentities !== undefined){
let data1 = data.serverIdentities;
if(Array.isArray(data1)){
if(data1.length < 1){
const err3 = {instancePath:instancePath+"/serverIdentities",schemaPath:"#/properties/serverIdentities/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema38.properties.serverIdentities,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
let data2 = data1[i0];
if(typeof data2 === "string"){
if(func3(data2) > 2048){
const err4 = {instancePath:instancePath+"/serverIdentities/" + i0,schemaPath:"#/definitions/IdentityPattern/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema39,data:data2};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(func3(data2) < 1){
const err5 = {instancePath:instancePath+"/serverIdentities/" + i0,schemaPath:"#/definitions/IdentityPattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema39,data:data2};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/serverIdentities/" + i0,schemaPath:"#/definitions/IdentityPattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.type,parentSchema:schema39,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath:instancePath+"/serverIdentities",schemaPath:"#/properties/serverIdentities/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema38.properties.serverIdentities.type,parentSchema:schema38.properties.serverIdentities,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.sni !== undefined){
let data3 = data.sni;
if(typeof data3 === "string"){
if(func3(data3) > 253){
const err8 = {instancePath:instancePath+"/sni",schemaPath:"#/properties/sni/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters",schema:253,parentSchema:schema38.properties.sni,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(func3(data3) < 1){
const err9 = {instancePath:instancePath+"/sni",schemaPath:"#/properties/sni/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema38.properties.sni,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(!pattern16.test(data3)){
const err10 = {instancePath:instancePath+"/sni",schemaPath:"#/properties/sni/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$",parentSchema:schema38.properties.sni,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
else {
const err11 = {instancePath:instancePath+"/sni",schemaPath:"#/properties/sni/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema38.properties.sni.type,parentSchema:schema38.properties.sni,data:data3};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
else {
const err12 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema38.type,parentSchema:schema38,data};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
validate20.errors = vErrors;
return errors === 0;
}

const pattern10 = new RegExp("^([0-9a-fA-F]{2})*$", "u");

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.ports === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "ports"},message:"must have required property '"+"ports"+"'",schema:schema12.required,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema12.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.ports !== undefined){
let data0 = data.ports;
if(Array.isArray(data0)){
if(data0.length < 1){
const err2 = {instancePath:instancePath+"/ports",schemaPath:"#/properties/ports/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.ports,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
if(!(validate12(data0[i0], {instancePath:instancePath+"/ports/" + i0,parentData:data0,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate12.errors : vErrors.concat(validate12.errors);
errors = vErrors.length;
}
}
}
else {
const err3 = {instancePath:instancePath+"/ports",schemaPath:"#/properties/ports/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.ports.type,parentSchema:schema12.properties.ports,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.endpoints !== undefined){
if(!(validate14(data.endpoints, {instancePath:instancePath+"/endpoints",parentData:data,parentDataProperty:"endpoints",rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
}
if(data.split !== undefined){
let data3 = data.split;
if(Array.isArray(data3)){
if(data3.length < 1){
const err4 = {instancePath:instancePath+"/split",schemaPath:"#/properties/split/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema12.properties.split,data:data3};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len1 = data3.length;
for(let i1=0; i1<len1; i1++){
if(!(validate18(data3[i1], {instancePath:instancePath+"/split/" + i1,parentData:data3,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate18.errors : vErrors.concat(validate18.errors);
errors = vErrors.length;
}
}
}
else {
const err5 = {instancePath:instancePath+"/split",schemaPath:"#/properties/split/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.split.type,parentSchema:schema12.properties.split,data:data3};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.proxyProtocol !== undefined){
let data5 = data.proxyProtocol;
if(typeof data5 !== "string"){
const err6 = {instancePath:instancePath+"/proxyProtocol",schemaPath:"#/properties/proxyProtocol/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.proxyProtocol.type,parentSchema:schema12.properties.proxyProtocol,data:data5};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(!((data5 === "v1") || (data5 === "v2"))){
const err7 = {instancePath:instancePath+"/proxyProtocol",schemaPath:"#/properties/proxyProtocol/enum",keyword:"enum",params:{allowedValues: schema12.properties.proxyProtocol.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.proxyProtocol.enum,parentSchema:schema12.properties.proxyProtocol,data:data5};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.addresses !== undefined){
let data6 = data.addresses;
if(Array.isArray(data6)){
const len2 = data6.length;
for(let i2=0; i2<len2; i2++){
let data7 = data6[i2];
if(typeof data7 === "string"){
if(!(formats0(data7))){
const err8 = {instancePath:instancePath+"/addresses/" + i2,schemaPath:"#/definitions/IpAddress/format",keyword:"format",params:{format: "ip"},message:"must match format \""+"ip"+"\"",schema:"ip",parentSchema:schema22,data:data7};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/addresses/" + i2,schemaPath:"#/definitions/IpAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema22.type,parentSchema:schema22,data:data7};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
let i3 = data6.length;
let j0;
if(i3 > 1){
outer0:
for(;i3--;){
for(j0 = i3; j0--;){
if(func0(data6[i3], data6[j0])){
const err10 = {instancePath:instancePath+"/addresses",schemaPath:"#/properties/addresses/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i3+" are identical)",schema:true,parentSchema:schema12.properties.addresses,data:data6};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err11 = {instancePath:instancePath+"/addresses",schemaPath:"#/properties/addresses/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema12.properties.addresses.type,parentSchema:schema12.properties.addresses,data:data6};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.loadBalancer !== undefined){
let data8 = data.loadBalancer;
if(data8 && typeof data8 == "object" && !Array.isArray(data8)){
for(const key1 in data8){
if(!((key1 === "policy") || (key1 === "localityAware"))){
const err12 = {instancePath:instancePath+"/loadBalancer",schemaPath:"#/properties/loadBalancer/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.loadBalancer,data:data8};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data8.policy !== undefined){
let data9 = data8.policy;
if(typeof data9 !== "string"){
const err13 = {instancePath:instancePath+"/loadBalancer/policy",schemaPath:"#/properties/loadBalancer/properties/policy/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.loadBalancer.properties.policy.type,parentSchema:schema12.properties.loadBalancer.properties.policy,data:data9};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!(((((data9 === "round-robin") || (data9 === "least-connections")) || (data9 === "random")) || (data9 === "ring-hash")) || (data9 === "maglev"))){
const err14 = {instancePath:instancePath+"/loadBalancer/policy",schemaPath:"#/properties/loadBalancer/properties/policy/enum",keyword:"enum",params:{allowedValues: schema12.properties.loadBalancer.properties.policy.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.loadBalancer.properties.policy.enum,parentSchema:schema12.properties.loadBalancer.properties.policy,data:data9};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data8.localityAware !== undefined){
let data10 = data8.localityAware;
if(typeof data10 !== "boolean"){
const err15 = {instancePath:instancePath+"/loadBalancer/localityAware",schemaPath:"#/properties/loadBalancer/properties/localityAware/type",keyword:"type",params:{type: "boolean"},message:"must be boolean",schema:schema12.properties.loadBalancer.properties.localityAware.type,parentSchema:schema12.properties.loadBalancer.properties.localityAware,data:data10};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath:instancePath+"/loadBalancer",schemaPath:"#/properties/loadBalancer/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.loadBalancer.type,parentSchema:schema12.properties.loadBalancer,data:data8};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.affinity !== undefined){
let data11 = data.affinity;
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
for(const key2 in data11){
if(!((key2 === "type") || (key2 === "ttl"))){
const err17 = {instancePath:instancePath+"/affinity",schemaPath:"#/properties/affinity/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.affinity,data:data11};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data11.type !== undefined){
let data12 = data11.type;
if(typeof data12 !== "string"){
const err18 = {instancePath:instancePath+"/affinity/type",schemaPath:"#/properties/affinity/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.affinity.properties.type.type,parentSchema:schema12.properties.affinity.properties.type,data:data12};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(!((data12 === "none") || (data12 === "source-ip"))){
const err19 = {instancePath:instancePath+"/affinity/type",schemaPath:"#/properties/affinity/properties/type/enum",keyword:"enum",params:{allowedValues: schema12.properties.affinity.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.affinity.properties.type.enum,parentSchema:schema12.properties.affinity.properties.type,data:data12};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data11.ttl !== undefined){
let data13 = data11.ttl;
if(typeof data13 === "string"){
if(!pattern2.test(data13)){
const err20 = {instancePath:instancePath+"/affinity/ttl",schemaPath:"#/definitions/Duration/pattern",keyword:"pattern",params:{pattern: "^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"},message:"must match pattern \""+"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"+"\"",schema:"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$",parentSchema:schema19,data:data13};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
else {
const err21 = {instancePath:instancePath+"/affinity/ttl",schemaPath:"#/definitions/Duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data13};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
}
}
else {
const err22 = {instancePath:instancePath+"/affinity",schemaPath:"#/properties/affinity/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.affinity.type,parentSchema:schema12.properties.affinity,data:data11};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data.healthCheck !== undefined){
let data14 = data.healthCheck;
if(data14 && typeof data14 == "object" && !Array.isArray(data14)){
for(const key3 in data14){
if(!(((((((key3 === "type") || (key3 === "interval")) || (key3 === "timeout")) || (key3 === "healthyThreshold")) || (key3 === "unhealthyThreshold")) || (key3 === "send")) || (key3 === "expect"))){
const err23 = {instancePath:instancePath+"/healthCheck",schemaPath:"#/properties/healthCheck/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.healthCheck,data:data14};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data14.type !== undefined){
let data15 = data14.type;
if(typeof data15 !== "string"){
const err24 = {instancePath:instancePath+"/healthCheck/type",schemaPath:"#/properties/healthCheck/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema12.properties.healthCheck.properties.type.type,parentSchema:schema12.properties.healthCheck.properties.type,data:data15};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(!(((data15 === "none") || (data15 === "tcp")) || (data15 === "udp"))){
const err25 = {instancePath:instancePath+"/healthCheck/type",schemaPath:"#/properties/healthCheck/properties/type/enum",keyword:"enum",params:{allowedValues: schema12.properties.healthCheck.properties.type.enum},message:"must be equal to one of the allowed values",schema:schema12.properties.healthCheck.properties.type.enum,parentSchema:schema12.properties.healthCheck.properties.type,data:data15};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
if(data14.interval !== undefined){
let data16 = data14.interval;
if(typeof data16 === "string"){
if(!pattern2.test(data16)){
const err26 = {instancePath:instancePath+"/healthCheck/interval",schemaPath:"#/definitions/Duration/pattern",keyword:"pattern",params:{pattern: "^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"},message:"must match pattern \""+"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"+"\"",schema:"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$",parentSchema:schema19,data:data16};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
else {
const err27 = {instancePath:instancePath+"/healthCheck/interval",schemaPath:"#/definitions/Duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data16};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
if(data14.timeout !== undefined){
let data17 = data14.timeout;
if(typeof data17 === "string"){
if(!pattern2.test(data17)){
const err28 = {instancePath:instancePath+"/healthCheck/timeout",schemaPath:"#/definitions/Duration/pattern",keyword:"pattern",params:{pattern: "^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"},message:"must match pattern \""+"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"+"\"",schema:"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$",parentSchema:schema19,data:data17};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
else {
const err29 = {instancePath:instancePath+"/healthCheck/timeout",schemaPath:"#/definitions/Duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data17};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data14.healthyThreshold !== undefined){
let data18 = data14.healthyThreshold;
if(!(((typeof data18 == "number") && (!(data18 % 1) && !isNaN(data18))) && (isFinite(data18)))){
const err30 = {instancePath:instancePath+"/healthCheck/healthyThreshold",schemaPath:"#/properties/healthCheck/properties/healthyThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.healthCheck.properties.healthyThreshold.type,parentSchema:schema12.properties.healthCheck.properties.healthyThreshold,data:data18};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if((typeof data18 == "number") && (isFinite(data18))){
if(data18 > 100 || isNaN(data18)){
const err31 = {instancePath:instancePath+"/healthCheck/healthyThreshold",schemaPath:"#/properties/healthCheck/properties/healthyThreshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema12.properties.healthCheck.properties.healthyThreshold,data:data18};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(data18 < 1 || isNaN(data18)){
const err32 = {instancePath:instancePath+"/healthCheck/healthyThreshold",schemaPath:"#/properties/healthCheck/properties/healthyThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema12.properties.healthCheck.properties.healthyThreshold,data:data18};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
}
}
if(data14.unhealthyThreshold !== undefined){
let data19 = data14.unhealthyThreshold;
if(!(((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19))) && (isFinite(data19)))){
const err33 = {instancePath:instancePath+"/healthCheck/unhealthyThreshold",schemaPath:"#/properties/healthCheck/properties/unhealthyThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.healthCheck.properties.unhealthyThreshold.type,parentSchema:schema12.properties.healthCheck.properties.unhealthyThreshold,data:data19};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
if((typeof data19 == "number") && (isFinite(data19))){
if(data19 > 100 || isNaN(data19)){
const err34 = {instancePath:instancePath+"/healthCheck/unhealthyThreshold",schemaPath:"#/properties/healthCheck/properties/unhealthyThreshold/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema12.properties.healthCheck.properties.unhealthyThreshold,data:data19};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(data19 < 1 || isNaN(data19)){
const err35 = {instancePath:instancePath+"/healthCheck/unhealthyThreshold",schemaPath:"#/properties/healthCheck/properties/unhealthyThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema12.properties.healthCheck.properties.unhealthyThreshold,data:data19};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
}
}
if(data14.send !== undefined){
let data20 = data14.send;
if((typeof data20 !== "string") && (!(data20 && typeof data20 == "object" && !Array.isArray(data20)))){
const err36 = {instancePath:instancePath+"/healthCheck/send",schemaPath:"#/definitions/Payload/type",keyword:"type",params:{type: schema32.type},message:"must be string,object",schema:schema32.type,parentSchema:schema32,data:data20};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
if(data20.hex === undefined){
const err37 = {instancePath:instancePath+"/healthCheck/send",schemaPath:"#/definitions/Payload/required",keyword:"required",params:{missingProperty: "hex"},message:"must have required property '"+"hex"+"'",schema:schema32.required,parentSchema:schema32,data:data20};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
for(const key4 in data20){
if(!(key4 === "hex")){
const err38 = {instancePath:instancePath+"/healthCheck/send",schemaPath:"#/definitions/Payload/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties",schema:false,parentSchema:schema32,data:data20};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data20.hex !== undefined){
let data21 = data20.hex;
if(typeof data21 === "string"){
if(!pattern10.test(data21)){
const err39 = {instancePath:instancePath+"/healthCheck/send/hex",schemaPath:"#/definitions/Payload/properties/hex/pattern",keyword:"pattern",params:{pattern: "^([0-9a-fA-F]{2})*$"},message:"must match pattern \""+"^([0-9a-fA-F]{2})*$"+"\"",schema:"^([0-9a-fA-F]{2})*$",parentSchema:schema32.properties.hex,data:data21};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
}
else {
const err40 = {instancePath:instancePath+"/healthCheck/send/hex",schemaPath:"#/definitions/Payload/properties/hex/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.hex.type,parentSchema:schema32.properties.hex,data:data21};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
}
}
}
if(data14.expect !== undefined){
let data22 = data14.expect;
if((typeof data22 !== "string") && (!(data22 && typeof data22 == "object" && !Array.isArray(data22)))){
const err41 = {instancePath:instancePath+"/healthCheck/expect",schemaPath:"#/definitions/Payload/type",keyword:"type",params:{type: schema32.type},message:"must be string,object",schema:schema32.type,parentSchema:schema32,data:data22};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(data22 && typeof data22 == "object" && !Array.isArray(data22)){
if(data22.hex === undefined){
const err42 = {instancePath:instancePath+"/healthCheck/expect",schemaPath:"#/definitions/Payload/required",keyword:"required",params:{missingProperty: "hex"},message:"must have required property '"+"hex"+"'",schema:schema32.required,parentSchema:schema32,data:data22};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
for(const key5 in data22){
if(!(key5 === "hex")){
const err43 = {instancePath:instancePath+"/healthCheck/expect",schemaPath:"#/definitions/Payload/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties",schema:false,parentSchema:schema32,data:data22};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data22.hex !== undefined){
let data23 = data22.hex;
if(typeof data23 === "string"){
if(!pattern10.test(data23)){
const err44 = {instancePath:instancePath+"/healthCheck/expect/hex",schemaPath:"#/definitions/Payload/properties/hex/pattern",keyword:"pattern",params:{pattern: "^([0-9a-fA-F]{2})*$"},message:"must match pattern \""+"^([0-9a-fA-F]{2})*$"+"\"",schema:"^([0-9a-fA-F]{2})*$",parentSchema:schema32.properties.hex,data:data23};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
else {
const err45 = {instancePath:instancePath+"/healthCheck/expect/hex",schemaPath:"#/definitions/Payload/properties/hex/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema32.properties.hex.type,parentSchema:schema32.properties.hex,data:data23};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
}
}
}
else {
const err46 = {instancePath:instancePath+"/healthCheck",schemaPath:"#/properties/healthCheck/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.healthCheck.type,parentSchema:schema12.properties.healthCheck,data:data14};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data.outlierDetection !== undefined){
let data24 = data.outlierDetection;
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
for(const key6 in data24){
if(!(((key6 === "consecutiveFailures") || (key6 === "baseEjectionTime")) || (key6 === "maxEjectionPercent"))){
const err47 = {instancePath:instancePath+"/outlierDetection",schemaPath:"#/properties/outlierDetection/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.outlierDetection,data:data24};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data24.consecutiveFailures !== undefined){
let data25 = data24.consecutiveFailures;
if(!(((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25))) && (isFinite(data25)))){
const err48 = {instancePath:instancePath+"/outlierDetection/consecutiveFailures",schemaPath:"#/properties/outlierDetection/properties/consecutiveFailures/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.outlierDetection.properties.consecutiveFailures.type,parentSchema:schema12.properties.outlierDetection.properties.consecutiveFailures,data:data25};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if((typeof data25 == "number") && (isFinite(data25))){
if(data25 > 1000 || isNaN(data25)){
const err49 = {instancePath:instancePath+"/outlierDetection/consecutiveFailures",schemaPath:"#/properties/outlierDetection/properties/consecutiveFailures/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000},message:"must be <= 1000",schema:1000,parentSchema:schema12.properties.outlierDetection.properties.consecutiveFailures,data:data25};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(data25 < 1 || isNaN(data25)){
const err50 = {instancePath:instancePath+"/outlierDetection/consecutiveFailures",schemaPath:"#/properties/outlierDetection/properties/consecutiveFailures/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema12.properties.outlierDetection.properties.consecutiveFailures,data:data25};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
}
if(data24.baseEjectionTime !== undefined){
let data26 = data24.baseEjectionTime;
if(typeof data26 === "string"){
if(!pattern2.test(data26)){
const err51 = {instancePath:instancePath+"/outlierDetection/baseEjectionTime",schemaPath:"#/definitions/Duration/pattern",keyword:"pattern",params:{pattern: "^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"},message:"must match pattern \""+"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"+"\"",schema:"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$",parentSchema:schema19,data:data26};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
else {
const err52 = {instancePath:instancePath+"/outlierDetection/baseEjectionTime",schemaPath:"#/definitions/Duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data26};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
if(data24.maxEjectionPercent !== undefined){
let data27 = data24.maxEjectionPercent;
if(!(((typeof data27 == "number") && (!(data27 % 1) && !isNaN(data27))) && (isFinite(data27)))){
const err53 = {instancePath:instancePath+"/outlierDetection/maxEjectionPercent",schemaPath:"#/properties/outlierDetection/properties/maxEjectionPercent/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.outlierDetection.properties.maxEjectionPercent.type,parentSchema:schema12.properties.outlierDetection.properties.maxEjectionPercent,data:data27};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if((typeof data27 == "number") && (isFinite(data27))){
if(data27 > 100 || isNaN(data27)){
const err54 = {instancePath:instancePath+"/outlierDetection/maxEjectionPercent",schemaPath:"#/properties/outlierDetection/properties/maxEjectionPercent/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema12.properties.outlierDetection.properties.maxEjectionPercent,data:data27};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if(data27 < 0 || isNaN(data27)){
const err55 = {instancePath:instancePath+"/outlierDetection/maxEjectionPercent",schemaPath:"#/properties/outlierDetection/properties/maxEjectionPercent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema12.properties.outlierDetection.properties.maxEjectionPercent,data:data27};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
}
}
else {
const err56 = {instancePath:instancePath+"/outlierDetection",schemaPath:"#/properties/outlierDetection/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.outlierDetection.type,parentSchema:schema12.properties.outlierDetection,data:data24};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data.connection !== undefined){
let data28 = data.connection;
if(data28 && typeof data28 == "object" && !Array.isArray(data28)){
for(const key7 in data28){
if(!(((((((key7 === "connectTimeout") || (key7 === "idleTimeout")) || (key7 === "maxConnections")) || (key7 === "connectAttempts")) || (key7 === "maxDuration")) || (key7 === "maxDurationJitterPercent")) || (key7 === "maxConnectionRate"))){
const err57 = {instancePath:instancePath+"/connection",schemaPath:"#/properties/connection/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key7},message:"must NOT have additional properties",schema:false,parentSchema:schema12.properties.connection,data:data28};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
if(data28.connectTimeout !== undefined){
let data29 = data28.connectTimeout;
if(typeof data29 === "string"){
if(!pattern2.test(data29)){
const err58 = {instancePath:instancePath+"/connection/connectTimeout",schemaPath:"#/definitions/Duration/pattern",keyword:"pattern",params:{pattern: "^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"},message:"must match pattern \""+"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"+"\"",schema:"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$",parentSchema:schema19,data:data29};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
else {
const err59 = {instancePath:instancePath+"/connection/connectTimeout",schemaPath:"#/definitions/Duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data29};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data28.idleTimeout !== undefined){
let data30 = data28.idleTimeout;
if(typeof data30 === "string"){
if(!pattern2.test(data30)){
const err60 = {instancePath:instancePath+"/connection/idleTimeout",schemaPath:"#/definitions/Duration/pattern",keyword:"pattern",params:{pattern: "^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"},message:"must match pattern \""+"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"+"\"",schema:"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$",parentSchema:schema19,data:data30};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
}
else {
const err61 = {instancePath:instancePath+"/connection/idleTimeout",schemaPath:"#/definitions/Duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data30};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
if(data28.maxConnections !== undefined){
let data31 = data28.maxConnections;
if(!(((typeof data31 == "number") && (!(data31 % 1) && !isNaN(data31))) && (isFinite(data31)))){
const err62 = {instancePath:instancePath+"/connection/maxConnections",schemaPath:"#/properties/connection/properties/maxConnections/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.connection.properties.maxConnections.type,parentSchema:schema12.properties.connection.properties.maxConnections,data:data31};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if((typeof data31 == "number") && (isFinite(data31))){
if(data31 > 1000000 || isNaN(data31)){
const err63 = {instancePath:instancePath+"/connection/maxConnections",schemaPath:"#/properties/connection/properties/maxConnections/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema12.properties.connection.properties.maxConnections,data:data31};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
if(data31 < 1 || isNaN(data31)){
const err64 = {instancePath:instancePath+"/connection/maxConnections",schemaPath:"#/properties/connection/properties/maxConnections/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema12.properties.connection.properties.maxConnections,data:data31};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
}
if(data28.connectAttempts !== undefined){
let data32 = data28.connectAttempts;
if(!(((typeof data32 == "number") && (!(data32 % 1) && !isNaN(data32))) && (isFinite(data32)))){
const err65 = {instancePath:instancePath+"/connection/connectAttempts",schemaPath:"#/properties/connection/properties/connectAttempts/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.connection.properties.connectAttempts.type,parentSchema:schema12.properties.connection.properties.connectAttempts,data:data32};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
if((typeof data32 == "number") && (isFinite(data32))){
if(data32 > 16 || isNaN(data32)){
const err66 = {instancePath:instancePath+"/connection/connectAttempts",schemaPath:"#/properties/connection/properties/connectAttempts/maximum",keyword:"maximum",params:{comparison: "<=", limit: 16},message:"must be <= 16",schema:16,parentSchema:schema12.properties.connection.properties.connectAttempts,data:data32};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
if(data32 < 1 || isNaN(data32)){
const err67 = {instancePath:instancePath+"/connection/connectAttempts",schemaPath:"#/properties/connection/properties/connectAttempts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema12.properties.connection.properties.connectAttempts,data:data32};
if(vErrors === null){
vErrors = [err67];
}
else {
vErrors.push(err67);
}
errors++;
}
}
}
if(data28.maxDuration !== undefined){
let data33 = data28.maxDuration;
if(typeof data33 === "string"){
if(!pattern2.test(data33)){
const err68 = {instancePath:instancePath+"/connection/maxDuration",schemaPath:"#/definitions/Duration/pattern",keyword:"pattern",params:{pattern: "^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"},message:"must match pattern \""+"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"+"\"",schema:"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$",parentSchema:schema19,data:data33};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
}
else {
const err69 = {instancePath:instancePath+"/connection/maxDuration",schemaPath:"#/definitions/Duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data33};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
if(data28.maxDurationJitterPercent !== undefined){
let data34 = data28.maxDurationJitterPercent;
if((typeof data34 == "number") && (isFinite(data34))){
if(data34 > 100 || isNaN(data34)){
const err70 = {instancePath:instancePath+"/connection/maxDurationJitterPercent",schemaPath:"#/properties/connection/properties/maxDurationJitterPercent/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100",schema:100,parentSchema:schema12.properties.connection.properties.maxDurationJitterPercent,data:data34};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
if(data34 < 0 || isNaN(data34)){
const err71 = {instancePath:instancePath+"/connection/maxDurationJitterPercent",schemaPath:"#/properties/connection/properties/maxDurationJitterPercent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema12.properties.connection.properties.maxDurationJitterPercent,data:data34};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
else {
const err72 = {instancePath:instancePath+"/connection/maxDurationJitterPercent",schemaPath:"#/properties/connection/properties/maxDurationJitterPercent/type",keyword:"type",params:{type: "number"},message:"must be number",schema:schema12.properties.connection.properties.maxDurationJitterPercent.type,parentSchema:schema12.properties.connection.properties.maxDurationJitterPercent,data:data34};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
if(data28.maxConnectionRate !== undefined){
let data35 = data28.maxConnectionRate;
if(!(((typeof data35 == "number") && (!(data35 % 1) && !isNaN(data35))) && (isFinite(data35)))){
const err73 = {instancePath:instancePath+"/connection/maxConnectionRate",schemaPath:"#/properties/connection/properties/maxConnectionRate/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema12.properties.connection.properties.maxConnectionRate.type,parentSchema:schema12.properties.connection.properties.maxConnectionRate,data:data35};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if((typeof data35 == "number") && (isFinite(data35))){
if(data35 > 1000000 || isNaN(data35)){
const err74 = {instancePath:instancePath+"/connection/maxConnectionRate",schemaPath:"#/properties/connection/properties/maxConnectionRate/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000",schema:1000000,parentSchema:schema12.properties.connection.properties.maxConnectionRate,data:data35};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
if(data35 < 1 || isNaN(data35)){
const err75 = {instancePath:instancePath+"/connection/maxConnectionRate",schemaPath:"#/properties/connection/properties/maxConnectionRate/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema12.properties.connection.properties.maxConnectionRate,data:data35};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
}
}
}
else {
const err76 = {instancePath:instancePath+"/connection",schemaPath:"#/properties/connection/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.properties.connection.type,parentSchema:schema12.properties.connection,data:data28};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(data.tls !== undefined){
if(!(validate20(data.tls, {instancePath:instancePath+"/tls",parentData:data,parentDataProperty:"tls",rootData}))){
vErrors = vErrors === null ? validate20.errors : vErrors.concat(validate20.errors);
errors = vErrors.length;
}
}
}
else {
const err77 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema12.type,parentSchema:schema12,data};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema40 = {"type":"object","additionalProperties":false,"description":"One proxy instance next to one workload: which services it reaches, which inbound traffic it accepts and how traffic is captured.","examples":[{"outbound":[{"service":"orders-db","port":3306,"bind":"127.0.0.1:15306"}]}],"properties":{"admin":{"$ref":"#/definitions/SocketAddress","description":"The admin HTTP endpoint (/ready, /metrics, /clusters, /plan). Default `127.0.0.1:15000`.","examples":["127.0.0.1:15000"]},"zone":{"$ref":"#/definitions/Zone","description":"The zone this workload runs in; services with `loadBalancer.localityAware` prefer endpoints of this zone. Envoy: `node.locality.zone`.","examples":["eu-west-1a"]},"outbound":{"type":"array","items":{"$ref":"#/definitions/Outbound"},"description":"The services this workload may reach; one listener per entry and service port.","examples":[[{"service":"orders-db","port":3306,"bind":"127.0.0.1:15306"}]]},"inbound":{"type":"array","items":{"$ref":"#/definitions/Inbound"},"description":"Traffic addressed to this workload itself, forwarded to the local application.","examples":[[{"port":8080,"protocol":"tcp","bind":"0.0.0.0:15080","forwardTo":"127.0.0.1:8080"}]]},"interception":{"$ref":"#/definitions/Interception"},"tls":{"$ref":"#/definitions/WorkloadTls"}}};
const schema41 = {"type":"string","format":"host-port","description":"`IP:PORT`; an IPv6 address is written in brackets (`[::1]:15306`).","examples":["127.0.0.1:15306","[::1]:15306"]};
const formats4 = runtime2["host-port"];
const schema43 = {"type":"object","additionalProperties":false,"required":["service"],"description":"A service (port) this workload may reach.","examples":[{"service":"orders-db","port":3306,"bind":"127.0.0.1:15306"}],"properties":{"service":{"$ref":"#/definitions/Name","description":"The Service's `metadata.name`.","examples":["orders-db"]},"port":{"$ref":"#/definitions/Port","description":"Which service port; omitted = every port of the service (both protocols of a TCP+UDP port).","examples":[3306]},"bind":{"$ref":"#/definitions/SocketAddress","description":"Where the sidecar listens (default `127.0.0.1:<service port>`). Needs `port` when the service has several port numbers.","examples":["127.0.0.1:15306"]}}};

function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.service === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "service"},message:"must have required property '"+"service"+"'",schema:schema43.required,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "service") || (key0 === "port")) || (key0 === "bind"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.service !== undefined){
let data0 = data.service;
if(typeof data0 === "string"){
if(func3(data0) > 63){
const err2 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(func3(data0) < 1){
const err3 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern0.test(data0)){
const err4 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.port !== undefined){
let data1 = data.port;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err6 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 65535 || isNaN(data1)){
const err7 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err8 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
if(data.bind !== undefined){
let data2 = data.bind;
if(typeof data2 === "string"){
if(!(formats4(data2))){
const err9 = {instancePath:instancePath+"/bind",schemaPath:"#/definitions/SocketAddress/format",keyword:"format",params:{format: "host-port"},message:"must match format \""+"host-port"+"\"",schema:"host-port",parentSchema:schema41,data:data2};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/bind",schemaPath:"#/definitions/SocketAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
}
else {
const err11 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema43.type,parentSchema:schema43,data};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}

const schema47 = {"type":"object","additionalProperties":false,"required":["port"],"description":"A port of this workload, proxied to the local application.","examples":[{"port":8080,"protocol":"tcp","bind":"0.0.0.0:15080","forwardTo":"127.0.0.1:8080"}],"properties":{"port":{"$ref":"#/definitions/Port","description":"The workload port; the listener is `0.0.0.0:<port>` unless `bind` is given.","examples":[8080]},"protocol":{"$ref":"#/definitions/Protocol","description":"The traffic's protocol (default `tcp`).","examples":["tcp"]},"proxyProtocol":{"type":"string","enum":["accept"],"description":"`accept`: every connection must start with a PROXY protocol v1 or v2 header (sent by a load balancer in front); its source address is then the client address (access log, affinity, authorization). A connection whose header is missing, malformed or slower than `proxyProtocolTimeout` is closed and counted; nothing of it reaches the application. TCP only. Envoy: the `proxy_protocol` listener filter.","examples":["accept"]},"proxyProtocolTimeout":{"$ref":"#/definitions/Duration","description":"With `proxyProtocol: accept`: how long a new connection may take to deliver its whole header (default 5s; nginx's proxy_protocol_timeout is 30s, Envoy's listener_filters_timeout 15s: a load balancer sends the header at once, so a short limit only sheds idle or slow clients sooner).","examples":["5s"]},"bind":{"$ref":"#/definitions/SocketAddress","description":"Where the sidecar listens (default `0.0.0.0:<port>`).","examples":["0.0.0.0:15080"]},"forwardTo":{"$ref":"#/definitions/SocketAddress","description":"The local application (default `127.0.0.1:<port>`).","examples":["127.0.0.1:8080"]},"detectionTimeout":{"$ref":"#/definitions/Duration","description":"protocol auto/tls: how long to wait for the client's first bytes (default 100ms).","examples":["100ms"]},"tls":{"type":"string","enum":["disabled","permissive","strict"],"description":"Mutual TLS on this port, terminated by the sidecar with `spec.tls` (the application always speaks plaintext): `disabled` (default), `permissive` (a TLS ClientHello is terminated as mutual TLS, anything else passes as plaintext; for migrations) or `strict` (only clients whose certificate chains to `spec.tls.trustedCA`). TCP only; modes other than `disabled` need `spec.tls`.","examples":["strict"]},"authorization":{"$ref":"#/definitions/Authorization"}}};
const schema54 = {"type":"object","additionalProperties":false,"description":"L4 authorization of this port's connections, decided before the first byte reaches the application: a connection matching any `deny` rule is closed; when `allow` is given, a connection must also match one of its rules (`allow: []` allows nothing). Omitted: every connection that passes the `tls` mode is allowed. TCP only.","examples":[{"deny":[{"identities":["spiffe://cluster.local/ns/shop/sa/legacy"]}],"allow":[{"identities":["spiffe://cluster.local/ns/shop/*"]},{"sources":["10.0.0.0/8"],"ports":[8080]}]}],"properties":{"deny":{"type":"array","items":{"$ref":"#/definitions/AuthorizationRule"},"description":"Rules whose matching connections are closed; checked first.","examples":[[{"identities":["spiffe://cluster.local/ns/shop/sa/legacy"]}]]},"allow":{"type":"array","items":{"$ref":"#/definitions/AuthorizationRule"},"description":"When given, only connections matching one of these rules (and no `deny` rule) are allowed.","examples":[[{"identities":["spiffe://cluster.local/ns/shop/*"]}]]}}};
const schema55 = {"type":"object","additionalProperties":false,"description":"Matches a connection when every field it gives matches (an empty rule matches every connection).","examples":[{"identities":["spiffe://cluster.local/ns/shop/*"]},{"sources":["10.0.0.0/8"],"ports":[8080]}],"properties":{"identities":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/IdentityPattern"},"description":"The peer's identity is one of these (exact or trailing `*`). Never matches a plaintext connection; needs `tls: strict` or `permissive`.","examples":[["spiffe://cluster.local/ns/shop/sa/checkout","spiffe://cluster.local/ns/ops/*"]]},"sources":{"type":"array","minItems":1,"items":{"type":"string","minLength":1,"maxLength":64},"description":"The client address is in one of these networks: IPv4/IPv6 CIDRs or bare addresses (a bare address is /32 or /128).","examples":[["10.0.0.0/8","fd00::/8","192.168.1.10"]]},"ports":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/Port"},"description":"The inbound entry's `port` (the workload port) is one of these.","examples":[[8080]]}}};

function validate28(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((key0 === "identities") || (key0 === "sources")) || (key0 === "ports"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.identities !== undefined){
let data0 = data.identities;
if(Array.isArray(data0)){
if(data0.length < 1){
const err1 = {instancePath:instancePath+"/identities",schemaPath:"#/properties/identities/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema55.properties.identities,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
let data1 = data0[i0];
if(typeof data1 === "string"){
if(func3(data1) > 2048){
const err2 = {instancePath:instancePath+"/identities/" + i0,schemaPath:"#/definitions/IdentityPattern/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters",schema:2048,parentSchema:schema39,data:data1};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(func3(data1) < 1){
const err3 = {instancePath:instancePath+"/identities/" + i0,schemaPath:"#/definitions/IdentityPattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema39,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
else {
const err4 = {instancePath:instancePath+"/identities/" + i0,schemaPath:"#/definitions/IdentityPattern/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema39.type,parentSchema:schema39,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
else {
const err5 = {instancePath:instancePath+"/identities",schemaPath:"#/properties/identities/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema55.properties.identities.type,parentSchema:schema55.properties.identities,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.sources !== undefined){
let data2 = data.sources;
if(Array.isArray(data2)){
if(data2.length < 1){
const err6 = {instancePath:instancePath+"/sources",schemaPath:"#/properties/sources/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema55.properties.sources,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
const len1 = data2.length;
for(let i1=0; i1<len1; i1++){
let data3 = data2[i1];
if(typeof data3 === "string"){
if(func3(data3) > 64){
const err7 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/properties/sources/items/maxLength",keyword:"maxLength",params:{limit: 64},message:"must NOT have more than 64 characters",schema:64,parentSchema:schema55.properties.sources.items,data:data3};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(func3(data3) < 1){
const err8 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/properties/sources/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema55.properties.sources.items,data:data3};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/properties/sources/items/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema55.properties.sources.items.type,parentSchema:schema55.properties.sources.items,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath:instancePath+"/sources",schemaPath:"#/properties/sources/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema55.properties.sources.type,parentSchema:schema55.properties.sources,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.ports !== undefined){
let data4 = data.ports;
if(Array.isArray(data4)){
if(data4.length < 1){
const err11 = {instancePath:instancePath+"/ports",schemaPath:"#/properties/ports/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items",schema:1,parentSchema:schema55.properties.ports,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
const len2 = data4.length;
for(let i2=0; i2<len2; i2++){
let data5 = data4[i2];
if(!(((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5))) && (isFinite(data5)))){
const err12 = {instancePath:instancePath+"/ports/" + i2,schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if((typeof data5 == "number") && (isFinite(data5))){
if(data5 > 65535 || isNaN(data5)){
const err13 = {instancePath:instancePath+"/ports/" + i2,schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema15,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err14 = {instancePath:instancePath+"/ports/" + i2,schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
}
else {
const err15 = {instancePath:instancePath+"/ports",schemaPath:"#/properties/ports/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema55.properties.ports.type,parentSchema:schema55.properties.ports,data:data4};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
}
else {
const err16 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema55.type,parentSchema:schema55,data};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
validate28.errors = vErrors;
return errors === 0;
}


function validate27(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((key0 === "deny") || (key0 === "allow"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.deny !== undefined){
let data0 = data.deny;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
if(!(validate28(data0[i0], {instancePath:instancePath+"/deny/" + i0,parentData:data0,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
}
else {
const err1 = {instancePath:instancePath+"/deny",schemaPath:"#/properties/deny/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema54.properties.deny.type,parentSchema:schema54.properties.deny,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.allow !== undefined){
let data2 = data.allow;
if(Array.isArray(data2)){
const len1 = data2.length;
for(let i1=0; i1<len1; i1++){
if(!(validate28(data2[i1], {instancePath:instancePath+"/allow/" + i1,parentData:data2,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate28.errors : vErrors.concat(validate28.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath:instancePath+"/allow",schemaPath:"#/properties/allow/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema54.properties.allow.type,parentSchema:schema54.properties.allow,data:data2};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
}
else {
const err3 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema54.type,parentSchema:schema54,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
validate27.errors = vErrors;
return errors === 0;
}


function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.port === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'",schema:schema47.required,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema47.properties, key0))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.port !== undefined){
let data0 = data.port;
if(!(((typeof data0 == "number") && (!(data0 % 1) && !isNaN(data0))) && (isFinite(data0)))){
const err2 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if((typeof data0 == "number") && (isFinite(data0))){
if(data0 > 65535 || isNaN(data0)){
const err3 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema15,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data0 < 1 || isNaN(data0)){
const err4 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
if(data.protocol !== undefined){
let data1 = data.protocol;
if(typeof data1 !== "string"){
const err5 = {instancePath:instancePath+"/protocol",schemaPath:"#/definitions/Protocol/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema17.type,parentSchema:schema17,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(!(((((data1 === "tcp") || (data1 === "udp")) || (data1 === "tls")) || (data1 === "http")) || (data1 === "auto"))){
const err6 = {instancePath:instancePath+"/protocol",schemaPath:"#/definitions/Protocol/enum",keyword:"enum",params:{allowedValues: schema17.enum},message:"must be equal to one of the allowed values",schema:schema17.enum,parentSchema:schema17,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.proxyProtocol !== undefined){
let data2 = data.proxyProtocol;
if(typeof data2 !== "string"){
const err7 = {instancePath:instancePath+"/proxyProtocol",schemaPath:"#/properties/proxyProtocol/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.proxyProtocol.type,parentSchema:schema47.properties.proxyProtocol,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(!(data2 === "accept")){
const err8 = {instancePath:instancePath+"/proxyProtocol",schemaPath:"#/properties/proxyProtocol/enum",keyword:"enum",params:{allowedValues: schema47.properties.proxyProtocol.enum},message:"must be equal to one of the allowed values",schema:schema47.properties.proxyProtocol.enum,parentSchema:schema47.properties.proxyProtocol,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.proxyProtocolTimeout !== undefined){
let data3 = data.proxyProtocolTimeout;
if(typeof data3 === "string"){
if(!pattern2.test(data3)){
const err9 = {instancePath:instancePath+"/proxyProtocolTimeout",schemaPath:"#/definitions/Duration/pattern",keyword:"pattern",params:{pattern: "^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"},message:"must match pattern \""+"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"+"\"",schema:"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$",parentSchema:schema19,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
else {
const err10 = {instancePath:instancePath+"/proxyProtocolTimeout",schemaPath:"#/definitions/Duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data3};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.bind !== undefined){
let data4 = data.bind;
if(typeof data4 === "string"){
if(!(formats4(data4))){
const err11 = {instancePath:instancePath+"/bind",schemaPath:"#/definitions/SocketAddress/format",keyword:"format",params:{format: "host-port"},message:"must match format \""+"host-port"+"\"",schema:"host-port",parentSchema:schema41,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/bind",schemaPath:"#/definitions/SocketAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data:data4};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
if(data.forwardTo !== undefined){
let data5 = data.forwardTo;
if(typeof data5 === "string"){
if(!(formats4(data5))){
const err13 = {instancePath:instancePath+"/forwardTo",schemaPath:"#/definitions/SocketAddress/format",keyword:"format",params:{format: "host-port"},message:"must match format \""+"host-port"+"\"",schema:"host-port",parentSchema:schema41,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
else {
const err14 = {instancePath:instancePath+"/forwardTo",schemaPath:"#/definitions/SocketAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data:data5};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.detectionTimeout !== undefined){
let data6 = data.detectionTimeout;
if(typeof data6 === "string"){
if(!pattern2.test(data6)){
const err15 = {instancePath:instancePath+"/detectionTimeout",schemaPath:"#/definitions/Duration/pattern",keyword:"pattern",params:{pattern: "^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"},message:"must match pattern \""+"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$"+"\"",schema:"^(?=[0-9])([0-9]+h)?([0-9]+m)?([0-9]+s)?([0-9]+ms)?$",parentSchema:schema19,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
else {
const err16 = {instancePath:instancePath+"/detectionTimeout",schemaPath:"#/definitions/Duration/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema19.type,parentSchema:schema19,data:data6};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.tls !== undefined){
let data7 = data.tls;
if(typeof data7 !== "string"){
const err17 = {instancePath:instancePath+"/tls",schemaPath:"#/properties/tls/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema47.properties.tls.type,parentSchema:schema47.properties.tls,data:data7};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(!(((data7 === "disabled") || (data7 === "permissive")) || (data7 === "strict"))){
const err18 = {instancePath:instancePath+"/tls",schemaPath:"#/properties/tls/enum",keyword:"enum",params:{allowedValues: schema47.properties.tls.enum},message:"must be equal to one of the allowed values",schema:schema47.properties.tls.enum,parentSchema:schema47.properties.tls,data:data7};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.authorization !== undefined){
if(!(validate27(data.authorization, {instancePath:instancePath+"/authorization",parentData:data,parentDataProperty:"authorization",rootData}))){
vErrors = vErrors === null ? validate27.errors : vErrors.concat(validate27.errors);
errors = vErrors.length;
}
}
}
else {
const err19 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema47.type,parentSchema:schema47,data};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}

const schema58 = {"type":"object","additionalProperties":false,"description":"Transparent capture of the workload's traffic, rendered as iptables rules (`meshc compile --target iptables`).","examples":[{"mode":"iptables","excludeOutboundPorts":[22]}],"properties":{"mode":{"type":"string","enum":["none","iptables"],"description":"`none` (default): clients dial the sidecar's listeners explicitly. `iptables`: outbound connections to the services and inbound connections to the workload are redirected to the sidecar.","examples":["iptables"]},"proxyUid":{"type":"integer","minimum":0,"maximum":4294967294,"description":"The sidecar's user id; its own traffic is never captured (default 1337, as Istio).","examples":[1337]},"proxyGid":{"type":"integer","minimum":0,"maximum":4294967294,"description":"The sidecar's group id (default 1337).","examples":[1337]},"excludeOutboundPorts":{"type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/Port"},"description":"Destination ports never captured outbound.","examples":[[22]]},"excludeOutboundCidrs":{"type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/Cidr"},"description":"Destination networks never captured outbound.","examples":[["169.254.169.254/32"]]},"excludeInboundPorts":{"type":"array","uniqueItems":true,"items":{"$ref":"#/definitions/Port"},"description":"Workload ports never captured inbound.","examples":[[15021]]}}};
const schema60 = {"type":"string","format":"cidr","description":"An IPv4 or IPv6 network in CIDR notation.","examples":["10.0.0.0/8","fd00::/8"]};
const formats12 = runtime2.cidr;

function validate33(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((key0 === "mode") || (key0 === "proxyUid")) || (key0 === "proxyGid")) || (key0 === "excludeOutboundPorts")) || (key0 === "excludeOutboundCidrs")) || (key0 === "excludeInboundPorts"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.mode !== undefined){
let data0 = data.mode;
if(typeof data0 !== "string"){
const err1 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema58.properties.mode.type,parentSchema:schema58.properties.mode,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(!((data0 === "none") || (data0 === "iptables"))){
const err2 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema58.properties.mode.enum},message:"must be equal to one of the allowed values",schema:schema58.properties.mode.enum,parentSchema:schema58.properties.mode,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.proxyUid !== undefined){
let data1 = data.proxyUid;
if(!(((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1))) && (isFinite(data1)))){
const err3 = {instancePath:instancePath+"/proxyUid",schemaPath:"#/properties/proxyUid/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema58.properties.proxyUid.type,parentSchema:schema58.properties.proxyUid,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if((typeof data1 == "number") && (isFinite(data1))){
if(data1 > 4294967294 || isNaN(data1)){
const err4 = {instancePath:instancePath+"/proxyUid",schemaPath:"#/properties/proxyUid/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967294},message:"must be <= 4294967294",schema:4294967294,parentSchema:schema58.properties.proxyUid,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data1 < 0 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/proxyUid",schemaPath:"#/properties/proxyUid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema58.properties.proxyUid,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
}
if(data.proxyGid !== undefined){
let data2 = data.proxyGid;
if(!(((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2))) && (isFinite(data2)))){
const err6 = {instancePath:instancePath+"/proxyGid",schemaPath:"#/properties/proxyGid/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema58.properties.proxyGid.type,parentSchema:schema58.properties.proxyGid,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if((typeof data2 == "number") && (isFinite(data2))){
if(data2 > 4294967294 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/proxyGid",schemaPath:"#/properties/proxyGid/maximum",keyword:"maximum",params:{comparison: "<=", limit: 4294967294},message:"must be <= 4294967294",schema:4294967294,parentSchema:schema58.properties.proxyGid,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data2 < 0 || isNaN(data2)){
const err8 = {instancePath:instancePath+"/proxyGid",schemaPath:"#/properties/proxyGid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0",schema:0,parentSchema:schema58.properties.proxyGid,data:data2};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
if(data.excludeOutboundPorts !== undefined){
let data3 = data.excludeOutboundPorts;
if(Array.isArray(data3)){
const len0 = data3.length;
for(let i0=0; i0<len0; i0++){
let data4 = data3[i0];
if(!(((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4))) && (isFinite(data4)))){
const err9 = {instancePath:instancePath+"/excludeOutboundPorts/" + i0,schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data4};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if((typeof data4 == "number") && (isFinite(data4))){
if(data4 > 65535 || isNaN(data4)){
const err10 = {instancePath:instancePath+"/excludeOutboundPorts/" + i0,schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema15,data:data4};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(data4 < 1 || isNaN(data4)){
const err11 = {instancePath:instancePath+"/excludeOutboundPorts/" + i0,schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
}
let i1 = data3.length;
let j0;
if(i1 > 1){
outer0:
for(;i1--;){
for(j0 = i1; j0--;){
if(func0(data3[i1], data3[j0])){
const err12 = {instancePath:instancePath+"/excludeOutboundPorts",schemaPath:"#/properties/excludeOutboundPorts/uniqueItems",keyword:"uniqueItems",params:{i: i1, j: j0},message:"must NOT have duplicate items (items ## "+j0+" and "+i1+" are identical)",schema:true,parentSchema:schema58.properties.excludeOutboundPorts,data:data3};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
break outer0;
}
}
}
}
}
else {
const err13 = {instancePath:instancePath+"/excludeOutboundPorts",schemaPath:"#/properties/excludeOutboundPorts/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema58.properties.excludeOutboundPorts.type,parentSchema:schema58.properties.excludeOutboundPorts,data:data3};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.excludeOutboundCidrs !== undefined){
let data5 = data.excludeOutboundCidrs;
if(Array.isArray(data5)){
const len1 = data5.length;
for(let i2=0; i2<len1; i2++){
let data6 = data5[i2];
if(typeof data6 === "string"){
if(!(formats12(data6))){
const err14 = {instancePath:instancePath+"/excludeOutboundCidrs/" + i2,schemaPath:"#/definitions/Cidr/format",keyword:"format",params:{format: "cidr"},message:"must match format \""+"cidr"+"\"",schema:"cidr",parentSchema:schema60,data:data6};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
else {
const err15 = {instancePath:instancePath+"/excludeOutboundCidrs/" + i2,schemaPath:"#/definitions/Cidr/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema60.type,parentSchema:schema60,data:data6};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
let i3 = data5.length;
let j1;
if(i3 > 1){
outer1:
for(;i3--;){
for(j1 = i3; j1--;){
if(func0(data5[i3], data5[j1])){
const err16 = {instancePath:instancePath+"/excludeOutboundCidrs",schemaPath:"#/properties/excludeOutboundCidrs/uniqueItems",keyword:"uniqueItems",params:{i: i3, j: j1},message:"must NOT have duplicate items (items ## "+j1+" and "+i3+" are identical)",schema:true,parentSchema:schema58.properties.excludeOutboundCidrs,data:data5};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
break outer1;
}
}
}
}
}
else {
const err17 = {instancePath:instancePath+"/excludeOutboundCidrs",schemaPath:"#/properties/excludeOutboundCidrs/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema58.properties.excludeOutboundCidrs.type,parentSchema:schema58.properties.excludeOutboundCidrs,data:data5};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.excludeInboundPorts !== undefined){
let data7 = data.excludeInboundPorts;
if(Array.isArray(data7)){
const len2 = data7.length;
for(let i4=0; i4<len2; i4++){
let data8 = data7[i4];
if(!(((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8))) && (isFinite(data8)))){
const err18 = {instancePath:instancePath+"/excludeInboundPorts/" + i4,schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer",schema:schema15.type,parentSchema:schema15,data:data8};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if((typeof data8 == "number") && (isFinite(data8))){
if(data8 > 65535 || isNaN(data8)){
const err19 = {instancePath:instancePath+"/excludeInboundPorts/" + i4,schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535",schema:65535,parentSchema:schema15,data:data8};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data8 < 1 || isNaN(data8)){
const err20 = {instancePath:instancePath+"/excludeInboundPorts/" + i4,schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1",schema:1,parentSchema:schema15,data:data8};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
}
let i5 = data7.length;
let j2;
if(i5 > 1){
outer2:
for(;i5--;){
for(j2 = i5; j2--;){
if(func0(data7[i5], data7[j2])){
const err21 = {instancePath:instancePath+"/excludeInboundPorts",schemaPath:"#/properties/excludeInboundPorts/uniqueItems",keyword:"uniqueItems",params:{i: i5, j: j2},message:"must NOT have duplicate items (items ## "+j2+" and "+i5+" are identical)",schema:true,parentSchema:schema58.properties.excludeInboundPorts,data:data7};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
break outer2;
}
}
}
}
}
else {
const err22 = {instancePath:instancePath+"/excludeInboundPorts",schemaPath:"#/properties/excludeInboundPorts/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema58.properties.excludeInboundPorts.type,parentSchema:schema58.properties.excludeInboundPorts,data:data7};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
}
else {
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema58.type,parentSchema:schema58,data};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate33.errors = vErrors;
return errors === 0;
}

const schema62 = {"type":"object","additionalProperties":false,"required":["certificate","privateKey","trustedCA"],"description":"This workload's identity for mutual TLS, as absolute paths of PEM files in the sidecar's container (e.g. a mounted Secret or cert-manager csi-driver-spiffe volume, see docs/security.md). The sidecar watches them and uses changed files for new handshakes without a restart.","examples":[{"certificate":"/var/run/meshc/tls/tls.crt","privateKey":"/var/run/meshc/tls/tls.key","trustedCA":"/var/run/meshc/tls/ca.crt"}],"properties":{"certificate":{"$ref":"#/definitions/AbsolutePath","description":"PEM certificate chain, leaf first. The workload's identity is the leaf's URI SAN (SPIFFE ID), else its first DNS SAN.","examples":["/var/run/meshc/tls/tls.crt"]},"privateKey":{"$ref":"#/definitions/AbsolutePath","description":"PEM private key of the leaf certificate.","examples":["/var/run/meshc/tls/tls.key"]},"trustedCA":{"$ref":"#/definitions/AbsolutePath","description":"PEM bundle of the CA certificates that peers' certificates must chain to.","examples":["/var/run/meshc/tls/ca.crt"]}}};
const schema63 = {"type":"string","minLength":1,"maxLength":4096,"description":"An absolute file path inside the sidecar's container.","examples":["/var/run/meshc/tls/tls.crt"]};

function validate35(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.certificate === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "certificate"},message:"must have required property '"+"certificate"+"'",schema:schema62.required,parentSchema:schema62,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.privateKey === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "privateKey"},message:"must have required property '"+"privateKey"+"'",schema:schema62.required,parentSchema:schema62,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.trustedCA === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "trustedCA"},message:"must have required property '"+"trustedCA"+"'",schema:schema62.required,parentSchema:schema62,data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "certificate") || (key0 === "privateKey")) || (key0 === "trustedCA"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema62,data};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.certificate !== undefined){
let data0 = data.certificate;
if(typeof data0 === "string"){
if(func3(data0) > 4096){
const err4 = {instancePath:instancePath+"/certificate",schemaPath:"#/definitions/AbsolutePath/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema63,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(func3(data0) < 1){
const err5 = {instancePath:instancePath+"/certificate",schemaPath:"#/definitions/AbsolutePath/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema63,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/certificate",schemaPath:"#/definitions/AbsolutePath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.type,parentSchema:schema63,data:data0};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.privateKey !== undefined){
let data1 = data.privateKey;
if(typeof data1 === "string"){
if(func3(data1) > 4096){
const err7 = {instancePath:instancePath+"/privateKey",schemaPath:"#/definitions/AbsolutePath/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema63,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(func3(data1) < 1){
const err8 = {instancePath:instancePath+"/privateKey",schemaPath:"#/definitions/AbsolutePath/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema63,data:data1};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
else {
const err9 = {instancePath:instancePath+"/privateKey",schemaPath:"#/definitions/AbsolutePath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.type,parentSchema:schema63,data:data1};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.trustedCA !== undefined){
let data2 = data.trustedCA;
if(typeof data2 === "string"){
if(func3(data2) > 4096){
const err10 = {instancePath:instancePath+"/trustedCA",schemaPath:"#/definitions/AbsolutePath/maxLength",keyword:"maxLength",params:{limit: 4096},message:"must NOT have more than 4096 characters",schema:4096,parentSchema:schema63,data:data2};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(func3(data2) < 1){
const err11 = {instancePath:instancePath+"/trustedCA",schemaPath:"#/definitions/AbsolutePath/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema63,data:data2};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
else {
const err12 = {instancePath:instancePath+"/trustedCA",schemaPath:"#/definitions/AbsolutePath/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema63.type,parentSchema:schema63,data:data2};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
}
}
else {
const err13 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema62.type,parentSchema:schema62,data};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
validate35.errors = vErrors;
return errors === 0;
}


function validate23(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!((((((key0 === "admin") || (key0 === "zone")) || (key0 === "outbound")) || (key0 === "inbound")) || (key0 === "interception")) || (key0 === "tls"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
if(data.admin !== undefined){
let data0 = data.admin;
if(typeof data0 === "string"){
if(!(formats4(data0))){
const err1 = {instancePath:instancePath+"/admin",schemaPath:"#/definitions/SocketAddress/format",keyword:"format",params:{format: "host-port"},message:"must match format \""+"host-port"+"\"",schema:"host-port",parentSchema:schema41,data:data0};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
else {
const err2 = {instancePath:instancePath+"/admin",schemaPath:"#/definitions/SocketAddress/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema41.type,parentSchema:schema41,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.zone !== undefined){
let data1 = data.zone;
if(typeof data1 === "string"){
if(func3(data1) > 63){
const err3 = {instancePath:instancePath+"/zone",schemaPath:"#/definitions/Zone/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema24,data:data1};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func3(data1) < 1){
const err4 = {instancePath:instancePath+"/zone",schemaPath:"#/definitions/Zone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema24,data:data1};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern3.test(data1)){
const err5 = {instancePath:instancePath+"/zone",schemaPath:"#/definitions/Zone/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"},message:"must match pattern \""+"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$"+"\"",schema:"^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$",parentSchema:schema24,data:data1};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
else {
const err6 = {instancePath:instancePath+"/zone",schemaPath:"#/definitions/Zone/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema24.type,parentSchema:schema24,data:data1};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.outbound !== undefined){
let data2 = data.outbound;
if(Array.isArray(data2)){
const len0 = data2.length;
for(let i0=0; i0<len0; i0++){
if(!(validate24(data2[i0], {instancePath:instancePath+"/outbound/" + i0,parentData:data2,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
}
}
else {
const err7 = {instancePath:instancePath+"/outbound",schemaPath:"#/properties/outbound/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema40.properties.outbound.type,parentSchema:schema40.properties.outbound,data:data2};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.inbound !== undefined){
let data4 = data.inbound;
if(Array.isArray(data4)){
const len1 = data4.length;
for(let i1=0; i1<len1; i1++){
if(!(validate26(data4[i1], {instancePath:instancePath+"/inbound/" + i1,parentData:data4,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
else {
const err8 = {instancePath:instancePath+"/inbound",schemaPath:"#/properties/inbound/type",keyword:"type",params:{type: "array"},message:"must be array",schema:schema40.properties.inbound.type,parentSchema:schema40.properties.inbound,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.interception !== undefined){
if(!(validate33(data.interception, {instancePath:instancePath+"/interception",parentData:data,parentDataProperty:"interception",rootData}))){
vErrors = vErrors === null ? validate33.errors : vErrors.concat(validate33.errors);
errors = vErrors.length;
}
}
if(data.tls !== undefined){
if(!(validate35(data.tls, {instancePath:instancePath+"/tls",parentData:data,parentDataProperty:"tls",rootData}))){
vErrors = vErrors === null ? validate35.errors : vErrors.concat(validate35.errors);
errors = vErrors.length;
}
}
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema40.type,parentSchema:schema40,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate23.errors = vErrors;
return errors === 0;
}

const schema66 = {"type":"object","additionalProperties":false,"required":["name"],"description":"Identifies the document.","examples":[{"name":"orders-db"}],"properties":{"name":{"$ref":"#/definitions/Name","description":"The document's name (DNS-1123 label), unique per kind. Sidecars refer to Services by it; a Sidecar's name names its plan and output directory.","examples":["orders-db","checkout"]},"labels":{"type":"object","additionalProperties":{"type":"string"},"description":"Free-form string labels, kept for tooling; the compiler ignores them.","examples":[{"team":"payments"}]},"annotations":{"type":"object","additionalProperties":{"type":"string"},"description":"Free-form string annotations, kept for tooling; the compiler ignores them.","examples":[{"owner":"platform@shop.example"}]}}};

function validate38(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'",schema:schema66.required,parentSchema:schema66,data};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((key0 === "name") || (key0 === "labels")) || (key0 === "annotations"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema66,data};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 63){
const err2 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/maxLength",keyword:"maxLength",params:{limit: 63},message:"must NOT have more than 63 characters",schema:63,parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(func3(data0) < 1){
const err3 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters",schema:1,parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(!pattern0.test(data0)){
const err4 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"},message:"must match pattern \""+"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$"+"\"",schema:"^[a-z0-9]([-a-z0-9]*[a-z0-9])?$",parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
else {
const err5 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema14.type,parentSchema:schema14,data:data0};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.labels !== undefined){
let data1 = data.labels;
if(data1 && typeof data1 == "object" && !Array.isArray(data1)){
for(const key1 in data1){
let data2 = data1[key1];
if(typeof data2 !== "string"){
const err6 = {instancePath:instancePath+"/labels/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/labels/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema66.properties.labels.additionalProperties.type,parentSchema:schema66.properties.labels.additionalProperties,data:data2};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
}
else {
const err7 = {instancePath:instancePath+"/labels",schemaPath:"#/properties/labels/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema66.properties.labels.type,parentSchema:schema66.properties.labels,data:data1};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
}
if(data.annotations !== undefined){
let data3 = data.annotations;
if(data3 && typeof data3 == "object" && !Array.isArray(data3)){
for(const key2 in data3){
let data4 = data3[key2];
if(typeof data4 !== "string"){
const err8 = {instancePath:instancePath+"/annotations/" + key2.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/annotations/additionalProperties/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema66.properties.annotations.additionalProperties.type,parentSchema:schema66.properties.annotations.additionalProperties,data:data4};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
}
else {
const err9 = {instancePath:instancePath+"/annotations",schemaPath:"#/properties/annotations/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema66.properties.annotations.type,parentSchema:schema66.properties.annotations,data:data3};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
}
else {
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema66.type,parentSchema:schema66,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate38.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://meshc.dev/schemas/policy.schema.json" */;
let vErrors = null;
let errors = 0;
const _errs2 = errors;
let valid1 = true;
const _errs3 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if((data.kind === undefined) && (missing0 = "kind")){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
else {
if(data.kind !== undefined){
if("Service" !== data.kind){
const err1 = {};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
}
}
var _valid0 = _errs3 === errors;
errors = _errs2;
if(vErrors !== null){
if(_errs2){
vErrors.length = _errs2;
}
else {
vErrors = null;
}
}
if(_valid0){
const _errs5 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.spec !== undefined){
if(!(validate11(data.spec, {instancePath:instancePath+"/spec",parentData:data,parentDataProperty:"spec",rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
}
var _valid0 = _errs5 === errors;
valid1 = _valid0;
}
if(!valid1){
const err2 = {instancePath,schemaPath:"#/allOf/0/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema11.allOf[0].if,parentSchema:schema11.allOf[0],data};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
const _errs8 = errors;
let valid4 = true;
const _errs9 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing1;
if((data.kind === undefined) && (missing1 = "kind")){
const err3 = {};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
else {
if(data.kind !== undefined){
if("Sidecar" !== data.kind){
const err4 = {};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
}
}
}
var _valid1 = _errs9 === errors;
errors = _errs8;
if(vErrors !== null){
if(_errs8){
vErrors.length = _errs8;
}
else {
vErrors = null;
}
}
if(_valid1){
const _errs11 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.spec !== undefined){
if(!(validate23(data.spec, {instancePath:instancePath+"/spec",parentData:data,parentDataProperty:"spec",rootData}))){
vErrors = vErrors === null ? validate23.errors : vErrors.concat(validate23.errors);
errors = vErrors.length;
}
}
}
var _valid1 = _errs11 === errors;
valid4 = _valid1;
}
if(!valid4){
const err5 = {instancePath,schemaPath:"#/allOf/1/if",keyword:"if",params:{failingKeyword: "then"},message:"must match \"then\" schema",schema:schema11.allOf[1].if,parentSchema:schema11.allOf[1],data};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data.kind === undefined){
const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data.metadata === undefined){
const err8 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "metadata"},message:"must have required property '"+"metadata"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data.spec === undefined){
const err9 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "spec"},message:"must have required property '"+"spec"+"'",schema:schema11.required,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "apiVersion") || (key0 === "kind")) || (key0 === "metadata")) || (key0 === "spec"))){
const err10 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties",schema:false,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.apiVersion !== undefined){
let data4 = data.apiVersion;
if("meshc.dev/v1alpha1" !== data4){
const err11 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/const",keyword:"const",params:{allowedValue: "meshc.dev/v1alpha1"},message:"must be equal to constant",schema:"meshc.dev/v1alpha1",parentSchema:schema11.properties.apiVersion,data:data4};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.kind !== undefined){
let data5 = data.kind;
if(typeof data5 !== "string"){
const err12 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/type",keyword:"type",params:{type: "string"},message:"must be string",schema:schema11.properties.kind.type,parentSchema:schema11.properties.kind,data:data5};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!((data5 === "Service") || (data5 === "Sidecar"))){
const err13 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/enum",keyword:"enum",params:{allowedValues: schema11.properties.kind.enum},message:"must be equal to one of the allowed values",schema:schema11.properties.kind.enum,parentSchema:schema11.properties.kind,data:data5};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.metadata !== undefined){
if(!(validate38(data.metadata, {instancePath:instancePath+"/metadata",parentData:data,parentDataProperty:"metadata",rootData}))){
vErrors = vErrors === null ? validate38.errors : vErrors.concat(validate38.errors);
errors = vErrors.length;
}
}
if(data.spec !== undefined){
let data7 = data.spec;
if(!(data7 && typeof data7 == "object" && !Array.isArray(data7))){
const err14 = {instancePath:instancePath+"/spec",schemaPath:"#/properties/spec/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.properties.spec.type,parentSchema:schema11.properties.spec,data:data7};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
}
else {
const err15 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object",schema:schema11.type,parentSchema:schema11,data};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}
