import { describe, expect, it } from 'vitest';
import { aCustomer, aService } from '../testing/builders/document.js';
import { customerDisplayName } from './display-name.js';
import { serviceItemName } from './item-name.js';
import { escapeQboNameId } from './qbo-name.js';

describe('customerDisplayName', () => {
  it('appends the Ogustine id so homonyms get distinct names', () => {
    expect(customerDisplayName(aCustomer({ id: 'C1042', name: 'Jean Dupont' }))).toBe('Jean Dupont (C1042)');
    expect(customerDisplayName(aCustomer({ id: 'C1043', name: 'Jean Dupont' }))).toBe('Jean Dupont (C1043)');
  });

  it('replaces `:`, tabs, newlines and control characters by single spaces, and trims', () => {
    expect(customerDisplayName(aCustomer({ id: '7', name: '  ACME:\tNettoyage\r\n\u0000 Sud  ' }))).toBe('ACME Nettoyage Sud (7)');
  });

  it('shortens the name, never the suffix, to stay within 100 characters', () => {
    const name = customerDisplayName(aCustomer({ id: 'C99', name: 'Lefèvre '.repeat(40) }));
    expect(name).toBe(`${'Lefèvre '.repeat(11)}Lefèvr (C99)`);
    expect(name).toHaveLength(100);
  });

  it('never splits an emoji when shortening', () => {
    const name = customerDisplayName(aCustomer({ id: 'C1', name: `${'a'.repeat(94)}🙂🙂` }));
    expect(name).toBe(`${'a'.repeat(94)} (C1)`);
  });

  it('escapes ids holding forbidden characters injectively', () => {
    expect(escapeQboNameId('a:b')).toBe('a~3Ab');
    expect(escapeQboNameId('a~3Ab')).toBe('a~7E3Ab');
    expect(escapeQboNameId('x\ty (1)')).toBe('x~09y~20~281~29');
    expect(escapeQboNameId('\u2028')).toBe('~u2028');
    expect(customerDisplayName(aCustomer({ id: 'a:b', name: 'Zoé' }))).toBe('Zoé (a~3Ab)');
  });

  it('hashes a very long id rather than leaving no room for the name', () => {
    const name = customerDisplayName(aCustomer({ id: 'x'.repeat(300), name: 'Zoé Martin' }));
    expect(name).toMatch(/^Zoé Martin \(#[0-9A-F]{16}\)$/);
  });

  it('falls back to `Client` for a blank name', () => {
    expect(customerDisplayName(aCustomer({ id: 'C5', name: ' :\n ' }))).toBe('Client (C5)');
  });
});

describe('serviceItemName', () => {
  it('names the item after the service and its id', () => {
    expect(serviceItemName(aService({ id: 'S7', name: 'Ménage' }))).toBe('Ménage (S7)');
    expect(serviceItemName(aService({ id: 'S8', name: 'Jardinage : tonte' }))).toBe('Jardinage tonte (S8)');
    expect(serviceItemName(aService({ id: 'S9', name: '' }))).toBe('Prestation (S9)');
  });
});
