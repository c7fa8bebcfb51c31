/** Shared pieces of the benchmarks: the machine line, memory sampling and the result table. */
import { cpus, totalmem } from 'node:os';

export function machine(): string {
	const list = cpus();
	const model = (list[0]?.model ?? 'unknown CPU').replace(/\s+/g, ' ').trim();
	return `${model}, ${list.length} cores, ${(totalmem() / 1024 ** 3).toFixed(1)} GB RAM, Node ${process.version}, ${process.platform}/${process.arch}`;
}

export interface Figure {
	name: string;
	value: string;
	goal: string;
	/** undefined: informational only. */
	pass?: boolean;
}

export interface BenchResult {
	title: string;
	figures: Figure[];
	notes: string[];
}

export function printResult(result: BenchResult): void {
	console.log(`\n## ${result.title}`);
	const width = Math.max(...result.figures.map((f) => f.name.length), 10);
	const valueWidth = Math.max(...result.figures.map((f) => f.value.length), 8);
	for (const figure of result.figures) {
		const verdict = figure.pass === undefined ? '' : figure.pass ? '  PASS' : '  FAIL';
		console.log(`  ${figure.name.padEnd(width)}  ${figure.value.padStart(valueWidth)}   goal: ${figure.goal}${verdict}`);
	}
	for (const note of result.notes) console.log(`  note: ${note}`);
}

/** Samples RSS and heap while `work` runs; growth is measured from just before it starts. */
export async function withMemory<T>(work: () => Promise<T>, intervalMs = 5) {
	const start = process.memoryUsage();
	let peakRss = start.rss;
	let peakHeap = start.heapUsed;
	const timer = setInterval(() => {
		const now = process.memoryUsage();
		if (now.rss > peakRss) peakRss = now.rss;
		if (now.heapUsed > peakHeap) peakHeap = now.heapUsed;
	}, intervalMs);
	const began = performance.now();
	try {
		const value = await work();
		const ms = performance.now() - began;
		const end = process.memoryUsage();
		peakRss = Math.max(peakRss, end.rss);
		peakHeap = Math.max(peakHeap, end.heapUsed);
		return { value, ms, rssGrowth: peakRss - start.rss, heapGrowth: peakHeap - start.heapUsed, peakRss };
	} finally {
		clearInterval(timer);
	}
}

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;
export const ms = (value: number) => (value >= 10_000 ? `${(value / 1000).toFixed(1)} s` : `${value.toFixed(value < 10 ? 2 : 0)} ms`);

export function median(values: number[]): number {
	const sorted = [...values].sort((a, b) => a - b);
	const middle = Math.floor(sorted.length / 2);
	return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

export function unavailable(title: string, reason: string): BenchResult {
	return { title, figures: [{ name: 'not measured', value: '-', goal: reason }], notes: [] };
}
