# meshc image: `meshc run` (the meshc-proxy sidecar), iptables-restore (the meshc-init container)
# and the rest of the CLI. Build: docker build -t meshc:0.1.0 .
# test/kubernetes/dockerfile.test.ts replays these steps without Docker; keep the two in step.

# ---- build: dev dependencies, the native data path (node-gyp) and TypeScript -> dist/ ----
FROM node:24-bookworm AS build
WORKDIR /src
COPY package.json package-lock.json tsconfig.json binding.gyp ./
COPY scripts/build-native.mjs scripts/
COPY runtime/native/src runtime/native/src
# no scripts yet: `install` (the addon) and `prepare` (tsc) run below, once their inputs are here
RUN npm ci --ignore-scripts --no-audit --no-fund
# npm run install = the package's `install` script (scripts/build-native.mjs, with npm's node-gyp);
# it never fails on its own (meshc falls back to the JS data path), the image must have the addon
RUN npm run install && test -f build/Release/meshc_native.node
COPY bin bin
COPY cli cli
COPY compiler compiler
COPY runtime runtime
COPY schemas schemas
RUN npx tsc -p tsconfig.json
# `meshc run` as one bundled file (esbuild, a dev dependency): the sidecar starts without
# resolving and compiling ~50 modules one by one (docs/benchmarks.md, footprint)
COPY scripts/bundle-run.mjs scripts/
RUN node scripts/bundle-run.mjs && test -f dist/bundle/run/manifest.json

# ---- runtime: production dependencies only, non-root ----
FROM node:24-bookworm-slim
LABEL org.opencontainers.image.title="meshc" \
      org.opencontainers.image.description="Declarative L4 service mesh: policy compiler and Node.js sidecar runtime" \
      org.opencontainers.image.licenses="Apache-2.0"
# iptables-restore for meshc-init (runs as root with NET_ADMIN; the proxy itself never needs it)
RUN apt-get update && apt-get install -y --no-install-recommends iptables && rm -rf /var/lib/apt/lists/*
WORKDIR /opt/meshc
ENV NODE_ENV=production
COPY package.json package-lock.json ./
# --ignore-scripts: `install`/`prepare` need the dev dependencies; their output comes from build
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund && npm cache clean --force
COPY --from=build /src/dist dist
COPY --from=build /src/build/Release/meshc_native.node build/Release/meshc_native.node
COPY bin bin
COPY schemas/*.json schemas/
RUN ln -s /opt/meshc/bin/meshc.js /usr/local/bin/meshc
# uid/gid 1337: the identity the iptables rules exempt (interception.proxyUid/proxyGid)
USER 1337:1337
EXPOSE 15021
ENTRYPOINT ["meshc"]
CMD ["--help"]
