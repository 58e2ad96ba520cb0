// feed_server.js - a fast loopback HTTP server for the poll benchmark.
//
//   node feed_server.js DIR
//
// Serves the files of DIR (read once, kept in memory) at /NAME on 127.0.0.1,
// a free port, with an ETag and Last-Modified; answers 304 to a matching
// If-None-Match or If-Modified-Since. Prints "port N" once listening and
// "requests N 200 N 304 N 404" on stdin EOF, then exits.
'use strict';
const fs = require('fs');
const http = require('http');
const path = require('path');

const dir = process.argv[2];
const files = new Map();
const lastModified = 'Sun, 22 Nov 2026 08:00:00 GMT';
for (const name of fs.readdirSync(dir)) {
	const body = fs.readFileSync(path.join(dir, name));
	files.set('/' + name, { body, etag: `"${body.length.toString(16)}-${files.size}"` });
}
const count = { 200: 0, 304: 0, 404: 0 };
const server = http.createServer((req, res) => {
	const f = files.get(req.url);
	if (!f) {
		count[404]++;
		res.writeHead(404, { 'Content-Type': 'text/plain' });
		res.end('not found');
		return;
	}
	if (req.headers['if-none-match'] === f.etag ||
	    (!req.headers['if-none-match'] && req.headers['if-modified-since'] === lastModified)) {
		count[304]++;
		res.writeHead(304, { ETag: f.etag, 'Last-Modified': lastModified });
		res.end();
		return;
	}
	count[200]++;
	res.writeHead(200, {
		'Content-Type': 'application/rss+xml; charset=utf-8',
		'Content-Length': f.body.length, ETag: f.etag, 'Last-Modified': lastModified,
	});
	res.end(f.body);
});
server.keepAliveTimeout = 30000;
server.listen(0, '127.0.0.1', () => {
	process.stdout.write(`port ${server.address().port}\n`);
});
process.stdin.on('data', () => {});
process.stdin.on('end', () => {
	process.stdout.write(`requests ${count[200] + count[304] + count[404]} 200 ${count[200]} 304 ${count[304]} 404 ${count[404]}\n`);
	process.exit(0);
});
