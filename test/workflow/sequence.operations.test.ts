import type { IDataObject } from 'n8n-workflow';

import { useSandbox } from '../helpers/sandbox';
import { jsonOf, runNode, sandboxCredential } from '../helpers/workflow';

const byId = (value: string) => ({ __rl: true, mode: 'id', value });
const fromList = (value: string) => ({ __rl: true, mode: 'list', value, cachedResultName: 'picked' });

describe('Sequence operations through WorkflowExecute', () => {
	const sandbox = useSandbox({
		seed: {
			sequences: [
				{ sequence_id: '8716291', name: 'Driver Sign up', welcome_message_sequence: { text: 'Hi driver' }, is_used_in_ad: true },
				{ sequence_id: '4362', name: 'Basic Triage', welcome_message_sequence: { text: 'Hi', ice_breakers: [{ title: 'Hours?' }] } },
			],
		},
	});

	const run = (parameters: IDataObject, extra: { items?: IDataObject[]; continueOnFail?: boolean; credential?: Record<string, string> } = {}) =>
		runNode({
			parameters: { resource: 'sequence', ...parameters },
			credential: sandboxCredential(sandbox, extra.credential),
			items: extra.items,
			continueOnFail: extra.continueOnFail,
		});

	describe('Create', () => {
		it('sends the guide\'s form fields and returns the ID with a ready ad creative', async () => {
			const result = await run({
				operation: 'create',
				name: 'Driver sign-up',
				defineUsing: 'fields',
				text: 'This is a welcome message authored in a 3P tool',
				autofillMessage: 'Hello! Can I get more info on this!',
				iceBreakers: { iceBreaker: [{ title: 'Quick reply 1' }, { title: 'Quick reply 2' }] },
			});
			expect(result.error).toBeUndefined();
			const [output] = jsonOf(result);
			const id = output.sequence_id as string;
			expect(id).toMatch(/^\d+$/);
			expect(output.adCreative).toEqual({ asset_feed_spec: { additional_data: { partner_app_welcome_message_flow_id: id } } });
			expect(result.items[0].pairedItem).toEqual({ item: 0 });

			const [call] = sandbox.requestsTo('POST', '/welcome_message_sequences');
			expect(call.path).toBe(`/v25.0/${sandbox.state.wabaId}/welcome_message_sequences`);
			expect(call.contentType).toMatch(/application\/x-www-form-urlencoded/);
			const body = call.body as Record<string, string>;
			expect(body.name).toBe('Driver sign-up');
			// A JSON-encoded field, as in the guide's curl sample.
			expect(typeof body.welcome_message_sequence).toBe('string');
			expect(JSON.parse(body.welcome_message_sequence)).toEqual({
				text: 'This is a welcome message authored in a 3P tool',
				autofill_message: { content: 'Hello! Can I get more info on this!' },
				ice_breakers: [{ title: 'Quick reply 1' }, { title: 'Quick reply 2' }],
			});
			expect(sandbox.state.sequences.get(id)?.name).toBe('Driver sign-up');
		});

		it('takes the welcome message as raw JSON', async () => {
			const result = await run({
				operation: 'create',
				name: 'Car Leads',
				defineUsing: 'json',
				welcomeMessageJson: '{"text":"Cars!","ice_breakers":[{"title":"Price?"}],"autofill_message":{"content":"Info please"}}',
			});
			expect(result.error).toBeUndefined();
			const id = jsonOf(result)[0].sequence_id as string;
			expect(JSON.parse(sandbox.state.sequences.get(id)!.welcome_message_sequence)).toEqual({
				text: 'Cars!',
				ice_breakers: [{ title: 'Price?' }],
				autofill_message: { content: 'Info please' },
			});
		});

		it('creates one sequence per input item, outputs in input order', async () => {
			const names = ['First', 'Second', 'Third', 'Fourth', 'Fifth'];
			const result = await run(
				{ operation: 'create', name: '={{ $json.name }}', defineUsing: 'fields', text: '={{ "Welcome to " + $json.name }}' },
				{ items: names.map((name) => ({ name })) },
			);
			expect(result.error).toBeUndefined();
			expect(jsonOf(result).map((j) => j.name)).toEqual(names);
			expect(result.items.map((i) => i.pairedItem)).toEqual(names.map((_, item) => ({ item })));
			const calls = sandbox.requestsTo('POST', '/welcome_message_sequences');
			expect(calls).toHaveLength(5);
			expect(calls.map((c) => (c.body as Record<string, string>).name).sort()).toEqual([...names].sort());
			for (const output of jsonOf(result)) {
				const stored = sandbox.state.sequences.get(output.sequence_id as string)!;
				expect(stored.name).toBe(output.name);
				expect(JSON.parse(stored.welcome_message_sequence)).toEqual({ text: `Welcome to ${String(output.name)}` });
			}
		});

		it.each([
			[{ name: '   ', text: 'Hi' }, 'Field "Name": must not be empty'],
			[{ name: 'A', text: '', autofillMessage: '' }, 'Field "Text": enter a welcome text, a prefilled message or at least one ice breaker'],
			[{ name: 'A', text: 'Hi', iceBreakers: { iceBreaker: [{ title: 'Ok' }, { title: ' ' }] } }, 'Field "Ice Breakers": title 2 must not be empty'],
			[{ name: 'A', defineUsing: 'json', welcomeMessageJson: '{"text": "unclosed' }, 'Field "Welcome Message (JSON)": must be valid JSON'],
			[{ name: 'A', defineUsing: 'json', welcomeMessageJson: '[{"text":"Hi"}]' }, 'Field "Welcome Message (JSON)": must be a JSON object'],
			[{ name: 'A', defineUsing: 'json', welcomeMessageJson: '{}' }, 'Field "Welcome Message (JSON)": must contain at least'],
			[{ name: 'A', defineUsing: 'json', welcomeMessageJson: '{"text":"Hi","ice_breakers":[{"title":""}]}' }, 'Field "Welcome Message (JSON)": ice_breakers[0].title must be a non-empty string'],
		])('rejects %j before sending anything', async (fields, message) => {
			const result = await run({ operation: 'create', defineUsing: 'fields', ...fields });
			expect(result.error?.message).toContain(message);
			expect(result.error?.description).toContain('No request was sent to Meta.');
			expect(sandbox.requests).toHaveLength(0);
		});

		it.each([
			[4027001, 'Invalid input data', /Check all the fields and parameters/],
			[4027010, 'Missing parameter', /required parameter is missing/],
		])('maps Meta error %i to a NodeApiError with the guide\'s solution, sent once', async (code, title, hint) => {
			sandbox.faults.queue.push({
				method: 'POST',
				pathIncludes: 'welcome_message_sequences',
				status: 400,
				body: { error: { message: `(#${code}) ${title}`, type: 'OAuthException', code, error_user_title: title, error_user_msg: title, fbtrace_id: 'AbCtrace1' } },
			});
			const result = await run({ operation: 'create', name: 'A', defineUsing: 'fields', text: 'Hi' });
			expect(result.error?.message).toBe(`Meta error ${code}: ${title}`);
			expect(result.error?.description).toMatch(hint);
			expect(result.error?.description).toContain('fbtrace_id AbCtrace1');
			expect(sandbox.requestsTo('POST', '/welcome_message_sequences')).toHaveLength(1);
		});
	});

	describe('Update', () => {
		it('renames a sequence picked from the list, sending only what changes', async () => {
			const result = await run({ operation: 'update', sequenceId: fromList('4362'), newName: 'Triage v2', defineUsing: 'keep' });
			expect(result.error).toBeUndefined();
			expect(jsonOf(result)).toEqual([{ success: true, sequence_id: '4362' }]);
			const [call] = sandbox.requestsTo('POST', '/welcome_message_sequences');
			expect(call.body).toEqual({ sequence_id: '4362', name: 'Triage v2' });
			expect(sandbox.state.sequences.get('4362')?.name).toBe('Triage v2');
			expect(JSON.parse(sandbox.state.sequences.get('4362')!.welcome_message_sequence)).toEqual({ text: 'Hi', ice_breakers: [{ title: 'Hours?' }] });
		});

		it('replaces the welcome message by ID', async () => {
			const result = await run({ operation: 'update', sequenceId: byId('4362'), defineUsing: 'fields', text: 'New hello', iceBreakers: { iceBreaker: [{ title: 'Book' }] } });
			expect(result.error).toBeUndefined();
			const body = sandbox.requestsTo('POST', '/welcome_message_sequences')[0].body as Record<string, string>;
			expect(body.name).toBeUndefined();
			expect(JSON.parse(body.welcome_message_sequence)).toEqual({ text: 'New hello', ice_breakers: [{ title: 'Book' }] });
			expect(JSON.parse(sandbox.state.sequences.get('4362')!.welcome_message_sequence)).toEqual({ text: 'New hello', ice_breakers: [{ title: 'Book' }] });
		});

		it('refuses to send an update with nothing to change', async () => {
			const result = await run({ operation: 'update', sequenceId: byId('4362'), newName: '  ', defineUsing: 'keep' });
			expect(result.error?.message).toBe('Field "New Name": is empty and "Define Using" is "Don\'t Change": there is nothing to update');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('lets n8n refuse a literal ID that fails the locator\'s digits rule, sending nothing', async () => {
			await expect(run({ operation: 'update', sequenceId: byId('seq-12'), newName: 'X', defineUsing: 'keep' })).rejects.toThrow(/workflow has issues/);
			expect(sandbox.requests).toHaveLength(0);
		});

		it('rejects an ID from an expression that is not digits before sending', async () => {
			const result = await run({ operation: 'update', sequenceId: byId('={{ "seq-12" }}'), newName: 'X', defineUsing: 'keep' });
			expect(result.error?.message).toBe('Field "Sequence": must be a numeric sequence ID, not "seq-12"');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('rejects an empty sequence from an expression before sending', async () => {
			const result = await run({ operation: 'update', sequenceId: byId('={{ $json.missing ?? "" }}'), newName: 'X', defineUsing: 'keep' });
			expect(result.error?.message).toContain('Field "Sequence": must not be empty');
			expect(sandbox.requests).toHaveLength(0);
		});

		it('explains 4027012: the sequence is used by an active ad, and what to do', async () => {
			const result = await run({ operation: 'update', sequenceId: byId('8716291'), newName: 'X', defineUsing: 'keep' });
			expect(result.error?.message).toBe(
				'Meta error 4027012: The welcome message sequence is linked to an active ad and cannot be updated or deleted.',
			);
			expect(result.error?.description).toMatch(/Disconnect the sequence from the ad in Ads Manager \(or pause the ad\), then try again/);
			expect(result.error?.context?.metaCode).toBe(4027012);
			expect(sandbox.state.sequences.get('8716291')?.name).toBe('Driver Sign up');
			// Not a transient failure: sent once.
			expect(sandbox.requestsTo('POST', '/welcome_message_sequences')).toHaveLength(1);
		});

		it('reports 4027017 for an unknown sequence', async () => {
			const result = await run({ operation: 'update', sequenceId: byId('999'), newName: 'X', defineUsing: 'keep' });
			expect(result.error?.message).toMatch(/^Meta error 4027017: /);
			expect(result.error?.description).toMatch(/does not exist or the token has no permission/);
		});
	});

	describe('Get', () => {
		it('reads one sequence with sequence_id as a query parameter and parses its JSON', async () => {
			const result = await run({ operation: 'get', sequenceId: byId('4362') });
			expect(result.error).toBeUndefined();
			expect(jsonOf(result)).toEqual([
				expect.objectContaining({
					sequence_id: '4362',
					id: '4362',
					name: 'Basic Triage',
					is_used_in_ad: false,
					welcome_message_sequence: { text: 'Hi', ice_breakers: [{ title: 'Hours?' }] },
				}),
			]);
			const [call] = sandbox.requestsTo('GET', '/welcome_message_sequences');
			expect(call.query).toEqual({ sequence_id: '4362' });
			expect(call.body).toBeUndefined();
		});

		it('reads the Graph-edge shape ({data, paging}) with id instead of sequence_id', async () => {
			sandbox.seed({ sequenceListShape: 'edge' });
			const result = await run({ operation: 'get', sequenceId: fromList('8716291') });
			expect(jsonOf(result)).toEqual([expect.objectContaining({ sequence_id: '8716291', id: '8716291', is_used_in_ad: true, welcome_message_sequence: { text: 'Hi driver' } })]);
		});

		it('reads the {welcome_message_sequences: [...]} shape', async () => {
			sandbox.faults.queue.push({
				method: 'GET',
				pathIncludes: 'welcome_message_sequences',
				status: 200,
				body: { welcome_message_sequences: [{ id: '4362', name: 'Basic Triage', welcome_message_sequence: '{"text":"Hi"}', is_used_in_ad: false }] },
			});
			const result = await run({ operation: 'get', sequenceId: byId('4362') });
			expect(jsonOf(result)).toEqual([expect.objectContaining({ sequence_id: '4362', welcome_message_sequence: { text: 'Hi' } })]);
		});

		it('names the ID when Meta returns no such sequence', async () => {
			const result = await run({ operation: 'get', sequenceId: byId('123456') });
			expect(result.error?.message).toBe('Sequence 123456 was not found');
			expect(result.error?.description).toContain(sandbox.state.wabaId);
			expect(sandbox.requestsTo('GET', '/welcome_message_sequences')).toHaveLength(1);
		});
	});

	describe('Delete', () => {
		it('deletes with sequence_id as a query parameter', async () => {
			const result = await run({ operation: 'delete', sequenceId: byId('4362') });
			expect(result.error).toBeUndefined();
			expect(jsonOf(result)).toEqual([{ success: true, sequence_id: '4362' }]);
			const [call] = sandbox.requestsTo('DELETE', '/welcome_message_sequences');
			expect(call.query).toEqual({ sequence_id: '4362' });
			expect(sandbox.state.sequences.has('4362')).toBe(false);
		});

		it('explains 4027012 and keeps the sequence', async () => {
			const result = await run({ operation: 'delete', sequenceId: byId('8716291') });
			expect(result.error?.message).toMatch(/^Meta error 4027012: .*linked to an active ad/);
			expect(result.error?.description).toMatch(/Disconnect the sequence from the ad/);
			expect(sandbox.state.sequences.has('8716291')).toBe(true);
		});

		it('reports 4027017 for an unknown sequence', async () => {
			const result = await run({ operation: 'delete', sequenceId: byId('777') });
			expect(result.error?.message).toMatch(/^Meta error 4027017: /);
			expect(result.error?.context?.metaCode).toBe(4027017);
		});

		it('fails the item when Meta answers success: false, for delete and update alike', async () => {
			sandbox.setFaults({ queue: [{ method: 'DELETE', pathIncludes: '/welcome_message_sequences', status: 200, body: { success: false } }] });
			const deleted = await run({ operation: 'delete', sequenceId: byId('4362') });
			expect(deleted.error?.message).toBe('Meta did not delete sequence 4362');
			expect(deleted.error?.description).toBe('Response: {"success":false}');
			sandbox.setFaults({ queue: [{ method: 'POST', pathIncludes: '/welcome_message_sequences', status: 200, body: { success: false } }] });
			const updated = await run({ operation: 'update', sequenceId: byId('4362'), newName: 'Renamed' });
			expect(updated.error?.message).toBe('Meta did not update sequence 4362');
		});
	});

	describe('Get Many', () => {
		it('returns every sequence of a bare-array answer past the old page of 100 in one call (no cursors to follow)', async () => {
			sandbox.seed({ sequences: Array.from({ length: 130 }, (_, i) => ({ sequence_id: String(9000 + i), name: `Seq ${i}` })) });
			const result = await run({ operation: 'getAll', returnAll: true });
			expect(result.items).toHaveLength(132);
			const calls = sandbox.requestsTo('GET', '/welcome_message_sequences');
			expect(calls.map((c) => c.query.limit)).toEqual(['10000']);
		});

		it('asks once when a bare array does not fill the page', async () => {
			const result = await run({ operation: 'getAll', returnAll: true });
			expect(result.items).toHaveLength(2);
			expect(sandbox.requestsTo('GET', '/welcome_message_sequences')).toHaveLength(1);
		});
	});

	describe('Continue On Fail', () => {
		it('gives one error item per failed input item, paired, and carries on', async () => {
			const result = await run(
				{ operation: 'delete', sequenceId: byId('={{ $json.id }}') },
				{ items: [{ id: '8716291' }, { id: '4362' }, { id: 'abc' }, { id: '777' }], continueOnFail: true },
			);
			expect(result.error).toBeUndefined();
			const output = jsonOf(result);
			expect(output).toHaveLength(4);
			expect(output[0]).toEqual(expect.objectContaining({ metaCode: 4027012, httpCode: '400', error: expect.stringMatching(/linked to an active ad/) }));
			expect(output[0].fbtraceId).toEqual(expect.any(String));
			expect(output[1]).toEqual({ success: true, sequence_id: '4362' });
			expect(output[2]).toEqual(expect.objectContaining({ error: 'Field "Sequence": must be a numeric sequence ID, not "abc"' }));
			expect(output[3]).toEqual(expect.objectContaining({ metaCode: 4027017 }));
			expect(result.items.map((i) => i.pairedItem)).toEqual([{ item: 0 }, { item: 1 }, { item: 2 }, { item: 3 }]);
			// The invalid ID never left the node.
			expect(sandbox.requestsTo('DELETE', '/welcome_message_sequences').map((c) => c.query.sequence_id).sort()).toEqual(['4362', '777', '8716291']);
		});

		it('turns create validation failures into error items too', async () => {
			const result = await run(
				{ operation: 'create', name: '={{ $json.name }}', defineUsing: 'fields', text: 'Hi' },
				{ items: [{ name: '' }, { name: 'Good' }], continueOnFail: true },
			);
			const output = jsonOf(result);
			expect(output[0]).toEqual(expect.objectContaining({ error: 'Field "Name": must not be empty' }));
			expect(output[1]).toEqual(expect.objectContaining({ name: 'Good', sequence_id: expect.any(String) }));
			expect(sandbox.requestsTo('POST', '/welcome_message_sequences')).toHaveLength(1);
		});
	});
});
