import * as net from 'node:net';

/** A TCP port on 127.0.0.1 that nothing listens on right now (for servers a test starts itself). */
export function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = net.createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}
