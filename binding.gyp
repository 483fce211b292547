# The optional native TCP data path (runtime/native/src). Built by `npm install` through
# scripts/build-native.mjs; when it cannot be built, meshc runs on its pure-JS data path.
{
  "targets": [
    {
      "target_name": "meshc_native",
      "sources": ["runtime/native/src/addon.c", "runtime/native/src/loop.c", "runtime/native/src/tcp.c", "runtime/native/src/udp.c"],
      "defines": ["NAPI_VERSION=8"],
      "cflags": ["-O2", "-Wall", "-Wextra", "-Wno-unused-parameter", "-fvisibility=hidden"],
      "xcode_settings": { "OTHER_CFLAGS": ["-O2", "-Wall"] }
    }
  ]
}
