// peer_sentiment.js - an npm sentiment scorer on a set of texts, for
// bench_sentiment_peers.py.
//
//   node peer_sentiment.js NODE_MODULES sentiment|vader-sentiment FILE SECONDS
//
// FILE is a TSV with a header; its "text" column is read once (the same
// texts sentiment_bench reads). After an untimed warm-up on the first 2000
// texts (so V8 has compiled the scorer), the texts are scored in order,
// over and over, until SECONDS of process CPU time are spent. Prints
// "texts N bytes B done D done_bytes DB cpu S wall W" (N, B: the set; D,
// DB: scored in the timed loop).
'use strict';
const fs = require('fs');
const path = require('path');

const [modules, name, file, secsArg] = process.argv.slice(2);
const secs = Number(secsArg || 3);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1e6; };
const wall = () => Number(process.hrtime.bigint()) / 1e9;

function readTexts(f) {
	const lines = fs.readFileSync(f, 'utf8').split('\n');
	const col = lines[0].replace(/\r$/, '').split('\t').indexOf('text');
	if (col < 0)
		throw new Error(`${f}: no "text" column`);
	const out = [];
	for (let i = 1; i < lines.length; i++) {
		const fields = lines[i].replace(/\r$/, '').split('\t');
		if (lines[i] === '' && i === lines.length - 1)
			break;
		if (col < fields.length)
			out.push(fields[col]);
	}
	return out;
}

function scorer() {
	if (name === 'sentiment') {
		const Sentiment = require(path.join(modules, 'sentiment'));
		const s = new Sentiment();
		return (t) => s.analyze(t).score;
	}
	if (name === 'vader-sentiment') {
		const vader = require(path.join(modules, 'vader-sentiment'));
		const sia = vader.SentimentIntensityAnalyzer;
		return (t) => sia.polarity_scores(t).compound;
	}
	throw new Error(`unknown peer ${name}`);
}

try {
	const texts = readTexts(file);
	if (!texts.length)
		throw new Error(`${file}: no texts`);
	const lens = texts.map((t) => Buffer.byteLength(t, 'utf8'));
	const bytes = lens.reduce((a, b) => a + b, 0);
	const score = scorer();
	let check = 0;
	for (let k = 0; k < Math.min(texts.length, 2000); k++) // warm-up, untimed
		check += score(texts[k]);
	const t0 = cpu(), w0 = wall();
	let done = 0, doneBytes = 0, t = 0, i = 0;
	while (done === 0 || (t = cpu() - t0) < secs) {
		for (let k = 0; k < 64; k++) { // the clock is read every 64 texts
			check += score(texts[i]);
			doneBytes += lens[i];
			done++;
			if (++i === texts.length)
				i = 0;
		}
	}
	t = cpu() - t0;
	process.stdout.write(`texts ${texts.length} bytes ${bytes} done ${done} done_bytes ${doneBytes} ` +
		`cpu ${t.toFixed(3)} wall ${(wall() - w0).toFixed(3)}` +
		`${check === 12345.678 ? ' ' : ''}\n`);
} catch (e) {
	process.stderr.write(`peer_sentiment: ${e.message}\n`);
	process.exit(1);
}
