// The services (prestations) of a home-services company, with the VAT rates French law gives them
// when sold by an approved provider: 10 % for most services à la personne, 5,5 % for help to elderly
// or disabled people, 20 % for what is outside the scheme. An association's services are exempt (0 %).
import type { AccountProfile } from './account-spec.js';
import type { RatePermille } from '../documents/amounts.js';

export interface Service {
  readonly id: string;
  readonly name: string;
  /** Tenths of a percent: 55 is 5,5 %. */
  readonly rate: RatePermille;
  readonly unitPriceCents: number;
  /** `hour` services are sold by the hour (quantities like 2,5), `unit` ones by the piece. */
  readonly unit: 'hour' | 'unit';
  /** A description with the month, e.g. `Ménage hebdomadaire`. */
  readonly description: string;
}

const COMPANY: readonly Service[] = [
  { id: 'S-MEN', name: 'Ménage', rate: 100, unitPriceCents: 2500, unit: 'hour', description: 'Ménage hebdomadaire' },
  { id: 'S-REP', name: 'Repassage', rate: 100, unitPriceCents: 2200, unit: 'hour', description: 'Repassage à domicile' },
  { id: 'S-GAR', name: "Garde d'enfants", rate: 100, unitPriceCents: 2150, unit: 'hour', description: "Garde d'enfants après l'école" },
  { id: 'S-JAR', name: 'Jardinage', rate: 100, unitPriceCents: 3000, unit: 'hour', description: 'Petits travaux de jardinage' },
  { id: 'S-SCO', name: 'Soutien scolaire', rate: 200, unitPriceCents: 3500, unit: 'hour', description: 'Cours particuliers à domicile' },
  { id: 'S-SEN', name: 'Aide aux seniors', rate: 55, unitPriceCents: 2490, unit: 'hour', description: 'Accompagnement courses et repas' },
  {
    id: 'S-ELA',
    name: 'Élagage',
    rate: 200,
    unitPriceCents: 4500,
    unit: 'hour',
    description: 'Taille de haies et élagage (hors services à la personne)',
  },
  { id: 'S-DEP', name: 'Frais de déplacement', rate: 200, unitPriceCents: 450, unit: 'unit', description: 'Déplacements' },
];

const ASSOCIATION: readonly Service[] = [
  { id: 'S-MEN', name: 'Ménage', rate: 0, unitPriceCents: 2100, unit: 'hour', description: 'Ménage (exonéré, services à la personne)' },
  { id: 'S-GAR', name: "Garde d'enfants", rate: 0, unitPriceCents: 1900, unit: 'hour', description: "Garde d'enfants (exonéré)" },
  { id: 'S-SEN', name: 'Aide aux seniors', rate: 0, unitPriceCents: 2200, unit: 'hour', description: 'Aide à domicile (exonéré)' },
  { id: 'S-JAR', name: 'Jardinage', rate: 0, unitPriceCents: 2400, unit: 'hour', description: 'Petits travaux de jardinage (exonéré)' },
  { id: 'S-ADH', name: 'Adhésion annuelle', rate: 0, unitPriceCents: 1500, unit: 'unit', description: "Adhésion à l'association" },
];

export const catalogueFor = (profile: AccountProfile): readonly Service[] => (profile === 'association' ? ASSOCIATION : COMPANY);
