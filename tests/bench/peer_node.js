// peer_node.js - a Node feed parser on a saved feed, for bench_peers.py.
//
//   node peer_node.js NODE_MODULES rss-parser|feedparser FILE SECONDS
//
// Parses FILE (read once) over and over until SECONDS of process CPU time
// are spent and prints "items N parses N cpu S" (N items per parse).
'use strict';
const fs = require('fs');
const path = require('path');
const { Readable } = require('stream');

const [modules, name, file, secsArg] = process.argv.slice(2);
const secs = Number(secsArg || 2);
const xml = fs.readFileSync(file, 'utf8');
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };

function rssParser() {
	const Parser = require(path.join(modules, 'rss-parser'));
	const p = new Parser();
	return () => p.parseString(xml).then((feed) => feed.items.length);
}

function feedParser() {
	const FeedParser = require(path.join(modules, 'feedparser'));
	return () => new Promise((resolve, reject) => {
		const fp = new FeedParser();
		let n = 0;
		fp.on('error', reject);
		fp.on('readable', function () {
			while (this.read())
				n++;
		});
		fp.on('end', () => resolve(n));
		Readable.from([xml]).pipe(fp);
	});
}

(async () => {
	const parse = name === 'rss-parser' ? rssParser() : feedParser();
	const t0 = cpu();
	let parses = 0, items = 0, t = 0;
	while ((t = cpu() - t0) < secs || parses === 0) {
		items = await parse();
		parses++;
	}
	process.stdout.write(`items ${items} parses ${parses} cpu ${t.toFixed(3)}\n`);
})().catch((e) => {
	process.stderr.write(`peer_node: ${e.message}\n`);
	process.exit(1);
});
