import { createRoute, z } from '@hono/zod-openapi';
import { formatVatRate, vatRateKey } from '@ogustine-qbo/domain';
import type { Journeys } from '../composition/journeys.js';
import { answer, createRouter, problemReply } from '../http/router.js';
import { notAvailableYetProblem } from '../problems/http-problems.js';
import { readTaxCodesByRate } from '../queries/tax-codes-by-rate.js';
import { bearer, commonProblems, conflictProblem, json, jsonBody, OgustineId } from '../schemas/common.js';

const TaxCodeRef = z.object({ id: z.string(), name: z.string() }).openapi('TaxCodeRef');

const RateTaxCode = z
  .object({
    rate: z.string().openapi({ example: '5.5' }),
    rateLabel: z.string().openapi({ example: '5,5 %' }),
    taxCode: TaxCodeRef.nullable().openapi({
      description: 'The code used for this rate; null when the company has none (a failing prerequisite).',
    }),
    candidates: z.array(TaxCodeRef).openapi({ description: 'Active codes of the company taxing exactly this rate.' }),
  })
  .openapi('RateTaxCode');

const RateParam = z.object({
  rate: z
    .string()
    .regex(/^\d{1,2}(\.\d{1,3})?$/)
    .openapi({ param: { name: 'rate', in: 'path' }, example: '5.5' }),
});

const list = createRoute({
  method: 'get',
  path: '/tax-codes',
  tags: ['Tax codes'],
  summary: 'The QuickBooks tax code used for each VAT rate of the account’s documents',
  security: bearer,
  responses: {
    200: json(z.object({ rates: z.array(RateTaxCode) }).openapi('TaxCodesByRate'), 'One row per rate.'),
    409: conflictProblem,
    ...commonProblems,
  },
});

const change = createRoute({
  method: 'put',
  path: '/tax-codes/{rate}',
  tags: ['Tax codes'],
  summary: 'Choose the tax code for a VAT rate (e.g. the exempt code for 0 % services à la personne)',
  security: bearer,
  request: { params: RateParam, ...jsonBody(z.object({ taxCodeId: OgustineId }).strict().openapi('TaxCodeChoice')) },
  responses: { 200: json(RateTaxCode, 'The rate with its new code.'), 409: conflictProblem, ...commonProblems },
});

const ref = (code: { id: string; name: string } | undefined) => (code === undefined ? null : { id: code.id, name: code.name });

export const taxCodeRoutes = (journeys: Journeys) =>
  createRouter()
    .openapi(list, (c) =>
      answer(c, readTaxCodesByRate(journeys.ports, c.get('accountId')), (rows) =>
        c.json(
          {
            rates: rows.map((row) => ({
              rate: vatRateKey(row.rate),
              rateLabel: formatVatRate(row.rate)[c.get('language')],
              taxCode: ref(row.chosen),
              candidates: row.candidates.map((code) => ({ id: code.id, name: code.name })),
            })),
          },
          200,
        ),
      ),
    )
    .openapi(change, (c) =>
      problemReply(
        c,
        notAvailableYetProblem({
          fr: 'Le choix du code de TVA par taux arrive avec la prochaine version du module ; le code affiché est celui utilisé aujourd’hui.',
          en: 'Choosing the VAT code per rate comes with the next version of the module; the code shown is the one used today.',
        }),
      ),
    );
