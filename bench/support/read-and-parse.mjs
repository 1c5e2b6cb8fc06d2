// The report benchmark's floor: read an NDJSON file line by line and JSON.parse each line, as
// `vcc-sim report` must, and nothing else. Prints the count.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

let count = 0;
for await (const line of createInterface({
  input: createReadStream(process.argv[2]),
  crlfDelay: Infinity,
})) {
  if (line.trim() === '') continue;
  JSON.parse(line);
  count++;
}
process.stdout.write(`${count}\n`);
