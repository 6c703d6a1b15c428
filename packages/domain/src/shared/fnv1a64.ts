/**
 * FNV-1a, 64 bits, over a string's UTF-16 code units, as 16 hexadecimal digits (lower case). A short,
 * stable, non-cryptographic digest: used where a value must be told apart from others of its kind
 * (customer payloads, over-long ids in QBO names), never where an attacker chooses the input to collide.
 */
export const fnv1a64 = (text: string): string => {
  let hash = 0xcbf29ce484222325n;
  for (let i = 0; i < text.length; i += 1) {
    hash ^= BigInt(text.charCodeAt(i));
    hash = (hash * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return hash.toString(16).padStart(16, '0');
};
