/**
 * The one seeded random source of the tests, the sandbox's fault dice and the fuzz cases
 * (mulberry32): the same seed gives the same sequence on every machine.
 */
export function seededRandom(seed: number) {
	let state = seed >>> 0;
	const next = () => {
		state = (state + 0x6d2b79f5) >>> 0;
		let t = state;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	};
	return {
		/** A number in [0, 1). */
		next,
		int: (min: number, maxInclusive: number) => min + Math.floor(next() * (maxInclusive - min + 1)),
		pick: <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)],
		chance: (probability: number) => next() < probability,
	};
}

export type SeededRandom = ReturnType<typeof seededRandom>;
