import type { IBinaryData, IExecuteFunctions } from 'n8n-workflow';

export interface BinaryInput {
	binary: IBinaryData;
	/** Bytes, read from the binary store's metadata (or the base64 length) without loading the file. */
	size: number;
}

/**
 * An input item's binary field and its size, so validate() can check a file before anything is
 * sent without loading it (a document may be 100 MB); undefined when the item has no such field.
 */
export async function binaryInput(this: IExecuteFunctions, itemIndex: number, property: string): Promise<BinaryInput | undefined> {
	const binary = this.getInputData()[itemIndex]?.binary?.[property];
	if (!binary) return undefined;
	if (binary.id) {
		const { fileSize } = await this.helpers.getBinaryMetadata(binary.id);
		if (Number.isFinite(fileSize)) return { binary, size: fileSize };
		return { binary, size: (await this.helpers.getBinaryDataBuffer(itemIndex, property)).length };
	}
	return { binary, size: Buffer.byteLength(binary.data, 'base64') };
}

/** The problem of a missing input binary field, named by its field label. */
export function missingBinary(field: string, property: string) {
	return { field, rule: `the input item has no binary field "${property}"` };
}
