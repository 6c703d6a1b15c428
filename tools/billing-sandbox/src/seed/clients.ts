// The clients of an account: French names with accents, apostrophes and ligatures, a few companies,
// and homonyms on purpose (the first two clients of every account are both « Marie Martin »).
import type { WireCustomer } from '../documents/wire-document.js';
import { Random } from './random.js';

const FIRST_NAMES = ['Marie', 'Jeanne', 'Élodie', 'Hélène', 'Chloé', 'Zoé', 'Anaïs', 'Léa', 'Inès', 'Noémie', 'Maëlle', 'Cécile', 'Agnès'];
const MORE_FIRST_NAMES = ['François', 'Jérôme', 'Stéphane', 'Benoît', 'Loïc', 'Gaël', 'Joël', 'Théo', 'Noël', 'Pierre', 'Jean', 'Michel'];
const LAST_NAMES = [
  'Martin',
  'Dupont',
  'Lefèvre',
  'Müller',
  'Gérard',
  'Bénard',
  'Lœuillet',
  "N'Diaye",
  'Le Goff',
  'Da Silva',
  'Nguyen',
  'Châtelain',
  'Fournier',
  'Rousseau',
  'Hoarau',
  'Payet',
  'Grondin',
];
const COMPANIES = [
  'SCI Les Tilleuls',
  'Résidence Les Érables',
  "Crèche Les P'tits Loups",
  'Cabinet médical Saint-Éloi',
  'Syndic Hervé & Fils',
  "Gîte de l'Étang",
];
const CITIES: readonly (readonly [string, string])[] = [
  ['69003', 'Lyon'],
  ['44000', 'Nantes'],
  ['42000', 'Saint-Étienne'],
  ['25000', 'Besançon'],
  ['45000', 'Orléans'],
  ['30000', 'Nîmes'],
  ['34500', 'Béziers'],
  ['91000', 'Évry-Courcouronnes'],
  ['97400', 'Saint-Denis'],
];
const STREETS = [
  'rue des Lilas',
  'avenue Jean-Jaurès',
  'chemin des Écoliers',
  "place de l'Église",
  'boulevard Hérault',
  'impasse des Mûriers',
];

/** Lower-case ASCII for an e-mail: `Lœuillet` → `loeuillet`, `N'Diaye` → `ndiaye`. */
const mailPart = (text: string): string =>
  text
    .replace(/œ/g, 'oe')
    .replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '');

/** How many clients an account has for its number of documents. */
export const clientCount = (documents: number): number => Math.max(30, Math.round(documents / 20));

/** Client `index` of an account, always the same for the same seed. */
export const seededClient = (seed: number, accountId: string, index: number): WireCustomer => {
  const r = new Random(seed, accountId, 'client', index);
  const [postalCode, city] = index < 2 ? (index === 0 ? CITIES[0] : CITIES[1])! : r.pick(CITIES);
  const address = { lines: [`${r.int(1, 120)} ${r.pick(STREETS)}`], postalCode, city, country: 'FR' };
  const id = `${accountId}-C${index + 1}`;
  if (index >= 2 && r.chance(0.1)) {
    const companyName = r.pick(COMPANIES);
    return { id, kind: 'company', name: companyName, companyName, email: `contact@${mailPart(companyName)}.example.fr`, address };
  }
  const firstName = index < 2 ? 'Marie' : r.pick(r.chance(0.5) ? FIRST_NAMES : MORE_FIRST_NAMES);
  const lastName = index < 2 ? 'Martin' : r.pick(LAST_NAMES);
  const email = r.chance(0.7) ? `${mailPart(firstName)}.${mailPart(lastName)}${index}@example.fr` : undefined;
  const phone = r.chance(0.5) ? `06 ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)} ${r.int(10, 99)}` : undefined;
  return {
    id,
    kind: 'person',
    name: `${firstName} ${lastName}`,
    firstName,
    lastName,
    ...(email === undefined ? {} : { email }),
    ...(phone === undefined ? {} : { phone }),
    address,
  };
};
