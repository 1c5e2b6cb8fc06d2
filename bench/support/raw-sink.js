// A lean HTTP/1.1 sink for the scale-out bench, in its own process: it frames each request by its
// headers and Content-Length, drops the body and answers 200, with no node:http machinery, so the
// senders (not the receiver) are what the row measures. Prints its port on stdout when ready.
import { Buffer } from 'node:buffer';
import { createServer } from 'node:net';

const OK = Buffer.from('HTTP/1.1 200 OK\r\ncontent-length: 0\r\n\r\n');
const HEADERS_END = Buffer.from('\r\n\r\n');
const LENGTH = /\r\ncontent-length: *(\d+)/i;

const server = createServer((socket) => {
  let pending = Buffer.alloc(0);
  // Body bytes of the current request still to skip.
  let skip = 0;
  socket.on('data', (chunk) => {
    let data = pending.length ? Buffer.concat([pending, chunk]) : chunk;
    let answers = 0;
    for (;;) {
      if (skip > 0) {
        const taken = Math.min(skip, data.length);
        skip -= taken;
        data = data.subarray(taken);
        if (skip > 0) break;
        answers++;
      }
      const end = data.indexOf(HEADERS_END);
      if (end < 0) break;
      const match = LENGTH.exec(data.toString('latin1', 0, end));
      skip = match ? Number(match[1]) : 0;
      data = data.subarray(end + 4);
      if (skip === 0) answers++;
    }
    pending = data.length ? Buffer.from(data) : Buffer.alloc(0);
    if (answers === 1) socket.write(OK);
    else if (answers > 1) socket.write(Buffer.concat(Array(answers).fill(OK)));
  });
  socket.on('error', () => {});
});
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(`${server.address().port}\n`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
