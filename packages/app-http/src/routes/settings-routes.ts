import { createRoute, z } from '@hono/zod-openapi';
import { ATTACH_PDF_SETTING, ATTACH_PDF_SETTING_HINT, type Language } from '@ogustine-qbo/domain';
import type { Journeys } from '../composition/journeys.js';
import { answer, createRouter } from '../http/router.js';
import { bearer, commonProblems, conflictProblem, json, jsonBody } from '../schemas/common.js';

const Wording = z.object({ label: z.string(), description: z.string() }).openapi('SettingWording');

const Settings = z
  .object({
    attachPdf: z.boolean().openapi({
      description:
        'Joindre le PDF Ogustine: each document is sent with the PDF Ogustine generated attached (one upload each); on by default. Applies to documents sent from then on.',
    }),
    wording: z.object({ attachPdf: Wording }).openapi({ description: 'What the settings screen shows, in the negotiated language.' }),
  })
  .openapi('Settings');

const SettingsChange = z
  .object({ attachPdf: z.boolean().optional() })
  .strict()
  .refine((change) => change.attachPdf !== undefined, { message: 'attachPdf', path: ['attachPdf'] })
  .openapi('SettingsChange', { description: 'The settings to change; those absent stay as they are.' });

const read = createRoute({
  method: 'get',
  path: '/settings',
  tags: ['Settings'],
  summary: 'The account’s settings of the module (Joindre le PDF Ogustine)',
  security: bearer,
  responses: { 200: json(Settings, 'The settings in force.'), ...commonProblems },
});

const change = createRoute({
  method: 'patch',
  path: '/settings',
  tags: ['Settings'],
  summary: 'Change settings of the module; applies to documents sent from now on',
  security: bearer,
  request: jsonBody(SettingsChange),
  responses: {
    200: json(Settings, 'The settings in force.'),
    409: conflictProblem,
    ...commonProblems,
  },
});

const view = (attachPdf: boolean, language: Language) => ({
  attachPdf,
  wording: { attachPdf: { label: ATTACH_PDF_SETTING[language], description: ATTACH_PDF_SETTING_HINT[language] } },
});

export const settingsRoutes = (journeys: Journeys) =>
  createRouter()
    .openapi(read, (c) =>
      answer(c, journeys.choosePdfAttachment.show(c.get('accountId')), (attachPdf) => c.json(view(attachPdf, c.get('language')), 200)),
    )
    .openapi(change, (c) => {
      // The schema refuses a body without it: the one setting there is today.
      const attachPdf = c.req.valid('json').attachPdf ?? true;
      return answer(c, journeys.choosePdfAttachment.choose(c.get('accountId'), attachPdf), (stored) =>
        c.json(view(stored, c.get('language')), 200),
      );
    });
