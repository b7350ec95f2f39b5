/**
 * The default reading form: the findings the reference chest-CT collection recorded per study
 * (../shared/BRIEF.md, "The reading form"), with the definitions its readers were shown.
 */
import type { ReadingForm } from './form-schema.js';

const present = 'Present or absent anywhere in the lungs.';

/** The form a new workspace starts with (`reading-form.json`). */
export const DEFAULT_READING_FORM: ReadingForm = {
  version: 'ctbank-chest-ct-1',
  title: 'Chest CT, lung infection',
  definitions: [
    {
      term: 'ground-glass opacity',
      text:
        'hazy increased lung attenuation through which bronchial and vascular ' +
        'margins stay visible',
    },
    {
      term: 'consolidation',
      text: 'opacification that hides the margins of vessels and airway walls',
    },
  ],
  findings: [
    {
      key: 'opacity',
      type: 'multi',
      label: 'Opacity type',
      help: 'Every type seen; none when the lungs are clear.',
      choices: [
        { key: 'ggo', label: 'Ground-glass opacity' },
        { key: 'mixed-ggo', label: 'Mixed ground-glass opacity' },
        { key: 'consolidation', label: 'Consolidation' },
      ],
    },
    { key: 'air-bronchogram', type: 'binary', label: 'Air bronchogram', help: present },
    {
      key: 'septal-thickening',
      type: 'binary',
      label: 'Interlobular septal thickening',
      help: present,
    },
    { key: 'cavitation', type: 'binary', label: 'Cavitation', help: present },
    {
      key: 'lobes-affected',
      type: 'ordinal',
      label: 'Lobes affected',
      help: 'Number of lobes with ground-glass or consolidative opacity.',
      min: 0,
      max: 5,
    },
    { key: 'fibrosis', type: 'binary', label: 'Fibrotic lesions', help: present },
    { key: 'centrilobular-nodules', type: 'binary', label: 'Centrilobular nodules' },
    { key: 'pleural-effusion', type: 'binary', label: 'Pleural effusion' },
    { key: 'lymphadenopathy', type: 'binary', label: 'Thoracic lymphadenopathy' },
    {
      key: 'underlying-disease',
      type: 'multi',
      label: 'Underlying lung disease',
      choices: [
        { key: 'tuberculosis', label: 'Tuberculosis' },
        { key: 'emphysema', label: 'Emphysema' },
        { key: 'ild', label: 'Interstitial lung disease' },
      ],
    },
    {
      key: 'distribution',
      type: 'multi',
      label: 'Distribution of opacities',
      choices: [
        { key: 'peripheral', label: 'Peripheral' },
        { key: 'central', label: 'Central' },
        { key: 'bilateral', label: 'Bilateral' },
        { key: 'focal', label: 'Focal' },
        { key: 'multilobar', label: 'Multi-lobar' },
        { key: 'diffuse', label: 'Diffuse' },
      ],
    },
  ],
};
