// @ts-nocheck
/* eslint-disable */
// GENERATED FILE - DO NOT EDIT. Produced by scripts/gen-plan-validator.mjs (run by npm run build)
// from schemas/plan.schema.json with ajv standalone code; a test fails when it is stale.
import runtime0 from 'ajv/dist/runtime/ucs2length.js';
/** sha256 of the schemas/plan.schema.json text this validator was generated from. */
export const SCHEMA_SHA256 = '0d65edd3b8a5595c031a2bfecad7a7cca6fbe3b73e73c517afcb78093bb94d5b';
export const validate = validate10;
export default validate10;
const schema11 = {"$schema":"http://json-schema.org/draft-07/schema#","$id":"https://meshc.dev/schemas/plan.schema.json","title":"Plan","description":"The normalized, fully-defaulted listener/cluster plan that `meshc compile` emits per sidecar and `meshc run` executes. Every duration is in milliseconds; every default is filled in; listeners and clusters are sorted by name. The runtime never reads policy YAML, only this.","type":"object","additionalProperties":false,"required":["apiVersion","kind","name","hash","admin","listeners","clusters","interception"],"properties":{"apiVersion":{"const":"meshc.dev/v1alpha1","description":"Plan format version."},"kind":{"const":"Plan","description":"Always `Plan`."},"name":{"$ref":"#/definitions/Name","description":"The sidecar this plan is for (`default` when the policy has no Sidecar)."},"hash":{"type":"string","pattern":"^sha256:[0-9a-f]{64}$","description":"sha256 of the canonical JSON of the plan without this field; identifies the plan in force (`GET /plan`)."},"admin":{"$ref":"#/definitions/SocketAddress","description":"Where the admin HTTP endpoint listens unless `meshc run --admin` overrides it."},"listeners":{"type":"array","items":{"$ref":"#/definitions/Listener"},"description":"Sorted by name; names are unique; no two share address+port+transport."},"clusters":{"type":"array","items":{"$ref":"#/definitions/Cluster"},"description":"Sorted by name; names are unique; every listener's cluster is here."},"interception":{"$ref":"#/definitions/Interception"},"tls":{"$ref":"#/definitions/WorkloadTls"},"zone":{"type":"string","minLength":1,"maxLength":128,"description":"Sidecar.spec.zone: the sidecar's own zone, for `loadBalancer.localityAware` clusters. Absent when not set."}},"definitions":{"Name":{"type":"string","minLength":1,"maxLength":253,"pattern":"^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"},"Port":{"type":"integer","minimum":1,"maximum":65535},"Millis":{"type":"integer","minimum":0,"maximum":2147483647},"IpAddress":{"type":"string","minLength":2,"maxLength":45,"description":"An IPv4 or IPv6 literal (no brackets)."},"SocketAddress":{"type":"object","additionalProperties":false,"required":["address","port"],"properties":{"address":{"$ref":"#/definitions/IpAddress"},"port":{"$ref":"#/definitions/Port"}}},"Protocol":{"type":"string","enum":["tcp","udp","tls","http","auto"],"description":"The protocol declared on the service port (or inbound port)."},"Transport":{"type":"string","enum":["tcp","udp"],"description":"The L4 transport: `udp` for protocol udp, `tcp` for everything else."},"Listener":{"type":"object","additionalProperties":false,"required":["name","direction","protocol","transport","address","port","detectionTimeoutMs","sniRoutes"],"properties":{"name":{"$ref":"#/definitions/Name","description":"`<direction>_<address>_<port>_<transport>`, e.g. `outbound_127.0.0.1_15306_tcp`."},"direction":{"type":"string","enum":["outbound","inbound"]},"protocol":{"$ref":"#/definitions/Protocol"},"transport":{"$ref":"#/definitions/Transport"},"address":{"$ref":"#/definitions/IpAddress"},"port":{"$ref":"#/definitions/Port"},"cluster":{"$ref":"#/definitions/Name","description":"The cluster that receives this listener's connections when no `sniRoutes` entry matches. Absent only when the listener routes purely by SNI: a connection whose SNI matches no route is then closed."},"service":{"$ref":"#/definitions/Name","description":"Outbound: the Service this listener serves."},"servicePort":{"$ref":"#/definitions/Port","description":"Outbound: the Service port clients dial (used by interception rules)."},"detectionTimeoutMs":{"$ref":"#/definitions/Millis","description":"protocol auto/tls: how long to wait for the client's first bytes before proceeding as plain TCP. 0 for other protocols."},"sniRoutes":{"type":"array","description":"protocol tls/auto: route by the ClientHello's SNI; first match wins; empty when not used.","items":{"type":"object","additionalProperties":false,"required":["serverNames","cluster"],"properties":{"serverNames":{"type":"array","minItems":1,"items":{"type":"string","minLength":1}},"cluster":{"$ref":"#/definitions/Name"}}}},"weightedClusters":{"$ref":"#/definitions/WeightedClusters","description":"Instead of `cluster`: a split service; each new connection/session picks a cluster by weight."},"workloadPort":{"$ref":"#/definitions/Port","description":"Inbound: the Sidecar inbound entry's `port` (the workload port), which authorization `ports` match."},"tls":{"type":"string","enum":["permissive","strict"],"description":"Inbound: terminate mutual TLS with the plan `tls` identity. strict: only mTLS clients whose certificate chains to trustedCA; permissive: a TLS ClientHello is terminated, anything else passes as plaintext. Absent: disabled."},"authorization":{"$ref":"#/definitions/Authorization"},"idleTimeoutMs":{"$ref":"#/definitions/Millis","description":"Overrides the cluster's connection.idleTimeoutMs for this listener's connections (a split service's own idle timeout). 0 disables."},"maxConnectionDuration":{"type":"object","additionalProperties":false,"required":["ms","jitterPercent"],"description":"connection.maxDuration: close both sides of a connection (UDP: end the session) this long after it was accepted, flag DT. Each connection gets ms + a uniform random extra in [0, ms*jitterPercent/100].","properties":{"ms":{"type":"integer","minimum":1,"maximum":2147483647},"jitterPercent":{"type":"number","minimum":0,"maximum":100}}},"maxConnectionRate":{"type":"integer","minimum":1,"maximum":1000000,"description":"connection.maxConnectionRate: new connections (UDP: sessions) per second; a token bucket per listener (per worker with --workers) holding at most one second of tokens; excess closed at once (flag RL)."},"proxyProtocol":{"type":"object","additionalProperties":false,"required":["timeoutMs"],"description":"Inbound `proxyProtocol: accept`: every connection starts with a PROXY protocol v1 or v2 header; its source address is the client address (access log, affinity, authorization `sources`). Missing, malformed, oversized or slower than timeoutMs: closed, counted, nothing forwarded.","properties":{"timeoutMs":{"type":"integer","minimum":1,"maximum":2147483647}}}},"not":{"required":["cluster","weightedClusters"]}},"StaticHost":{"type":"object","additionalProperties":false,"required":["address","port","weight"],"properties":{"address":{"$ref":"#/definitions/IpAddress"},"port":{"$ref":"#/definitions/Port"},"weight":{"type":"integer","minimum":1,"maximum":128},"zone":{"type":"string","minLength":1,"maxLength":128,"description":"The endpoint's zone (locality), when known."}}},"StaticEndpoints":{"type":"object","additionalProperties":false,"required":["type","hosts"],"properties":{"type":{"const":"static"},"hosts":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/StaticHost"}}}},"DnsEndpoints":{"type":"object","additionalProperties":false,"required":["type","name","port","refreshIntervalMs","family"],"properties":{"type":{"const":"dns"},"name":{"type":"string","minLength":1,"maxLength":253},"port":{"$ref":"#/definitions/Port"},"refreshIntervalMs":{"type":"integer","minimum":1},"family":{"type":"string","enum":["any","v4","v6"]}}},"HealthCheck":{"type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"type":"string","enum":["none","tcp","udp"]},"intervalMs":{"type":"integer","minimum":1},"timeoutMs":{"type":"integer","minimum":1},"healthyThreshold":{"type":"integer","minimum":1},"unhealthyThreshold":{"type":"integer","minimum":1},"sendHex":{"type":"string","pattern":"^([0-9a-f]{2})*$","description":"Payload to send, lower-case hex."},"expectHex":{"type":"string","pattern":"^([0-9a-f]{2})*$","description":"The reply must start with these bytes, lower-case hex."}}},"OutlierDetection":{"type":"object","additionalProperties":false,"required":["enabled","consecutiveFailures","baseEjectionTimeMs","maxEjectionPercent"],"properties":{"enabled":{"type":"boolean"},"consecutiveFailures":{"type":"integer","minimum":1},"baseEjectionTimeMs":{"type":"integer","minimum":1},"maxEjectionPercent":{"type":"integer","minimum":0,"maximum":100}}},"Cluster":{"type":"object","additionalProperties":false,"required":["name","service","port","protocol","transport","endpoints","loadBalancer","affinity","healthCheck","outlierDetection","connection"],"properties":{"name":{"$ref":"#/definitions/Name","description":"`<service>_<port>_<transport>` for outbound, `inbound_<port>_<transport>` for inbound."},"service":{"$ref":"#/definitions/Name"},"port":{"$ref":"#/definitions/Port","description":"The service port."},"protocol":{"$ref":"#/definitions/Protocol"},"transport":{"$ref":"#/definitions/Transport"},"endpoints":{"oneOf":[{"$ref":"#/definitions/StaticEndpoints"},{"$ref":"#/definitions/DnsEndpoints"}]},"loadBalancer":{"type":"object","additionalProperties":false,"required":["policy"],"properties":{"policy":{"type":"string","enum":["round-robin","least-connections","random","ring-hash","maglev"]},"localityAware":{"type":"boolean","description":"Prefer healthy endpoints whose zone equals the plan's `zone` while one is available there and the cluster is not in panic. Absent means false."}}},"affinity":{"type":"object","additionalProperties":false,"required":["type","ttlMs"],"properties":{"type":{"type":"string","enum":["none","source-ip"]},"ttlMs":{"$ref":"#/definitions/Millis","description":"0 when type is none."}}},"healthCheck":{"$ref":"#/definitions/HealthCheck"},"outlierDetection":{"$ref":"#/definitions/OutlierDetection"},"connection":{"type":"object","additionalProperties":false,"required":["connectTimeoutMs","idleTimeoutMs","maxConnections","connectAttempts"],"properties":{"connectTimeoutMs":{"type":"integer","minimum":1},"idleTimeoutMs":{"$ref":"#/definitions/Millis","description":"0 disables the idle timeout."},"maxConnections":{"type":"integer","minimum":1},"connectAttempts":{"type":"integer","minimum":1,"maximum":16}}},"tls":{"type":"object","additionalProperties":false,"required":["mode","serverIdentities"],"description":"Service.spec.tls mode mutual: originate mutual TLS to endpoints with the plan `tls` identity, accepting only servers whose identity matches serverIdentities (also on resumed sessions).","properties":{"mode":{"const":"mutual"},"serverIdentities":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/IdentityPattern"}},"sni":{"type":"string","minLength":1,"maxLength":253}}},"proxyProtocol":{"type":"string","enum":["v1","v2"],"description":"Send a PROXY protocol header to the endpoint as soon as the upstream connection is up: source = the original client's address and port, destination = the listener's address and port. Absent: none."}}},"Interception":{"type":"object","additionalProperties":false,"required":["mode"],"properties":{"mode":{"type":"string","enum":["none","iptables"]},"proxyUid":{"type":"integer","minimum":0},"proxyGid":{"type":"integer","minimum":0},"excludeOutboundPorts":{"type":"array","items":{"$ref":"#/definitions/Port"}},"excludeOutboundCidrs":{"type":"array","items":{"type":"string"}},"excludeInboundPorts":{"type":"array","items":{"$ref":"#/definitions/Port"}},"serviceAddresses":{"type":"object","description":"Service name -> addresses clients dial (ClusterIP/VIP) when known; outbound capture narrows to them.","additionalProperties":{"type":"array","items":{"$ref":"#/definitions/IpAddress"}}}}},"WorkloadTls":{"type":"object","additionalProperties":false,"required":["certificate","privateKey","trustedCA"],"description":"Sidecar.spec.tls: this workload's identity, as file paths (absent when the Sidecar has none). The runtime loads them at start, watches them and rotates on change.","properties":{"certificate":{"type":"string","minLength":1,"description":"PEM chain, leaf first. Identity: its URI SAN (SPIFFE ID), else its first DNS SAN."},"privateKey":{"type":"string","minLength":1,"description":"PEM private key of the leaf."},"trustedCA":{"type":"string","minLength":1,"description":"PEM bundle that peers' certificates must chain to."}}},"IdentityPattern":{"type":"string","minLength":1,"maxLength":2048,"description":"An identity (SPIFFE ID or DNS name), exact, or a prefix followed by a trailing `*`."},"AuthorizationRule":{"type":"object","additionalProperties":false,"description":"Matches when every field given matches. An empty rule matches every connection.","properties":{"identities":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/IdentityPattern"},"description":"The peer's identity; never matches a plaintext connection."},"sources":{"type":"array","minItems":1,"items":{"type":"string","minLength":1,"maxLength":49},"description":"Client CIDRs in canonical form (`10.0.0.0/8`, `fd00::/8`; a bare address is /32 or /128)."},"ports":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/Port"},"description":"The inbound entry's workload `port` (Listener.workloadPort)."}}},"Authorization":{"type":"object","additionalProperties":false,"required":["deny"],"description":"Inbound L4 authorization, decided before the first byte is forwarded and before connecting upstream: a connection matching any `deny` rule is closed; when `allow` is present a connection must match one of its rules.","properties":{"deny":{"type":"array","items":{"$ref":"#/definitions/AuthorizationRule"}},"allow":{"type":"array","items":{"$ref":"#/definitions/AuthorizationRule"},"description":"Absent: everything not denied is allowed. Present and empty: nothing is allowed."}}},"WeightedCluster":{"type":"object","additionalProperties":false,"required":["cluster","weight"],"properties":{"cluster":{"$ref":"#/definitions/Name"},"weight":{"type":"integer","minimum":0,"maximum":1000000}}},"WeightedClusters":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/WeightedCluster"},"description":"Service.spec.split: each new connection (UDP: session) picks one cluster by weight (at least one weight is > 0). Sorted as the policy lists the targets."}}};
const schema12 = {"type":"string","minLength":1,"maxLength":253,"pattern":"^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"};
const schema57 = {"type":"object","additionalProperties":false,"required":["certificate","privateKey","trustedCA"],"description":"Sidecar.spec.tls: this workload's identity, as file paths (absent when the Sidecar has none). The runtime loads them at start, watches them and rotates on change.","properties":{"certificate":{"type":"string","minLength":1,"description":"PEM chain, leaf first. Identity: its URI SAN (SPIFFE ID), else its first DNS SAN."},"privateKey":{"type":"string","minLength":1,"description":"PEM private key of the leaf."},"trustedCA":{"type":"string","minLength":1,"description":"PEM bundle that peers' certificates must chain to."}}};
const func2 = Object.prototype.hasOwnProperty;
const func3 = runtime0.default;
const pattern0 = new RegExp("^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$", "u");
const pattern1 = new RegExp("^sha256:[0-9a-f]{64}$", "u");
const schema13 = {"type":"object","additionalProperties":false,"required":["address","port"],"properties":{"address":{"$ref":"#/definitions/IpAddress"},"port":{"$ref":"#/definitions/Port"}}};
const schema14 = {"type":"string","minLength":2,"maxLength":45,"description":"An IPv4 or IPv6 literal (no brackets)."};
const schema15 = {"type":"integer","minimum":1,"maximum":65535};

function validate11(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.address === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.port === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "address") || (key0 === "port"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.address !== undefined){
let data0 = data.address;
if(typeof data0 === "string"){
if(func3(data0) > 45){
const err3 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/IpAddress/maxLength",keyword:"maxLength",params:{limit: 45},message:"must NOT have more than 45 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func3(data0) < 2){
const err4 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/IpAddress/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters"};
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
const err5 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/IpAddress/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
if(!((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1)))){
const err6 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(typeof data1 == "number"){
if(data1 > 65535 || isNaN(data1)){
const err7 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err8 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
}
else {
const err9 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
validate11.errors = vErrors;
return errors === 0;
}

const schema16 = {"type":"object","additionalProperties":false,"required":["name","direction","protocol","transport","address","port","detectionTimeoutMs","sniRoutes"],"properties":{"name":{"$ref":"#/definitions/Name","description":"`<direction>_<address>_<port>_<transport>`, e.g. `outbound_127.0.0.1_15306_tcp`."},"direction":{"type":"string","enum":["outbound","inbound"]},"protocol":{"$ref":"#/definitions/Protocol"},"transport":{"$ref":"#/definitions/Transport"},"address":{"$ref":"#/definitions/IpAddress"},"port":{"$ref":"#/definitions/Port"},"cluster":{"$ref":"#/definitions/Name","description":"The cluster that receives this listener's connections when no `sniRoutes` entry matches. Absent only when the listener routes purely by SNI: a connection whose SNI matches no route is then closed."},"service":{"$ref":"#/definitions/Name","description":"Outbound: the Service this listener serves."},"servicePort":{"$ref":"#/definitions/Port","description":"Outbound: the Service port clients dial (used by interception rules)."},"detectionTimeoutMs":{"$ref":"#/definitions/Millis","description":"protocol auto/tls: how long to wait for the client's first bytes before proceeding as plain TCP. 0 for other protocols."},"sniRoutes":{"type":"array","description":"protocol tls/auto: route by the ClientHello's SNI; first match wins; empty when not used.","items":{"type":"object","additionalProperties":false,"required":["serverNames","cluster"],"properties":{"serverNames":{"type":"array","minItems":1,"items":{"type":"string","minLength":1}},"cluster":{"$ref":"#/definitions/Name"}}}},"weightedClusters":{"$ref":"#/definitions/WeightedClusters","description":"Instead of `cluster`: a split service; each new connection/session picks a cluster by weight."},"workloadPort":{"$ref":"#/definitions/Port","description":"Inbound: the Sidecar inbound entry's `port` (the workload port), which authorization `ports` match."},"tls":{"type":"string","enum":["permissive","strict"],"description":"Inbound: terminate mutual TLS with the plan `tls` identity. strict: only mTLS clients whose certificate chains to trustedCA; permissive: a TLS ClientHello is terminated, anything else passes as plaintext. Absent: disabled."},"authorization":{"$ref":"#/definitions/Authorization"},"idleTimeoutMs":{"$ref":"#/definitions/Millis","description":"Overrides the cluster's connection.idleTimeoutMs for this listener's connections (a split service's own idle timeout). 0 disables."},"maxConnectionDuration":{"type":"object","additionalProperties":false,"required":["ms","jitterPercent"],"description":"connection.maxDuration: close both sides of a connection (UDP: end the session) this long after it was accepted, flag DT. Each connection gets ms + a uniform random extra in [0, ms*jitterPercent/100].","properties":{"ms":{"type":"integer","minimum":1,"maximum":2147483647},"jitterPercent":{"type":"number","minimum":0,"maximum":100}}},"maxConnectionRate":{"type":"integer","minimum":1,"maximum":1000000,"description":"connection.maxConnectionRate: new connections (UDP: sessions) per second; a token bucket per listener (per worker with --workers) holding at most one second of tokens; excess closed at once (flag RL)."},"proxyProtocol":{"type":"object","additionalProperties":false,"required":["timeoutMs"],"description":"Inbound `proxyProtocol: accept`: every connection starts with a PROXY protocol v1 or v2 header; its source address is the client address (access log, affinity, authorization `sources`). Missing, malformed, oversized or slower than timeoutMs: closed, counted, nothing forwarded.","properties":{"timeoutMs":{"type":"integer","minimum":1,"maximum":2147483647}}}},"not":{"required":["cluster","weightedClusters"]}};
const schema18 = {"type":"string","enum":["tcp","udp","tls","http","auto"],"description":"The protocol declared on the service port (or inbound port)."};
const schema19 = {"type":"string","enum":["tcp","udp"],"description":"The L4 transport: `udp` for protocol udp, `tcp` for everything else."};
const schema25 = {"type":"integer","minimum":0,"maximum":2147483647};
const schema27 = {"type":"array","minItems":1,"items":{"$ref":"#/definitions/WeightedCluster"},"description":"Service.spec.split: each new connection (UDP: session) picks one cluster by weight (at least one weight is > 0). Sorted as the policy lists the targets."};
const schema28 = {"type":"object","additionalProperties":false,"required":["cluster","weight"],"properties":{"cluster":{"$ref":"#/definitions/Name"},"weight":{"type":"integer","minimum":0,"maximum":1000000}}};

function validate15(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.cluster === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "cluster"},message:"must have required property '"+"cluster"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.weight === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "weight"},message:"must have required property '"+"weight"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "cluster") || (key0 === "weight"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.cluster !== undefined){
let data0 = data.cluster;
if(typeof data0 === "string"){
if(func3(data0) > 253){
const err3 = {instancePath:instancePath+"/cluster",schemaPath:"#/definitions/Name/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(func3(data0) < 1){
const err4 = {instancePath:instancePath+"/cluster",schemaPath:"#/definitions/Name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(!pattern0.test(data0)){
const err5 = {instancePath:instancePath+"/cluster",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"+"\""};
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
const err6 = {instancePath:instancePath+"/cluster",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
if(!((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1)))){
const err7 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(typeof data1 == "number"){
if(data1 > 1000000 || isNaN(data1)){
const err8 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data1 < 0 || isNaN(data1)){
const err9 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
const err10 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
validate15.errors = vErrors;
return errors === 0;
}


function validate14(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(Array.isArray(data)){
if(data.length < 1){
const err0 = {instancePath,schemaPath:"#/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
const len0 = data.length;
for(let i0=0; i0<len0; i0++){
if(!(validate15(data[i0], {instancePath:instancePath+"/" + i0,parentData:data,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate15.errors : vErrors.concat(validate15.errors);
errors = vErrors.length;
}
}
}
else {
const err1 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
validate14.errors = vErrors;
return errors === 0;
}

const schema31 = {"type":"object","additionalProperties":false,"required":["deny"],"description":"Inbound L4 authorization, decided before the first byte is forwarded and before connecting upstream: a connection matching any `deny` rule is closed; when `allow` is present a connection must match one of its rules.","properties":{"deny":{"type":"array","items":{"$ref":"#/definitions/AuthorizationRule"}},"allow":{"type":"array","items":{"$ref":"#/definitions/AuthorizationRule"},"description":"Absent: everything not denied is allowed. Present and empty: nothing is allowed."}}};
const schema32 = {"type":"object","additionalProperties":false,"description":"Matches when every field given matches. An empty rule matches every connection.","properties":{"identities":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/IdentityPattern"},"description":"The peer's identity; never matches a plaintext connection."},"sources":{"type":"array","minItems":1,"items":{"type":"string","minLength":1,"maxLength":49},"description":"Client CIDRs in canonical form (`10.0.0.0/8`, `fd00::/8`; a bare address is /32 or /128)."},"ports":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/Port"},"description":"The inbound entry's workload `port` (Listener.workloadPort)."}}};
const schema33 = {"type":"string","minLength":1,"maxLength":2048,"description":"An identity (SPIFFE ID or DNS name), exact, or a prefix followed by a trailing `*`."};

function validate19(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
for(const key0 in data){
if(!(((key0 === "identities") || (key0 === "sources")) || (key0 === "ports"))){
const err0 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
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
const err1 = {instancePath:instancePath+"/identities",schemaPath:"#/properties/identities/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
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
const err2 = {instancePath:instancePath+"/identities/" + i0,schemaPath:"#/definitions/IdentityPattern/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(func3(data1) < 1){
const err3 = {instancePath:instancePath+"/identities/" + i0,schemaPath:"#/definitions/IdentityPattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err4 = {instancePath:instancePath+"/identities/" + i0,schemaPath:"#/definitions/IdentityPattern/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err5 = {instancePath:instancePath+"/identities",schemaPath:"#/properties/identities/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
const err6 = {instancePath:instancePath+"/sources",schemaPath:"#/properties/sources/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
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
if(func3(data3) > 49){
const err7 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/properties/sources/items/maxLength",keyword:"maxLength",params:{limit: 49},message:"must NOT have more than 49 characters"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(func3(data3) < 1){
const err8 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/properties/sources/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err9 = {instancePath:instancePath+"/sources/" + i1,schemaPath:"#/properties/sources/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err10 = {instancePath:instancePath+"/sources",schemaPath:"#/properties/sources/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
const err11 = {instancePath:instancePath+"/ports",schemaPath:"#/properties/ports/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
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
if(!((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5)))){
const err12 = {instancePath:instancePath+"/ports/" + i2,schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(typeof data5 == "number"){
if(data5 > 65535 || isNaN(data5)){
const err13 = {instancePath:instancePath+"/ports/" + i2,schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err14 = {instancePath:instancePath+"/ports/" + i2,schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
const err15 = {instancePath:instancePath+"/ports",schemaPath:"#/properties/ports/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
const err16 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
validate19.errors = vErrors;
return errors === 0;
}


function validate18(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.deny === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "deny"},message:"must have required property '"+"deny"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "deny") || (key0 === "allow"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.deny !== undefined){
let data0 = data.deny;
if(Array.isArray(data0)){
const len0 = data0.length;
for(let i0=0; i0<len0; i0++){
if(!(validate19(data0[i0], {instancePath:instancePath+"/deny/" + i0,parentData:data0,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
errors = vErrors.length;
}
}
}
else {
const err2 = {instancePath:instancePath+"/deny",schemaPath:"#/properties/deny/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.allow !== undefined){
let data2 = data.allow;
if(Array.isArray(data2)){
const len1 = data2.length;
for(let i1=0; i1<len1; i1++){
if(!(validate19(data2[i1], {instancePath:instancePath+"/allow/" + i1,parentData:data2,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate19.errors : vErrors.concat(validate19.errors);
errors = vErrors.length;
}
}
}
else {
const err3 = {instancePath:instancePath+"/allow",schemaPath:"#/properties/allow/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
}
else {
const err4 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
validate18.errors = vErrors;
return errors === 0;
}


function validate13(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
const _errs1 = errors;
const _errs2 = errors;
if(data && typeof data == "object" && !Array.isArray(data)){
let missing0;
if(((data.cluster === undefined) && (missing0 = "cluster")) || ((data.weightedClusters === undefined) && (missing0 = "weightedClusters"))){
const err0 = {};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
}
var valid0 = _errs2 === errors;
if(valid0){
const err1 = {instancePath,schemaPath:"#/not",keyword:"not",params:{},message:"must NOT be valid"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
else {
errors = _errs1;
if(vErrors !== null){
if(_errs1){
vErrors.length = _errs1;
}
else {
vErrors = null;
}
}
}
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.direction === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "direction"},message:"must have required property '"+"direction"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.protocol === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "protocol"},message:"must have required property '"+"protocol"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.transport === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "transport"},message:"must have required property '"+"transport"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.address === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data.port === undefined){
const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data.detectionTimeoutMs === undefined){
const err8 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "detectionTimeoutMs"},message:"must have required property '"+"detectionTimeoutMs"+"'"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data.sniRoutes === undefined){
const err9 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "sniRoutes"},message:"must have required property '"+"sniRoutes"+"'"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema16.properties, key0))){
const err10 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 253){
const err11 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(func3(data0) < 1){
const err12 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!pattern0.test(data0)){
const err13 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"+"\""};
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
const err14 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.direction !== undefined){
let data1 = data.direction;
if(typeof data1 !== "string"){
const err15 = {instancePath:instancePath+"/direction",schemaPath:"#/properties/direction/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!((data1 === "outbound") || (data1 === "inbound"))){
const err16 = {instancePath:instancePath+"/direction",schemaPath:"#/properties/direction/enum",keyword:"enum",params:{allowedValues: schema16.properties.direction.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.protocol !== undefined){
let data2 = data.protocol;
if(typeof data2 !== "string"){
const err17 = {instancePath:instancePath+"/protocol",schemaPath:"#/definitions/Protocol/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(!(((((data2 === "tcp") || (data2 === "udp")) || (data2 === "tls")) || (data2 === "http")) || (data2 === "auto"))){
const err18 = {instancePath:instancePath+"/protocol",schemaPath:"#/definitions/Protocol/enum",keyword:"enum",params:{allowedValues: schema18.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.transport !== undefined){
let data3 = data.transport;
if(typeof data3 !== "string"){
const err19 = {instancePath:instancePath+"/transport",schemaPath:"#/definitions/Transport/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(!((data3 === "tcp") || (data3 === "udp"))){
const err20 = {instancePath:instancePath+"/transport",schemaPath:"#/definitions/Transport/enum",keyword:"enum",params:{allowedValues: schema19.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
}
if(data.address !== undefined){
let data4 = data.address;
if(typeof data4 === "string"){
if(func3(data4) > 45){
const err21 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/IpAddress/maxLength",keyword:"maxLength",params:{limit: 45},message:"must NOT have more than 45 characters"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(func3(data4) < 2){
const err22 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/IpAddress/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
else {
const err23 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/IpAddress/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
if(data.port !== undefined){
let data5 = data.port;
if(!((typeof data5 == "number") && (!(data5 % 1) && !isNaN(data5)))){
const err24 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
if(typeof data5 == "number"){
if(data5 > 65535 || isNaN(data5)){
const err25 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(data5 < 1 || isNaN(data5)){
const err26 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
}
if(data.cluster !== undefined){
let data6 = data.cluster;
if(typeof data6 === "string"){
if(func3(data6) > 253){
const err27 = {instancePath:instancePath+"/cluster",schemaPath:"#/definitions/Name/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
if(func3(data6) < 1){
const err28 = {instancePath:instancePath+"/cluster",schemaPath:"#/definitions/Name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
if(!pattern0.test(data6)){
const err29 = {instancePath:instancePath+"/cluster",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"+"\""};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
else {
const err30 = {instancePath:instancePath+"/cluster",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
}
if(data.service !== undefined){
let data7 = data.service;
if(typeof data7 === "string"){
if(func3(data7) > 253){
const err31 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
if(func3(data7) < 1){
const err32 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err32];
}
else {
vErrors.push(err32);
}
errors++;
}
if(!pattern0.test(data7)){
const err33 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"+"\""};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
else {
const err34 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
}
if(data.servicePort !== undefined){
let data8 = data.servicePort;
if(!((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8)))){
const err35 = {instancePath:instancePath+"/servicePort",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
if(typeof data8 == "number"){
if(data8 > 65535 || isNaN(data8)){
const err36 = {instancePath:instancePath+"/servicePort",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
if(data8 < 1 || isNaN(data8)){
const err37 = {instancePath:instancePath+"/servicePort",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
}
}
if(data.detectionTimeoutMs !== undefined){
let data9 = data.detectionTimeoutMs;
if(!((typeof data9 == "number") && (!(data9 % 1) && !isNaN(data9)))){
const err38 = {instancePath:instancePath+"/detectionTimeoutMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
if(typeof data9 == "number"){
if(data9 > 2147483647 || isNaN(data9)){
const err39 = {instancePath:instancePath+"/detectionTimeoutMs",schemaPath:"#/definitions/Millis/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if(data9 < 0 || isNaN(data9)){
const err40 = {instancePath:instancePath+"/detectionTimeoutMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(data.sniRoutes !== undefined){
let data10 = data.sniRoutes;
if(Array.isArray(data10)){
const len0 = data10.length;
for(let i0=0; i0<len0; i0++){
let data11 = data10[i0];
if(data11 && typeof data11 == "object" && !Array.isArray(data11)){
if(data11.serverNames === undefined){
const err41 = {instancePath:instancePath+"/sniRoutes/" + i0,schemaPath:"#/properties/sniRoutes/items/required",keyword:"required",params:{missingProperty: "serverNames"},message:"must have required property '"+"serverNames"+"'"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
if(data11.cluster === undefined){
const err42 = {instancePath:instancePath+"/sniRoutes/" + i0,schemaPath:"#/properties/sniRoutes/items/required",keyword:"required",params:{missingProperty: "cluster"},message:"must have required property '"+"cluster"+"'"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
for(const key1 in data11){
if(!((key1 === "serverNames") || (key1 === "cluster"))){
const err43 = {instancePath:instancePath+"/sniRoutes/" + i0,schemaPath:"#/properties/sniRoutes/items/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
}
if(data11.serverNames !== undefined){
let data12 = data11.serverNames;
if(Array.isArray(data12)){
if(data12.length < 1){
const err44 = {instancePath:instancePath+"/sniRoutes/" + i0+"/serverNames",schemaPath:"#/properties/sniRoutes/items/properties/serverNames/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
const len1 = data12.length;
for(let i1=0; i1<len1; i1++){
let data13 = data12[i1];
if(typeof data13 === "string"){
if(func3(data13) < 1){
const err45 = {instancePath:instancePath+"/sniRoutes/" + i0+"/serverNames/" + i1,schemaPath:"#/properties/sniRoutes/items/properties/serverNames/items/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
}
else {
const err46 = {instancePath:instancePath+"/sniRoutes/" + i0+"/serverNames/" + i1,schemaPath:"#/properties/sniRoutes/items/properties/serverNames/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
}
else {
const err47 = {instancePath:instancePath+"/sniRoutes/" + i0+"/serverNames",schemaPath:"#/properties/sniRoutes/items/properties/serverNames/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
}
if(data11.cluster !== undefined){
let data14 = data11.cluster;
if(typeof data14 === "string"){
if(func3(data14) > 253){
const err48 = {instancePath:instancePath+"/sniRoutes/" + i0+"/cluster",schemaPath:"#/definitions/Name/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
if(func3(data14) < 1){
const err49 = {instancePath:instancePath+"/sniRoutes/" + i0+"/cluster",schemaPath:"#/definitions/Name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(!pattern0.test(data14)){
const err50 = {instancePath:instancePath+"/sniRoutes/" + i0+"/cluster",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"+"\""};
if(vErrors === null){
vErrors = [err50];
}
else {
vErrors.push(err50);
}
errors++;
}
}
else {
const err51 = {instancePath:instancePath+"/sniRoutes/" + i0+"/cluster",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
}
}
else {
const err52 = {instancePath:instancePath+"/sniRoutes/" + i0,schemaPath:"#/properties/sniRoutes/items/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
else {
const err53 = {instancePath:instancePath+"/sniRoutes",schemaPath:"#/properties/sniRoutes/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
}
if(data.weightedClusters !== undefined){
if(!(validate14(data.weightedClusters, {instancePath:instancePath+"/weightedClusters",parentData:data,parentDataProperty:"weightedClusters",rootData}))){
vErrors = vErrors === null ? validate14.errors : vErrors.concat(validate14.errors);
errors = vErrors.length;
}
}
if(data.workloadPort !== undefined){
let data16 = data.workloadPort;
if(!((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16)))){
const err54 = {instancePath:instancePath+"/workloadPort",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
if(typeof data16 == "number"){
if(data16 > 65535 || isNaN(data16)){
const err55 = {instancePath:instancePath+"/workloadPort",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
if(data16 < 1 || isNaN(data16)){
const err56 = {instancePath:instancePath+"/workloadPort",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
}
if(data.tls !== undefined){
let data17 = data.tls;
if(typeof data17 !== "string"){
const err57 = {instancePath:instancePath+"/tls",schemaPath:"#/properties/tls/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
if(!((data17 === "permissive") || (data17 === "strict"))){
const err58 = {instancePath:instancePath+"/tls",schemaPath:"#/properties/tls/enum",keyword:"enum",params:{allowedValues: schema16.properties.tls.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
if(data.authorization !== undefined){
if(!(validate18(data.authorization, {instancePath:instancePath+"/authorization",parentData:data,parentDataProperty:"authorization",rootData}))){
vErrors = vErrors === null ? validate18.errors : vErrors.concat(validate18.errors);
errors = vErrors.length;
}
}
if(data.idleTimeoutMs !== undefined){
let data19 = data.idleTimeoutMs;
if(!((typeof data19 == "number") && (!(data19 % 1) && !isNaN(data19)))){
const err59 = {instancePath:instancePath+"/idleTimeoutMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
if(typeof data19 == "number"){
if(data19 > 2147483647 || isNaN(data19)){
const err60 = {instancePath:instancePath+"/idleTimeoutMs",schemaPath:"#/definitions/Millis/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(data19 < 0 || isNaN(data19)){
const err61 = {instancePath:instancePath+"/idleTimeoutMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
}
}
if(data.maxConnectionDuration !== undefined){
let data20 = data.maxConnectionDuration;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
if(data20.ms === undefined){
const err62 = {instancePath:instancePath+"/maxConnectionDuration",schemaPath:"#/properties/maxConnectionDuration/required",keyword:"required",params:{missingProperty: "ms"},message:"must have required property '"+"ms"+"'"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(data20.jitterPercent === undefined){
const err63 = {instancePath:instancePath+"/maxConnectionDuration",schemaPath:"#/properties/maxConnectionDuration/required",keyword:"required",params:{missingProperty: "jitterPercent"},message:"must have required property '"+"jitterPercent"+"'"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
for(const key2 in data20){
if(!((key2 === "ms") || (key2 === "jitterPercent"))){
const err64 = {instancePath:instancePath+"/maxConnectionDuration",schemaPath:"#/properties/maxConnectionDuration/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data20.ms !== undefined){
let data21 = data20.ms;
if(!((typeof data21 == "number") && (!(data21 % 1) && !isNaN(data21)))){
const err65 = {instancePath:instancePath+"/maxConnectionDuration/ms",schemaPath:"#/properties/maxConnectionDuration/properties/ms/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
if(typeof data21 == "number"){
if(data21 > 2147483647 || isNaN(data21)){
const err66 = {instancePath:instancePath+"/maxConnectionDuration/ms",schemaPath:"#/properties/maxConnectionDuration/properties/ms/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
if(data21 < 1 || isNaN(data21)){
const err67 = {instancePath:instancePath+"/maxConnectionDuration/ms",schemaPath:"#/properties/maxConnectionDuration/properties/ms/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data20.jitterPercent !== undefined){
let data22 = data20.jitterPercent;
if(typeof data22 == "number"){
if(data22 > 100 || isNaN(data22)){
const err68 = {instancePath:instancePath+"/maxConnectionDuration/jitterPercent",schemaPath:"#/properties/maxConnectionDuration/properties/jitterPercent/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if(data22 < 0 || isNaN(data22)){
const err69 = {instancePath:instancePath+"/maxConnectionDuration/jitterPercent",schemaPath:"#/properties/maxConnectionDuration/properties/jitterPercent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
else {
const err70 = {instancePath:instancePath+"/maxConnectionDuration/jitterPercent",schemaPath:"#/properties/maxConnectionDuration/properties/jitterPercent/type",keyword:"type",params:{type: "number"},message:"must be number"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
}
}
else {
const err71 = {instancePath:instancePath+"/maxConnectionDuration",schemaPath:"#/properties/maxConnectionDuration/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
}
if(data.maxConnectionRate !== undefined){
let data23 = data.maxConnectionRate;
if(!((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23)))){
const err72 = {instancePath:instancePath+"/maxConnectionRate",schemaPath:"#/properties/maxConnectionRate/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
if(typeof data23 == "number"){
if(data23 > 1000000 || isNaN(data23)){
const err73 = {instancePath:instancePath+"/maxConnectionRate",schemaPath:"#/properties/maxConnectionRate/maximum",keyword:"maximum",params:{comparison: "<=", limit: 1000000},message:"must be <= 1000000"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
if(data23 < 1 || isNaN(data23)){
const err74 = {instancePath:instancePath+"/maxConnectionRate",schemaPath:"#/properties/maxConnectionRate/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
}
}
if(data.proxyProtocol !== undefined){
let data24 = data.proxyProtocol;
if(data24 && typeof data24 == "object" && !Array.isArray(data24)){
if(data24.timeoutMs === undefined){
const err75 = {instancePath:instancePath+"/proxyProtocol",schemaPath:"#/properties/proxyProtocol/required",keyword:"required",params:{missingProperty: "timeoutMs"},message:"must have required property '"+"timeoutMs"+"'"};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
for(const key3 in data24){
if(!(key3 === "timeoutMs")){
const err76 = {instancePath:instancePath+"/proxyProtocol",schemaPath:"#/properties/proxyProtocol/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
}
if(data24.timeoutMs !== undefined){
let data25 = data24.timeoutMs;
if(!((typeof data25 == "number") && (!(data25 % 1) && !isNaN(data25)))){
const err77 = {instancePath:instancePath+"/proxyProtocol/timeoutMs",schemaPath:"#/properties/proxyProtocol/properties/timeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
if(typeof data25 == "number"){
if(data25 > 2147483647 || isNaN(data25)){
const err78 = {instancePath:instancePath+"/proxyProtocol/timeoutMs",schemaPath:"#/properties/proxyProtocol/properties/timeoutMs/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647"};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
if(data25 < 1 || isNaN(data25)){
const err79 = {instancePath:instancePath+"/proxyProtocol/timeoutMs",schemaPath:"#/properties/proxyProtocol/properties/timeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
}
}
}
else {
const err80 = {instancePath:instancePath+"/proxyProtocol",schemaPath:"#/properties/proxyProtocol/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
}
else {
const err81 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
validate13.errors = vErrors;
return errors === 0;
}

const schema36 = {"type":"object","additionalProperties":false,"required":["name","service","port","protocol","transport","endpoints","loadBalancer","affinity","healthCheck","outlierDetection","connection"],"properties":{"name":{"$ref":"#/definitions/Name","description":"`<service>_<port>_<transport>` for outbound, `inbound_<port>_<transport>` for inbound."},"service":{"$ref":"#/definitions/Name"},"port":{"$ref":"#/definitions/Port","description":"The service port."},"protocol":{"$ref":"#/definitions/Protocol"},"transport":{"$ref":"#/definitions/Transport"},"endpoints":{"oneOf":[{"$ref":"#/definitions/StaticEndpoints"},{"$ref":"#/definitions/DnsEndpoints"}]},"loadBalancer":{"type":"object","additionalProperties":false,"required":["policy"],"properties":{"policy":{"type":"string","enum":["round-robin","least-connections","random","ring-hash","maglev"]},"localityAware":{"type":"boolean","description":"Prefer healthy endpoints whose zone equals the plan's `zone` while one is available there and the cluster is not in panic. Absent means false."}}},"affinity":{"type":"object","additionalProperties":false,"required":["type","ttlMs"],"properties":{"type":{"type":"string","enum":["none","source-ip"]},"ttlMs":{"$ref":"#/definitions/Millis","description":"0 when type is none."}}},"healthCheck":{"$ref":"#/definitions/HealthCheck"},"outlierDetection":{"$ref":"#/definitions/OutlierDetection"},"connection":{"type":"object","additionalProperties":false,"required":["connectTimeoutMs","idleTimeoutMs","maxConnections","connectAttempts"],"properties":{"connectTimeoutMs":{"type":"integer","minimum":1},"idleTimeoutMs":{"$ref":"#/definitions/Millis","description":"0 disables the idle timeout."},"maxConnections":{"type":"integer","minimum":1},"connectAttempts":{"type":"integer","minimum":1,"maximum":16}}},"tls":{"type":"object","additionalProperties":false,"required":["mode","serverIdentities"],"description":"Service.spec.tls mode mutual: originate mutual TLS to endpoints with the plan `tls` identity, accepting only servers whose identity matches serverIdentities (also on resumed sessions).","properties":{"mode":{"const":"mutual"},"serverIdentities":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/IdentityPattern"}},"sni":{"type":"string","minLength":1,"maxLength":253}}},"proxyProtocol":{"type":"string","enum":["v1","v2"],"description":"Send a PROXY protocol header to the endpoint as soon as the upstream connection is up: source = the original client's address and port, destination = the listener's address and port. Absent: none."}}};
const schema49 = {"type":"object","additionalProperties":false,"required":["type"],"properties":{"type":{"type":"string","enum":["none","tcp","udp"]},"intervalMs":{"type":"integer","minimum":1},"timeoutMs":{"type":"integer","minimum":1},"healthyThreshold":{"type":"integer","minimum":1},"unhealthyThreshold":{"type":"integer","minimum":1},"sendHex":{"type":"string","pattern":"^([0-9a-f]{2})*$","description":"Payload to send, lower-case hex."},"expectHex":{"type":"string","pattern":"^([0-9a-f]{2})*$","description":"The reply must start with these bytes, lower-case hex."}}};
const schema50 = {"type":"object","additionalProperties":false,"required":["enabled","consecutiveFailures","baseEjectionTimeMs","maxEjectionPercent"],"properties":{"enabled":{"type":"boolean"},"consecutiveFailures":{"type":"integer","minimum":1},"baseEjectionTimeMs":{"type":"integer","minimum":1},"maxEjectionPercent":{"type":"integer","minimum":0,"maximum":100}}};
const pattern9 = new RegExp("^([0-9a-f]{2})*$", "u");
const schema42 = {"type":"object","additionalProperties":false,"required":["type","hosts"],"properties":{"type":{"const":"static"},"hosts":{"type":"array","minItems":1,"items":{"$ref":"#/definitions/StaticHost"}}}};
const schema43 = {"type":"object","additionalProperties":false,"required":["address","port","weight"],"properties":{"address":{"$ref":"#/definitions/IpAddress"},"port":{"$ref":"#/definitions/Port"},"weight":{"type":"integer","minimum":1,"maximum":128},"zone":{"type":"string","minLength":1,"maxLength":128,"description":"The endpoint's zone (locality), when known."}}};

function validate26(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.address === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "address"},message:"must have required property '"+"address"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.port === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.weight === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "weight"},message:"must have required property '"+"weight"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
for(const key0 in data){
if(!((((key0 === "address") || (key0 === "port")) || (key0 === "weight")) || (key0 === "zone"))){
const err3 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.address !== undefined){
let data0 = data.address;
if(typeof data0 === "string"){
if(func3(data0) > 45){
const err4 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/IpAddress/maxLength",keyword:"maxLength",params:{limit: 45},message:"must NOT have more than 45 characters"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(func3(data0) < 2){
const err5 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/IpAddress/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters"};
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
const err6 = {instancePath:instancePath+"/address",schemaPath:"#/definitions/IpAddress/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
if(!((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1)))){
const err7 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(typeof data1 == "number"){
if(data1 > 65535 || isNaN(data1)){
const err8 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data1 < 1 || isNaN(data1)){
const err9 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data.weight !== undefined){
let data2 = data.weight;
if(!((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2)))){
const err10 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(typeof data2 == "number"){
if(data2 > 128 || isNaN(data2)){
const err11 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/maximum",keyword:"maximum",params:{comparison: "<=", limit: 128},message:"must be <= 128"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err12 = {instancePath:instancePath+"/weight",schemaPath:"#/properties/weight/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data.zone !== undefined){
let data3 = data.zone;
if(typeof data3 === "string"){
if(func3(data3) > 128){
const err13 = {instancePath:instancePath+"/zone",schemaPath:"#/properties/zone/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(func3(data3) < 1){
const err14 = {instancePath:instancePath+"/zone",schemaPath:"#/properties/zone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err15 = {instancePath:instancePath+"/zone",schemaPath:"#/properties/zone/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err16 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
validate26.errors = vErrors;
return errors === 0;
}


function validate25(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.hosts === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "hosts"},message:"must have required property '"+"hosts"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
for(const key0 in data){
if(!((key0 === "type") || (key0 === "hosts"))){
const err2 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
}
if(data.type !== undefined){
if("static" !== data.type){
const err3 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "static"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.hosts !== undefined){
let data1 = data.hosts;
if(Array.isArray(data1)){
if(data1.length < 1){
const err4 = {instancePath:instancePath+"/hosts",schemaPath:"#/properties/hosts/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
const len0 = data1.length;
for(let i0=0; i0<len0; i0++){
if(!(validate26(data1[i0], {instancePath:instancePath+"/hosts/" + i0,parentData:data1,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate26.errors : vErrors.concat(validate26.errors);
errors = vErrors.length;
}
}
}
else {
const err5 = {instancePath:instancePath+"/hosts",schemaPath:"#/properties/hosts/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
else {
const err6 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
validate25.errors = vErrors;
return errors === 0;
}

const schema46 = {"type":"object","additionalProperties":false,"required":["type","name","port","refreshIntervalMs","family"],"properties":{"type":{"const":"dns"},"name":{"type":"string","minLength":1,"maxLength":253},"port":{"$ref":"#/definitions/Port"},"refreshIntervalMs":{"type":"integer","minimum":1},"family":{"type":"string","enum":["any","v4","v6"]}}};

function validate29(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.type === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.name === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.port === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.refreshIntervalMs === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "refreshIntervalMs"},message:"must have required property '"+"refreshIntervalMs"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.family === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "family"},message:"must have required property '"+"family"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
for(const key0 in data){
if(!(((((key0 === "type") || (key0 === "name")) || (key0 === "port")) || (key0 === "refreshIntervalMs")) || (key0 === "family"))){
const err5 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
}
if(data.type !== undefined){
if("dns" !== data.type){
const err6 = {instancePath:instancePath+"/type",schemaPath:"#/properties/type/const",keyword:"const",params:{allowedValue: "dns"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
}
if(data.name !== undefined){
let data1 = data.name;
if(typeof data1 === "string"){
if(func3(data1) > 253){
const err7 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(func3(data1) < 1){
const err8 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
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
const err9 = {instancePath:instancePath+"/name",schemaPath:"#/properties/name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.port !== undefined){
let data2 = data.port;
if(!((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2)))){
const err10 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
if(typeof data2 == "number"){
if(data2 > 65535 || isNaN(data2)){
const err11 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err12 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data.refreshIntervalMs !== undefined){
let data3 = data.refreshIntervalMs;
if(!((typeof data3 == "number") && (!(data3 % 1) && !isNaN(data3)))){
const err13 = {instancePath:instancePath+"/refreshIntervalMs",schemaPath:"#/properties/refreshIntervalMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(typeof data3 == "number"){
if(data3 < 1 || isNaN(data3)){
const err14 = {instancePath:instancePath+"/refreshIntervalMs",schemaPath:"#/properties/refreshIntervalMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data.family !== undefined){
let data4 = data.family;
if(typeof data4 !== "string"){
const err15 = {instancePath:instancePath+"/family",schemaPath:"#/properties/family/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(!(((data4 === "any") || (data4 === "v4")) || (data4 === "v6"))){
const err16 = {instancePath:instancePath+"/family",schemaPath:"#/properties/family/enum",keyword:"enum",params:{allowedValues: schema46.properties.family.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
else {
const err17 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
validate29.errors = vErrors;
return errors === 0;
}


function validate24(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.name === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.service === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "service"},message:"must have required property '"+"service"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.port === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "port"},message:"must have required property '"+"port"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.protocol === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "protocol"},message:"must have required property '"+"protocol"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.transport === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "transport"},message:"must have required property '"+"transport"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.endpoints === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "endpoints"},message:"must have required property '"+"endpoints"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.loadBalancer === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "loadBalancer"},message:"must have required property '"+"loadBalancer"+"'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data.affinity === undefined){
const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "affinity"},message:"must have required property '"+"affinity"+"'"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
if(data.healthCheck === undefined){
const err8 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "healthCheck"},message:"must have required property '"+"healthCheck"+"'"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(data.outlierDetection === undefined){
const err9 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "outlierDetection"},message:"must have required property '"+"outlierDetection"+"'"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data.connection === undefined){
const err10 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "connection"},message:"must have required property '"+"connection"+"'"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema36.properties, key0))){
const err11 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.name !== undefined){
let data0 = data.name;
if(typeof data0 === "string"){
if(func3(data0) > 253){
const err12 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(func3(data0) < 1){
const err13 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
if(!pattern0.test(data0)){
const err14 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"+"\""};
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
const err15 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
}
if(data.service !== undefined){
let data1 = data.service;
if(typeof data1 === "string"){
if(func3(data1) > 253){
const err16 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
if(func3(data1) < 1){
const err17 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
if(!pattern0.test(data1)){
const err18 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"+"\""};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
else {
const err19 = {instancePath:instancePath+"/service",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
if(data.port !== undefined){
let data2 = data.port;
if(!((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2)))){
const err20 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(typeof data2 == "number"){
if(data2 > 65535 || isNaN(data2)){
const err21 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
if(data2 < 1 || isNaN(data2)){
const err22 = {instancePath:instancePath+"/port",schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data.protocol !== undefined){
let data3 = data.protocol;
if(typeof data3 !== "string"){
const err23 = {instancePath:instancePath+"/protocol",schemaPath:"#/definitions/Protocol/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
if(!(((((data3 === "tcp") || (data3 === "udp")) || (data3 === "tls")) || (data3 === "http")) || (data3 === "auto"))){
const err24 = {instancePath:instancePath+"/protocol",schemaPath:"#/definitions/Protocol/enum",keyword:"enum",params:{allowedValues: schema18.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data.transport !== undefined){
let data4 = data.transport;
if(typeof data4 !== "string"){
const err25 = {instancePath:instancePath+"/transport",schemaPath:"#/definitions/Transport/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
if(!((data4 === "tcp") || (data4 === "udp"))){
const err26 = {instancePath:instancePath+"/transport",schemaPath:"#/definitions/Transport/enum",keyword:"enum",params:{allowedValues: schema19.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data.endpoints !== undefined){
let data5 = data.endpoints;
const _errs18 = errors;
let valid6 = false;
let passing0 = null;
const _errs19 = errors;
if(!(validate25(data5, {instancePath:instancePath+"/endpoints",parentData:data,parentDataProperty:"endpoints",rootData}))){
vErrors = vErrors === null ? validate25.errors : vErrors.concat(validate25.errors);
errors = vErrors.length;
}
var _valid0 = _errs19 === errors;
if(_valid0){
valid6 = true;
passing0 = 0;
}
const _errs20 = errors;
if(!(validate29(data5, {instancePath:instancePath+"/endpoints",parentData:data,parentDataProperty:"endpoints",rootData}))){
vErrors = vErrors === null ? validate29.errors : vErrors.concat(validate29.errors);
errors = vErrors.length;
}
var _valid0 = _errs20 === errors;
if(_valid0 && valid6){
valid6 = false;
passing0 = [passing0, 1];
}
else {
if(_valid0){
valid6 = true;
passing0 = 1;
}
}
if(!valid6){
const err27 = {instancePath:instancePath+"/endpoints",schemaPath:"#/properties/endpoints/oneOf",keyword:"oneOf",params:{passingSchemas: passing0},message:"must match exactly one schema in oneOf"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
else {
errors = _errs18;
if(vErrors !== null){
if(_errs18){
vErrors.length = _errs18;
}
else {
vErrors = null;
}
}
}
}
if(data.loadBalancer !== undefined){
let data6 = data.loadBalancer;
if(data6 && typeof data6 == "object" && !Array.isArray(data6)){
if(data6.policy === undefined){
const err28 = {instancePath:instancePath+"/loadBalancer",schemaPath:"#/properties/loadBalancer/required",keyword:"required",params:{missingProperty: "policy"},message:"must have required property '"+"policy"+"'"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
for(const key1 in data6){
if(!((key1 === "policy") || (key1 === "localityAware"))){
const err29 = {instancePath:instancePath+"/loadBalancer",schemaPath:"#/properties/loadBalancer/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data6.policy !== undefined){
let data7 = data6.policy;
if(typeof data7 !== "string"){
const err30 = {instancePath:instancePath+"/loadBalancer/policy",schemaPath:"#/properties/loadBalancer/properties/policy/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(!(((((data7 === "round-robin") || (data7 === "least-connections")) || (data7 === "random")) || (data7 === "ring-hash")) || (data7 === "maglev"))){
const err31 = {instancePath:instancePath+"/loadBalancer/policy",schemaPath:"#/properties/loadBalancer/properties/policy/enum",keyword:"enum",params:{allowedValues: schema36.properties.loadBalancer.properties.policy.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
if(data6.localityAware !== undefined){
if(typeof data6.localityAware !== "boolean"){
const err32 = {instancePath:instancePath+"/loadBalancer/localityAware",schemaPath:"#/properties/loadBalancer/properties/localityAware/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
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
else {
const err33 = {instancePath:instancePath+"/loadBalancer",schemaPath:"#/properties/loadBalancer/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
}
if(data.affinity !== undefined){
let data9 = data.affinity;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
if(data9.type === undefined){
const err34 = {instancePath:instancePath+"/affinity",schemaPath:"#/properties/affinity/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err34];
}
else {
vErrors.push(err34);
}
errors++;
}
if(data9.ttlMs === undefined){
const err35 = {instancePath:instancePath+"/affinity",schemaPath:"#/properties/affinity/required",keyword:"required",params:{missingProperty: "ttlMs"},message:"must have required property '"+"ttlMs"+"'"};
if(vErrors === null){
vErrors = [err35];
}
else {
vErrors.push(err35);
}
errors++;
}
for(const key2 in data9){
if(!((key2 === "type") || (key2 === "ttlMs"))){
const err36 = {instancePath:instancePath+"/affinity",schemaPath:"#/properties/affinity/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key2},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err36];
}
else {
vErrors.push(err36);
}
errors++;
}
}
if(data9.type !== undefined){
let data10 = data9.type;
if(typeof data10 !== "string"){
const err37 = {instancePath:instancePath+"/affinity/type",schemaPath:"#/properties/affinity/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err37];
}
else {
vErrors.push(err37);
}
errors++;
}
if(!((data10 === "none") || (data10 === "source-ip"))){
const err38 = {instancePath:instancePath+"/affinity/type",schemaPath:"#/properties/affinity/properties/type/enum",keyword:"enum",params:{allowedValues: schema36.properties.affinity.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err38];
}
else {
vErrors.push(err38);
}
errors++;
}
}
if(data9.ttlMs !== undefined){
let data11 = data9.ttlMs;
if(!((typeof data11 == "number") && (!(data11 % 1) && !isNaN(data11)))){
const err39 = {instancePath:instancePath+"/affinity/ttlMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err39];
}
else {
vErrors.push(err39);
}
errors++;
}
if(typeof data11 == "number"){
if(data11 > 2147483647 || isNaN(data11)){
const err40 = {instancePath:instancePath+"/affinity/ttlMs",schemaPath:"#/definitions/Millis/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647"};
if(vErrors === null){
vErrors = [err40];
}
else {
vErrors.push(err40);
}
errors++;
}
if(data11 < 0 || isNaN(data11)){
const err41 = {instancePath:instancePath+"/affinity/ttlMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err41];
}
else {
vErrors.push(err41);
}
errors++;
}
}
}
}
else {
const err42 = {instancePath:instancePath+"/affinity",schemaPath:"#/properties/affinity/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err42];
}
else {
vErrors.push(err42);
}
errors++;
}
}
if(data.healthCheck !== undefined){
let data12 = data.healthCheck;
if(data12 && typeof data12 == "object" && !Array.isArray(data12)){
if(data12.type === undefined){
const err43 = {instancePath:instancePath+"/healthCheck",schemaPath:"#/definitions/HealthCheck/required",keyword:"required",params:{missingProperty: "type"},message:"must have required property '"+"type"+"'"};
if(vErrors === null){
vErrors = [err43];
}
else {
vErrors.push(err43);
}
errors++;
}
for(const key3 in data12){
if(!(((((((key3 === "type") || (key3 === "intervalMs")) || (key3 === "timeoutMs")) || (key3 === "healthyThreshold")) || (key3 === "unhealthyThreshold")) || (key3 === "sendHex")) || (key3 === "expectHex"))){
const err44 = {instancePath:instancePath+"/healthCheck",schemaPath:"#/definitions/HealthCheck/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key3},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err44];
}
else {
vErrors.push(err44);
}
errors++;
}
}
if(data12.type !== undefined){
let data13 = data12.type;
if(typeof data13 !== "string"){
const err45 = {instancePath:instancePath+"/healthCheck/type",schemaPath:"#/definitions/HealthCheck/properties/type/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err45];
}
else {
vErrors.push(err45);
}
errors++;
}
if(!(((data13 === "none") || (data13 === "tcp")) || (data13 === "udp"))){
const err46 = {instancePath:instancePath+"/healthCheck/type",schemaPath:"#/definitions/HealthCheck/properties/type/enum",keyword:"enum",params:{allowedValues: schema49.properties.type.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err46];
}
else {
vErrors.push(err46);
}
errors++;
}
}
if(data12.intervalMs !== undefined){
let data14 = data12.intervalMs;
if(!((typeof data14 == "number") && (!(data14 % 1) && !isNaN(data14)))){
const err47 = {instancePath:instancePath+"/healthCheck/intervalMs",schemaPath:"#/definitions/HealthCheck/properties/intervalMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err47];
}
else {
vErrors.push(err47);
}
errors++;
}
if(typeof data14 == "number"){
if(data14 < 1 || isNaN(data14)){
const err48 = {instancePath:instancePath+"/healthCheck/intervalMs",schemaPath:"#/definitions/HealthCheck/properties/intervalMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err48];
}
else {
vErrors.push(err48);
}
errors++;
}
}
}
if(data12.timeoutMs !== undefined){
let data15 = data12.timeoutMs;
if(!((typeof data15 == "number") && (!(data15 % 1) && !isNaN(data15)))){
const err49 = {instancePath:instancePath+"/healthCheck/timeoutMs",schemaPath:"#/definitions/HealthCheck/properties/timeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err49];
}
else {
vErrors.push(err49);
}
errors++;
}
if(typeof data15 == "number"){
if(data15 < 1 || isNaN(data15)){
const err50 = {instancePath:instancePath+"/healthCheck/timeoutMs",schemaPath:"#/definitions/HealthCheck/properties/timeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data12.healthyThreshold !== undefined){
let data16 = data12.healthyThreshold;
if(!((typeof data16 == "number") && (!(data16 % 1) && !isNaN(data16)))){
const err51 = {instancePath:instancePath+"/healthCheck/healthyThreshold",schemaPath:"#/definitions/HealthCheck/properties/healthyThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err51];
}
else {
vErrors.push(err51);
}
errors++;
}
if(typeof data16 == "number"){
if(data16 < 1 || isNaN(data16)){
const err52 = {instancePath:instancePath+"/healthCheck/healthyThreshold",schemaPath:"#/definitions/HealthCheck/properties/healthyThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err52];
}
else {
vErrors.push(err52);
}
errors++;
}
}
}
if(data12.unhealthyThreshold !== undefined){
let data17 = data12.unhealthyThreshold;
if(!((typeof data17 == "number") && (!(data17 % 1) && !isNaN(data17)))){
const err53 = {instancePath:instancePath+"/healthCheck/unhealthyThreshold",schemaPath:"#/definitions/HealthCheck/properties/unhealthyThreshold/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err53];
}
else {
vErrors.push(err53);
}
errors++;
}
if(typeof data17 == "number"){
if(data17 < 1 || isNaN(data17)){
const err54 = {instancePath:instancePath+"/healthCheck/unhealthyThreshold",schemaPath:"#/definitions/HealthCheck/properties/unhealthyThreshold/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err54];
}
else {
vErrors.push(err54);
}
errors++;
}
}
}
if(data12.sendHex !== undefined){
let data18 = data12.sendHex;
if(typeof data18 === "string"){
if(!pattern9.test(data18)){
const err55 = {instancePath:instancePath+"/healthCheck/sendHex",schemaPath:"#/definitions/HealthCheck/properties/sendHex/pattern",keyword:"pattern",params:{pattern: "^([0-9a-f]{2})*$"},message:"must match pattern \""+"^([0-9a-f]{2})*$"+"\""};
if(vErrors === null){
vErrors = [err55];
}
else {
vErrors.push(err55);
}
errors++;
}
}
else {
const err56 = {instancePath:instancePath+"/healthCheck/sendHex",schemaPath:"#/definitions/HealthCheck/properties/sendHex/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err56];
}
else {
vErrors.push(err56);
}
errors++;
}
}
if(data12.expectHex !== undefined){
let data19 = data12.expectHex;
if(typeof data19 === "string"){
if(!pattern9.test(data19)){
const err57 = {instancePath:instancePath+"/healthCheck/expectHex",schemaPath:"#/definitions/HealthCheck/properties/expectHex/pattern",keyword:"pattern",params:{pattern: "^([0-9a-f]{2})*$"},message:"must match pattern \""+"^([0-9a-f]{2})*$"+"\""};
if(vErrors === null){
vErrors = [err57];
}
else {
vErrors.push(err57);
}
errors++;
}
}
else {
const err58 = {instancePath:instancePath+"/healthCheck/expectHex",schemaPath:"#/definitions/HealthCheck/properties/expectHex/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err58];
}
else {
vErrors.push(err58);
}
errors++;
}
}
}
else {
const err59 = {instancePath:instancePath+"/healthCheck",schemaPath:"#/definitions/HealthCheck/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err59];
}
else {
vErrors.push(err59);
}
errors++;
}
}
if(data.outlierDetection !== undefined){
let data20 = data.outlierDetection;
if(data20 && typeof data20 == "object" && !Array.isArray(data20)){
if(data20.enabled === undefined){
const err60 = {instancePath:instancePath+"/outlierDetection",schemaPath:"#/definitions/OutlierDetection/required",keyword:"required",params:{missingProperty: "enabled"},message:"must have required property '"+"enabled"+"'"};
if(vErrors === null){
vErrors = [err60];
}
else {
vErrors.push(err60);
}
errors++;
}
if(data20.consecutiveFailures === undefined){
const err61 = {instancePath:instancePath+"/outlierDetection",schemaPath:"#/definitions/OutlierDetection/required",keyword:"required",params:{missingProperty: "consecutiveFailures"},message:"must have required property '"+"consecutiveFailures"+"'"};
if(vErrors === null){
vErrors = [err61];
}
else {
vErrors.push(err61);
}
errors++;
}
if(data20.baseEjectionTimeMs === undefined){
const err62 = {instancePath:instancePath+"/outlierDetection",schemaPath:"#/definitions/OutlierDetection/required",keyword:"required",params:{missingProperty: "baseEjectionTimeMs"},message:"must have required property '"+"baseEjectionTimeMs"+"'"};
if(vErrors === null){
vErrors = [err62];
}
else {
vErrors.push(err62);
}
errors++;
}
if(data20.maxEjectionPercent === undefined){
const err63 = {instancePath:instancePath+"/outlierDetection",schemaPath:"#/definitions/OutlierDetection/required",keyword:"required",params:{missingProperty: "maxEjectionPercent"},message:"must have required property '"+"maxEjectionPercent"+"'"};
if(vErrors === null){
vErrors = [err63];
}
else {
vErrors.push(err63);
}
errors++;
}
for(const key4 in data20){
if(!((((key4 === "enabled") || (key4 === "consecutiveFailures")) || (key4 === "baseEjectionTimeMs")) || (key4 === "maxEjectionPercent"))){
const err64 = {instancePath:instancePath+"/outlierDetection",schemaPath:"#/definitions/OutlierDetection/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key4},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err64];
}
else {
vErrors.push(err64);
}
errors++;
}
}
if(data20.enabled !== undefined){
if(typeof data20.enabled !== "boolean"){
const err65 = {instancePath:instancePath+"/outlierDetection/enabled",schemaPath:"#/definitions/OutlierDetection/properties/enabled/type",keyword:"type",params:{type: "boolean"},message:"must be boolean"};
if(vErrors === null){
vErrors = [err65];
}
else {
vErrors.push(err65);
}
errors++;
}
}
if(data20.consecutiveFailures !== undefined){
let data22 = data20.consecutiveFailures;
if(!((typeof data22 == "number") && (!(data22 % 1) && !isNaN(data22)))){
const err66 = {instancePath:instancePath+"/outlierDetection/consecutiveFailures",schemaPath:"#/definitions/OutlierDetection/properties/consecutiveFailures/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err66];
}
else {
vErrors.push(err66);
}
errors++;
}
if(typeof data22 == "number"){
if(data22 < 1 || isNaN(data22)){
const err67 = {instancePath:instancePath+"/outlierDetection/consecutiveFailures",schemaPath:"#/definitions/OutlierDetection/properties/consecutiveFailures/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
if(data20.baseEjectionTimeMs !== undefined){
let data23 = data20.baseEjectionTimeMs;
if(!((typeof data23 == "number") && (!(data23 % 1) && !isNaN(data23)))){
const err68 = {instancePath:instancePath+"/outlierDetection/baseEjectionTimeMs",schemaPath:"#/definitions/OutlierDetection/properties/baseEjectionTimeMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err68];
}
else {
vErrors.push(err68);
}
errors++;
}
if(typeof data23 == "number"){
if(data23 < 1 || isNaN(data23)){
const err69 = {instancePath:instancePath+"/outlierDetection/baseEjectionTimeMs",schemaPath:"#/definitions/OutlierDetection/properties/baseEjectionTimeMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err69];
}
else {
vErrors.push(err69);
}
errors++;
}
}
}
if(data20.maxEjectionPercent !== undefined){
let data24 = data20.maxEjectionPercent;
if(!((typeof data24 == "number") && (!(data24 % 1) && !isNaN(data24)))){
const err70 = {instancePath:instancePath+"/outlierDetection/maxEjectionPercent",schemaPath:"#/definitions/OutlierDetection/properties/maxEjectionPercent/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err70];
}
else {
vErrors.push(err70);
}
errors++;
}
if(typeof data24 == "number"){
if(data24 > 100 || isNaN(data24)){
const err71 = {instancePath:instancePath+"/outlierDetection/maxEjectionPercent",schemaPath:"#/definitions/OutlierDetection/properties/maxEjectionPercent/maximum",keyword:"maximum",params:{comparison: "<=", limit: 100},message:"must be <= 100"};
if(vErrors === null){
vErrors = [err71];
}
else {
vErrors.push(err71);
}
errors++;
}
if(data24 < 0 || isNaN(data24)){
const err72 = {instancePath:instancePath+"/outlierDetection/maxEjectionPercent",schemaPath:"#/definitions/OutlierDetection/properties/maxEjectionPercent/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err72];
}
else {
vErrors.push(err72);
}
errors++;
}
}
}
}
else {
const err73 = {instancePath:instancePath+"/outlierDetection",schemaPath:"#/definitions/OutlierDetection/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err73];
}
else {
vErrors.push(err73);
}
errors++;
}
}
if(data.connection !== undefined){
let data25 = data.connection;
if(data25 && typeof data25 == "object" && !Array.isArray(data25)){
if(data25.connectTimeoutMs === undefined){
const err74 = {instancePath:instancePath+"/connection",schemaPath:"#/properties/connection/required",keyword:"required",params:{missingProperty: "connectTimeoutMs"},message:"must have required property '"+"connectTimeoutMs"+"'"};
if(vErrors === null){
vErrors = [err74];
}
else {
vErrors.push(err74);
}
errors++;
}
if(data25.idleTimeoutMs === undefined){
const err75 = {instancePath:instancePath+"/connection",schemaPath:"#/properties/connection/required",keyword:"required",params:{missingProperty: "idleTimeoutMs"},message:"must have required property '"+"idleTimeoutMs"+"'"};
if(vErrors === null){
vErrors = [err75];
}
else {
vErrors.push(err75);
}
errors++;
}
if(data25.maxConnections === undefined){
const err76 = {instancePath:instancePath+"/connection",schemaPath:"#/properties/connection/required",keyword:"required",params:{missingProperty: "maxConnections"},message:"must have required property '"+"maxConnections"+"'"};
if(vErrors === null){
vErrors = [err76];
}
else {
vErrors.push(err76);
}
errors++;
}
if(data25.connectAttempts === undefined){
const err77 = {instancePath:instancePath+"/connection",schemaPath:"#/properties/connection/required",keyword:"required",params:{missingProperty: "connectAttempts"},message:"must have required property '"+"connectAttempts"+"'"};
if(vErrors === null){
vErrors = [err77];
}
else {
vErrors.push(err77);
}
errors++;
}
for(const key5 in data25){
if(!((((key5 === "connectTimeoutMs") || (key5 === "idleTimeoutMs")) || (key5 === "maxConnections")) || (key5 === "connectAttempts"))){
const err78 = {instancePath:instancePath+"/connection",schemaPath:"#/properties/connection/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key5},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err78];
}
else {
vErrors.push(err78);
}
errors++;
}
}
if(data25.connectTimeoutMs !== undefined){
let data26 = data25.connectTimeoutMs;
if(!((typeof data26 == "number") && (!(data26 % 1) && !isNaN(data26)))){
const err79 = {instancePath:instancePath+"/connection/connectTimeoutMs",schemaPath:"#/properties/connection/properties/connectTimeoutMs/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err79];
}
else {
vErrors.push(err79);
}
errors++;
}
if(typeof data26 == "number"){
if(data26 < 1 || isNaN(data26)){
const err80 = {instancePath:instancePath+"/connection/connectTimeoutMs",schemaPath:"#/properties/connection/properties/connectTimeoutMs/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err80];
}
else {
vErrors.push(err80);
}
errors++;
}
}
}
if(data25.idleTimeoutMs !== undefined){
let data27 = data25.idleTimeoutMs;
if(!((typeof data27 == "number") && (!(data27 % 1) && !isNaN(data27)))){
const err81 = {instancePath:instancePath+"/connection/idleTimeoutMs",schemaPath:"#/definitions/Millis/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err81];
}
else {
vErrors.push(err81);
}
errors++;
}
if(typeof data27 == "number"){
if(data27 > 2147483647 || isNaN(data27)){
const err82 = {instancePath:instancePath+"/connection/idleTimeoutMs",schemaPath:"#/definitions/Millis/maximum",keyword:"maximum",params:{comparison: "<=", limit: 2147483647},message:"must be <= 2147483647"};
if(vErrors === null){
vErrors = [err82];
}
else {
vErrors.push(err82);
}
errors++;
}
if(data27 < 0 || isNaN(data27)){
const err83 = {instancePath:instancePath+"/connection/idleTimeoutMs",schemaPath:"#/definitions/Millis/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err83];
}
else {
vErrors.push(err83);
}
errors++;
}
}
}
if(data25.maxConnections !== undefined){
let data28 = data25.maxConnections;
if(!((typeof data28 == "number") && (!(data28 % 1) && !isNaN(data28)))){
const err84 = {instancePath:instancePath+"/connection/maxConnections",schemaPath:"#/properties/connection/properties/maxConnections/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err84];
}
else {
vErrors.push(err84);
}
errors++;
}
if(typeof data28 == "number"){
if(data28 < 1 || isNaN(data28)){
const err85 = {instancePath:instancePath+"/connection/maxConnections",schemaPath:"#/properties/connection/properties/maxConnections/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err85];
}
else {
vErrors.push(err85);
}
errors++;
}
}
}
if(data25.connectAttempts !== undefined){
let data29 = data25.connectAttempts;
if(!((typeof data29 == "number") && (!(data29 % 1) && !isNaN(data29)))){
const err86 = {instancePath:instancePath+"/connection/connectAttempts",schemaPath:"#/properties/connection/properties/connectAttempts/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err86];
}
else {
vErrors.push(err86);
}
errors++;
}
if(typeof data29 == "number"){
if(data29 > 16 || isNaN(data29)){
const err87 = {instancePath:instancePath+"/connection/connectAttempts",schemaPath:"#/properties/connection/properties/connectAttempts/maximum",keyword:"maximum",params:{comparison: "<=", limit: 16},message:"must be <= 16"};
if(vErrors === null){
vErrors = [err87];
}
else {
vErrors.push(err87);
}
errors++;
}
if(data29 < 1 || isNaN(data29)){
const err88 = {instancePath:instancePath+"/connection/connectAttempts",schemaPath:"#/properties/connection/properties/connectAttempts/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err88];
}
else {
vErrors.push(err88);
}
errors++;
}
}
}
}
else {
const err89 = {instancePath:instancePath+"/connection",schemaPath:"#/properties/connection/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err89];
}
else {
vErrors.push(err89);
}
errors++;
}
}
if(data.tls !== undefined){
let data30 = data.tls;
if(data30 && typeof data30 == "object" && !Array.isArray(data30)){
if(data30.mode === undefined){
const err90 = {instancePath:instancePath+"/tls",schemaPath:"#/properties/tls/required",keyword:"required",params:{missingProperty: "mode"},message:"must have required property '"+"mode"+"'"};
if(vErrors === null){
vErrors = [err90];
}
else {
vErrors.push(err90);
}
errors++;
}
if(data30.serverIdentities === undefined){
const err91 = {instancePath:instancePath+"/tls",schemaPath:"#/properties/tls/required",keyword:"required",params:{missingProperty: "serverIdentities"},message:"must have required property '"+"serverIdentities"+"'"};
if(vErrors === null){
vErrors = [err91];
}
else {
vErrors.push(err91);
}
errors++;
}
for(const key6 in data30){
if(!(((key6 === "mode") || (key6 === "serverIdentities")) || (key6 === "sni"))){
const err92 = {instancePath:instancePath+"/tls",schemaPath:"#/properties/tls/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key6},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err92];
}
else {
vErrors.push(err92);
}
errors++;
}
}
if(data30.mode !== undefined){
if("mutual" !== data30.mode){
const err93 = {instancePath:instancePath+"/tls/mode",schemaPath:"#/properties/tls/properties/mode/const",keyword:"const",params:{allowedValue: "mutual"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err93];
}
else {
vErrors.push(err93);
}
errors++;
}
}
if(data30.serverIdentities !== undefined){
let data32 = data30.serverIdentities;
if(Array.isArray(data32)){
if(data32.length < 1){
const err94 = {instancePath:instancePath+"/tls/serverIdentities",schemaPath:"#/properties/tls/properties/serverIdentities/minItems",keyword:"minItems",params:{limit: 1},message:"must NOT have fewer than 1 items"};
if(vErrors === null){
vErrors = [err94];
}
else {
vErrors.push(err94);
}
errors++;
}
const len0 = data32.length;
for(let i0=0; i0<len0; i0++){
let data33 = data32[i0];
if(typeof data33 === "string"){
if(func3(data33) > 2048){
const err95 = {instancePath:instancePath+"/tls/serverIdentities/" + i0,schemaPath:"#/definitions/IdentityPattern/maxLength",keyword:"maxLength",params:{limit: 2048},message:"must NOT have more than 2048 characters"};
if(vErrors === null){
vErrors = [err95];
}
else {
vErrors.push(err95);
}
errors++;
}
if(func3(data33) < 1){
const err96 = {instancePath:instancePath+"/tls/serverIdentities/" + i0,schemaPath:"#/definitions/IdentityPattern/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err96];
}
else {
vErrors.push(err96);
}
errors++;
}
}
else {
const err97 = {instancePath:instancePath+"/tls/serverIdentities/" + i0,schemaPath:"#/definitions/IdentityPattern/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err97];
}
else {
vErrors.push(err97);
}
errors++;
}
}
}
else {
const err98 = {instancePath:instancePath+"/tls/serverIdentities",schemaPath:"#/properties/tls/properties/serverIdentities/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err98];
}
else {
vErrors.push(err98);
}
errors++;
}
}
if(data30.sni !== undefined){
let data34 = data30.sni;
if(typeof data34 === "string"){
if(func3(data34) > 253){
const err99 = {instancePath:instancePath+"/tls/sni",schemaPath:"#/properties/tls/properties/sni/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters"};
if(vErrors === null){
vErrors = [err99];
}
else {
vErrors.push(err99);
}
errors++;
}
if(func3(data34) < 1){
const err100 = {instancePath:instancePath+"/tls/sni",schemaPath:"#/properties/tls/properties/sni/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err100];
}
else {
vErrors.push(err100);
}
errors++;
}
}
else {
const err101 = {instancePath:instancePath+"/tls/sni",schemaPath:"#/properties/tls/properties/sni/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err101];
}
else {
vErrors.push(err101);
}
errors++;
}
}
}
else {
const err102 = {instancePath:instancePath+"/tls",schemaPath:"#/properties/tls/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err102];
}
else {
vErrors.push(err102);
}
errors++;
}
}
if(data.proxyProtocol !== undefined){
let data35 = data.proxyProtocol;
if(typeof data35 !== "string"){
const err103 = {instancePath:instancePath+"/proxyProtocol",schemaPath:"#/properties/proxyProtocol/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err103];
}
else {
vErrors.push(err103);
}
errors++;
}
if(!((data35 === "v1") || (data35 === "v2"))){
const err104 = {instancePath:instancePath+"/proxyProtocol",schemaPath:"#/properties/proxyProtocol/enum",keyword:"enum",params:{allowedValues: schema36.properties.proxyProtocol.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err104];
}
else {
vErrors.push(err104);
}
errors++;
}
}
}
else {
const err105 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err105];
}
else {
vErrors.push(err105);
}
errors++;
}
validate24.errors = vErrors;
return errors === 0;
}

const schema53 = {"type":"object","additionalProperties":false,"required":["mode"],"properties":{"mode":{"type":"string","enum":["none","iptables"]},"proxyUid":{"type":"integer","minimum":0},"proxyGid":{"type":"integer","minimum":0},"excludeOutboundPorts":{"type":"array","items":{"$ref":"#/definitions/Port"}},"excludeOutboundCidrs":{"type":"array","items":{"type":"string"}},"excludeInboundPorts":{"type":"array","items":{"$ref":"#/definitions/Port"}},"serviceAddresses":{"type":"object","description":"Service name -> addresses clients dial (ClusterIP/VIP) when known; outbound capture narrows to them.","additionalProperties":{"type":"array","items":{"$ref":"#/definitions/IpAddress"}}}}};

function validate32(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.mode === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "mode"},message:"must have required property '"+"mode"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
for(const key0 in data){
if(!(((((((key0 === "mode") || (key0 === "proxyUid")) || (key0 === "proxyGid")) || (key0 === "excludeOutboundPorts")) || (key0 === "excludeOutboundCidrs")) || (key0 === "excludeInboundPorts")) || (key0 === "serviceAddresses"))){
const err1 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
}
if(data.mode !== undefined){
let data0 = data.mode;
if(typeof data0 !== "string"){
const err2 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(!((data0 === "none") || (data0 === "iptables"))){
const err3 = {instancePath:instancePath+"/mode",schemaPath:"#/properties/mode/enum",keyword:"enum",params:{allowedValues: schema53.properties.mode.enum},message:"must be equal to one of the allowed values"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
}
if(data.proxyUid !== undefined){
let data1 = data.proxyUid;
if(!((typeof data1 == "number") && (!(data1 % 1) && !isNaN(data1)))){
const err4 = {instancePath:instancePath+"/proxyUid",schemaPath:"#/properties/proxyUid/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(typeof data1 == "number"){
if(data1 < 0 || isNaN(data1)){
const err5 = {instancePath:instancePath+"/proxyUid",schemaPath:"#/properties/proxyUid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
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
if(!((typeof data2 == "number") && (!(data2 % 1) && !isNaN(data2)))){
const err6 = {instancePath:instancePath+"/proxyGid",schemaPath:"#/properties/proxyGid/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(typeof data2 == "number"){
if(data2 < 0 || isNaN(data2)){
const err7 = {instancePath:instancePath+"/proxyGid",schemaPath:"#/properties/proxyGid/minimum",keyword:"minimum",params:{comparison: ">=", limit: 0},message:"must be >= 0"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
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
if(!((typeof data4 == "number") && (!(data4 % 1) && !isNaN(data4)))){
const err8 = {instancePath:instancePath+"/excludeOutboundPorts/" + i0,schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
if(typeof data4 == "number"){
if(data4 > 65535 || isNaN(data4)){
const err9 = {instancePath:instancePath+"/excludeOutboundPorts/" + i0,schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
if(data4 < 1 || isNaN(data4)){
const err10 = {instancePath:instancePath+"/excludeOutboundPorts/" + i0,schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
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
}
else {
const err11 = {instancePath:instancePath+"/excludeOutboundPorts",schemaPath:"#/properties/excludeOutboundPorts/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
}
if(data.excludeOutboundCidrs !== undefined){
let data5 = data.excludeOutboundCidrs;
if(Array.isArray(data5)){
const len1 = data5.length;
for(let i1=0; i1<len1; i1++){
if(typeof data5[i1] !== "string"){
const err12 = {instancePath:instancePath+"/excludeOutboundCidrs/" + i1,schemaPath:"#/properties/excludeOutboundCidrs/items/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
const err13 = {instancePath:instancePath+"/excludeOutboundCidrs",schemaPath:"#/properties/excludeOutboundCidrs/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err13];
}
else {
vErrors.push(err13);
}
errors++;
}
}
if(data.excludeInboundPorts !== undefined){
let data7 = data.excludeInboundPorts;
if(Array.isArray(data7)){
const len2 = data7.length;
for(let i2=0; i2<len2; i2++){
let data8 = data7[i2];
if(!((typeof data8 == "number") && (!(data8 % 1) && !isNaN(data8)))){
const err14 = {instancePath:instancePath+"/excludeInboundPorts/" + i2,schemaPath:"#/definitions/Port/type",keyword:"type",params:{type: "integer"},message:"must be integer"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
if(typeof data8 == "number"){
if(data8 > 65535 || isNaN(data8)){
const err15 = {instancePath:instancePath+"/excludeInboundPorts/" + i2,schemaPath:"#/definitions/Port/maximum",keyword:"maximum",params:{comparison: "<=", limit: 65535},message:"must be <= 65535"};
if(vErrors === null){
vErrors = [err15];
}
else {
vErrors.push(err15);
}
errors++;
}
if(data8 < 1 || isNaN(data8)){
const err16 = {instancePath:instancePath+"/excludeInboundPorts/" + i2,schemaPath:"#/definitions/Port/minimum",keyword:"minimum",params:{comparison: ">=", limit: 1},message:"must be >= 1"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
}
}
else {
const err17 = {instancePath:instancePath+"/excludeInboundPorts",schemaPath:"#/properties/excludeInboundPorts/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.serviceAddresses !== undefined){
let data9 = data.serviceAddresses;
if(data9 && typeof data9 == "object" && !Array.isArray(data9)){
for(const key1 in data9){
let data10 = data9[key1];
if(Array.isArray(data10)){
const len3 = data10.length;
for(let i3=0; i3<len3; i3++){
let data11 = data10[i3];
if(typeof data11 === "string"){
if(func3(data11) > 45){
const err18 = {instancePath:instancePath+"/serviceAddresses/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i3,schemaPath:"#/definitions/IpAddress/maxLength",keyword:"maxLength",params:{limit: 45},message:"must NOT have more than 45 characters"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
if(func3(data11) < 2){
const err19 = {instancePath:instancePath+"/serviceAddresses/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i3,schemaPath:"#/definitions/IpAddress/minLength",keyword:"minLength",params:{limit: 2},message:"must NOT have fewer than 2 characters"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
}
else {
const err20 = {instancePath:instancePath+"/serviceAddresses/" + key1.replace(/~/g, "~0").replace(/\//g, "~1")+"/" + i3,schemaPath:"#/definitions/IpAddress/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
else {
const err21 = {instancePath:instancePath+"/serviceAddresses/" + key1.replace(/~/g, "~0").replace(/\//g, "~1"),schemaPath:"#/properties/serviceAddresses/additionalProperties/type",keyword:"type",params:{type: "array"},message:"must be array"};
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
const err22 = {instancePath:instancePath+"/serviceAddresses",schemaPath:"#/properties/serviceAddresses/type",keyword:"type",params:{type: "object"},message:"must be object"};
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
const err23 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
validate32.errors = vErrors;
return errors === 0;
}


function validate10(data, {instancePath="", parentData, parentDataProperty, rootData=data}={}){
/*# sourceURL="https://meshc.dev/schemas/plan.schema.json" */;
let vErrors = null;
let errors = 0;
if(data && typeof data == "object" && !Array.isArray(data)){
if(data.apiVersion === undefined){
const err0 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "apiVersion"},message:"must have required property '"+"apiVersion"+"'"};
if(vErrors === null){
vErrors = [err0];
}
else {
vErrors.push(err0);
}
errors++;
}
if(data.kind === undefined){
const err1 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "kind"},message:"must have required property '"+"kind"+"'"};
if(vErrors === null){
vErrors = [err1];
}
else {
vErrors.push(err1);
}
errors++;
}
if(data.name === undefined){
const err2 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "name"},message:"must have required property '"+"name"+"'"};
if(vErrors === null){
vErrors = [err2];
}
else {
vErrors.push(err2);
}
errors++;
}
if(data.hash === undefined){
const err3 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "hash"},message:"must have required property '"+"hash"+"'"};
if(vErrors === null){
vErrors = [err3];
}
else {
vErrors.push(err3);
}
errors++;
}
if(data.admin === undefined){
const err4 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "admin"},message:"must have required property '"+"admin"+"'"};
if(vErrors === null){
vErrors = [err4];
}
else {
vErrors.push(err4);
}
errors++;
}
if(data.listeners === undefined){
const err5 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "listeners"},message:"must have required property '"+"listeners"+"'"};
if(vErrors === null){
vErrors = [err5];
}
else {
vErrors.push(err5);
}
errors++;
}
if(data.clusters === undefined){
const err6 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "clusters"},message:"must have required property '"+"clusters"+"'"};
if(vErrors === null){
vErrors = [err6];
}
else {
vErrors.push(err6);
}
errors++;
}
if(data.interception === undefined){
const err7 = {instancePath,schemaPath:"#/required",keyword:"required",params:{missingProperty: "interception"},message:"must have required property '"+"interception"+"'"};
if(vErrors === null){
vErrors = [err7];
}
else {
vErrors.push(err7);
}
errors++;
}
for(const key0 in data){
if(!(func2.call(schema11.properties, key0))){
const err8 = {instancePath,schemaPath:"#/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key0},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err8];
}
else {
vErrors.push(err8);
}
errors++;
}
}
if(data.apiVersion !== undefined){
if("meshc.dev/v1alpha1" !== data.apiVersion){
const err9 = {instancePath:instancePath+"/apiVersion",schemaPath:"#/properties/apiVersion/const",keyword:"const",params:{allowedValue: "meshc.dev/v1alpha1"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err9];
}
else {
vErrors.push(err9);
}
errors++;
}
}
if(data.kind !== undefined){
if("Plan" !== data.kind){
const err10 = {instancePath:instancePath+"/kind",schemaPath:"#/properties/kind/const",keyword:"const",params:{allowedValue: "Plan"},message:"must be equal to constant"};
if(vErrors === null){
vErrors = [err10];
}
else {
vErrors.push(err10);
}
errors++;
}
}
if(data.name !== undefined){
let data2 = data.name;
if(typeof data2 === "string"){
if(func3(data2) > 253){
const err11 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/maxLength",keyword:"maxLength",params:{limit: 253},message:"must NOT have more than 253 characters"};
if(vErrors === null){
vErrors = [err11];
}
else {
vErrors.push(err11);
}
errors++;
}
if(func3(data2) < 1){
const err12 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err12];
}
else {
vErrors.push(err12);
}
errors++;
}
if(!pattern0.test(data2)){
const err13 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/pattern",keyword:"pattern",params:{pattern: "^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"},message:"must match pattern \""+"^[A-Za-z0-9][A-Za-z0-9_.:|/\\[\\]-]*$"+"\""};
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
const err14 = {instancePath:instancePath+"/name",schemaPath:"#/definitions/Name/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err14];
}
else {
vErrors.push(err14);
}
errors++;
}
}
if(data.hash !== undefined){
let data3 = data.hash;
if(typeof data3 === "string"){
if(!pattern1.test(data3)){
const err15 = {instancePath:instancePath+"/hash",schemaPath:"#/properties/hash/pattern",keyword:"pattern",params:{pattern: "^sha256:[0-9a-f]{64}$"},message:"must match pattern \""+"^sha256:[0-9a-f]{64}$"+"\""};
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
const err16 = {instancePath:instancePath+"/hash",schemaPath:"#/properties/hash/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err16];
}
else {
vErrors.push(err16);
}
errors++;
}
}
if(data.admin !== undefined){
if(!(validate11(data.admin, {instancePath:instancePath+"/admin",parentData:data,parentDataProperty:"admin",rootData}))){
vErrors = vErrors === null ? validate11.errors : vErrors.concat(validate11.errors);
errors = vErrors.length;
}
}
if(data.listeners !== undefined){
let data5 = data.listeners;
if(Array.isArray(data5)){
const len0 = data5.length;
for(let i0=0; i0<len0; i0++){
if(!(validate13(data5[i0], {instancePath:instancePath+"/listeners/" + i0,parentData:data5,parentDataProperty:i0,rootData}))){
vErrors = vErrors === null ? validate13.errors : vErrors.concat(validate13.errors);
errors = vErrors.length;
}
}
}
else {
const err17 = {instancePath:instancePath+"/listeners",schemaPath:"#/properties/listeners/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err17];
}
else {
vErrors.push(err17);
}
errors++;
}
}
if(data.clusters !== undefined){
let data7 = data.clusters;
if(Array.isArray(data7)){
const len1 = data7.length;
for(let i1=0; i1<len1; i1++){
if(!(validate24(data7[i1], {instancePath:instancePath+"/clusters/" + i1,parentData:data7,parentDataProperty:i1,rootData}))){
vErrors = vErrors === null ? validate24.errors : vErrors.concat(validate24.errors);
errors = vErrors.length;
}
}
}
else {
const err18 = {instancePath:instancePath+"/clusters",schemaPath:"#/properties/clusters/type",keyword:"type",params:{type: "array"},message:"must be array"};
if(vErrors === null){
vErrors = [err18];
}
else {
vErrors.push(err18);
}
errors++;
}
}
if(data.interception !== undefined){
if(!(validate32(data.interception, {instancePath:instancePath+"/interception",parentData:data,parentDataProperty:"interception",rootData}))){
vErrors = vErrors === null ? validate32.errors : vErrors.concat(validate32.errors);
errors = vErrors.length;
}
}
if(data.tls !== undefined){
let data10 = data.tls;
if(data10 && typeof data10 == "object" && !Array.isArray(data10)){
if(data10.certificate === undefined){
const err19 = {instancePath:instancePath+"/tls",schemaPath:"#/definitions/WorkloadTls/required",keyword:"required",params:{missingProperty: "certificate"},message:"must have required property '"+"certificate"+"'"};
if(vErrors === null){
vErrors = [err19];
}
else {
vErrors.push(err19);
}
errors++;
}
if(data10.privateKey === undefined){
const err20 = {instancePath:instancePath+"/tls",schemaPath:"#/definitions/WorkloadTls/required",keyword:"required",params:{missingProperty: "privateKey"},message:"must have required property '"+"privateKey"+"'"};
if(vErrors === null){
vErrors = [err20];
}
else {
vErrors.push(err20);
}
errors++;
}
if(data10.trustedCA === undefined){
const err21 = {instancePath:instancePath+"/tls",schemaPath:"#/definitions/WorkloadTls/required",keyword:"required",params:{missingProperty: "trustedCA"},message:"must have required property '"+"trustedCA"+"'"};
if(vErrors === null){
vErrors = [err21];
}
else {
vErrors.push(err21);
}
errors++;
}
for(const key1 in data10){
if(!(((key1 === "certificate") || (key1 === "privateKey")) || (key1 === "trustedCA"))){
const err22 = {instancePath:instancePath+"/tls",schemaPath:"#/definitions/WorkloadTls/additionalProperties",keyword:"additionalProperties",params:{additionalProperty: key1},message:"must NOT have additional properties"};
if(vErrors === null){
vErrors = [err22];
}
else {
vErrors.push(err22);
}
errors++;
}
}
if(data10.certificate !== undefined){
let data11 = data10.certificate;
if(typeof data11 === "string"){
if(func3(data11) < 1){
const err23 = {instancePath:instancePath+"/tls/certificate",schemaPath:"#/definitions/WorkloadTls/properties/certificate/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err23];
}
else {
vErrors.push(err23);
}
errors++;
}
}
else {
const err24 = {instancePath:instancePath+"/tls/certificate",schemaPath:"#/definitions/WorkloadTls/properties/certificate/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err24];
}
else {
vErrors.push(err24);
}
errors++;
}
}
if(data10.privateKey !== undefined){
let data12 = data10.privateKey;
if(typeof data12 === "string"){
if(func3(data12) < 1){
const err25 = {instancePath:instancePath+"/tls/privateKey",schemaPath:"#/definitions/WorkloadTls/properties/privateKey/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err25];
}
else {
vErrors.push(err25);
}
errors++;
}
}
else {
const err26 = {instancePath:instancePath+"/tls/privateKey",schemaPath:"#/definitions/WorkloadTls/properties/privateKey/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err26];
}
else {
vErrors.push(err26);
}
errors++;
}
}
if(data10.trustedCA !== undefined){
let data13 = data10.trustedCA;
if(typeof data13 === "string"){
if(func3(data13) < 1){
const err27 = {instancePath:instancePath+"/tls/trustedCA",schemaPath:"#/definitions/WorkloadTls/properties/trustedCA/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err27];
}
else {
vErrors.push(err27);
}
errors++;
}
}
else {
const err28 = {instancePath:instancePath+"/tls/trustedCA",schemaPath:"#/definitions/WorkloadTls/properties/trustedCA/type",keyword:"type",params:{type: "string"},message:"must be string"};
if(vErrors === null){
vErrors = [err28];
}
else {
vErrors.push(err28);
}
errors++;
}
}
}
else {
const err29 = {instancePath:instancePath+"/tls",schemaPath:"#/definitions/WorkloadTls/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err29];
}
else {
vErrors.push(err29);
}
errors++;
}
}
if(data.zone !== undefined){
let data14 = data.zone;
if(typeof data14 === "string"){
if(func3(data14) > 128){
const err30 = {instancePath:instancePath+"/zone",schemaPath:"#/properties/zone/maxLength",keyword:"maxLength",params:{limit: 128},message:"must NOT have more than 128 characters"};
if(vErrors === null){
vErrors = [err30];
}
else {
vErrors.push(err30);
}
errors++;
}
if(func3(data14) < 1){
const err31 = {instancePath:instancePath+"/zone",schemaPath:"#/properties/zone/minLength",keyword:"minLength",params:{limit: 1},message:"must NOT have fewer than 1 characters"};
if(vErrors === null){
vErrors = [err31];
}
else {
vErrors.push(err31);
}
errors++;
}
}
else {
const err32 = {instancePath:instancePath+"/zone",schemaPath:"#/properties/zone/type",keyword:"type",params:{type: "string"},message:"must be string"};
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
else {
const err33 = {instancePath,schemaPath:"#/type",keyword:"type",params:{type: "object"},message:"must be object"};
if(vErrors === null){
vErrors = [err33];
}
else {
vErrors.push(err33);
}
errors++;
}
validate10.errors = vErrors;
return errors === 0;
}
