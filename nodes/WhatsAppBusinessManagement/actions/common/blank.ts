/** Nothing given: undefined, null, or text of spaces only. A number, object or array is a value. */
export const isBlank = (value: unknown): boolean => value === undefined || value === null || (typeof value === 'string' && value.trim() === '');
