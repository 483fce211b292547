/**
 * A tiny helper the interception test runs inside a network namespace (`ip netns exec NS node
 * ns-tool.js ...`): backends that name themselves, and one-shot TCP/UDP/HTTP clients. Not a test.
 *
 *   serve tcp:HOST:PORT:NAME|udp:HOST:PORT:NAME ...   greet "NAME <n>\n" (n = connections so far), echo; UDP: reply "NAME:<msg>"
 *   serve peer:HOST:PORT:NAME ...                      greet "NAME <n> <peer address>\n" (who connected), echo
 *                                                      (HOST may be IPv6: the first field is the protocol, the last two port and name)
 *   tcp HOST PORT          print the first line the server sends
 *   udp HOST PORT MSG      print the reply (from exactly HOST:PORT)
 *   get URL                print the body
 */
import net from 'node:net';
import dgram from 'node:dgram';
import http from 'node:http';

const [cmd, ...args] = process.argv.slice(2);
const fail = (what: string): void => {
  process.stdout.write(`ERR ${what}\n`);
  process.exit(1);
};
setTimeout(() => cmd !== 'serve' && fail('timeout'), 8000).unref();

if (cmd === 'serve') {
  let pending = args.length;
  const ready = (): void => {
    if (--pending === 0) process.stdout.write('ready\n');
  };
  for (const spec of args) {
    const parts = spec.split(':');
    const [proto, port, name] = [parts[0], parts.at(-2), parts.at(-1)];
    const host = parts.slice(1, -2).join(':');
    if (proto === 'tcp' || proto === 'peer') {
      let n = 0;
      net
        .createServer((s) => {
          s.on('error', () => {});
          s.write(proto === 'peer' ? `${name} ${++n} ${s.remoteAddress}\n` : `${name} ${++n}\n`);
          s.pipe(s);
        })
        .listen(Number(port), host, ready);
    } else {
      const u = dgram.createSocket(host.includes(':') ? 'udp6' : 'udp4');
      u.on('message', (m, r) => u.send(`${name}:${m.toString()}`, r.port, r.address));
      u.bind(Number(port), host, ready);
    }
  }
} else if (cmd === 'tcp') {
  const s = net.connect({ host: args[0]!, port: Number(args[1]) });
  let buf = '';
  s.setEncoding('utf8');
  s.on('data', (d) => {
    buf += d;
    if (buf.includes('\n')) {
      process.stdout.write(buf.slice(0, buf.indexOf('\n') + 1));
      process.exit(0);
    }
  });
  s.on('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
  s.on('close', () => fail(`closed after ${JSON.stringify(buf)}`));
} else if (cmd === 'udp') {
  const u = dgram.createSocket(args[0]!.includes(':') ? 'udp6' : 'udp4');
  u.on('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
  // connect(): the kernel only delivers replies whose source is exactly HOST:PORT
  u.connect(Number(args[1]), args[0]!, () => u.send(args[2]!));
  u.on('message', (m) => {
    process.stdout.write(m.toString() + '\n');
    process.exit(0);
  });
} else if (cmd === 'get') {
  http
    .get(args[0]!, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => {
        process.stdout.write(res.statusCode === 200 ? body : `ERR status ${res.statusCode}\n`);
        process.exit(0);
      });
    })
    .on('error', (e: NodeJS.ErrnoException) => fail(e.code ?? e.message));
} else fail(`unknown command ${cmd}`);
