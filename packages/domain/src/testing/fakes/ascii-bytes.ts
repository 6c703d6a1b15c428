/** The bytes of an ASCII text, without `TextEncoder` (a web/Node global the pure domain does not assume). */
export const asciiBytes = (text: string): Uint8Array => Uint8Array.from(text, (c) => c.charCodeAt(0) & 0x7f);
