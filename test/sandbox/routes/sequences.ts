import { GraphError, newId, paginate } from '../graph';
import type { RequestContext, RouteRegistry } from '../server';
import type { SandboxState, SequenceRecord } from '../state';

/**
 * Welcome message sequences for Click-to-WhatsApp ads, per Meta's "Welcome Message Sequences - API
 * Guide": POST creates (or updates with `sequence_id`), GET lists (or gets one with `sequence_id`),
 * DELETE removes. A sequence linked to an active ad cannot be updated or deleted (4027012).
 */
const errors = {
	invalidInput: (details: string) =>
		new GraphError(4027001, 'Invalid input data', { details, userTitle: 'Invalid input data', userMsg: details }),
	missingParameter: (name: string) =>
		new GraphError(4027010, 'Missing parameter', { details: `${name} is required`, userTitle: 'Missing parameter', userMsg: `${name} is required` }),
	usedInAd: () =>
		new GraphError(4027012, 'Sequence used in an ad', {
			userTitle: 'Sequence used in an ad',
			userMsg: 'The welcome message sequence is linked to an active ad and cannot be updated or deleted.',
		}),
	notLoaded: (id: string) =>
		new GraphError(4027017, 'Could not load the sequence', {
			details: `Sequence ${id} does not exist or you do not have permission to access it`,
			userTitle: 'Could not load the sequence',
		}),
};

/** The guide's sample sends the sequence as a JSON-encoded form field; JSON bodies may nest it. */
function readWelcomeMessage(value: unknown): string {
	let parsed: unknown = value;
	if (typeof value === 'string') {
		try {
			parsed = JSON.parse(value);
		} catch {
			throw errors.invalidInput('welcome_message_sequence is not valid JSON');
		}
	}
	if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) {
		throw errors.invalidInput('welcome_message_sequence must be a JSON object');
	}
	const message = parsed as Record<string, unknown>;
	if (message.text !== undefined && typeof message.text !== 'string') throw errors.invalidInput('text must be a string');
	if (message.autofill_message !== undefined) {
		const autofill = message.autofill_message as Record<string, unknown>;
		if (!autofill || typeof autofill !== 'object' || typeof autofill.content !== 'string') {
			throw errors.invalidInput('autofill_message must be an object with a string content');
		}
	}
	if (message.ice_breakers !== undefined) {
		if (!Array.isArray(message.ice_breakers) || message.ice_breakers.some((b) => !b || typeof (b as Record<string, unknown>).title !== 'string')) {
			throw errors.invalidInput('ice_breakers must be a list of objects with a string title');
		}
	}
	return JSON.stringify(parsed);
}

function present(value: unknown): boolean {
	return value !== undefined && value !== null && value !== '';
}

function findSequence(ctx: RequestContext, id: string): SequenceRecord {
	const sequence = ctx.state.sequences.get(id);
	if (!sequence) throw errors.notLoaded(id);
	return sequence;
}

export function makeSequence(partial: Partial<SequenceRecord> & { welcome_message_sequence?: unknown }): SequenceRecord {
	const message = partial.welcome_message_sequence ?? { text: 'Hello! How can we help?' };
	return {
		sequence_id: partial.sequence_id ?? newId('8'),
		name: partial.name ?? 'Sequence',
		welcome_message_sequence: typeof message === 'string' ? message : JSON.stringify(message),
		is_used_in_ad: partial.is_used_in_ad ?? false,
		last_update_time: partial.last_update_time ?? new Date().toISOString(),
	};
}

export function register(registry: RouteRegistry): void {
	registry.seeder('sequences', (state: SandboxState, records) => {
		for (const record of records) {
			const sequence = makeSequence(record as Partial<SequenceRecord>);
			state.sequences.set(sequence.sequence_id, sequence);
		}
	});

	registry.node('POST', 'waba', 'welcome_message_sequences', (ctx) => {
		const { input } = ctx;
		const sequenceId = present(input.sequence_id) ? String(input.sequence_id).replace(/^"|"$/g, '') : undefined;
		if (sequenceId) {
			const sequence = findSequence(ctx, sequenceId);
			if (sequence.is_used_in_ad) throw errors.usedInAd();
			// Validate everything before changing anything: a rejected update leaves the sequence as it was.
			const message = present(input.welcome_message_sequence) ? readWelcomeMessage(input.welcome_message_sequence) : undefined;
			if (present(input.name)) sequence.name = String(input.name);
			if (message !== undefined) sequence.welcome_message_sequence = message;
			sequence.last_update_time = new Date().toISOString();
			return { json: { success: true } };
		}
		if (!present(input.name)) throw errors.missingParameter('name');
		if (!present(input.welcome_message_sequence)) throw errors.missingParameter('welcome_message_sequence');
		const sequence = makeSequence({
			name: String(input.name),
			welcome_message_sequence: readWelcomeMessage(input.welcome_message_sequence),
		});
		ctx.state.sequences.set(sequence.sequence_id, sequence);
		return { json: { sequence_id: sequence.sequence_id } };
	});

	registry.node('GET', 'waba', 'welcome_message_sequences', (ctx) => {
		const sequenceId = ctx.query.get('sequence_id');
		let list = [...ctx.state.sequences.values()];
		if (sequenceId) list = list.filter((s) => s.sequence_id === sequenceId.replace(/^"|"$/g, ''));
		if (ctx.state.sequenceListShape === 'array') {
			const rawLimit = ctx.query.get('limit');
			if (rawLimit !== null) {
				if (!/^\d+$/.test(rawLimit) || Number(rawLimit) < 1) throw errors.invalidInput('limit must be a positive integer');
				list = list.slice(0, Number(rawLimit));
			}
			return { json: list };
		}
		const page = paginate(
			list.map(({ sequence_id, ...rest }) => ({ id: sequence_id, ...rest })),
			ctx.query,
			{ defaultLimit: 25, maxLimit: 100, selfUrl: ctx.url },
		);
		return { json: page };
	});

	registry.node('DELETE', 'waba', 'welcome_message_sequences', (ctx) => {
		if (!present(ctx.input.sequence_id)) throw errors.missingParameter('sequence_id');
		const sequence = findSequence(ctx, String(ctx.input.sequence_id).replace(/^"|"$/g, ''));
		if (sequence.is_used_in_ad) throw errors.usedInAd();
		ctx.state.sequences.delete(sequence.sequence_id);
		return { json: { success: true } };
	});
}
