import { useSandbox } from '../helpers/sandbox';

/** The sandbox's welcome_message_sequences edge against Meta's guide, called with fetch. */
describe('sandbox: welcome_message_sequences', () => {
	const sandbox = useSandbox({
		seed: { sequences: [{ sequence_id: '8716291', name: 'Driver Sign up', is_used_in_ad: true }, { sequence_id: '4362', name: 'Basic Triage' }] },
	});
	let base: string;
	const auth = () => ({ Authorization: `Bearer ${sandbox.state.token}` });

	beforeEach(() => {
		base = `${sandbox.url}/v25.0/${sandbox.state.wabaId}/welcome_message_sequences`;
	});

	const call = async (method: string, url: string, body?: FormData | URLSearchParams) => {
		const response = await fetch(url, { method, headers: auth(), body });
		return { status: response.status, json: (await response.json()) as Record<string, any> };
	};

	it('creates from the guide\'s multipart sample and answers {sequence_id}', async () => {
		const form = new FormData();
		form.append('welcome_message_sequence', JSON.stringify({ text: 'Hi', autofill_message: { content: 'More info' }, ice_breakers: [{ title: 'Quick reply 1' }] }));
		form.append('name', 'Driver sign-up');
		const { status, json } = await call('POST', base, form);
		expect(status).toBe(200);
		expect(Object.keys(json)).toEqual(['sequence_id']);
		expect(sandbox.state.sequences.get(json.sequence_id)).toEqual(expect.objectContaining({ name: 'Driver sign-up', is_used_in_ad: false }));
	});

	it('answers 4027010 when name or welcome_message_sequence is missing on create', async () => {
		const noName = await call('POST', base, new URLSearchParams({ welcome_message_sequence: '{"text":"Hi"}' }));
		expect(noName.status).toBe(400);
		expect(noName.json.error.code).toBe(4027010);
		const noMessage = await call('POST', base, new URLSearchParams({ name: 'X' }));
		expect(noMessage.json.error.code).toBe(4027010);
	});

	it('answers 4027001 for a sequence that is not a JSON object', async () => {
		for (const value of ['{not json', '[1,2]', '{"ice_breakers":[{"title":5}]}']) {
			const { json } = await call('POST', base, new URLSearchParams({ name: 'X', welcome_message_sequence: value }));
			expect(json.error.code).toBe(4027001);
		}
	});

	it('updates with sequence_id (the guide quotes it) and answers {success:true}', async () => {
		const form = new FormData();
		form.append('sequence_id', '"4362"');
		form.append('name', 'Driver sign-up updated name');
		const { json } = await call('POST', base, form);
		expect(json).toEqual({ success: true });
		expect(sandbox.state.sequences.get('4362')?.name).toBe('Driver sign-up updated name');
	});

	it('leaves the sequence unchanged when an update is rejected', async () => {
		const { json } = await call('POST', base, new URLSearchParams({ sequence_id: '4362', name: 'Renamed', welcome_message_sequence: '{broken' }));
		expect(json.error.code).toBe(4027001);
		expect(sandbox.state.sequences.get('4362')?.name).toBe('Basic Triage');
	});

	it('refuses to update or delete a sequence used in an ad (4027012) and names unknown ones (4027017)', async () => {
		expect((await call('POST', base, new URLSearchParams({ sequence_id: '8716291', name: 'x' }))).json.error.code).toBe(4027012);
		expect((await call('DELETE', `${base}?sequence_id=8716291`)).json.error.code).toBe(4027012);
		expect((await call('POST', base, new URLSearchParams({ sequence_id: '1', name: 'x' }))).json.error.code).toBe(4027017);
		expect((await call('DELETE', `${base}?sequence_id=1`)).json.error.code).toBe(4027017);
		expect((await call('DELETE', base)).json.error.code).toBe(4027010);
		expect(sandbox.state.sequences.size).toBe(2);
	});

	it('lists as a bare array with the sequence as a JSON string, filters by sequence_id and honours limit', async () => {
		const all = await call('GET', base);
		expect(Array.isArray(all.json)).toBe(true);
		expect(all.json[0]).toEqual(expect.objectContaining({ sequence_id: '8716291', name: 'Driver Sign up', is_used_in_ad: true }));
		expect(typeof all.json[0].welcome_message_sequence).toBe('string');
		expect((await call('GET', `${base}?sequence_id=4362`)).json.map((s: { sequence_id: string }) => s.sequence_id)).toEqual(['4362']);
		expect((await call('GET', `${base}?sequence_id=999`)).json).toEqual([]);
		expect((await call('GET', `${base}?limit=1`)).json).toHaveLength(1);
	});

	it('serves the Graph-edge shape with cursor paging when asked to', async () => {
		sandbox.seed({ sequenceListShape: 'edge' });
		const first = await call('GET', `${base}?limit=1`);
		expect(first.json.data).toEqual([expect.objectContaining({ id: '8716291' })]);
		expect(first.json.paging.next).toContain('after=');
		const second = await call('GET', `${base}?limit=1&after=${first.json.paging.cursors.after}`);
		expect(second.json.data).toEqual([expect.objectContaining({ id: '4362' })]);
		expect(second.json.paging.next).toBeUndefined();
	});

	it('deletes with sequence_id as a query parameter', async () => {
		expect((await call('DELETE', `${base}?sequence_id=4362`)).json).toEqual({ success: true });
		expect(sandbox.state.sequences.has('4362')).toBe(false);
	});
});
